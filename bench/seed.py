"""Seed N links straight into a migrated database, as the server would store them.

usage: seed.py DB N SAMPLE OUT
Writes SAMPLE random (key, secret) pairs from the seeded links to OUT, one "key secret" per line.
"""
import hashlib
import random
import secrets
import sqlite3
import string
import sys

ALPHABET = string.ascii_letters + string.digits


def base62(n: int, width: int) -> str:
    out = []
    for _ in range(width):
        n, r = divmod(n, 62)
        out.append(ALPHABET[r])
    return "".join(reversed(out))


def main() -> None:
    db, n, sample, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    conn = sqlite3.connect(db)
    conn.execute("pragma journal_mode=wal")
    chosen = set(random.sample(range(n), min(sample, n)))
    picked = []

    def rows():
        for i in range(n):
            key = base62(i * 7919 + 12345, 6)
            secret = "".join(secrets.choice(ALPHABET) for _ in range(32)) if i in chosen else secrets.token_hex(16)
            if i in chosen:
                picked.append((key, secret))
            yield key, hashlib.sha256(secret.encode()).digest(), f"https://example.com/seeded/{i}"

    with conn:
        conn.executemany("insert into link (key, secret_hash, target_url) values (?, ?, ?)", rows())
    conn.close()
    random.shuffle(picked)
    with open(out, "w") as f:
        for key, secret in picked:
            f.write(f"{key} {secret}\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Lighthouse (accessibility and best practices) on the home, admin, smart link's admin,
# peek, collection, stats, Continue (with a link preview), protected-link, not-live-yet
# and error pages of the release binary, link previews on (and
# home, admin, smart and peek pages in German, French, Spanish and Portuguese), in
# Debian's Chromium, light theme then dark. Prints each score; exits 1 if the home,
# admin, smart, peek, collection, stats or Continue page scores below 100. The 401 and
# 404 pages are shown for information: Chromium logs their (correct) status as a console
# error, which costs 4 best-practices points whatever the page holds.
# Usage: bench/a11y.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
lighthouse=bench/.npm/node_modules/.bin/lighthouse
if [ ! -x "$lighthouse" ]; then
    npm install --silent --no-audit --no-fund --prefix bench/.npm lighthouse@12 >/dev/null
fi

source bench/common.sh
export ROCKET_PREVIEWS=true
start_app "$work"
base="http://127.0.0.1:$app_port"
created=$(curl -sf -H 'Content-Type: application/json' \
    -d '{"target_url": "https://example.com/a/long/address"}' "$base/url")
admin=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["admin_url"])' <<<"$created")
short=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])' <<<"$created")
for _ in 1 2 3; do curl -s -o /dev/null -H 'Referer: https://news.example.com/' "$short"; done
stats=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["stats_url"])' <<<"$created")
collection=$(curl -sf -H 'Content-Type: application/json' -d '{"name": "Posters"}' "$base/collections" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')
curl -sf -o /dev/null -H 'Content-Type: application/json' -d "{\"admin_url\": \"$admin\"}" "$collection/links"
smart=$(curl -sf -H 'Content-Type: application/json' -d '{"target_url": "https://example.com/",
    "rules": [{"when": {"device": "ios"}, "target_url": "https://apps.apple.com/app/id1"},
              {"when": {"language": "de"}, "target_url": "https://example.com/de/"}],
    "variants": [{"target_url": "https://example.com/a", "weight": 50}, {"target_url": "https://example.com/b", "weight": 50}]}' \
    "$base/url")
smart_admin=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["admin_url"])' <<<"$smart")
smart_key=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["url"].rsplit("/", 1)[1])' <<<"$smart")
curl -s -o /dev/null -H 'Accept-Language: de' "$base/$smart_key"
locked=$(curl -sf -H 'Content-Type: application/json' \
    -d '{"target_url": "https://example.com/", "password": "open sesame"}' "$base/url" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')

# A humans_only link with a preview: its Continue page, and its admin page's preview form.
card=$(curl -sf -H 'Content-Type: application/json' -d '{"target_url": "https://example.com/",
    "preview": {"title": "Spring sale", "description": "Half price this week", "image_url": "https://example.com/card.png"}}' \
    "$base/url")
card_admin=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["admin_url"])' <<<"$card")
card_short=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])' <<<"$card")
waiting=$(curl -sf -H 'Content-Type: application/json' \
    -d '{"target_url": "https://example.com/", "starts_at": "2999-01-01T00:00:00Z"}' "$base/url" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')

export CHROME_PATH=$(command -v chromium)
status=0
printf '%-10s %-6s %14s %15s\n' page theme accessibility best-practices
for theme in light dark; do
    for page in "home $base/" "admin $admin" "smart $smart_admin" "peek $base/peek/$smart_key" \
        "collection $collection" "stats $stats" \
        "continue $card_short" "card $card_admin" \
        "protected $locked" "not-live $waiting" "error $base/no-such-link" \
        "home-de $base/?lang=de" "admin-de $admin?lang=de" "home-fr $base/?lang=fr" "admin-fr $admin?lang=fr" \
        "home-es $base/?lang=es" "admin-es $admin?lang=es" "smart-pt $smart_admin?lang=pt-BR" "peek-pt $base/peek/$smart_key?lang=pt-BR"; do
        set -- $page
        scheme=() agent=()
        [ "$theme" = dark ] && scheme=(--blink-settings=preferredColorScheme=0)
        # The Continue page is what a link previewer gets; a browser is forwarded.
        [ "$1" = continue ] && agent=(--emulatedUserAgent="Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)")
        "$lighthouse" "$2" "${agent[@]}" --quiet --output=json --output-path="$work/report.json" \
            --only-categories=accessibility,best-practices --form-factor=desktop --screenEmulation.disabled \
            --ignore-status-code \
            --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run ${scheme[*]:-}" \
            >/dev/null 2>&1 || { echo "lighthouse failed on $1" >&2; status=1; continue; }
        read -r a b failed < <(python3 - "$work/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["categories"]
bad = [a["id"] for cat in c.values() for ref in cat["auditRefs"]
       for a in [r["audits"][ref["id"]]] if ref["weight"] > 0 and a["score"] is not None and a["score"] < 1]
print(round(c["accessibility"]["score"] * 100), round(c["best-practices"]["score"] * 100), ",".join(bad) or "-")
PY
)
        printf '%-10s %-6s %14s %15s  %s\n' "$1" "$theme" "$a" "$b" "$failed"
        case $1 in home* | admin* | smart* | peek* | collection | stats | continue | card) [ "$a" = 100 ] && [ "$b" = 100 ] || status=1 ;; esac
    done
done
exit $status

//! What this process asks the Linux kernel directly, beyond what `std` offers: the
//! crate's only `unsafe` code (the crate denies it everywhere else), each call behind
//! a safe function whose comment says why it is sound. The connection watch
//! (`web::connections`) reads sockets and descriptors through `sockets` and
//! `descriptors`; the database file's watch (`db::watch`) asks `writable`.

#[cfg(target_os = "linux")]
pub mod descriptors;
#[cfg(target_os = "linux")]
pub mod sockets;

use std::path::Path;

/// Raises the soft file limit to the hard one (systemd's default is 1,024 soft,
/// 524,288 hard) and returns the limit now in force.
pub fn raise_file_limit() -> u64 {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return 1024;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: limit.rlim_max,
                rlim_max: limit.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit = raised;
            }
        }
    }
    limit.rlim_cur
}

/// Whether this process may write `path`, by its effective rights (`faccessat` with
/// `AT_EACCESS`); a read-only filesystem counts as not writable, even for root.
pub fn writable(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c_path` is a valid NUL-terminated string for the call's duration.
    unsafe {
        libc::faccessat(
            libc::AT_FDCWD,
            c_path.as_ptr(),
            libc::W_OK,
            libc::AT_EACCESS,
        ) == 0
    }
}

/// Keeps the heaps small on a small machine (bench/memory.sh measures it); `main`
/// calls it first, before any other thread exists:
/// - no transparent huge pages for this process, unless `MIMALLOC_ALLOW_THP` is set:
///   mimalloc asks for them on its heaps, and then every thread's heap grows in 2 MiB
///   steps (an idle server took 27 MB instead of 14, and 70 MB instead of 40 under
///   load) while the redirect measured no faster with them;
/// - SQLite's allocations (C `malloc`, one connection per thread) share one glibc
///   arena instead of holding one each, unless `MALLOC_ARENA_MAX` says otherwise.
///
/// mimalloc keeps its own purge delay (`MIMALLOC_PURGE_DELAY` sets it): returning
/// freed pages every 10 ms saved memory under load but cost the redirect about a
/// sixth of its speed.
pub fn small_heaps() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: a flag on this process with plain integer arguments; pages already
        // mapped keep their size, later faults take small pages even where mimalloc
        // asked for huge ones.
        unsafe {
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: called first in `main`, before any other thread exists.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_of_ours_is_writable_and_a_missing_path_is_not() {
        let dir = tempfile::tempdir().unwrap();
        assert!(writable(dir.path()));
        assert!(!writable(&dir.path().join("missing")));
        assert!(!writable(Path::new("bad\0path")));
    }

    #[test]
    fn the_file_limit_is_raised_to_at_least_what_it_was() {
        let raised = raise_file_limit();
        assert!(raised >= 256, "{raised}");
        assert_eq!(raise_file_limit(), raised, "a second raise changes nothing");
    }
}

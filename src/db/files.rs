//! Files the app writes that hold its data (the database, exports, backups): created
//! readable by their owner only, and never through a symbolic link, since such a file
//! holds password hashes, secret hashes and click history.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// The mode of every data file the app creates: owner read and write.
#[cfg(unix)]
const PRIVATE: u32 = 0o600;

/// Creates `path`, which must not exist: `O_CREAT | O_EXCL` also refuses a symbolic
/// link, dangling or not, so nothing is written where the link points.
pub fn create_new(path: &Path) -> io::Result<File> {
    let mut open = OpenOptions::new();
    open.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut open, PRIVATE);
    open.open(path)
}

/// Creates or empties `path` for writing, owner-only in both cases; a symbolic link
/// there is refused rather than followed.
pub fn create_or_truncate(path: &Path) -> io::Result<File> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => create_new(path),
        Err(e) => Err(e),
        Ok(meta) if meta.file_type().is_symlink() => Err(refused_link()),
        Ok(_) => truncate_existing(path),
    }
}

/// Opens the file at `path` and empties it, without following a symbolic link that
/// was put there after the caller looked (`O_NOFOLLOW`), and makes it owner-only
/// through the open file (`fchmod`), so the mode lands on the file truncated.
fn truncate_existing(path: &Path) -> io::Result<File> {
    let mut open = OpenOptions::new();
    open.write(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut open, libc::O_NOFOLLOW);
    let file = match open.open(path) {
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Err(refused_link()),
        other => other?,
    };
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(PRIVATE))?;
    Ok(file)
}

/// The refusal of a symbolic link where a data file goes.
fn refused_link() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        "it is a symbolic link; give the file itself",
    )
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn new_and_overwritten_files_are_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new");
        create_new(&new).unwrap();
        assert_eq!(mode(&new), 0o600);
        assert!(create_new(&new).is_err(), "never over an existing file");

        let old = dir.path().join("old");
        std::fs::write(&old, "old data").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
        create_or_truncate(&old).unwrap();
        assert_eq!(mode(&old), 0o600);
        assert_eq!(std::fs::read(&old).unwrap(), b"");
    }

    #[test]
    fn symbolic_links_are_refused_dangling_or_not() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(create_new(&link).is_err());
        assert!(create_or_truncate(&link).is_err());
        assert!(!target.exists(), "nothing written through the link");
        std::fs::write(&target, "kept").unwrap();
        assert!(create_or_truncate(&link).is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"kept");
    }

    #[test]
    fn a_symbolic_link_put_there_after_the_look_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        let link = dir.path().join("link");
        std::fs::write(&target, "kept").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
        // The race: the path was a file when looked at, and is a link when opened.
        std::os::unix::fs::symlink(&target, &link).unwrap();

        assert!(truncate_existing(&link).is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"kept");
        assert_eq!(mode(&target), 0o644);
    }
}

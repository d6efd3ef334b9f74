//! This process's open descriptors, read without opening new ones: the connection
//! watch scans them while the process may be out of descriptors, and shuts a
//! connection down without closing the number Rocket holds.

use std::os::fd::{AsRawFd, RawFd};

/// The watch's handles: `/proc/self/fd` opened once, `/dev/null` twice.
pub struct Descriptors {
    /// `/proc/self/fd`, read again from its start each time, so a look needs no
    /// new descriptor.
    dir: std::fs::File,
    /// `/dev/null`, to ask for the lowest free number, and to park `spare` on.
    null: std::fs::File,
    /// A number of our own that a socket is duplicated onto (`dup2` needs no free
    /// number) to be checked and shut down.
    spare: std::fs::File,
    buffer: Vec<u8>,
}

impl Descriptors {
    /// Opens the three handles (the only descriptors this takes, ever).
    pub fn new() -> std::io::Result<Descriptors> {
        use std::os::unix::fs::OpenOptionsExt;
        let dir = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY)
            .open("/proc/self/fd")?;
        Ok(Descriptors {
            dir,
            null: std::fs::File::open("/dev/null")?,
            spare: std::fs::File::open("/dev/null")?,
            buffer: vec![0; 64 * 1024],
        })
    }

    /// The lowest free descriptor number: two system calls, cheap enough to ask
    /// every few milliseconds. The kernel hands out the lowest free number, so
    /// while connections pile up this follows their count (it never overstates it).
    pub fn lowest_free(&self) -> u64 {
        // SAFETY: the duplicate is this function's own and closed at once.
        unsafe {
            let fd = libc::fcntl(self.null.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 0);
            if fd < 0 {
                return u64::MAX; // Out of descriptors: crowded indeed.
            }
            libc::close(fd);
            fd as u64
        }
    }

    /// The descriptor numbers open in this process, but these handles' own.
    pub fn open(&mut self) -> Vec<RawFd> {
        let own = [
            self.dir.as_raw_fd(),
            self.null.as_raw_fd(),
            self.spare.as_raw_fd(),
        ];
        let mut found = Vec::new();
        let dir = self.dir.as_raw_fd();
        // SAFETY: getdents64 writes at most `buffer.len()` bytes into the buffer,
        // and each record it wrote is read within the length it returned.
        unsafe {
            if libc::lseek(dir, 0, libc::SEEK_SET) != 0 {
                return found;
            }
            loop {
                let buffer = self.buffer.as_mut_ptr();
                let read = libc::syscall(libc::SYS_getdents64, dir, buffer, self.buffer.len());
                if read <= 0 {
                    return found;
                }
                let mut at = 0usize;
                while at < read as usize {
                    // struct linux_dirent64: d_ino u64, d_off i64, d_reclen u16,
                    // d_type u8, then the name, NUL-terminated.
                    let record = buffer.add(at);
                    let length = u16::from_ne_bytes([*record.add(16), *record.add(17)]);
                    let name = std::ffi::CStr::from_ptr(record.add(19).cast());
                    let fd = name.to_str().ok().and_then(|n| n.parse::<RawFd>().ok());
                    if let Some(fd) = fd.filter(|fd| !own.contains(fd)) {
                        found.push(fd);
                    }
                    at += usize::from(length.max(1));
                }
            }
        }
    }

    /// Shuts down (both ways) the socket at `fd` if it is still the socket `inode`,
    /// through `spare` made a duplicate of it, so a number reused meanwhile is left
    /// alone; the number itself stays open (Rocket closes it). Whether it was shut.
    pub fn shut_down(&mut self, fd: RawFd, inode: u64) -> bool {
        let spare = self.spare.as_raw_fd();
        // SAFETY: dup2 makes `spare`, our own number, a duplicate; the original
        // descriptor stays its owner's, and `spare` never stops being open.
        unsafe {
            if libc::dup2(fd, spare) < 0 {
                return false;
            }
            let mut stat: libc::stat = std::mem::zeroed();
            let same = libc::fstat(spare, &mut stat) == 0 && stat.st_ino == inode;
            if same {
                libc::shutdown(spare, libc::SHUT_RDWR);
            }
            libc::dup2(self.null.as_raw_fd(), spare);
            same
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::net::{TcpListener, TcpStream};

    #[test]
    fn open_descriptors_include_a_new_socket_and_not_our_own_handles() {
        let mut descriptors = Descriptors::new().unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let open = descriptors.open();
        assert!(open.contains(&listener.as_raw_fd()));
        assert!(!open.contains(&descriptors.dir.as_raw_fd()));
        assert!(!open.contains(&descriptors.spare.as_raw_fd()));
        assert!(descriptors.lowest_free() >= 3);
    }

    #[test]
    fn a_connection_is_shut_down_only_while_it_is_the_same_socket() {
        let mut descriptors = Descriptors::new().unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (accepted, _) = listener.accept().unwrap();
        let inode = crate::kernel::sockets::socket_inode(accepted.as_raw_fd()).unwrap();

        assert!(!descriptors.shut_down(accepted.as_raw_fd(), inode + 1));
        assert!(descriptors.shut_down(accepted.as_raw_fd(), inode));
        let mut byte = [0u8; 1];
        assert_eq!(
            client.read(&mut byte).unwrap(),
            0,
            "the client sees the end"
        );
        assert!(crate::kernel::sockets::socket_inode(accepted.as_raw_fd()).is_some());
    }
}

//! One socket, by descriptor number: whether it is one, its ports and peer, and the
//! kernel's TCP counters. Every function only reads; a number that is not a socket
//! (or no longer open) answers `None`.

use std::net::{IpAddr, SocketAddr};
use std::os::fd::RawFd;

/// The inode of the socket behind descriptor `fd`, if it is a socket (`fstat`
/// needs no descriptor of its own).
pub fn socket_inode(fd: RawFd) -> Option<u64> {
    // SAFETY: fstat only writes into the struct passed.
    unsafe {
        let mut stat: libc::stat = std::mem::zeroed();
        let is_socket =
            libc::fstat(fd, &mut stat) == 0 && stat.st_mode & libc::S_IFMT == libc::S_IFSOCK;
        is_socket.then_some(stat.st_ino)
    }
}

/// The local port of `fd`, if it is an IP socket that is listening (`listener`)
/// or not.
pub fn local_port(fd: RawFd, listener: bool) -> Option<u16> {
    let mut listening: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: getsockopt only writes into the int passed, sized as declared.
    let got = unsafe {
        libc::getsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_ACCEPTCONN,
            (&mut listening as *mut libc::c_int).cast(),
            &mut len,
        )
    };
    if got != 0 || (listening != 0) != listener {
        return None;
    }
    address_of(fd, libc::getsockname).map(|addr| addr.port())
}

/// The peer's address and port, if `fd` is a connection accepted on `port`.
pub fn accepted_from(fd: RawFd, port: u16) -> Option<SocketAddr> {
    if local_port(fd, false) != Some(port) {
        return None;
    }
    address_of(fd, libc::getpeername)
}

/// Which address of `fd` `call` (`getsockname`, `getpeername`) gives, if an IP one.
fn address_of(
    fd: RawFd,
    call: unsafe extern "C" fn(
        libc::c_int,
        *mut libc::sockaddr,
        *mut libc::socklen_t,
    ) -> libc::c_int,
) -> Option<SocketAddr> {
    // SAFETY: the call writes at most `len` bytes into `addr`, and the family it
    // wrote says which struct those bytes are.
    unsafe {
        let mut addr: libc::sockaddr_storage = std::mem::zeroed();
        let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        if call(
            fd,
            (&mut addr as *mut libc::sockaddr_storage).cast(),
            &mut len,
        ) != 0
        {
            return None;
        }
        match addr.ss_family as libc::c_int {
            libc::AF_INET => {
                let v4 = &*(&addr as *const libc::sockaddr_storage).cast::<libc::sockaddr_in>();
                let ip = std::net::Ipv4Addr::from(u32::from_be(v4.sin_addr.s_addr));
                Some(SocketAddr::new(IpAddr::V4(ip), u16::from_be(v4.sin_port)))
            }
            libc::AF_INET6 => {
                let v6 = &*(&addr as *const libc::sockaddr_storage).cast::<libc::sockaddr_in6>();
                let ip = std::net::Ipv6Addr::from(v6.sin6_addr.s6_addr);
                Some(SocketAddr::new(IpAddr::V6(ip), u16::from_be(v6.sin6_port)))
            }
            _ => None,
        }
    }
}

/// What the kernel counts of one TCP connection.
#[derive(Debug, Clone, Copy)]
pub struct Counters {
    /// Request bytes received so far.
    pub received: u64,
    /// Milliseconds since the last byte in (since it opened, if none).
    pub since_received: u64,
    /// Milliseconds since the last byte out.
    pub since_sent: u64,
}

/// The kernel's counters of `fd`, if it is a TCP socket.
pub fn tcp_info(fd: RawFd) -> Option<Counters> {
    // SAFETY: getsockopt only writes into the buffer passed, sized as declared.
    unsafe {
        let mut info: TcpInfo = std::mem::zeroed();
        let mut len = std::mem::size_of::<TcpInfo>() as libc::socklen_t;
        let got = libc::getsockopt(
            fd,
            libc::IPPROTO_TCP,
            libc::TCP_INFO,
            (&mut info as *mut TcpInfo).cast(),
            &mut len,
        );
        if got != 0 || (len as usize) < std::mem::size_of::<TcpInfo>() {
            return None;
        }
        Some(Counters {
            received: info.bytes_received,
            since_received: u64::from(info.times[LAST_DATA_RECV]),
            since_sent: u64::from(info.times[LAST_DATA_SENT]),
        })
    }
}

/// The start of the kernel's `struct tcp_info` (Linux 4.1 and later), as far as
/// the byte counters; glibc's copy of the struct stops before them.
#[repr(C)]
struct TcpInfo {
    flags: [u8; 8],
    times: [u32; 24],
    pacing_rate: [u64; 2],
    bytes_acked: u64,
    bytes_received: u64,
}

/// Positions in `TcpInfo::times` (after rto, ato, two mss and five counters).
const LAST_DATA_SENT: usize = 9;
const LAST_DATA_RECV: usize = 11;

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::net::{TcpListener, TcpStream};
    use std::os::fd::AsRawFd;

    #[test]
    fn a_connection_is_told_apart_from_its_listener_and_read_by_its_counters() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let mut client = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let (accepted, peer) = listener.accept().unwrap();

        assert_eq!(local_port(listener.as_raw_fd(), true), Some(port));
        assert_eq!(local_port(listener.as_raw_fd(), false), None);
        assert_eq!(accepted_from(accepted.as_raw_fd(), port), Some(peer));
        assert_eq!(
            accepted_from(accepted.as_raw_fd(), port.wrapping_add(1)),
            None
        );
        assert_eq!(accepted_from(listener.as_raw_fd(), port), None);

        client.write_all(b"GET / HTTP/1.1\r\n").unwrap();
        let started = std::time::Instant::now();
        let counters = loop {
            let counters = tcp_info(accepted.as_raw_fd()).expect("a TCP socket");
            if counters.received >= 16 || started.elapsed().as_secs() > 2 {
                break counters;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        };
        assert_eq!(counters.received, 16);
        assert!(counters.since_received < 2000);
    }

    #[test]
    fn only_sockets_have_a_socket_inode() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        assert!(socket_inode(listener.as_raw_fd()).is_some());
        let file = tempfile::tempfile().unwrap();
        assert_eq!(socket_inode(file.as_raw_fd()), None);
        assert_eq!(tcp_info(file.as_raw_fd()).map(|c| c.received), None);
        assert_eq!(local_port(file.as_raw_fd(), false), None);
        assert_eq!(socket_inode(-1), None);
    }
}

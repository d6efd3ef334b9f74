//! Which addresses a check may connect to: globally routable unicast only, judged by
//! an allow-list minus IANA's special-purpose blocks, so anything new or odd is refused.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Whether an address is globally routable unicast: an allow-list (IPv4 unicast
/// space, IPv6 `2000::/3`) minus the special-purpose blocks that are not global,
/// so anything new or odd is refused. IPv4-mapped IPv6 is judged as its IPv4.
pub fn is_global(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_global_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_global_v4(v4),
            None => is_global_v6(v6),
        },
    }
}

/// The last IPv4 unicast address: multicast (`224/4`), reserved (`240/4`) and
/// broadcast lie above it.
const V4_UNICAST_END: Ipv4Addr = Ipv4Addr::new(223, 255, 255, 255);

/// IANA's IPv4 special-purpose blocks that are not globally reachable.
const V4_NOT_GLOBAL: [(Ipv4Addr, u8); 13] = [
    (Ipv4Addr::new(0, 0, 0, 0), 8),       // "this network"
    (Ipv4Addr::new(10, 0, 0, 0), 8),      // private
    (Ipv4Addr::new(100, 64, 0, 0), 10),   // shared (carrier-grade NAT)
    (Ipv4Addr::new(127, 0, 0, 0), 8),     // loopback
    (Ipv4Addr::new(169, 254, 0, 0), 16),  // link-local (cloud metadata)
    (Ipv4Addr::new(172, 16, 0, 0), 12),   // private
    (Ipv4Addr::new(192, 0, 0, 0), 24),    // IETF protocol assignments
    (Ipv4Addr::new(192, 0, 2, 0), 24),    // documentation
    (Ipv4Addr::new(192, 88, 99, 0), 24),  // 6to4 relay anycast (deprecated)
    (Ipv4Addr::new(192, 168, 0, 0), 16),  // private
    (Ipv4Addr::new(198, 18, 0, 0), 15),   // benchmarking
    (Ipv4Addr::new(198, 51, 100, 0), 24), // documentation
    (Ipv4Addr::new(203, 0, 113, 0), 24),  // documentation
];

fn is_global_v4(ip: Ipv4Addr) -> bool {
    ip <= V4_UNICAST_END && !V4_NOT_GLOBAL.iter().any(|&block| in_v4(ip, block))
}

fn in_v4(ip: Ipv4Addr, (net, prefix): (Ipv4Addr, u8)) -> bool {
    let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
    u32::from(ip) & mask == u32::from(net) & mask
}

/// IPv6 global unicast: `2000::/3`. NAT64 (`64:ff9b::/96`, `64:ff9b:1::/48`),
/// IPv4-compatible (`::a.b.c.d`), site-local (`fec0::/10`), unique-local, link-local,
/// loopback and multicast all lie outside it.
const V6_GLOBAL_UNICAST: (Ipv6Addr, u8) = (Ipv6Addr::new(0x2000, 0, 0, 0, 0, 0, 0, 0), 3);

/// Blocks inside `2000::/3` that are not global, or that tunnel to an IPv4 address
/// of their own choosing.
const V6_NOT_GLOBAL: [(Ipv6Addr, u8); 4] = [
    (Ipv6Addr::new(0x2001, 0, 0, 0, 0, 0, 0, 0), 23), // IETF protocol assignments, Teredo
    (Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32), // documentation
    (Ipv6Addr::new(0x2002, 0, 0, 0, 0, 0, 0, 0), 16), // 6to4
    (Ipv6Addr::new(0x3fff, 0, 0, 0, 0, 0, 0, 0), 20), // documentation
];

fn is_global_v6(ip: Ipv6Addr) -> bool {
    in_v6(ip, V6_GLOBAL_UNICAST) && !V6_NOT_GLOBAL.iter().any(|&block| in_v6(ip, block))
}

fn in_v6(ip: Ipv6Addr, (net, prefix): (Ipv6Addr, u8)) -> bool {
    let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
    u128::from(ip) & mask == u128::from(net) & mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_global_unicast_addresses_pass() {
        for refused in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "0.1.2.3",
            "100.64.0.1",
            "255.255.255.255",
            "224.0.0.1",
            "192.0.0.8",
            "192.0.0.255",
            "192.0.2.1",
            "192.88.99.1",
            "198.18.0.1",
            "198.19.255.255",
            "198.51.100.7",
            "203.0.113.9",
            "240.0.0.1",
            "250.1.2.3",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "fec0::1",
            "feff::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "::8.8.8.8",
            "64:ff9b::7f00:1",
            "64:ff9b::808:808",
            "64:ff9b:1::a00:1",
            "64:ff9b:1:ffff::1",
            "2002:7f00:1::",
            "2002:808:808::1",
            "2001::1",
            "2001:db8::1",
            "3fff::1",
        ] {
            assert!(!is_global(refused.parse().unwrap()), "{refused}");
        }
        for global in [
            "93.184.215.14",
            "8.8.8.8",
            "1.1.1.1",
            "198.17.255.255",
            "198.20.0.0",
            "192.0.1.1",
            "223.255.255.254",
            "2606:4700::1111",
            "2a00:1450:4001::200e",
            "::ffff:1.1.1.1",
        ] {
            assert!(is_global(global.parse().unwrap()), "{global}");
        }
    }
}

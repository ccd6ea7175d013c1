//! Which addresses an identity server may live at (docs/membership.md, "Third-party invites"): public
//! unicast only. Loopback, private, link-local, CGNAT, multicast, documentation and other
//! reserved ranges are refused, in IPv4 and IPv6, and IPv6 forms that embed an IPv4 address
//! are judged by that address.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// IPv4 ranges that are not the public internet: (network, prefix length, what it is).
const REFUSED_V4: &[([u8; 4], u8, &str)] = &[
    ([0, 0, 0, 0], 8, "this network"),
    ([10, 0, 0, 0], 8, "private"),
    ([100, 64, 0, 0], 10, "carrier-grade NAT"),
    ([127, 0, 0, 0], 8, "loopback"),
    ([169, 254, 0, 0], 16, "link-local"),
    ([172, 16, 0, 0], 12, "private"),
    ([192, 0, 0, 0], 24, "IETF protocol assignments"),
    ([192, 0, 2, 0], 24, "documentation"),
    ([192, 88, 99, 0], 24, "6to4 relay anycast"),
    ([192, 168, 0, 0], 16, "private"),
    ([198, 18, 0, 0], 15, "benchmarking"),
    ([198, 51, 100, 0], 24, "documentation"),
    ([203, 0, 113, 0], 24, "documentation"),
    ([224, 0, 0, 0], 4, "multicast"),
    ([240, 0, 0, 0], 4, "reserved"),
];

/// IPv6 ranges refused inside global unicast (2000::/3; everything outside it is refused).
const REFUSED_V6: &[(u128, u8, &str)] = &[
    (0x2001_0db8 << 96, 32, "documentation"),
    (0x2001_0000 << 96, 23, "IETF protocol assignments"),
    (0x3fff_0000 << 96, 20, "documentation"),
];

/// Why `ip` is not a public address, or `None` when it is.
pub fn refusal(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => refusal_v4(v4),
        IpAddr::V6(v6) => refusal_v6(v6),
    }
}

fn refusal_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let address = u32::from(ip);
    REFUSED_V4.iter().find_map(|&(network, prefix, what)| {
        let mask = u32::MAX << (32 - u32::from(prefix));
        (address & mask == u32::from(Ipv4Addr::from(network)) & mask).then_some(what)
    })
}

fn refusal_v6(ip: Ipv6Addr) -> Option<&'static str> {
    // ::ffff:a.b.c.d (mapped), 64:ff9b::a.b.c.d (NAT64) and 2002:AABB:CCDD:: (6to4) reach
    // an IPv4 address: judge that one.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return refusal_v4(v4);
    }
    let bits = u128::from(ip);
    if bits >> 32 == 0x0064_ff9b << 64 {
        return refusal_v4(Ipv4Addr::from(bits as u32));
    }
    if bits >> 112 == 0x2002 {
        return refusal_v4(Ipv4Addr::from((bits >> 80) as u32));
    }
    if bits >> 125 != 0b001 {
        return Some(match bits >> 120 {
            0xff => "multicast",
            0xfc | 0xfd => "unique local",
            0xfe => "link-local or site-local",
            _ if ip.is_loopback() => "loopback",
            _ => "not global unicast",
        });
    }
    REFUSED_V6.iter().find_map(|&(network, prefix, what)| {
        let mask = u128::MAX << (128 - u32::from(prefix));
        (bits & mask == network & mask).then_some(what)
    })
}

#[cfg(test)]
mod tests {
    use super::refusal;

    #[test]
    fn only_public_unicast_passes() {
        for public in [
            "1.1.1.1",
            "8.8.8.8",
            "100.63.255.255",
            "172.32.0.1",
            "2606:4700::1111",
            "2002:0808:0808::1",
            "64:ff9b::808:808",
            "::ffff:8.8.8.8",
        ] {
            assert_eq!(refusal(public.parse().unwrap()), None, "{public}");
        }
        for (private, why) in [
            ("127.0.0.1", "loopback"),
            ("10.1.2.3", "private"),
            ("172.16.0.1", "private"),
            ("192.168.1.1", "private"),
            ("169.254.169.254", "link-local"),
            ("100.64.0.1", "carrier-grade NAT"),
            ("224.0.0.1", "multicast"),
            ("255.255.255.255", "reserved"),
            ("0.0.0.0", "this network"),
            ("198.18.0.1", "benchmarking"),
            ("::1", "loopback"),
            ("::", "not global unicast"),
            ("fe80::1", "link-local or site-local"),
            ("fd00::1", "unique local"),
            ("ff02::1", "multicast"),
            ("2001:db8::1", "documentation"),
            ("::ffff:127.0.0.1", "loopback"),
            ("::ffff:169.254.169.254", "link-local"),
            ("64:ff9b::a00:1", "private"),
            ("2002:7f00:0001::1", "loopback"),
        ] {
            assert_eq!(refusal(private.parse().unwrap()), Some(why), "{private}");
        }
    }
}

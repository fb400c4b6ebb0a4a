import Foundation

/// An IPv4 or IPv6 network in CIDR notation (`10.244.0.0/16`), for the pod network checks.
public struct CIDR: Sendable, Hashable, CustomStringConvertible {
    /// The address bytes: 4 for IPv4, 16 for IPv6.
    public var address: [UInt8]
    /// The prefix length in bits.
    public var prefixLength: Int

    /// Parses CIDR notation; nil when the text is not a network.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), parts[1].allSatisfy(\.isNumber) else { return nil }
        let host = String(parts[0])
        if let bytes = Self.parseIPv4(host) {
            address = bytes
        } else if let bytes = Self.parseIPv6(host) {
            address = bytes
        } else {
            return nil
        }
        guard prefix >= 0, prefix <= address.count * 8 else { return nil }
        prefixLength = prefix
    }

    /// Whether the two networks share any address.
    public func overlaps(_ other: CIDR) -> Bool {
        guard address.count == other.address.count else { return false }
        let bits = Swift.min(prefixLength, other.prefixLength)
        for bit in 0..<bits {
            let mask = UInt8(0x80) >> UInt8(bit % 8)
            if address[bit / 8] & mask != other.address[bit / 8] & mask { return false }
        }
        return true
    }

    /// The text form (IPv4 dotted, IPv6 as eight hex groups).
    public var description: String {
        if address.count == 4 { return address.map(String.init).joined(separator: ".") + "/\(prefixLength)" }
        let groups = stride(from: 0, to: 16, by: 2).map { String(UInt16(address[$0]) << 8 | UInt16(address[$0 + 1]), radix: 16) }
        return groups.joined(separator: ":") + "/\(prefixLength)"
    }

    static func parseIPv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt8(part)
            else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    static func parseIPv6(_ text: String) -> [UInt8]? {
        guard text.contains(":"), text.count <= 39 else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !group.isEmpty, group.count <= 4, let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}

extension CIDR {
    /// Whether a string is an IPv4 or IPv6 address (seeds must be DNS names in Kubernetes).
    public static func isAddress(_ text: String) -> Bool {
        parseIPv4(text) != nil || parseIPv6(text) != nil
    }
}

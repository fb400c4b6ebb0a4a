/// The kinds of name a plan carries into shell commands, CQL and manifests, each with the
/// characters it may hold. Nothing a plan says can carry quotes, `$(...)`, `;`, stray
/// whitespace or control characters past this wall (emitters quote as well).
enum NameKind: Sendable {
    /// Kubernetes DNS-1123 label: plan name, namespace, StatefulSet, claim template.
    case dnsLabel
    /// Kubernetes DNS-1123 subdomain: StorageClass, cluster DNS domain.
    case dnsSubdomain
    /// A CQL keyspace name: letters, digits, underscore; 1 to 48 characters.
    case keyspace
    /// A datacenter, rack, cluster label or node label: letters, digits, `_`, `.`, `-`.
    case topology
    /// An EBS volume id: `vol-` and 8 or 17 hex digits.
    case ebsVolume
    /// An availability zone or region: lowercase letters, digits, `-`.
    case zone
    /// A kubeconfig context: no quotes, no `$`, `;`, backslash, whitespace or control characters.
    case context
    /// Cassandra's cluster name: any printable text without control characters or leading or
    /// trailing spaces ("Bob's Cluster" is legal; emitters quote it).
    case clusterName
    /// A container image reference.
    case image
    /// A host name or IP address.
    case host
    /// A Unix user name.
    case user
    /// Extra ssh options: words separated by spaces, no shell metacharacters.
    case sshOptions

    /// What the name may contain, for help lines.
    var requirement: String {
        switch self {
        case .dnsLabel: return "lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"
        case .dnsSubdomain: return "lowercase letters, digits, '-' and '.', at most 253 characters"
        case .keyspace: return "letters, digits and '_', 1 to 48 characters"
        case .topology: return "letters, digits, '_', '.' and '-'"
        case .ebsVolume: return "'vol-' followed by 8 or 17 hexadecimal digits"
        case .zone: return "lowercase letters, digits and '-'"
        case .context: return "no quotes, '$', ';', backslashes, spaces or control characters"
        case .clusterName: return "printable characters, no control characters, no leading or trailing space"
        case .image: return "letters, digits and . _ / : @ -"
        case .host: return "letters, digits, '.', ':' and '-'"
        case .user: return "letters, digits, '_', '.' and '-', starting with a letter or '_'"
        case .sshOptions: return "ssh options separated by spaces, without quotes or shell characters ($ ` ; | & < > \\)"
        }
    }

    /// Whether a name is acceptable.
    func accepts(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty else { return false }
        switch self {
        case .dnsLabel:
            return bytes.count <= 63 && bytes.allSatisfy { Self.isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
                && Self.isLowerAlnum(bytes[0]) && Self.isLowerAlnum(bytes[bytes.count - 1])
        case .dnsSubdomain:
            return bytes.count <= 253
                && name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { NameKind.dnsLabel.accepts(String($0)) }
        case .keyspace:
            return bytes.count <= 48 && bytes.allSatisfy { Self.isAlnum($0) || $0 == UInt8(ascii: "_") }
        case .topology:
            return bytes.count <= 128 && bytes.allSatisfy { Self.isAlnum($0) || Self.among($0, "_.-") }
        case .ebsVolume:
            guard name.hasPrefix("vol-") else { return false }
            let hex = bytes.dropFirst(4)
            return (hex.count == 8 || hex.count == 17) && hex.allSatisfy { Self.isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
        case .zone:
            return bytes.count <= 63 && bytes.allSatisfy { Self.isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
        case .context:
            return bytes.count <= 253 && bytes.allSatisfy { $0 > 0x20 && $0 != 0x7F && !Self.among($0, "\"'`$;\\") }
        case .clusterName:
            return bytes.count <= 128 && bytes.first != UInt8(ascii: " ") && bytes.last != UInt8(ascii: " ")
                && bytes.allSatisfy { $0 >= 0x20 && $0 != 0x7F }
        case .image:
            return bytes.count <= 255 && Self.isAlnum(bytes[0]) && bytes.allSatisfy { Self.isAlnum($0) || Self.among($0, "._/:@-") }
        case .host:
            return bytes.count <= 253 && bytes.allSatisfy { Self.isAlnum($0) || Self.among($0, ".:-") }
                && bytes[0] != UInt8(ascii: "-")
        case .user:
            return bytes.count <= 32 && (Self.isAlpha(bytes[0]) || bytes[0] == UInt8(ascii: "_"))
                && bytes.allSatisfy { Self.isAlnum($0) || Self.among($0, "_.-") }
        case .sshOptions:
            return bytes.count <= 1024 && bytes.allSatisfy { $0 >= 0x20 && $0 != 0x7F && !Self.among($0, "\"'`$;|&<>\\()") }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isAlpha(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
    private static func isAlnum(_ byte: UInt8) -> Bool { isDigit(byte) || isAlpha(byte) }
    private static func isLowerAlnum(_ byte: UInt8) -> Bool { isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    private static func among(_ byte: UInt8, _ set: String) -> Bool { set.utf8.contains(byte) }
}

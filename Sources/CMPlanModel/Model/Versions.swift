/// A Cassandra release, `x.y.z` (the patch may be left out).
public struct CassandraVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Major version (3, 4, 5).
    public var major: Int
    /// Minor version.
    public var minor: Int
    /// Patch version, 0 when not written.
    public var patch: Int

    /// Parses `4.1.3` or `4.1`; nil for anything else.
    public init?(_ text: String) {
        guard let numbers = VersionText.numbers(text, count: 2...3) else { return nil }
        major = numbers[0]
        minor = numbers[1]
        patch = numbers.count > 2 ? numbers[2] : 0
    }

    /// Versions order numerically.
    public static func < (lhs: CassandraVersion, rhs: CassandraVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    /// `major.minor.patch`.
    public var description: String { "\(major).\(minor).\(patch)" }
}

/// A Kubernetes release, `major.minor`.
public struct KubernetesVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Major version (1).
    public var major: Int
    /// Minor version (30).
    public var minor: Int

    /// Creates a version from its numbers.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `1.30`; nil for anything else.
    public init?(_ text: String) {
        guard let numbers = VersionText.numbers(text, count: 2...2) else { return nil }
        major = numbers[0]
        minor = numbers[1]
    }

    /// Versions order numerically.
    public static func < (lhs: KubernetesVersion, rhs: KubernetesVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    /// `major.minor`.
    public var description: String { "\(major).\(minor)" }
}

/// Dotted decimal version numbers.
enum VersionText {
    /// The numbers of `a.b[.c]`, or nil when the text is not that shape.
    static func numbers(_ text: String, count: ClosedRange<Int>) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard count.contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 6, part.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(part)
            else { return nil }
            numbers.append(number)
        }
        return numbers
    }
}

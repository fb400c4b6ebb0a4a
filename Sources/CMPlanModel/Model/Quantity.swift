/// An amount of data, exact to the byte.
public struct Size: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Number of bytes.
    public var bytes: UInt64

    /// Creates a size from a byte count.
    public init(bytes: UInt64) { self.bytes = bytes }

    /// Sizes order by byte count.
    public static func < (lhs: Size, rhs: Size) -> Bool { lhs.bytes < rhs.bytes }

    /// A short human form with binary units: `825.07GiB`.
    public var description: String {
        QuantityUnits.describe(bytes, units: QuantityUnits.binarySizeNames, base: 1024)
    }
}

/// A span of time, exact to the millisecond.
public struct Duration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Number of milliseconds.
    public var milliseconds: UInt64

    /// Creates a duration from milliseconds.
    public init(milliseconds: UInt64) { self.milliseconds = milliseconds }

    /// Durations order by length.
    public static func < (lhs: Duration, rhs: Duration) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// A short human form: `3m`, `1h30m`, `250ms`.
    public var description: String {
        if milliseconds == 0 { return "0s" }
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        var rest = milliseconds / 1000
        var parts: [String] = []
        for (name, seconds) in [("d", UInt64(86_400)), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= seconds {
            parts.append("\(rest / seconds)\(name)")
            rest %= seconds
        }
        return parts.prefix(2).joined()
    }
}

/// A transfer rate, exact to the byte per second.
public struct Rate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Bytes per second.
    public var bytesPerSecond: UInt64

    /// Creates a rate from bytes per second.
    public init(bytesPerSecond: UInt64) { self.bytesPerSecond = bytesPerSecond }

    /// Rates order by speed.
    public static func < (lhs: Rate, rhs: Rate) -> Bool { lhs.bytesPerSecond < rhs.bytesPerSecond }

    /// A short human form: `24MiB/s`.
    public var description: String {
        QuantityUnits.describe(bytesPerSecond, units: QuantityUnits.binarySizeNames, base: 1024) + "/s"
    }
}

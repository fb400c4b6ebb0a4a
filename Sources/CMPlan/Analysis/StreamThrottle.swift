/// The plan's `stream_throughput` as nodetool takes it on the source's version: the unit, the
/// whole number given to `setstreamthroughput`/`setinterdcstreamthroughput`, and the rate that
/// number really is.
///
/// SOURCE: apache/cassandra 3.x/4.0 `streaming/StreamManager.java` (StreamRateLimiter:
/// `BYTES_PER_MEGABIT = (1024 * 1024) / 8`) and `tools/nodetool/SetStreamThroughput.java`
/// (`<value_in_mb>`, an int); 4.1+ `config/DataRateSpec.java` (`megabitsPerSecondInBytesPerSecond`:
/// 125000 bytes per megabit, deprecated) and SetStreamThroughput's `-m`/`--mib` (MiB/s, an int),
/// which cmplanc uses from 4.1 so a value is put back exactly.
public struct StreamThrottle: Sendable, Equatable {
    /// The unit nodetool takes.
    public enum Unit: String, Sendable {
        /// Megabits of 131072 bytes (3.x, 4.0).
        case megabits = "Mb"
        /// Mebibytes (4.1+, with `-m`).
        case mebibytes = "MiB"

        /// Bytes in one unit.
        public var bytes: UInt64 { self == .megabits ? 131_072 : 1_048_576 }
    }

    /// The unit on this version.
    public let unit: Unit
    /// The whole number of units nodetool is given (at least 1: 0 would lift the limit).
    public let value: Int

    /// The plan's rate on a source version.
    public init(rate: Rate, version: CassandraVersion) {
        unit = (version.major, version.minor) >= (4, 1) ? .mebibytes : .megabits
        let bytes = rate.bytesPerSecond
        let rounded = bytes / unit.bytes + (bytes % unit.bytes >= unit.bytes / 2 ? 1 : 0)
        // nodetool takes an int; the decoder bounds rates far below this.
        value = Int(Swift.max(1, Swift.min(rounded, UInt64(Int32.max - 1))))
    }

    /// What the limit really is.
    public var applied: Rate { Rate(bytesPerSecond: UInt64(value) * unit.bytes) }

    /// `24 MiB/s` or `200 Mb/s`, as nodetool prints it.
    public var description: String { "\(value) \(unit.rawValue)/s" }
}

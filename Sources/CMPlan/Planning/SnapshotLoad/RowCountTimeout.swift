/// How long cqlsh may wait for one `SELECT COUNT(*)` of a keyspace's first table. COUNT(*) is
/// one client request however large the table, and cqlsh gives up after 10 s by default
/// (`DEFAULT_REQUEST_TIMEOUT_SECONDS`, `--request-timeout`), so the runbook passes a timeout sized
/// to the table: its share of the keyspace's declared size read at an assumed scan rate.
struct RowCountTimeout: Sendable, Hashable {
    /// The scan rate assumed for COUNT(*), in bytes per second (an assumption, not a measurement).
    static let bytesPerSecond: UInt64 = 16 << 20
    /// Added to every scan time, for small tables and connection set-up.
    static let minimumSeconds: UInt64 = 60
    /// The timeout when the plan gives the keyspace no size.
    static let withoutSizeSeconds: UInt64 = 3600
    /// How the timeouts were sized, for the step's purpose and PLAN.md.
    static let basis = "the table's share of the keyspace's size at an assumed 16 MiB/s, at least 60 s; 3600 s without a size"

    /// The timeout in seconds.
    let seconds: UInt64

    /// The timeout for a keyspace of the plan (nil: not in the plan, treated as without a size).
    init(_ keyspace: Keyspace?) {
        guard let keyspace, let size = keyspace.size?.value else {
            seconds = Self.withoutSizeSeconds
            return
        }
        let tableBytes = size.bytes / UInt64(max(keyspace.tables.value, 1))
        let scan = (tableBytes + Self.bytesPerSecond - 1) / Self.bytesPerSecond
        seconds = Self.minimumSeconds + scan
    }
}

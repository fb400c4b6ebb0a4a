import CMPlanModel

/// nodetool's stream limits as each version keeps and prints them, and what the rebuild's
/// senders ran with. Read from apache/cassandra: 3.x/4.0 keep megabits of 131072 bytes
/// (StreamManager.StreamRateLimiter BYTES_PER_MEGABIT = 1024 * 1024 / 8; cassandra.yaml's
/// stream_throughput_outbound_megabits_per_sec and inter_dc_... default 200) and print
/// "Current stream throughput: 200 Mb/s"; 4.1+ keep bytes (cassandra.yaml stream_throughput_outbound
/// and inter_dc_stream_throughput_outbound default 24MiB/s), take and print MiB/s with `-m`
/// ("Current stream throughput: 24.0 MiB/s"), and print "unlimited" for 0. The inter-DC commands
/// print "Current inter-datacenter stream throughput: ...". Not modelled: 4.1+'s megabit form
/// (125000 bytes, rounded), which the runbooks do not use from 4.1.
extension World {
    /// The default limit of a version, in bytes per second.
    func defaultStreamLimit() -> UInt64 {
        (cassandraMajor, cassandraMinor) >= (4, 1) ? 24 * 1_048_576 : 200 * 131_072
    }

    /// A node's limit of one kind (`stream` or `interdcstream`), in bytes per second.
    func streamLimit(_ hostId: String, _ kind: String) -> UInt64 {
        streamLimits[hostId]?[kind] ?? defaultStreamLimit()
    }
}

/// `nodetool get…throughput` / `set…throughput` for one node.
enum StreamLimitCommand {
    /// Runs one; nil when `arguments` is none of the four commands.
    static func run(_ arguments: [String], hostId: String, _ world: inout World) -> (stdout: String, stderr: String, status: Int32)? {
        guard let command = arguments.first else { return nil }
        let kinds = ["getstreamthroughput": "stream", "getinterdcstreamthroughput": "interdcstream", "setstreamthroughput": "stream",
                     "setinterdcstreamthroughput": "interdcstream"]
        guard let kind = kinds[command] else { return nil }
        let modern = (world.cassandraMajor, world.cassandraMinor) >= (4, 1)
        let mebibytes = arguments.contains("-m") || arguments.contains("--mib")
        if mebibytes && !modern {
            return ("", "nodetool: Found unexpected parameters: [-m]\nSee 'nodetool help \(command)'.\n", 1)
        }
        let unit: UInt64 = mebibytes ? 1_048_576 : (modern ? 125_000 : 131_072)
        let label = kind == "stream" ? "Current stream throughput" : "Current inter-datacenter stream throughput"
        if command.hasPrefix("get") {
            let bytes = world.streamLimit(hostId, kind)
            if bytes == 0 { return ("\(label): \(modern ? "unlimited" : "0 Mb/s")\n", "", 0) }
            if mebibytes {
                // Java's Double.toString of a whole number: "24.0".
                let value = Double(bytes) / Double(unit)
                let text = value == value.rounded() ? "\(Int(value)).0" : "\(value)"
                return ("\(label): \(text) MiB/s\n", "", 0)
            }
            return ("\(label): \(bytes / unit) Mb/s\n", "", 0)
        }
        guard let value = arguments.dropFirst().last(where: { !$0.hasPrefix("-") }).flatMap({ UInt64($0) }) else {
            return ("", "nodetool: \(command) needs a whole number\n", 1)
        }
        world.streamLimits[hostId, default: [:]][kind] = value * unit
        return ("", "", 0)
    }
}

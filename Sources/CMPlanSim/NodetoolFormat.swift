import CMPlanModel
/// How nodetool prints what the simulator answers, ported from apache/cassandra's
/// tools/nodetool per version (the Java each function follows is named on it). Pure text
/// formatting: what the rows say comes from the simulated world.
enum NodetoolFormat {
    /// One node's row of `nodetool status`, every cell as nodetool prints it.
    struct StatusRow: Sendable, Hashable {
        /// "U", "D" or "?" (neither live nor unreachable).
        var status: String
        /// "N", "L", "J" or "M".
        var state: String
        /// The address (Java's InetAddress.getHostAddress: IPv6 uncompressed).
        var address: String
        /// FileUtils.stringifyFileSize of the load, or "?" when not gossiped.
        var load: String
        /// The number of tokens.
        var tokens: Int
        /// "33.3%", or "?" without effective ownership.
        var owns: String
        /// The host id.
        var hostId: String
        /// The first token (shown instead of the count with one token per node).
        var token: String
        /// The rack.
        var rack: String
    }

    /// `nodetool status`: Status.java. 3.x prints every row with one printf format, the address
    /// column as wide as the longest address; 4.0 and later print one TableBuilder per
    /// datacenter sharing column widths (TableBuilder.SharedTable, "  " between columns) with
    /// a blank line between datacenters. Without effective ownership the column is "Owns" and
    /// a Note follows.
    static func status(_ datacenters: [(name: String, rows: [StatusRow])], note: String?, major: Int, tokenPerNode: Bool) -> String {
        let owns = note == nil ? "Owns (effective)" : "Owns"
        func cells(_ row: StatusRow) -> [String] {
            tokenPerNode
                ? [row.status + row.state, row.address, row.load, row.owns, row.hostId, row.token, row.rack]
                : [row.status + row.state, row.address, row.load, String(row.tokens), row.owns, row.hostId, row.rack]
        }
        let header = tokenPerNode
            ? ["--", "Address", "Load", owns, "Host ID", "Token", "Rack"]
            : ["--", "Address", "Load", "Tokens", owns, "Host ID", "Rack"]
        var text = ""
        if major < 4 {
            let addressWidth = datacenters.flatMap(\.rows).map(\.address.count).max() ?? 0
            var widths = [2, addressWidth, 9]
            if !tokenPerNode { widths.append(11) }
            widths.append(note == nil ? 16 : 6)
            widths.append(36)
            if tokenPerNode { widths.append(39) }
            func line(_ cells: [String]) -> String {
                // "%s%s  " for status and state, then "%-Ns  " per column, the rack last.
                zip(cells.dropLast(), widths).map { $0.0.leftJustified(to: $0.1) + "  " }.joined() + (cells.last ?? "") + "\n"
            }
            for datacenter in datacenters {
                text += banner(datacenter.name)
                text += line(header)
                for row in datacenter.rows { text += line(cells(row)) }
            }
        } else {
            let tables = datacenters.map { [header] + $0.rows.map(cells) }
            let widths = (0..<header.count).map { column in tables.flatMap { $0 }.map { $0[column].count }.max() ?? 0 }
            for (index, datacenter) in datacenters.enumerated() {
                if index > 0 { text += "\n" }
                text += banner(datacenter.name)
                for row in tables[index] {
                    text += zip(row, widths).map { $0.0.leftJustified(to: $0.1) }.joined(separator: "  ") + "\n"
                }
            }
        }
        return text + "\n" + (note.map { "Note: \($0)\n" } ?? "")
    }

    /// The Note Status.java prints when effective ownership cannot be computed
    /// (StorageService.effectiveOwnership's IllegalStateException).
    static let ownershipNote = "Non-system keyspaces don't have the same replication settings, effective ownership information is meaningless"

    /// "Datacenter: NAME", a line of '=' as long, and the legend.
    static func banner(_ name: String) -> String {
        let header = "Datacenter: \(name)"
        return header + "\n" + String(repeating: "=", count: header.count) + "\nStatus=Up/Down\n|/ State=Normal/Leaving/Joining/Moving\n"
    }

    /// `nodetool listsnapshots`: ListSnapshots.java. 3.0 prints with printf
    /// "%-20s%-29s%-29s%-19s%-19s%n", so a tag of 20 characters or more runs into the keyspace;
    /// 3.11 and later use TableBuilder, columns one space apart (the columns 4.1 adds, such as
    /// the creation time, are not modelled). Rows: tag, keyspace, table, true size, size on disk.
    static func listSnapshots(_ rows: [[String]], total: String, major: Int, minor: Int) -> String {
        guard !rows.isEmpty else { return "Snapshot Details: \nThere are no snapshots\n" }
        let all = [["Snapshot name", "Keyspace name", "Column family name", "True size", "Size on disk"]] + rows
        var text = "Snapshot Details: \n"
        if major == 3 && minor == 0 {
            for row in all { text += zip(row, [20, 29, 29, 19, 19]).map { $0.0.leftJustified(to: $0.1) }.joined() + "\n" }
        } else {
            text += table(all)
        }
        return text + "\nTotal TrueDiskSpaceUsed: \(total)\n\n"
    }

    /// FileUtils.stringifyFileSize: the largest binary unit up to TiB, the number through
    /// DecimalFormat("#.##") (at most two decimals, half-even rounding, no trailing zeros).
    static func fileSize(_ bytes: Int) -> String {
        let units: [(String, Int)] = [("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        let (name, size) = units.first { bytes >= $0.1 } ?? ("bytes", 1)
        // Hundredths, rounded half to even, in integers.
        let scaled = bytes * 100
        var hundredths = scaled / size
        let remainder = scaled % size
        if remainder * 2 > size || (remainder * 2 == size && hundredths % 2 == 1) { hundredths += 1 }
        var number = String(hundredths / 100)
        let fraction = hundredths % 100
        if fraction != 0 {
            let digits = String(fraction).leftPadded(to: 2, with: "0")
            number += "." + (digits.hasSuffix("0") ? String(digits.dropLast()) : digits)
        }
        return "\(number) \(name)"
    }

    /// `nodetool clientstats` (ClientStats.java, 4.0 and later): with `--all` first the
    /// connections through TableBuilder and a blank line; always "Total connected clients: N",
    /// a blank line, and User/Connections through TableBuilder (one space between columns).
    static func clientStats(users: [(String, Int)], connections: [[String]]?) -> String {
        var text = ""
        if let connections, !connections.isEmpty {
            text += table([["Address", "SSL", "Cipher", "Protocol", "Version", "User", "Keyspace", "Requests", "Driver-Name", "Driver-Version"]] + connections) + "\n"
        }
        text += "Total connected clients: \(users.reduce(0) { $0 + $1.1 })\n\n"
        return text + table([["User", "Connections"]] + users.map { [$0.0, String($0.1)] })
    }

    /// `nodetool describecluster` (DescribeCluster.java): the name, the snitch (3.x prints the
    /// DynamicEndpointSnitch wrapper; 4.0 its subsnitch and a DynamicEndPointSnitch line), the
    /// partitioner, then `"\t\t%s: %s%n"` through println per schema version, hosts that gave no
    /// version under UNREACHABLE (StorageProxy.describeSchemaVersions). 4.0 goes on with "Stats
    /// for all nodes"; the sections after it (data centers, database versions, keyspaces) are
    /// not modelled. Versions: (schema version or "UNREACHABLE", addresses).
    static func describeCluster(major: Int, name: String, versions: [(String, [String])]) -> String {
        var text = "Cluster Information:\n\tName: \(name)\n"
        if major >= 4 {
            text += "\tSnitch: org.apache.cassandra.locator.GossipingPropertyFileSnitch\n\tDynamicEndPointSnitch: enabled\n"
        } else {
            text += "\tSnitch: org.apache.cassandra.locator.DynamicEndpointSnitch\n"
        }
        text += "\tPartitioner: org.apache.cassandra.dht.Murmur3Partitioner\n\tSchema versions:\n"
        for (version, addresses) in versions {
            text += "\t\t\(version): [\(addresses.joined(separator: ", "))]\n\n"
        }
        if major >= 4 {
            let live = versions.filter { $0.0 != "UNREACHABLE" }.reduce(0) { $0 + $1.1.count }
            let down = versions.filter { $0.0 == "UNREACHABLE" }.reduce(0) { $0 + $1.1.count }
            text += "Stats for all nodes:\n\tLive: \(live)\n\tJoining: 0\n\tMoving: 0\n\tLeaving: 0\n\tUnreachable: \(down)\n"
        }
        return text
    }

    /// One stream session `nodetool netstats` shows: what it is for, its plan id, the peer,
    /// and how far it has received.
    struct StreamRow: Sendable {
        /// The stream operation's description ("Rebuild").
        let description: String
        /// The plan id.
        let plan: String
        /// The peer's address, without the slash InetAddress.toString puts before it.
        let peer: String
        /// Files and bytes to receive and received so far.
        let files: Int, bytes: Int, receivedFiles: Int, receivedBytes: Int
    }

    /// `nodetool netstats` without -H (NetStats.java): "Mode: %s", "Not sending any streams."
    /// or per stream "%s %s", "    /peer" and the "Receiving ..." summary (4.0 and later add
    /// percentages, "(%.2f%%)"), then the read repair counts and the message pools
    /// ("%-25s%10s%10s%15s", 4.0 adding a Dropped column "%10s"). Completed: large, small and
    /// gossip messages.
    static func netStats(major: Int, mode: String, streams: [StreamRow], completed: (Int, Int, Int)) -> String {
        var text = "Mode: \(mode)\n"
        if streams.isEmpty { text += "Not sending any streams.\n" }
        for stream in streams {
            text += "\(stream.description) \(stream.plan)\n    /\(stream.peer)\n"
            if major >= 4 {
                text += "        Receiving \(stream.files) files, \(stream.bytes) bytes total. Already received \(stream.receivedFiles) files ("
                    + percent(stream.receivedFiles, stream.files) + "), \(stream.receivedBytes) bytes total (" + percent(stream.receivedBytes, stream.bytes) + ")\n"
            } else {
                text += "        Receiving \(stream.files) files, \(stream.bytes) bytes total. Already received \(stream.receivedFiles) files, \(stream.receivedBytes) bytes total\n"
            }
        }
        text += "Read Repair Statistics:\nAttempted: 0\nMismatch (Blocking): 0\nMismatch (Background): 0\n"
        func pool(_ cells: [String]) -> String {
            cells[0].leftJustified(to: 25) + cells[1].leftPadded(to: 10, with: " ") + cells[2].leftPadded(to: 10, with: " ") + cells[3].leftPadded(to: 15, with: " ")
                + (major >= 4 ? cells[4].leftPadded(to: 10, with: " ") : "") + "\n"
        }
        text += pool(["Pool Name", "Active", "Pending", "Completed", "Dropped"])
        for (name, count) in [("Large messages", completed.0), ("Small messages", completed.1), ("Gossip messages", completed.2)] {
            text += pool([name, "n/a", "0", String(count), "0"])
        }
        return text
    }

    /// Java's "%.2f%%" of part in whole (half-up rounding, as Formatter does).
    static func percent(_ part: Int, _ whole: Int) -> String {
        let hundredths = whole == 0 ? 0 : (part * 10_000 * 2 + whole) / (2 * whole)
        return "\(hundredths / 100).\(String(hundredths % 100).leftPadded(to: 2, with: "0"))%"
    }

    /// TableBuilder.printTo with its default delimiter: every column as wide as its widest cell.
    static func table(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            (0..<columns).map { column in (column < row.count ? row[column] : "").leftJustified(to: widths[column]) }.joined(separator: " ") + "\n"
        }.joined()
    }
}

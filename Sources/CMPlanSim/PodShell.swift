import CMPlanModel
import Foundation

/// What runs inside a simulated Cassandra pod: nodetool, cqlsh, and the few shell tools the
/// runbook uses (getent, cat /proc/sys/vm/max_map_count, df), with Cassandra's behaviour and
/// refusals where the runbook depends on them.
struct PodShell {
    let context: String
    let namespace: String
    let pod: String
    /// Variables an `env` in front of the command set (SSL_VALIDATE for cqlsh).
    var environment: [String: String] = [:]

    var podPath: String { "\(context)/\(namespace)/\(pod)" }

    /// The ring and host id of the node running in this pod.
    func node(_ world: World) -> (ringId: String, hostId: String)? {
        for (id, ring) in world.rings {
            if let (hostId, _) = ring.members.first(where: { $0.value.pod == podPath && $0.value.up }) { return (id, hostId) }
        }
        return nil
    }

    /// Runs `command` in the pod; `input` is its standard input (kubectl exec -i, ssh without -n).
    mutating func run(_ command: [String], _ world: inout World, _ output: inout Kubectl.Output, input: String = "") {
        guard let program = command.first else { return }
        switch program {
        case "env":
            // env NAME=VALUE... COMMAND: the command runs with those variables (coreutils env).
            let assignments = command.dropFirst().prefix { $0.contains("=") && !$0.hasPrefix("-") }
            for assignment in assignments {
                let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
                environment[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            run(Array(command.dropFirst(1 + assignments.count)), &world, &output, input: input)
        case "sh" where command.count >= 3 && command[1] == "-c":
            let shell = RealShell.run(command, input: input, home: world.nodeCqlshrc.map { [".cassandra/cqlshrc": $0] } ?? [:])
            for file in shell.leftovers {
                world.violate("\(pod): the shell left \(file) in its temporary directory (a login file must go when cqlsh ends)")
            }
            guard let captured = shell.captured, shell.status == 0 else {
                output.stdout = shell.stdout
                output.stderr = shell.stderr
                output.status = shell.status
                return
            }
            output.stderr = shell.stderr
            if captured.program == "nodetool" {
                nodetool(captured.arguments, files: captured.files, &world, &output)
            } else {
                cqlsh(captured.arguments, files: captured.files, &world, &output)
            }
        case "getent":
            let name = command.count > 2 ? command[2] : ""
            if let target = DNS.resolve(name, in: world, context: context) {
                output.stdout = "10.0.0.1       \(name)  # \(target)\n"
            } else {
                output.status = 2
            }
        case "cat":
            let raised = world.clusters[context]?.objects.keys.contains { $0.hasPrefix("daemonset/") && $0.hasSuffix("max-map-count") } ?? false
            output.stdout = raised ? "1048575\n" : "65530\n"
        case "df":
            output.stdout = "Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/nvme1n1 2147483648 1073741824 1073741824 50% /var/lib/cassandra\n"
        case "mkdir", "cp", "rm":
            output.status = 0
        case "find":
            findSnapshots(Array(command.dropFirst()), world, &output)
        case "sstableloader":
            let arguments = Array(command.dropFirst())
            if world.runningLoaders.contains(where: { $0.pod == pod && $0.arguments.last == arguments.last }) {
                world.violate("a second sstableloader of \(arguments.last ?? "") started on \(pod) while the first still runs: the same rows are sent twice")
            }
            if world.callerDiesNow {
                // Killing the ssh or kubectl client does not stop the process on the other side.
                world.runningLoaders.append(
                    World.RunningLoader(context: context, namespace: namespace, pod: pod, arguments: arguments, pollsLeft: 2))
                output.events.append("\(pod): sstableloader of \(arguments.last ?? "") started; it goes on whatever happens to its caller")
                return
            }
            SSTableLoader(shell: self).run(arguments, &world, &output)
        case "pgrep":
            pgrep(Array(command.dropFirst()), &world, &output)
        case "nodetool":
            nodetool(Array(command.dropFirst()), &world, &output)
        case "cqlsh":
            cqlsh(Array(command.dropFirst()), &world, &output)
        default:
            output.stderr = "\(program): command not found\n"
            output.status = 127
        }
    }

    /// `pgrep -f PATTERN`: exit 0 when a running sstableloader's command line matches
    /// (procps: "-f  The pattern is normally only matched against the process name. When -f
    /// is set, the full command line is used."), 1 when none does. Each call lets time pass:
    /// a loader left running finishes after a few, delivering what it streams.
    func pgrep(_ arguments: [String], _ world: inout World, _ output: inout Kubectl.Output) {
        guard arguments.first == "-f", arguments.count >= 2, let pattern = try? Regex(arguments[1]) else {
            output.stderr = "pgrep: the simulator models pgrep -f PATTERN\n"
            output.status = 2
            return
        }
        let mine = world.runningLoaders.indices.filter { world.runningLoaders[$0].pod == pod }
        let matching = mine.filter { ("sstableloader " + world.runningLoaders[$0].arguments.joined(separator: " ")).contains(pattern) }
        output.status = matching.isEmpty ? 1 : 0
        for index in mine.reversed() {
            world.runningLoaders[index].pollsLeft -= 1
            guard world.runningLoaders[index].pollsLeft <= 0 else { continue }
            let loader = world.runningLoaders.remove(at: index)
            let shell = PodShell(context: loader.context, namespace: loader.namespace, pod: loader.pod)
            var delivered = Kubectl.Output()
            SSTableLoader(shell: shell).run(loader.arguments, &world, &delivered)
            output.events.append("\(pod): the sstableloader a dead run left going finished: \(loader.arguments.last ?? "")")
            output.events += delivered.events
        }
    }

    // MARK: nodetool

    /// Streams to a node every keyspace it replicates from a datacenter that holds it whole.
    /// Ranges the node already has are skipped, as RangeStreamer does with
    /// system.available_ranges ("Some ranges of ... are already available. Skipping streaming
    /// those ranges."): a second rebuild of a finished node streams nothing again.
    ///
    /// Without a source datacenter (`nodetool rebuild` alone) RangeStreamer takes, for each range,
    /// the replica the snitch ranks closest, skipping the node itself
    /// (getAllRangesWithSourcesFor: getSortedListByProximity; getRangeFetchMap): a replica in the
    /// node's own datacenter whenever the keyspace has two or more there, which on a new
    /// datacenter holds nothing, so that keyspace copies nothing; with one replica there, one in
    /// another datacenter.
    func rebuild(member: World.Member, ring: World.Ring, from source: String?, _ world: inout World) -> String {
        var copied: [String] = []
        var skipped: [String] = []
        for (keyspace, replication) in ring.keyspaces.sorted(by: { $0.key < $1.key }) {
            let source = source ?? closestSource(member: member, ring: ring, keyspace: keyspace, world)
            let replicatesHere = replication["*"] != nil || (replication[member.datacenter] ?? 0) > 0
            let sourceHolds = replication["*"] != nil || (replication[source] ?? 0) > 0
            guard replicatesHere, sourceHolds, world.datacenterComplete(ring, source, keyspace: keyspace) else { continue }
            if world.volumes[member.volume]?.keyspaces.contains(keyspace) == false {
                world.volumes[member.volume]?.keyspaces.append(keyspace)
                world.volumes[member.volume]?.keyspaces.sort()
                copied.append(keyspace)
            } else {
                skipped.append(keyspace)
            }
        }
        var summary = copied.isEmpty ? "nothing to copy" : copied.joined(separator: ", ")
        if !skipped.isEmpty { summary += " (already available, skipped: \(skipped.joined(separator: ", ")))" }
        return summary
    }

    /// The datacenter a sourceless rebuild streams a keyspace from: the node's own when the
    /// keyspace has another replica there, else the first other datacenter holding it whole.
    func closestSource(member: World.Member, ring: World.Ring, keyspace: String, _ world: World) -> String {
        let replication = ring.keyspaces[keyspace] ?? [:]
        let ownReplicas = replication["*"] ?? replication[member.datacenter] ?? 0
        if ownReplicas >= 2 { return member.datacenter }
        return world.completeDatacenters(ring, keyspace: keyspace).first { $0 != member.datacenter } ?? member.datacenter
    }

    mutating func nodetool(_ given: [String], files: [String: (text: String, mode: String)] = [:], _ world: inout World, _ output: inout Kubectl.Output) {
        // Global options (airline's OptionType.GLOBAL) come before the command.
        let (arguments, login) = JMXLogin.options(given, files: files)
        if let (ringId, hostId) = node(world), let ring = world.rings[ringId], !JMXLogin.accepts(login, ring: ring, node: ring.members[hostId], &output) {
            return
        }
        guard let (ringId, hostId) = node(world), let ring = world.rings[ringId] else {
            if world.decommissioned.contains(podPath), arguments.first == "netstats" {
                output.stdout = NodetoolFormat.netStats(major: world.cassandraMajor, mode: "DECOMMISSIONED", streams: [], completed: (0, 0, 0))
                return
            }
            output.stderr = "nodetool: Failed to connect to '127.0.0.1:7199' - ConnectException: 'Connection refused'.\n"
            output.status = 1
            return
        }
        let member = ring.members[hostId]
        switch arguments.first ?? "" {
        case "status":
            output.stdout = status(ring, world)
        case "info":
            output.stdout = "ID                     : \(hostId)\nGossip active          : true\nNative Transport active: true\nLoad                   : 1 GiB\nData Center            : \(member?.datacenter ?? "")\nRack                   : \(member?.rack ?? "")\n"
        case "describecluster":
            let live = ring.members.values.filter(\.up).map(\.address).sorted()
            let down = ring.members.values.filter { !$0.up }.map(\.address).sorted()
            let versions = [("8f2b7c1e-5a3d-3c1b-9e0f-4d2a6b8c0e1f", live)] + (down.isEmpty ? [] : [("UNREACHABLE", down)])
            output.stdout = NodetoolFormat.describeCluster(major: world.cassandraMajor, name: ring.clusterName, versions: versions)
        case "netstats" where world.leaving[hostId] != nil:
            leavingNetStats(hostId: hostId, ringId: ringId, &world, &output)
        case "netstats":
            // NetStats.java through NodetoolFormat.netStats, in the node's version's format.
            if var running = world.rebuilding[hostId] {
                let stream = NodetoolFormat.StreamRow(
                    description: "Rebuild", plan: "3a1f0c2e-0000-4000-8000-\(hostId.suffix(12))", peer: "10.0.0.9",
                    files: 12, bytes: 1_073_741_824, receivedFiles: 4, receivedBytes: 357_913_941)
                output.stdout = NodetoolFormat.netStats(major: world.cassandraMajor, mode: "NORMAL", streams: [stream], completed: (0, 1204, 5120))
                running.pollsLeft -= 1
                world.rebuilding[hostId] = running.pollsLeft > 0 ? running : nil
                if running.pollsLeft <= 0, let member {
                    let copied = rebuild(member: member, ring: ring, from: running.source, &world)
                    output.events.append("\(pod): the rebuild started by a run that died finished: \(copied)")
                }
            } else {
                output.stdout = NodetoolFormat.netStats(major: world.cassandraMajor, mode: "NORMAL", streams: [], completed: (0, 1204, 5120))
            }
        case "rebuild":
            let source = arguments.firstIndex(of: "--").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
                ?? arguments.dropFirst().first { !$0.hasPrefix("-") }
            guard let member else { return }
            guard let source else {
                output.events.append(
                    "\(pod): nodetool rebuild without a source datacenter streams each range from its closest replica: \(rebuild(member: member, ring: ring, from: nil, &world))")
                return
            }
            // What the senders stream at: the smaller of their two limits, for the verdict.
            for (id, sender) in ring.members where sender.datacenter == source {
                world.rebuildSenderLimits[id] = Swift.min(world.streamLimit(id, "stream"), world.streamLimit(id, "interdcstream"))
            }
            // StorageService.rebuild refuses a second one while one runs.
            guard world.rebuilding[hostId] == nil else {
                output.stderr = "error: Node is still rebuilding. Check nodetool netstats.\n"
                output.status = 2
                return
            }
            if world.callerDiesNow {
                // The caller dies now; nodetool's JMX call does not cancel the rebuild.
                world.rebuilding[hostId] = World.RunningRebuild(source: source, pollsLeft: 2)
                output.events.append("\(pod): rebuild from \(source) started; it goes on inside Cassandra whatever happens to its caller")
                return
            }
            output.events.append("\(pod): rebuilt from \(source): \(rebuild(member: member, ring: ring, from: source, &world))")
        case "disablethrift" where world.cassandraMajor >= 4, "enablethrift" where world.cassandraMajor >= 4:
            // 4.0 removed Thrift and its nodetool commands.
            output.stderr = "nodetool: unknown command \(arguments.first ?? "")\n"
            output.status = 1
        case "getstreamthroughput", "getinterdcstreamthroughput", "setstreamthroughput", "setinterdcstreamthroughput":
            if let result = StreamLimitCommand.run(arguments, hostId: hostId, &world) {
                output.stdout = result.stdout
                output.stderr = result.stderr
                output.status = result.status
            }
        case "repair", "drain", "flush", "disablethrift", "enablethrift":
            if arguments.first == "drain" {
                output.events.append("\(pod): drained")
                world.shutDownHosts[hostId] = true
            }
        case "snapshot":
            let tag = arguments.firstIndex(of: "-t").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } ?? "snapshot-\(world.nextId())"
            // StorageService.takeSnapshot: "Snapshot <tag> already exists." (an IOException
            // nodetool prints as its error), so a snapshot cannot be taken twice under one tag.
            guard world.nodeSnapshots[hostId]?[tag] == nil else {
                output.stderr = "error: Snapshot \(tag) already exists.\n-- StackTrace --\njava.io.IOException: Snapshot \(tag) already exists.\n"
                output.status = 2
                return
            }
            let consistent = world.binaryOff.contains(hostId)
            world.nodeSnapshots[hostId, default: [:]][tag] = consistent
            output.stdout = "Requested creating snapshot(s) for [all keyspaces] with snapshot name [\(tag)]\nSnapshot directory: \(tag)\n"
            output.events.append("\(pod): snapshot \(tag) taken\(consistent ? " (native transport off)" : " while clients could still write")")
        case "listsnapshots":
            var rows: [[String]] = []
            for tag in (world.nodeSnapshots[hostId] ?? [:]).keys.sorted() {
                for keyspace in ring.tables.keys.sorted() {
                    for table in ring.tables[keyspace] ?? [] { rows.append([tag, keyspace, table, "0 bytes", "1 MiB"]) }
                }
            }
            output.stdout = NodetoolFormat.listSnapshots(rows, total: "0 bytes", major: world.cassandraMajor, minor: world.cassandraMinor)
        case "disablebinary":
            if !world.binaryOff.contains(hostId) { world.binaryOff.append(hostId) }
            if !world.clientsStay { world.clients[hostId] = nil }
            output.events.append("\(pod): native transport disabled; no client can write")
        case "enablebinary":
            if world.binaryOff.contains(hostId) { output.events.append("\(pod): native transport enabled; clients can connect again") }
            world.binaryOff.removeAll { $0 == hostId }
        case "statusbinary":
            output.stdout = world.binaryOff.contains(hostId) ? "not running\n" : "running\n"
        case "clearsnapshot":
            if world.cassandraMajor >= 4 && !arguments.contains("--all") && !arguments.contains("-t") {
                output.stderr = "error: Specify snapshot name or --all\n"
                output.status = 1
            } else if let flag = arguments.firstIndex(of: "-t"), flag + 1 < arguments.count {
                world.nodeSnapshots[hostId]?[arguments[flag + 1]] = nil
            } else {
                world.nodeSnapshots[hostId] = nil
            }
        case "removenode":
            removenodeCommand(Array(arguments.dropFirst()), hostId: hostId, ringId: ringId, &world, &output)
        case "decommission":
            decommission(arguments, hostId: hostId, ringId: ringId, &world, &output)
        case "clientstats":
            let count = world.binaryOff.contains(hostId) ? 0 : world.clients[hostId] ?? 0
            let connections = (0..<count).map {
                ["/10.20.0.\($0 + 1):4\($0)122", "false", "undefined", "undefined", "5", "anonymous", "app", "1024", "DataStax Java driver", "4.17.0"]
            }
            output.stdout = NodetoolFormat.clientStats(users: count > 0 ? [("anonymous", count)] : [], connections: arguments.contains("--all") ? connections : nil)
        default:
            output.stderr = "nodetool: unknown command \(arguments.first ?? "")\n"
            output.status = 1
        }
    }

    /// `find ROOT ... -path */snapshots/TAG [-print -quit]`: the snapshot's table directories,
    /// ROOT being the data directory (every keyspace) or one keyspace's directory in it.
    func findSnapshots(_ arguments: [String], _ world: World, _ output: inout Kubectl.Output) {
        let dataDirectory = "/var/lib/cassandra/data"
        guard let (ringId, hostId) = node(world), let root = arguments.first,
            let pattern = arguments.firstIndex(of: "-path").flatMap({ $0 + 1 < arguments.count ? arguments[$0 + 1] : nil })
        else { return }
        let tables = world.rings[ringId]?.tables ?? [:]
        let keyspaces = root == dataDirectory ? tables.keys.sorted() : [String(root.split(separator: "/").last ?? "")]
        let tag = String(pattern.split(separator: "/").last ?? "")
        guard world.nodeSnapshots[hostId]?[tag] != nil else { return }
        var found: [String] = []
        for keyspace in keyspaces {
            for table in tables[keyspace] ?? [] {
                found.append("\(dataDirectory)/\(keyspace)/\(table)-5eed0\(table.count)a1b2c3d/snapshots/\(tag)")
            }
        }
        if arguments.contains("-quit") { found = Array(found.prefix(1)) }
        output.stdout += found.map { $0 + "\n" }.joined()
    }

    /// `nodetool status` of the ring, in the version's format (NodetoolFormat.status). Tokens are
    /// the official image's default num_tokens (256 on 3.x, 16 on 4.0 and later); ownership is
    /// effective only when every user keyspace has the same replication, as StorageService
    /// requires, and then each node owns its datacenter's RF over its node count.
    func status(_ ring: World.Ring, _ world: World) -> String {
        let system: Set<String> = ["system", "system_schema", "system_auth", "system_distributed", "system_traces", "system_views", "system_virtual_schema"]
        let replications = ring.keyspaces.filter { !system.contains($0.key) }.map(\.value)
        let uniform = replications.dropFirst().allSatisfy { $0 == replications.first }
        var datacenters: [(name: String, rows: [NodetoolFormat.StatusRow])] = []
        for datacenter in Set(ring.members.values.map(\.datacenter)).sorted() {
            let members = ring.members.sorted { $0.value.address < $1.value.address }.filter { $0.value.datacenter == datacenter }
            var rows: [NodetoolFormat.StatusRow] = []
            for (hostId, member) in members {
                let held = world.volumes[member.volume]?.keyspaces ?? []
                let shares = world.datacenterKeyspaceBytes[datacenter] ?? [:]
                let bytes = 300 * 1024 + held.reduce(0) { $0 + (shares[$1] ?? 0) }
                var owns = "?"
                if uniform, let replication = replications.first {
                    let share = min(1, Double(replication[datacenter] ?? replication["*"] ?? 0) / Double(max(members.count, 1)))
                    owns = Self.percent(share)
                }
                rows.append(
                    NodetoolFormat.StatusRow(
                        status: member.up ? "U" : "D", state: world.leaving[hostId] != nil || world.beingRemoved(hostId) ? "L" : "N", address: member.address, load: NodetoolFormat.fileSize(bytes),
                        tokens: member.tokens ?? (world.cassandraMajor >= 4 ? 16 : 256), owns: owns, hostId: hostId, token: "", rack: member.rack))
            }
            datacenters.append((datacenter, rows))
        }
        return NodetoolFormat.status(datacenters, note: uniform ? nil : NodetoolFormat.ownershipNote, major: world.cassandraMajor, tokenPerNode: false)
    }

    /// DecimalFormat("##0.0%"): one decimal, half-even.
    static func percent(_ share: Double) -> String {
        let tenths = (share * 1000).rounded(.toNearestOrEven)
        return "\(Int(tenths) / 10).\(Int(tenths) % 10)%"
    }

    // MARK: cqlsh

    mutating func cqlsh(_ arguments: [String], files: [String: (text: String, mode: String)] = [:], _ world: inout World, _ output: inout Kubectl.Output) {
        guard let (ringId, hostId) = node(world), let ring = world.rings[ringId] else {
            output.stderr = "Connection error: ('Unable to connect to any servers', {'127.0.0.1:9042': ConnectionRefusedError(111)})\n"
            output.status = 1
            return
        }
        let member = ring.members[hostId]
        guard CqlshTLS.connects(arguments, environment: environment, node: member, &output),
            CqlshLogin.accepts(arguments, files: files, ring: ring, node: member, world: world, &output)
        else { return }
        guard let flag = arguments.firstIndex(of: "-e"), flag + 1 < arguments.count else {
            output.stderr = "cqlsh: the simulator runs only -e statements\n"
            output.status = 1
            return
        }
        let statement = arguments[flag + 1].trimmingCharacters(in: [" ", ";", "\n"])
        if statement.hasPrefix("SELECT keyspace_name, replication FROM system_schema.keyspaces") {
            var names = ring.keyspaces.keys.sorted() + ["system", "system_schema"]
            if let quote = statement.range(of: "keyspace_name = '") {
                let name = statement[quote.upperBound...].prefix { $0 != "'" }
                names = names.filter { $0 == name }
            }
            output.stdout = CqlshFormat.table(["keyspace_name", "replication"], names.map { [$0, Self.replicationText(ring.keyspaces[$0])] })
        } else if statement == "SELECT release_version FROM system.local" {
            output.stdout = CqlshFormat.table(["release_version"], [["\(world.cassandraMajor).\(world.cassandraMinor).0"]])
        } else if statement.uppercased().hasPrefix("LIST ALL PERMISSIONS") {
            // AllowAllAuthorizer.list: "LIST PERMISSIONS operation is not supported by
            // AllowAllAuthorizer" (UnsupportedOperationException, answered as an invalid request).
            if member?.authorizer == "AllowAllAuthorizer" {
                output.stderr = CqlError.invalidRequest("LIST PERMISSIONS operation is not supported by AllowAllAuthorizer").stderr
                output.status = CqlError.status
            } else {
                output.stdout = CqlshFormat.table(["role", "username", "resource", "permission"], [])
            }
        } else if statement.uppercased().hasPrefix("ALTER KEYSPACE") {
            alter(statement, ringId: ringId, &world, &output)
        } else if SchemaStatements.handles(statement) {
            SchemaStatements(shell: self, ringId: ringId).run(statement, &world, &output)
        } else {
            output.stderr = CqlError.syntax("line 1:0 the simulator does not model: \(statement)").stderr
            output.status = 2
        }
    }

    /// A replication map as cqlsh prints it from system_schema.keyspaces (the full class name),
    /// or, `short`, as DESCRIBE prints it (`NetworkTopologyStrategy`: the driver and
    /// ReplicationParams.appendCqlTo drop the package).
    static func replicationText(_ replication: [String: Int]?, short: Bool = false) -> String {
        let package = short ? "" : "org.apache.cassandra.locator."
        guard let replication else { return "{'class': '\(package)LocalStrategy'}" }
        if let factor = replication["*"] {
            return "{'class': '\(package)SimpleStrategy', 'replication_factor': '\(factor)'}"
        }
        let entries = replication.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            .map { "'\($0.key)': '\($0.value)'" }
        return "{'class': '\(package)NetworkTopologyStrategy', " + entries.joined(separator: ", ") + "}"
    }

    mutating func alter(_ statement: String, ringId: String, _ world: inout World, _ output: inout Kubectl.Output) {
        guard let ring = world.rings[ringId],
            let open = statement.firstIndex(of: "{"), let close = statement.lastIndex(of: "}")
        else {
            output.stderr = CqlError.syntax("line 1:0 mismatched input").stderr
            output.status = 2
            return
        }
        var keyspace = statement.dropFirst("ALTER KEYSPACE".count).drop { $0 == " " }.prefix { $0 != " " }
        if keyspace.hasPrefix("\"") { keyspace = keyspace.dropFirst().dropLast() }
        let name = String(keyspace)
        guard let old = ring.keyspaces[name] else {
            output.stderr = CqlError.invalidRequest("Keyspace '\(name)' does not exist").stderr
            output.status = 2
            return
        }
        var replication: [String: Int] = [:]
        var strategy = ""
        for entry in statement[statement.index(after: open)..<close].split(separator: ",") {
            let pair = entry.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            guard pair[0].hasPrefix("'"), pair[0].hasSuffix("'"), pair[0].count >= 2 else {
                output.stderr = CqlError.syntax("line 1:\(statement.count) no viable alternative at input '\(pair[0])' (DC names are quoted strings)").stderr
                output.status = 2
                return
            }
            let key = String(pair[0].dropFirst().dropLast())
            let value = pair[1].trimmingCharacters(in: ["'"])
            if key == "class" {
                strategy = value
            } else if let factor = Int(value) {
                replication[key] = factor
            }
        }
        guard strategy.hasSuffix("NetworkTopologyStrategy") else {
            output.stderr = CqlError.configuration("the simulator models NetworkTopologyStrategy only").stderr
            output.status = 2
            return
        }
        // Cassandra 4.0+ (AlterKeyspaceStatement.validateNoRangeMovements, on every ALTER KEYSPACE
        // unless -Dcassandra.allow_alter_rf_during_range_movement=true): every live member and
        // every unreachable one not administratively inactive (LEFT, REMOVED, hibernate) must be
        // in NORMAL state; a node drained, or stopped gracefully, gossips `shutdown`
        // (World.shutDownHosts), so it blocks the ALTER, as a node still leaving does (World.leaving)
        // and one a removenode is still removing (World.removals: its status is `removing`).
        // (Joining and moving nodes, which block it too, are not modelled: they are instant here.)
        if world.cassandraMajor >= 4 {
            let blocking = ring.members.filter {
                (!$0.value.up && world.shutDownHosts[$0.key] == true) || world.leaving[$0.key] != nil || world.beingRemoved($0.key)
            }.map { "/\($0.value.address):7000" }.sorted()
            if !blocking.isEmpty {
                output.stderr = CqlError.configuration(
                    "Cannot alter RF while some endpoints are not in normal state (no range movements): [\(blocking.joined(separator: ", "))]").stderr
                output.status = 2
                return
            }
        }
        // Cassandra 4.0+ refuses a datacenter no node of its token metadata is in (down nodes count:
        // NetworkTopologyStrategy.recognizedOptions); 3.x accepts any name. A 0 is stripped first
        // (prepareOptions).
        replication = replication.filter { $0.value > 0 }
        let known = Set(ring.members.values.map(\.datacenter))
        if world.cassandraMajor >= 4, name == "system_auth", (world.cassandraMajor, world.cassandraMinor) >= (4, 1) {
            // CASSANDRA-17478 (4.1): system_auth keeps every datacenter that still has nodes.
            let missing = known.subtracting(replication.keys).sorted()
            if !missing.isEmpty {
                output.stderr = CqlError.configuration(
                    "Following datacenters have active nodes and must be present in replication options for keyspace system_auth: [\(missing.joined(separator: ", "))]").stderr
                output.status = 2
                return
            }
        }
        for datacenter in replication.keys.sorted() where world.cassandraMajor >= 4 && !known.contains(datacenter) {
            output.stderr = CqlError.configuration("Unrecognized strategy option {\(datacenter)} passed to NetworkTopologyStrategy for keyspace \(name)").stderr
            output.status = 2
            return
        }
        let complete = world.completeDatacenters(ring, keyspace: name)
        let keeps = complete.contains { (replication[$0] ?? 0) > 0 }
        let had = complete.contains { (old[$0] ?? 0) > 0 || old["*"] != nil }
        if had && !keeps {
            world.violate(
                "ALTER KEYSPACE \(name) left replication without a datacenter holding its data completely (complete in: \(complete.joined(separator: ", ")); new replication: \(replication.keys.sorted().joined(separator: ", ")))")
        }
        world.rings[ringId]?.keyspaces[name] = replication
        output.events.append("\(pod): keyspace \(name) now replicates to \(replication.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ","))")
    }
}

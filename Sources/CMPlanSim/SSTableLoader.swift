import CMPlanModel
/// `sstableloader -d HOSTS -t MBITS DIR`, run next to a source node: streams the snapshot
/// staged in `.../cmplan-load/TAG/KEYSPACE/TABLE` to the ring the hosts belong to, and marks
/// a keyspace complete on the target once every node of a source datacenter that replicates
/// it has delivered every table. Loading a snapshot taken while clients could still write is
/// a violation: the writes after it never reach the target.
struct SSTableLoader {
    let shell: PodShell

    func run(_ arguments: [String], _ world: inout World, _ output: inout Kubectl.Output) {
        guard let (sourceRingId, hostId) = shell.node(world), let sourceRing = world.rings[sourceRingId] else {
            return fail("sstableloader: the node's data directory is not readable here", &output)
        }
        let path = (arguments.last ?? "").split(separator: "/").map(String.init)
        guard path.count >= 4, let hostsFlag = arguments.firstIndex(of: "-d"), hostsFlag + 1 < arguments.count else {
            return fail("sstableloader: usage: sstableloader -d HOSTS [-t MBITS] DIR", &output)
        }
        let (tag, keyspace, table) = (path[path.count - 3], path[path.count - 2], path[path.count - 1])
        guard let consistent = world.nodeSnapshots[hostId]?[tag] else {
            return fail("No sstables to stream in \(arguments.last ?? "") (snapshot \(tag) does not exist on this node)", &output)
        }
        let hosts = Set(arguments[hostsFlag + 1].split(separator: ",").map(String.init))
        let ownContext = shell.context
        let target = world.rings.first { id, ring in
            id != sourceRingId
                && ring.members.values.contains { member in
                    member.up && hosts.contains(member.address)
                        && (world.podNetworksRouted || member.pod?.hasPrefix(ownContext + "/") == true)
                }
        }
        guard let (targetRingId, targetRing) = target else {
            return fail("Error: Unable to connect to any of the hosts \(hosts.sorted().joined(separator: ","))", &output)
        }
        guard targetRing.tables[keyspace]?.contains(table) == true else {
            return fail("Unknown table \(keyspace).\(table) on the target: copy the schema first", &output)
        }
        if !consistent {
            world.violate(
                "the snapshot \(tag) of node \(hostId) was taken while its native transport accepted writes, and it was loaded: every write after it is missing from the target")
        }
        let key = "\(targetRingId)/\(keyspace)"
        let entry = "\(hostId)/\(table)"
        if world.loaded[key]?.contains(entry) != true { world.loaded[key, default: []].append(entry) }
        // BulkLoader.main prints progress and its summary (on stderr) only without
        // --no-progress, which the runbook passes: success is exit 0 with nothing printed.
        output.events.append("\(shell.pod): sstableloader streamed \(keyspace).\(table) (snapshot \(tag)) into the target")
        let tables = sourceRing.tables[keyspace] ?? []
        let replicating = world.replicatingDatacenters(sourceRing, keyspace: keyspace)
        let delivered = Set(world.loaded[key] ?? [])
        let complete = replicating.contains { datacenter in
            let members = sourceRing.members.filter { $0.value.datacenter == datacenter }.map(\.key)
            return !members.isEmpty && members.allSatisfy { member in tables.allSatisfy { delivered.contains("\(member)/\($0)") } }
        }
        guard complete else { return }
        for member in targetRing.members.values where world.volumes[member.volume]?.keyspaces.contains(keyspace) == false {
            world.volumes[member.volume]?.keyspaces.append(keyspace)
            world.volumes[member.volume]?.keyspaces.sort()
        }
        output.events.append("the target holds \(keyspace) completely")
    }

    /// BulkLoader.main: a failure prints on stderr and exits 1.
    func fail(_ message: String, _ output: inout Kubectl.Output) {
        output.stderr = message + "\n"
        output.status = 1
    }
}

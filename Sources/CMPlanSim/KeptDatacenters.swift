import CMPlanModel

/// The source datacenters a datacenter-extend plan keeps (`keep = true` in the plan's text),
/// and what the verdict demands of them: left exactly as they were. The simulator's own
/// reading of the plan, never the compiler's (issue 14).
struct KeptDatacenters {
    /// The plan it reads.
    let plan: Plan

    /// The kept datacenters' names; none unless the strategy is datacenter-extend.
    var names: Set<String> {
        guard plan.settings.strategy.value == .datacenterExtend else { return [] }
        return Set(plan.source.datacenters.filter { $0.keep?.value == true }.map(\.name.value))
    }

    /// A keyspace's replicas in the kept datacenters, as the plan declares them today.
    func replication(of keyspace: Keyspace) -> [String: Int] {
        var replication: [String: Int] = [:]
        for entry in keyspace.replication.value where names.contains(entry.datacenter.value) {
            replication[entry.datacenter.value] = entry.factor.value
        }
        return replication
    }

    /// `context/namespace/pod` of every ring member in a kept datacenter.
    func podPaths(_ world: World) -> Set<String> {
        let kept = names
        return Set(world.rings.values.flatMap { ring in ring.members.values.filter { kept.contains($0.datacenter) }.compactMap(\.pod) })
    }

    /// What is wrong with the kept datacenters at the end: each has as many nodes as the plan
    /// says, all up in their pods, holding every keyspace it replicated completely, and still in
    /// every replicated system keyspace (logins read system_auth at LOCAL_ONE).
    func problems(_ world: World, ring: World.Ring) -> [String] {
        var problems: [String] = []
        for datacenter in plan.source.datacenters where names.contains(datacenter.name.value) {
            let name = datacenter.name.value
            let members = ring.members.values.filter { $0.datacenter == name }
            if members.count != datacenter.nodeCount.value {
                problems.append("kept datacenter \(name) has \(members.count) nodes in the cluster, expected \(datacenter.nodeCount.value)")
            }
            for member in members.sorted(by: { $0.address < $1.address }) where !member.up || !podRuns(world, member.pod) {
                problems.append("node \(member.pod ?? member.address) of kept datacenter \(name) no longer runs")
            }
            for keyspace in plan.keyspaces where (keyspace.factor(in: name)?.value ?? 0) > 0 {
                if !world.datacenterComplete(ring, name, keyspace: keyspace.name.value) {
                    problems.append("data loss: kept datacenter \(name) does not hold keyspace \(keyspace.name.value) completely")
                }
            }
            for keyspace in ExpectedEndState.replicatedSystemKeyspaces where (ring.keyspaces[keyspace]?[name] ?? 0) < 1 {
                problems.append("keyspace \(keyspace) no longer replicates to kept datacenter \(name)")
            }
        }
        return problems
    }

    /// Whether the pod at `context/namespace/pod` exists and is Running.
    private func podRuns(_ world: World, _ path: String?) -> Bool {
        let parts = path?.split(separator: "/").map(String.init) ?? []
        guard parts.count == 3 else { return false }
        return world.clusters[parts[0]]?.objects[World.key("pod", parts[1], parts[2])]?[path: ["status", "phase"]]?.string == "Running"
    }
}

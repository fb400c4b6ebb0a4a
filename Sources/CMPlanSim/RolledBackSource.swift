import CMPlanModel

/// The verdict of `rehearse --roll-back-after STEP` (issue 17.5): after the run stopped at a
/// phase and its rollback step ran, the source is what it was before the run, derived from the
/// plan alone: every node of every source datacenter up and serving clients (native transport
/// on, Cassandra running on machines), every declared keyspace complete there at exactly the
/// replication the plan says it has today, no snapshot of the run left on its nodes, and no
/// invariant broken on the way.
extension RehearsalWorld {
    /// What is wrong with the source after a rollback (empty: it is whole).
    public static func verifyRolledBack(_ world: World, plan: Plan) -> [String] {
        var problems = world.violations.map { "data loss or corruption: \($0)" }
        // The target's own nodes are not the source's, whatever their datacenter is called.
        let targetPrefix = plan.target.kubernetes.map { "\($0.context.value)/\($0.namespace.value)/" }
        let sourceNames = Set(plan.source.datacenters.map(\.name.value))
        var sourceHosts: [String] = []
        var rings: Set<String> = []
        for (ringId, ring) in world.rings {
            for (hostId, member) in ring.members where sourceNames.contains(member.datacenter) {
                if let targetPrefix, member.pod?.hasPrefix(targetPrefix) == true { continue }
                sourceHosts.append(hostId)
                rings.insert(ringId)
            }
        }
        guard rings.count == 1, let ringId = rings.first, let ring = world.rings[ringId] else {
            return problems + ["the source's nodes are in \(rings.count) rings, not one"]
        }
        // Nodes the run added (a new or temporary datacenter) must have left the source's ring.
        for (hostId, member) in ring.members.sorted(by: { $0.key < $1.key }) where !sourceNames.contains(member.datacenter) {
            problems.append("node \(hostId) of datacenter \(member.datacenter) is still in the source's cluster")
        }
        for datacenter in plan.source.datacenters {
            let name = datacenter.name.value
            let members = sourceHosts.compactMap { ring.members[$0] }.filter { $0.datacenter == name }
            let up = members.filter(\.up).count
            if up != datacenter.nodeCount.value {
                problems.append("\(up) of the \(datacenter.nodeCount.value) nodes of source datacenter \(name) run after the rollback")
            }
        }
        for hostId in sourceHosts.sorted() {
            if world.binaryOff.contains(hostId) { problems.append("source node \(hostId) still refuses clients (native transport off)") }
            if let tags = world.nodeSnapshots[hostId], !tags.isEmpty {
                problems.append("source node \(hostId) still has snapshot \(tags.keys.sorted().joined(separator: ", "))")
            }
        }
        for (address, machine) in world.machines.sorted(by: { $0.key < $1.key }) where !machine.running {
            problems.append("Cassandra does not run on machine \(address) after the rollback")
        }
        // And whatever the run created in the source's Kubernetes cluster (a handover's temporary
        // StatefulSets, Service, claims, borrowed volumes) is gone again.
        if let source = plan.source.kubernetes {
            problems += leftovers(world, in: source.context.value)
            // An operator the run held must run again, or the source is never reconciled.
            let kind = source.operatorKind.value.rawValue
            for (key, object) in (world.clusters[source.context.value]?.objects ?? [:]).sorted(by: { $0.key < $1.key })
            where object[path: ["metadata", "labels", "cmplan-sim/operator"]]?.string == kind && (object[path: ["spec", "replicas"]]?.integer ?? 0) == 0 {
                problems.append("the source's operator \(key) is held at zero replicas after the rollback: nothing reconciles the source")
            }
            let before = Set(world.sourceObjectsAtStart)
            let context = source.context.value
            for key in (world.clusters[context]?.objects.keys.sorted() ?? []) where key.hasPrefix("persistentvolume/") && !before.contains("\(context)/\(key)") {
                problems.append("borrowed volume \(key) is still in the source cluster")
            }
        }
        for keyspace in ExpectedEndState.userKeyspaces(of: plan) {
            let name = keyspace.name.value
            let today = sourceReplication(of: keyspace)
            if ring.keyspaces[name] != today {
                problems.append("keyspace \(name) replicates \(ring.keyspaces[name] ?? [:]) on the source after the rollback, \(today) before the run")
            }
            for datacenter in plan.source.datacenters where today[datacenter.name.value] != nil || today["*"] != nil {
                if !world.datacenterComplete(ring, datacenter.name.value, keyspace: name) {
                    problems.append("source datacenter \(datacenter.name.value) no longer holds keyspace \(name) completely")
                }
            }
        }
        return problems
    }
}

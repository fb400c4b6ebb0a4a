import CMPlanModel

/// `nodetool removenode` on a pod's node, including one whose caller died: the JMX call runs in
/// the coordinating node, which goes on restoring the removed node's replicas without it.
/// Read from apache/cassandra StorageService.removeNode (3.x to 5.0): "Host ID not found.",
/// "Cannot remove self", "Node X is alive and owns this ID. Use decommission command to remove it
/// from the ring", then, while this coordinator still processes a removal, "This node is already
/// processing a removal. Wait for it to complete, or use 'removenode force' if this has failed.";
/// and getRemovalStatus, which `nodetool removenode status` prints after "RemovalStatus: ":
/// "No token removals in process." or "Removing token (T). Waiting for replication confirmation
/// from [...]." (the format of the listed addresses was not read; nothing here relies on it).
/// The node being removed gossips `removing`: it is not in NORMAL state, so it blocks ALTER
/// KEYSPACE on 4.0+, and `nodetool status` shows it leaving (DL).
extension PodShell {
    /// `removenode status` calls a removal whose caller died takes to finish.
    static let removalPolls = 2

    /// Runs `nodetool removenode ARGUMENTS` on the node `hostId` of ring `ringId`.
    mutating func removenodeCommand(_ arguments: [String], hostId: String, ringId: String, _ world: inout World, _ output: inout Kubectl.Output) {
        if arguments.first == "status" {
            output.stdout = "RemovalStatus: " + removalStatus(coordinator: hostId, ringId: ringId, &world, &output) + "\n"
            return
        }
        let target = arguments.first ?? ""
        if let refusal = removalRefusal(target, ringId: ringId, self: hostId, world) {
            output.stderr = "error: \(refusal)\n"
            output.status = 1
            return
        }
        if world.removals[hostId] != nil {
            output.stderr = "error: This node is already processing a removal. Wait for it to complete, or use 'removenode force' if this has failed.\n"
            output.status = 1
            return
        }
        if world.callerDiesNow {
            world.removals[hostId] = World.RunningRemoval(target: target, pollsLeft: Self.removalPolls)
            output.events.append("\(pod): removenode of \(target) started; it goes on inside Cassandra whatever happens to its caller")
            return
        }
        removenode(target, ringId: ringId, self: hostId, &world, &output)
    }

    /// What getRemovalStatus says on the coordinator; a removal whose polls ran out finishes here.
    mutating func removalStatus(coordinator: String, ringId: String, _ world: inout World, _ output: inout Kubectl.Output) -> String {
        guard var running = world.removals[coordinator] else { return "No token removals in process." }
        running.pollsLeft -= 1
        world.removals[coordinator] = running.pollsLeft > 0 ? running : nil
        guard running.pollsLeft > 0 else {
            var finished = Kubectl.Output()
            removenode(running.target, ringId: ringId, self: "", &world, &finished)
            output.events += finished.events.map { $0 + " (the removenode an earlier caller started)" }
            return "No token removals in process."
        }
        let peers = world.rings[ringId]?.members.filter { $0.key != running.target && $0.value.up }.map { "/\($0.value.address)" }.sorted() ?? []
        return "Removing token (-9223372036854775808). Waiting for replication confirmation from [\(peers.joined(separator: ","))]."
    }

    /// Why StorageService.removeNode refuses `target` from the node `own` ("" for the simulator's
    /// own removals: a decommission's end, a removal finishing), or nil.
    func removalRefusal(_ target: String, ringId: String, self own: String, _ world: World) -> String? {
        guard let member = world.rings[ringId]?.members[target] else { return "Host ID not found." }
        if target == own { return "Cannot remove self" }
        if member.up && own != "" {
            return "Node /\(member.address) is alive and owns this ID. Use decommission command to remove it from the ring"
        }
        return nil
    }

    /// Takes `target` out of the ring, recording data loss if its datacenter still replicated a
    /// keyspace no other datacenter held completely.
    func removenode(_ target: String, ringId: String, self own: String, _ world: inout World, _ output: inout Kubectl.Output) {
        if let refusal = removalRefusal(target, ringId: ringId, self: own, world) {
            output.stderr = "error: \(refusal)\n"
            output.status = 1
            return
        }
        guard let ring = world.rings[ringId], let member = ring.members[target] else { return }
        for (keyspace, replication) in ring.keyspaces where (replication[member.datacenter] ?? 0) > 0 || replication["*"] != nil {
            let others = world.completeDatacenters(ring, keyspace: keyspace).filter { $0 != member.datacenter }
            let othersReplicated = others.filter { (replication[$0] ?? 0) > 0 || replication["*"] != nil }
            if othersReplicated.isEmpty {
                world.violate(
                    "node \(target) of \(member.datacenter) was removed while \(member.datacenter) still replicated keyspace \(keyspace) that no other datacenter held completely")
            }
        }
        world.rings[ringId]?.members[target] = nil
        world.leaving[target] = nil
        output.events.append("\(pod): removed node \(target) of datacenter \(member.datacenter)")
    }
}

extension World {
    /// Whether a removenode still running somewhere is removing `hostId` (it gossips `removing`).
    func beingRemoved(_ hostId: String) -> Bool {
        removals.values.contains { $0.target == hostId }
    }
}

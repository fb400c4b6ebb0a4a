import CMPlanModel

/// `nodetool decommission` on a pod's node, including one whose caller died: the JMX call runs
/// inside Cassandra and goes on without it, so the node stays LEAVING for a while and then leaves.
/// Read from apache/cassandra StorageService.decommission: it announces `leaving`
/// (startLeaving), sets Mode.LEAVING, sleeps RING_DELAY, streams its ranges away
/// (unbootstrap: StreamOperation.DECOMMISSION, "Unbootstrap"), announces `left` and ends in
/// Mode.DECOMMISSIONED; `nodetool netstats` prints the mode ("Mode: LEAVING").
/// A second decommission while the first runs: 3.x (3.0/3.11 form) checks `isNormal()` first
/// and refuses "Node in LEAVING state; wait for status to become normal or restart"; 5.0
/// returns at once when `isDecommissioning()` ("This node is still decommissioning.", logged),
/// so the second call exits 0 while the node is still leaving. The 4.0 and 4.1 forms were not
/// read: there the simulator refuses the second call and says so.
extension PodShell {
    /// Netstats polls a decommission whose caller died stays LEAVING before it has left.
    static let leavingPolls = 2

    /// Runs `nodetool decommission` on the node `hostId` of ring `ringId`.
    mutating func decommission(_ arguments: [String], hostId: String, ringId: String, _ world: inout World, _ output: inout Kubectl.Output) {
        if world.leaving[hostId] != nil {
            switch (world.cassandraMajor, world.cassandraMinor) {
            case (..<4, _):
                output.stderr = "nodetool: Unsupported operation: Node in LEAVING state; wait for status to become normal or restart\n"
                output.status = 2
            case (5..., _):
                output.events.append("\(pod): nodetool decommission returned at once: this node is still decommissioning")
            default:
                output.stderr = "simulator: a second nodetool decommission while the first runs is not modelled on Cassandra 4.x (its source was not read)\n"
                output.status = 2
            }
            return
        }
        // 4.0+ StorageService.decommission (CASSANDRA-12510): without --force, refused while a
        // keyspace's RF in this node's datacenter is at least the datacenter's node count.
        if world.cassandraMajor >= 4, !arguments.contains("--force"), let refusal = decommissionRefusal(hostId: hostId, ringId: ringId, world) {
            output.stderr = "nodetool: Unsupported operation: \(refusal)\n"
            output.status = 2
            return
        }
        if world.callerDiesNow {
            world.leaving[hostId] = Self.leavingPolls
            output.events.append("\(pod): decommission started; it goes on inside Cassandra whatever happens to its caller")
            return
        }
        finishDecommission(hostId: hostId, ringId: ringId, &world, &output)
    }

    /// `nodetool netstats` on a node still leaving: "Mode: LEAVING" until its polls run out, then
    /// the node has left and the call finds it DECOMMISSIONED.
    mutating func leavingNetStats(hostId: String, ringId: String, _ world: inout World, _ output: inout Kubectl.Output) {
        let polls = (world.leaving[hostId] ?? 1) - 1
        world.leaving[hostId] = polls > 0 ? polls : nil
        guard polls <= 0 else {
            output.stdout = NodetoolFormat.netStats(major: world.cassandraMajor, mode: "LEAVING", streams: [], completed: (0, 1204, 5120))
            return
        }
        var finished = Kubectl.Output()
        finishDecommission(hostId: hostId, ringId: ringId, &world, &finished)
        output.events += finished.events.map { $0 + " (the decommission an earlier caller started)" }
        output.stdout = NodetoolFormat.netStats(major: world.cassandraMajor, mode: "DECOMMISSIONED", streams: [], completed: (0, 0, 0))
    }

    /// The node's ranges have streamed away: it leaves the ring and takes no clients.
    mutating func finishDecommission(hostId: String, ringId: String, _ world: inout World, _ output: inout Kubectl.Output) {
        removenode(hostId, ringId: ringId, self: "", &world, &output)
        if output.status == 0 {
            world.decommissioned.append(podPath)
            world.clients[hostId] = nil
            output.events.append("\(pod): decommissioned; the node left the ring")
        }
    }

    /// StorageService.decommission's check (4.0 on): the first keyspace whose replication factor in
    /// the node's datacenter (all nodes for SimpleStrategy) is at least the count of nodes there.
    func decommissionRefusal(hostId: String, ringId: String, _ world: World) -> String? {
        guard let ring = world.rings[ringId], let member = ring.members[hostId] else { return nil }
        for (keyspace, replication) in ring.keyspaces.sorted(by: { $0.key < $1.key }) {
            let simple = replication["*"]
            let factor = simple ?? replication[member.datacenter] ?? 0
            let nodes = simple != nil ? ring.members.count : ring.members.values.filter { $0.datacenter == member.datacenter }.count
            if nodes <= factor {
                return "Not enough live nodes to maintain replication factor in keyspace \(keyspace) (RF = \(factor), N = \(nodes)). Perform a forceful decommission to ignore."
            }
        }
        return nil
    }
}

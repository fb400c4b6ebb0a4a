/// How many nodes each rack of a datacenter runs: as the plan spreads them (language.md:
/// round-robin, the first racks taking the remainder) and CassKop's one count for every rack.
/// Rules, manifests and the pod layout count from here; each operator's profile says which
/// split it runs (`OperatorProfile.running`).
public enum RackSplit {
    /// Nodes per rack as the plan spreads `nodes` over `racks` racks.
    public static func planned(nodes: Int, racks: Int) -> [Int] {
        guard racks > 0 else { return [] }
        return (0..<racks).map { nodes / racks + ($0 < nodes % racks ? 1 : 0) }
    }

    /// CassKop's one `nodesPerRacks` for every rack of a datacenter, the smallest that holds
    /// `nodes`: CassKop runs that many pods in *every* rack.
    ///
    /// SOURCE: Orange-OpenSource/casskop `cassandracluster_types.go`, `GetNodesPerRacks`
    /// (the DC's `nodesPerRacks`, else the cluster's; one number, applied to each rack).
    public static func casskopNodesPerRack(nodes: Int, racks: Int) -> Int {
        racks > 0 ? (nodes + racks - 1) / racks : 0
    }

    /// Node count per rack name: the node blocks' racks on machines, the planned spread in
    /// Kubernetes.
    public static func byRack(_ datacenter: Datacenter) -> [String: Int] {
        var counts: [String: Int] = [:]
        if !datacenter.nodes.isEmpty {
            for node in datacenter.nodes { counts[node.rack.value, default: 0] += 1 }
            return counts
        }
        let racks = datacenter.racks.value.map(\.value)
        for (rack, count) in zip(racks, planned(nodes: datacenter.nodeCount.value, racks: racks.count)) where count > 0 {
            counts[rack, default: 0] += count
        }
        return counts
    }
}

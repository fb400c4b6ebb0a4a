import CMPlanModel

/// The StatefulSets a plan's source datacenter in Kubernetes runs today, as its operator
/// created them: one per rack (a plain StatefulSet: the plan's one, or one per rack named
/// `<statefulset>-<rack>` when it has several), with the operator's own names
/// (OperatorNaming) and pods per rack split as language.md spreads nodes over racks.
/// Derived from the Model alone, never from the compiler's naming.
struct SourceLayout {
    /// One rack's StatefulSet.
    struct RackSet: Equatable {
        /// The Cassandra rack.
        var rack: String
        /// The StatefulSet's name.
        var statefulSet: String
        /// Its pods.
        var replicas: Int
        /// The claim template (claims are `<template>-<statefulset>-<ordinal>`).
        var claimTemplate: String
    }

    /// The rack StatefulSets of the datacenter; a rack an operator could not name has none.
    static func rackSets(of datacenter: Datacenter, clusterName: String, kubernetes: KubernetesPlacement) -> [RackSet] {
        let racks = datacenter.racks.value.map(\.value)
        let counts = OperatorNaming.splitRacks(nodes: datacenter.nodeCount.value, racks: racks.count)
        let dc = datacenter.name.value
        return zip(racks, counts).compactMap { rack, replicas -> RackSet? in
            switch kubernetes.operatorKind.value {
            case .statefulset:
                let base = kubernetes.statefulSet.value
                return RackSet(
                    rack: rack, statefulSet: racks.count > 1 ? "\(base)-\(rack)" : base, replicas: replicas,
                    claimTemplate: kubernetes.claimTemplate.value)
            case .casskop:
                return OperatorNaming.casskopStatefulSet(cluster: clusterName, datacenter: dc, rack: rack).map {
                    RackSet(rack: rack, statefulSet: $0, replicas: replicas, claimTemplate: OperatorNaming.casskopClaimTemplate)
                }
            case .rook:
                return RackSet(
                    rack: rack, statefulSet: OperatorNaming.rookStatefulSet(cluster: clusterName, datacenter: dc, rack: rack),
                    replicas: replicas, claimTemplate: OperatorNaming.rookExampleClaimTemplate)
            case .cassOperator:
                return RackSet(
                    rack: rack,
                    statefulSet: OperatorNaming.cassOperatorStatefulSet(clusterName: clusterName, datacenterObject: dc, rack: rack),
                    replicas: replicas, claimTemplate: OperatorNaming.cassOperatorClaimTemplate)
            }
        }
    }
}

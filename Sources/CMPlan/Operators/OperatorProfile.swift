/// Everything the compiler knows about one operator, one file per operator: how it names
/// StatefulSets and claims, how it spreads a datacenter's
/// nodes over racks, how its pods are found as seeds, which target names it refuses, and the
/// resources a new datacenter is given through it. Adding an operator is an `OperatorKind` case,
/// one profile file, its case in `OperatorKind.profile`, its documented install in
/// `ClusterDecoder.defaultOperatorWorkload`, and the simulator's own ports.
protocol OperatorProfile: Sendable {
    /// The StatefulSet of one rack of a datacenter.
    func statefulSetName(datacenter: String, rack: String, rackCount: Int, clusterName: String, kubernetes: KubernetesPlacement) -> String
    /// The claim template of its StatefulSets (claims are `<template>-<statefulset>-<ordinal>`).
    func claimTemplate(_ kubernetes: KubernetesPlacement) -> String
    /// The container that runs Cassandra (nil: the pod's only or default container).
    var cassandraContainer: String? { get }
    /// Nodes per rack as it runs `nodes` nodes over `racks` racks.
    func running(nodes: Int, racks: Int) -> [Int]
    /// Seeds by stable DNS name, as it publishes the first pods of a datacenter.
    func derivedSeeds(pods: [PodLayout], clusterName: String, kubernetes: KubernetesPlacement, namespace: String, domain: String) -> [String]
    /// The names of a target cluster it cannot use (`operator-naming`).
    func namingFindings(_ rule: RuleDescription, target: Cluster, kubernetes: KubernetesPlacement) -> [Diagnostic]
    /// A new datacenter's resources through it.
    func targetObjects(_ manifests: TargetDatacenterManifests) -> [(kind: String, name: String, document: YAML)]
}

extension OperatorKind {
    /// The compiler's knowledge of this operator.
    var profile: any OperatorProfile {
        switch self {
        case .rook: return RookProfile()
        case .casskop: return CassKopProfile()
        case .cassOperator: return CassOperatorProfile()
        case .statefulset: return PlainStatefulSetProfile()
        }
    }
}

import CMPlanModel

/// Where an operator's own documented install runs it: the simulated clusters start with the
/// operator there, so a runbook that looks for it elsewhere (or as another kind) stops at its
/// preflight as it would against the real cluster.
struct OperatorInstall: Equatable {
    /// `deployment` or `statefulset`.
    var kind: String
    /// Its namespace.
    var namespace: String
    /// Its name.
    var name: String

    /// The documented install of an operator; nil for a plain StatefulSet.
    ///
    /// SOURCE: rook/cassandra `cluster/examples/kubernetes/cassandra/operator.yaml` ("kind:
    /// StatefulSet", "name: rook-cassandra-operator", "namespace: rook-cassandra-system");
    /// Orange-OpenSource/casskop `helm/cassandra-operator/readme.md` (`helm install --name casskop
    /// incubator/cassandra-operator`) with `templates/_functions.tpl` (fullname = release-chart)
    /// and `templates/deployment.yaml` (a Deployment; WATCH_NAMESPACE is its own namespace, so it
    /// runs beside the clusters it manages); k8ssandra/cass-operator
    /// `config/deployments/default/kustomization.yaml` (namespace cass-operator, namePrefix
    /// cass-operator-) over `config/manager/manager.yaml` (Deployment controller-manager).
    static func documented(_ kind: OperatorKind, clusterNamespace: String) -> OperatorInstall? {
        switch kind {
        case .rook: return OperatorInstall(kind: "statefulset", namespace: "rook-cassandra-system", name: "rook-cassandra-operator")
        case .casskop: return OperatorInstall(kind: "deployment", namespace: clusterNamespace, name: "casskop-cassandra-operator")
        case .cassOperator: return OperatorInstall(kind: "deployment", namespace: "cass-operator", name: "cass-operator-controller-manager")
        case .statefulset: return nil
        }
    }
}

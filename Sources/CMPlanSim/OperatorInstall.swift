import CMPlanModel
import Foundation

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
    /// Whether its WATCH_NAMESPACE is its own namespace (`valueFrom.fieldRef: metadata.namespace`,
    /// as CassKop's chart and cass-operator's manager.yaml set it); false: no WATCH_NAMESPACE,
    /// every namespace (Rook's operator.yaml sets none).
    var watchesOwnNamespace: Bool

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
        case .rook:
            return OperatorInstall(kind: "statefulset", namespace: "rook-cassandra-system", name: "rook-cassandra-operator", watchesOwnNamespace: false)
        case .casskop:
            return OperatorInstall(kind: "deployment", namespace: clusterNamespace, name: "casskop-cassandra-operator", watchesOwnNamespace: true)
        case .cassOperator:
            return OperatorInstall(kind: "deployment", namespace: "cass-operator", name: "cass-operator-controller-manager", watchesOwnNamespace: true)
        case .statefulset: return nil
        }
    }

    /// The workload object as the install creates it, labelled for the simulator's reconciler.
    func object(operator kind: OperatorKind) -> Tree {
        var container: [String: Tree] = ["name": .string("operator")]
        if watchesOwnNamespace {
            container["env"] = .list([
                .map([
                    "name": .string("WATCH_NAMESPACE"),
                    "valueFrom": .map(["fieldRef": .map(["fieldPath": .string("metadata.namespace")])]),
                ])
            ])
        }
        return .map([
            "kind": .string(self.kind == "statefulset" ? "StatefulSet" : "Deployment"),
            "metadata": .map([
                "name": .string(name), "namespace": .string(namespace),
                "labels": .map(["cmplan-sim/operator": .string(kind.rawValue)]),
            ]),
            "spec": .map(["replicas": .integer(1), "template": .map(["spec": .map(["containers": .list([.map(container)])])])]),
        ])
    }

    /// Whether an operator workload object reconciles objects of a namespace: its own namespace
    /// when WATCH_NAMESPACE comes from metadata.namespace, the listed ones when it is a literal,
    /// every namespace when it is empty or unset (k8ssandra/cass-operator `cmd/main.go`).
    static func watches(_ workload: Tree, namespace: String) -> Bool {
        let environment = (workload[path: ["spec", "template", "spec", "containers"]]?.elements ?? []).flatMap { $0["env"]?.elements ?? [] }
        guard let watch = environment.first(where: { $0["name"]?.string == "WATCH_NAMESPACE" }) else { return true }
        if watch[path: ["valueFrom", "fieldRef", "fieldPath"]]?.string == "metadata.namespace" {
            return workload[path: ["metadata", "namespace"]]?.string == namespace
        }
        let value = watch["value"]?.string ?? ""
        return value.isEmpty || value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains(namespace)
    }
}

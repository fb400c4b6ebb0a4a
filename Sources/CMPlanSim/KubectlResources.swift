import CMPlanModel
/// The resources the simulated kubectl knows, named as the real kubectl names them.
///
/// A kind answers to its singular, plural and short names, alone or qualified by its group
/// (`statefulsets.apps`), as `kubectl get` resolves them; `-o name` and the verbs' messages
/// print `singular.group/NAME` (`statefulset.apps/cassandra`) and `singular/NAME` for the core
/// group. SOURCE: the real kubectl's answers, recorded in Tests/Fixtures/real/kubectl/names.txt
/// (KubectlCorpusTests compares); short names of the custom resources from their CRDs
/// (`spec.names.shortNames`: cassc and casscs for CassKop, cassdc and cassdcs for cass-operator).
enum KubectlResources {
    /// One resource type.
    struct Resource: Sendable {
        /// The lowercase singular name, the simulator's key for objects of this kind.
        let singular: String
        /// The plural name.
        let plural: String
        /// Short names (`sts`).
        let shortNames: [String]
        /// The API group; empty for the core group.
        let group: String
        /// Whether objects of this kind live outside namespaces.
        let clusterScoped: Bool

        /// What `-o name` prints before the slash.
        var qualified: String { group.isEmpty ? singular : "\(singular).\(group)" }
    }

    /// Every resource the runbooks touch.
    static let all: [Resource] = [
        Resource(singular: "pod", plural: "pods", shortNames: ["po"], group: "", clusterScoped: false),
        Resource(singular: "namespace", plural: "namespaces", shortNames: ["ns"], group: "", clusterScoped: true),
        Resource(singular: "persistentvolumeclaim", plural: "persistentvolumeclaims", shortNames: ["pvc"], group: "", clusterScoped: false),
        Resource(singular: "persistentvolume", plural: "persistentvolumes", shortNames: ["pv"], group: "", clusterScoped: true),
        Resource(singular: "secret", plural: "secrets", shortNames: [], group: "", clusterScoped: false),
        Resource(singular: "configmap", plural: "configmaps", shortNames: ["cm"], group: "", clusterScoped: false),
        Resource(singular: "service", plural: "services", shortNames: ["svc"], group: "", clusterScoped: false),
        Resource(singular: "statefulset", plural: "statefulsets", shortNames: ["sts"], group: "apps", clusterScoped: false),
        Resource(singular: "deployment", plural: "deployments", shortNames: ["deploy"], group: "apps", clusterScoped: false),
        Resource(singular: "daemonset", plural: "daemonsets", shortNames: ["ds"], group: "apps", clusterScoped: false),
        Resource(singular: "node", plural: "nodes", shortNames: ["no"], group: "", clusterScoped: true),
        Resource(singular: "csidriver", plural: "csidrivers", shortNames: [], group: "storage.k8s.io", clusterScoped: true),
        Resource(singular: "cassandracluster", plural: "cassandraclusters", shortNames: ["cassc", "casscs"], group: "db.orange.com", clusterScoped: false),
        Resource(singular: "cassandradatacenter", plural: "cassandradatacenters", shortNames: ["cassdc", "cassdcs"], group: "cassandra.datastax.com", clusterScoped: false),
        Resource(singular: "cluster", plural: "clusters", shortNames: [], group: "cassandra.rook.io", clusterScoped: false),
    ]

    /// The resource a command-line name (`sts`, `statefulsets.apps`) or a manifest's `kind`
    /// (`StatefulSet`) means; nil when the simulator does not know it.
    static func resource(_ text: String) -> Resource? {
        let lowered = text.lowercased()
        let name: Substring
        let group: Substring?
        if let dot = lowered.firstIndex(of: ".") {
            name = lowered[..<dot]
            group = lowered[lowered.index(after: dot)...]
        } else {
            name = Substring(lowered)
            group = nil
        }
        return all.first { resource in
            (resource.singular == name || resource.plural == name || resource.shortNames.contains(String(name)))
                && (group == nil || resource.group == String(group ?? ""))
        }
    }
}

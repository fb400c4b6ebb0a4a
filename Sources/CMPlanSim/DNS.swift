import CMPlanModel
/// Name resolution inside one simulated Kubernetes cluster: `<pod>.<service>.<ns>.svc.<domain>`,
/// `<pod>.<ns>.svc.<domain>` (Rook's per-member Services) and `<service>.<ns>.svc.<domain>`
/// (the first pod behind it). Names resolve across clusters only when the world's pod
/// networks are routed (and then the asking cluster's own names win).
enum DNS {
    /// The pod (`context/namespace/pod`) a name leads to.
    static func resolve(_ name: String, in world: World, context: String) -> String? {
        if let own = resolveInside(name, in: world, context: context) { return own }
        guard world.podNetworksRouted else { return nil }
        for other in world.clusters.keys.sorted() where other != context {
            if let found = resolveInside(name, in: world, context: other) { return found }
        }
        return nil
    }

    /// The pod a name leads to inside one cluster.
    static func resolveInside(_ name: String, in world: World, context: String) -> String? {
        guard let cluster = world.clusters[context] else { return nil }
        let labels = name.split(separator: ".").map(String.init)
        guard let svc = labels.firstIndex(of: "svc"), svc >= 2 else { return nil }
        // `<...>.svc.<domain>` under another simulated cluster's domain answers only there (this
        // cluster's CoreDNS forwards it, which `resolve` models by asking every routed cluster).
        // A domain no cluster declares (a zone the plan's own `seeds` name) is served anywhere:
        // the simulator cannot know the DNS setup that makes it resolve.
        let domain = labels[(svc + 1)...].joined(separator: ".")
        if !domain.isEmpty, domain != cluster.domain, world.clusters.contains(where: { $0.key != context && $0.value.domain == domain }) {
            return nil
        }
        let namespace = labels[svc - 1]
        let first = labels[0]
        if cluster.objects[World.key("pod", namespace, first)] != nil { return "\(context)/\(namespace)/\(first)" }
        if svc == 2, cluster.objects[World.key("service", namespace, first)] != nil
            || cluster.objects.keys.contains(where: { $0.hasPrefix("statefulset/\(namespace)/") })
        {
            // A Service: the first running pod whose StatefulSet shares its name prefix.
            // cass-operator's <cluster>-seed-service and <cluster>-<dc>-service lead to their pods.
            let prefix = first.hasSuffix("-seed-service") ? first.replacingSuffix("-seed-service", with: "") : first.replacingSuffix("-service", with: "")
            let pods = cluster.objects.keys.filter { $0.hasPrefix("pod/\(namespace)/\(prefix)") }.sorted()
            if let pod = pods.first { return "\(context)/" + pod.split(separator: "/").dropFirst().joined(separator: "/") }
        }
        return nil
    }
}

extension String {
    /// The string with a suffix replaced when present.
    func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}

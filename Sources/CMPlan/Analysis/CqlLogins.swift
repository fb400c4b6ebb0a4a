/// Which cqlsh login the runbook uses on which nodes, and how cqlsh takes it there.
///
/// datacenter-handover, datacenter-extend and volume-adoption keep one ring: the target's nodes
/// join the source's, or start on its disks, so they carry its `system_auth` and accept exactly
/// its logins; every node uses the source's (credentials-placement refuses a second one). In
/// snapshot-load the two rings are separate and each cluster's own block applies.
enum CqlLogins {
    /// One node address's login: the header's `CQL_LOGINS[key]=spec`.
    struct Entry: Sendable, Hashable {
        /// `context/namespace` of a Kubernetes cluster, or `@ssh` for machines.
        var key: String
        /// `FLAVOUR secret CONTEXT NAMESPACE NAME`, `FLAVOUR file PATH` or `FLAVOUR environment`.
        var spec: String
    }

    /// A cluster's nodes as the header's tables name them: `context/namespace`, or `@ssh`.
    static func key(_ cluster: Cluster) -> String {
        cluster.kubernetes.map { "\($0.context.value)/\($0.namespace.value)" } ?? "@ssh"
    }

    /// The cluster whose login a cluster's nodes use: the source's in one ring (handover,
    /// extend, adoption), each its own in snapshot-load.
    static func owner(of cluster: Cluster, in plan: Plan) -> Cluster {
        plan.settings.strategy.value != .snapshotLoad ? plan.source : cluster
    }

    /// How cqlsh of a version takes its login file: `--credentials` from 4.1 (CASSANDRA-16983:
    /// cqlshmain.py, authproviderhandling.py), `--cqlshrc` before (bin/cqlsh.py read_options).
    static func flavour(_ version: CassandraVersion) -> String {
        (version.major, version.minor) >= (4, 1) ? "credentials" : "cqlshrc"
    }

    /// The nodes whose nodetool logs in over JMX with their cqlsh login (`jmx = true`): the
    /// header's `JMX_LOGINS`, the same specs as `entries` for those keys.
    static func jmxEntries(_ plan: Plan) -> [Entry] {
        let all = entries(plan)
        return [plan.source, plan.target].compactMap { cluster -> Entry? in
            guard owner(of: cluster, in: plan).credentials?.forJMX == true else { return nil }
            return all.first { $0.key == key(cluster) }
        }.reduce(into: [Entry]()) { unique, entry in if !unique.contains(entry) { unique.append(entry) } }
    }

    /// The nodes whose clients must use TLS: every node of the source's ring when the source
    /// says so (one-ring strategies; the new nodes are configured alike), only the source's in
    /// snapshot-load.
    static func clientTLS(_ plan: Plan) -> [String] {
        guard plan.source.tls?.client.value == true else { return [] }
        let clusters = plan.settings.strategy.value == .snapshotLoad ? [plan.source] : [plan.source, plan.target]
        var keys: [String] = []
        for cluster in clusters where !keys.contains(key(cluster)) {
            keys.append(key(cluster))
        }
        return keys
    }

    /// The entries for the plan's source and target, in that order.
    static func entries(_ plan: Plan) -> [Entry] {
        var entries: [Entry] = []
        for cluster in [plan.source, plan.target] {
            let key = key(cluster)
            guard !entries.contains(where: { $0.key == key }) else { continue }
            let owner = owner(of: cluster, in: plan)
            let place: String
            switch owner.credentials?.kind.value {
            case .secret(let name)?:
                guard let kubernetes = owner.kubernetes else { continue }
                place = "secret \(kubernetes.context.value) \(kubernetes.namespace.value) \(name)"
            case .file(let path)?:
                place = "file \(path)"
            case nil:
                place = "environment"
            }
            entries.append(Entry(key: key, spec: "\(flavour(cluster.cassandraVersion.value)) \(place)"))
        }
        return entries
    }

    /// What PLAN.md says of a cluster's login.
    static func summary(_ cluster: Cluster, in plan: Plan) -> String {
        let owner = owner(of: cluster, in: plan)
        let how = "cqlsh --\(flavour(cluster.cassandraVersion.value)) with a 0600 file made for each call"
        switch owner.credentials?.kind.value {
        case .secret(let name)?:
            let at = owner.kubernetes.map { " (context \($0.context.value), namespace \($0.namespace.value))" } ?? ""
            return "cqlsh login from the Secret \(name)\(at)\(owner.label.value == cluster.label.value ? "" : ", the source's: system_auth is carried over"), through \(how)"
        case .file(let path)?:
            return "cqlsh login from the credentials file \(path)\(owner.label.value == cluster.label.value ? "" : ", the source's: system_auth is carried over"), through \(how)"
        case nil:
            return "cqlsh login only if CQLSH_USERNAME and CQLSH_PASSWORD are set (the plan names none)"
        }
    }

    /// What PLAN.md adds when nodetool logs in too.
    static func jmxSummary(_ cluster: Cluster, in plan: Plan) -> String {
        guard owner(of: cluster, in: plan).credentials?.forJMX == true else { return "" }
        return "; nodetool logs in to JMX with the same login (-u and -pwf with a 0600 file made for each call)"
    }
}

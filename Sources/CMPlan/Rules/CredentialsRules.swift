/// Logins (`credentials`) and encryption (`tls`): where a cluster's cqlsh login can be read,
/// which cluster's login the runbook uses on which nodes, and where encryption can follow.
enum CredentialsRules {
    static let all: [Rule] = [credentialsPlacement, tlsPlacement]

    /// Why a cluster's `tls` block cannot be carried to the new nodes, or nil when it can.
    static func tlsMisplacement(_ cluster: Cluster, in plan: Plan) -> String? {
        guard cluster.tls != nil else { return nil }
        let strategy = plan.settings.strategy.value
        if cluster.label.value == plan.target.label.value {
            return strategy == .snapshotLoad
                ? "snapshot-load's new cluster is started without encryption (cmplanc does not configure it there yet)"
                : "the target of \(strategy.rawValue) joins the source's ring: its nodes must encrypt as the source's do, which the source's tls block says"
        }
        guard strategy != .snapshotLoad, let kind = plan.target.kubernetes?.operatorKind.value, kind != .statefulset else { return nil }
        return "the new nodes would be made by \(kind.rawValue), whose resource would have to carry the keystore passwords in its spec (cass-operator renders config.cassandra-yaml into cassandra.yaml as written, and cassandra.yaml takes keystore_password as a value), so cmplanc does not configure its encryption (it does for plain StatefulSets, which read them from the Secret at start: operator = statefulset)"
    }

    static let tlsPlacement = Rule(
        RuleDescription(
            name: .tlsPlacement, severity: .error,
            summary: "a tls block cmplanc cannot carry to the new nodes",
            checks: "Refuses `tls` on a target cluster, and on a source whose new nodes an operator (CassKop, cass-operator) would make.",
            why: """
                Nodes that join a ring must encrypt as its nodes do: one without internode \
                encryption cannot gossip with nodes that require it, one without client encryption \
                serves clients in the clear. cmplanc sets both in the cassandra.yaml of the plain \
                StatefulSets it writes (mounting the keystores from the tls Secret); it does not yet \
                write the operators' TLS settings, and a refusal is better than new nodes that \
                cannot join or that drop encryption.
                """,
            fix: "Keep the tls block on the source; with an operator target, configure its TLS yourself and migrate to operator = statefulset, or wait for support.",
            before: """
                cluster "new" {
                  tls {
                    internode = all
                    secret    = "cassandra-tls"
                  }
                }
                """,
            after: """
                cluster "old" {
                  tls {
                    internode = all
                    secret    = "cassandra-tls"
                  }
                }
                """)
    ) { rule, context in
        context.plan.clusters.compactMap { cluster in
            guard let tls = cluster.tls, let reason = tlsMisplacement(cluster, in: context.plan) else { return nil }
            return rule.finding(reason, at: tls.range, help: "remove the tls block from \(cluster.label.value), or use a plain StatefulSet target")
        }
    }

    /// Why a cluster's `credentials` block cannot be used, or nil when it can.
    static func misplacement(_ cluster: Cluster, in plan: Plan) -> String? {
        guard let credentials = cluster.credentials else { return nil }
        if case .secret = credentials.kind.value, cluster.kubernetes == nil {
            return "cluster \(cluster.label.value) runs on machines: there is no namespace to read a Secret from"
        }
        guard cluster.label.value == plan.target.label.value else { return nil }
        switch plan.settings.strategy.value {
        case .datacenterHandover, .datacenterExtend, .volumeAdoption:
            return "the target of \(plan.settings.strategy.value.rawValue) carries the source's system_auth: its logins are the source's, and the runbook uses the source's credentials on every node"
        case .snapshotLoad:
            return "snapshot-load's sstableloader takes a login only on its command line (-u and -pw; LoaderOptions reads no credentials file, and -f's cassandra.yaml gives only stream throughput and encryption), where every user of the machine can read it, so a target with PasswordAuthenticator cannot be loaded"
        }
    }

    static let credentialsPlacement = Rule(
        RuleDescription(
            name: .credentialsPlacement, severity: .error,
            summary: "a credentials block where its login cannot be read or used",
            checks: "Refuses `credentials { secret = ... }` on a cluster on machines, and `credentials` on the target cluster.",
            why: """
                A Secret is read from the cluster's own namespace, which machines do not have. \
                datacenter-handover, datacenter-extend and volume-adoption carry the source's \
                system_auth keyspace to the target (the new nodes join the same ring, or start on \
                its disks), so the target accepts exactly the source's logins: a second login \
                would only hide that. snapshot-load loads with sstableloader, which takes a login \
                only on its command line (-u, -pw: apache/cassandra LoaderOptions reads no credentials \
                file, and its -f cassandra.yaml supplies only stream throughput and encryption \
                options), where every user of the machine can read it.
                """,
            fix: "Keep the credentials block on the source only; for a source on machines, name a cqlsh credentials file.",
            before: """
                cluster "new" {
                  credentials { secret = "cassandra-superuser" }
                }
                """,
            after: """
                cluster "old" {
                  credentials { secret = "cassandra-superuser" }
                }
                """)
    ) { rule, context in
        context.plan.clusters.compactMap { cluster in
            guard let credentials = cluster.credentials, let reason = misplacement(cluster, in: context.plan) else { return nil }
            let help: String
            if case .secret = credentials.kind.value, cluster.kubernetes == nil {
                help = "name a cqlsh credentials file instead: credentials { file = \"~/.cassandra/credentials\" }"
            } else {
                help = "remove the credentials block from \(cluster.label.value)"
            }
            return rule.finding(reason, at: credentials.kind.range, help: help)
        }
    }
}

/// Logins (`credentials`): where a cluster's cqlsh login can be read, and which cluster's
/// login the runbook uses on which nodes.
enum CredentialsRules {
    static let all: [Rule] = [credentialsPlacement]

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
            return "snapshot-load's sstableloader does not take a login from the plan yet (its -u/-pw would put the password on a command line), so a target with PasswordAuthenticator cannot be loaded"
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
                only on its command line (-u, -pw), where every user of the machine can read it.
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

import CMPlanModel

/// What the rehearsal's verdict expects of the world a runbook leaves, derived from the plan's
/// Model alone, never from the compiler's planning code (issue 14): which keyspaces must
/// arrive, and at which replication.
enum ExpectedEndState {
    /// The keyspaces Cassandra owns, by exact name: the simulator's own copy of
    /// apache/cassandra `src/java/org/apache/cassandra/schema/SchemaConstants.java`
    /// (LOCAL_SYSTEM_KEYSPACE_NAMES, VIRTUAL_SYSTEM_KEYSPACE_NAMES and
    /// REPLICATED_SYSTEM_KEYSPACE_NAMES, trunk's included). A name that only starts with
    /// `system` (`systemlogs`) is a user's.
    static let cassandraKeyspaces: Set<String> = [
        "system", "system_schema", "system_accord", "system_views", "system_virtual_schema", "system_metrics",
        "system_auth", "system_distributed", "system_traces", "system_cluster_metadata",
    ]

    /// The replicated system keyspaces every Cassandra of 3.0 to 5.0 has (SchemaConstants'
    /// REPLICATED_SYSTEM_KEYSPACE_NAMES less trunk's `system_cluster_metadata`).
    static let replicatedSystemKeyspaces = ["system_auth", "system_distributed", "system_traces"]

    /// The plan's keyspaces that must arrive on the target: every declared one Cassandra does
    /// not own, sorted by name.
    static func userKeyspaces(of plan: Plan) -> [Keyspace] {
        plan.keyspaces.filter { !cassandraKeyspaces.contains($0.name.value) }.sorted { $0.name.value < $1.name.value }
    }

    /// Replicas a keyspace must have in a target datacenter, as language.md defines it:
    /// `target_replication` when written, else the factor of the source datacenter the target
    /// one is filled from (`from`, else the source datacenter of the same name, else the
    /// source's first), 0 when that holds none.
    static func factor(of keyspace: Keyspace, in target: Datacenter, plan: Plan) -> Int {
        if let written = keyspace.targetReplication { return written.value }
        let sourceName = target.from?.value ?? (plan.source.datacenters.contains { $0.name.value == target.name.value }
            ? target.name.value : plan.source.datacenters.first?.name.value)
        return keyspace.replication.value.first { $0.datacenter.value == sourceName }?.factor.value ?? 0
    }

    /// The problems with the limits the rebuild's senders streamed at: language.md's
    /// `stream_throughput` is "per source node, outbound", and the estimates assume it, so each
    /// sender must have run at it, give or take nodetool's whole units (a megabit of 131072
    /// bytes before 4.1, a MiB from 4.1).
    /// Nodes of the source's ring that do not authenticate and authorize as its nodes did: with
    /// a login, one running AllowAllAuthenticator lets anyone read everything through it, one
    /// with another authorizer ignores or enforces grants the others do not; without, one asking
    /// for a login turns away the clients. (snapshot-load's new cluster is its own ring.)
    static func securityProblems(_ world: World, plan: Plan) -> [String] {
        let authenticator = plan.source.credentials == nil ? "AllowAllAuthenticator" : "PasswordAuthenticator"
        let authorizer = plan.source.credentials?.authorizer.value.rawValue ?? "AllowAllAuthorizer"
        let clientTLS = plan.source.tls?.client.value ?? false
        let internode = plan.source.tls?.internode.value.rawValue ?? "none"
        return world.rings.values.flatMap { ring in
            ring.members.values.filter(\.up).flatMap { member -> [String] in
                let name = member.pod ?? member.address
                var problems: [String] = []
                if member.authenticator != authenticator || member.authorizer != authorizer {
                    problems.append("\(name) runs \(member.authenticator) and \(member.authorizer) in a cluster whose nodes run \(authenticator) and \(authorizer)")
                }
                if member.clientTLS != clientTLS {
                    problems.append("\(name) \(member.clientTLS ? "requires" : "does not require") TLS from its clients, unlike the cluster's nodes")
                }
                if member.internode != internode {
                    problems.append("\(name) runs internode_encryption \(member.internode) in a cluster whose nodes run \(internode)")
                }
                return problems
            }
        }.sorted()
    }

    /// Roles the migration added to, or changed in, the source's system_auth: with a login, the
    /// ring's roles must stay the source's (an operator's own superuser would be a new way in).
    static func roleProblems(_ world: World, plan: Plan) -> [String] {
        guard plan.source.credentials != nil else { return [] }
        return world.rings.values.filter { $0.login != nil }.flatMap { ring -> [String] in
            ring.roles.sorted { $0.key < $1.key }.compactMap { name, password -> String? in
                if name == ring.login?.username {
                    return password == ring.login?.password ? nil : "the password of role \(name) was changed in the source's system_auth"
                }
                return "role \(name) was added to the source's system_auth (an operator's own superuser)"
            }
        }
    }

    static func senderLimitProblems(_ world: World, plan: Plan) -> [String] {
        let wanted = plan.settings.streamThroughput.value.bytesPerSecond
        let unit: UInt64 = (world.cassandraMajor, world.cassandraMinor) >= (4, 1) ? 1_048_576 : 131_072
        if world.rebuildSenderLimits.isEmpty { return ["no rebuild streamed from the source datacenter"] }
        return world.rebuildSenderLimits.sorted { $0.key < $1.key }.compactMap { hostId, limit in
            let difference = limit > wanted ? limit - wanted : wanted - limit
            return difference < unit
                ? nil
                : "the rebuild streamed from \(hostId) at \(limit) bytes/s, not the plan's stream_throughput (\(wanted) bytes/s), which the estimates assume"
        }
    }

    /// Bytes of a keyspace one node of a datacenter holds: its size over every source replica
    /// (language.md: `size` is the live data "summed over all its nodes"), times the datacenter's
    /// replicas (`factor`), over its nodes (used for nodetool's Load, not judged).
    static func bytesPerNode(of keyspace: Keyspace, size: UInt64, in datacenter: Datacenter, factor: Int) -> Int {
        let sourceReplicas = UInt64(Swift.max(1, keyspace.replication.value.reduce(0) { $0 + $1.factor.value }))
        let share = size / sourceReplicas * UInt64(Swift.max(0, factor)) / UInt64(Swift.max(1, datacenter.nodeCount.value))
        return Int(clamping: share)
    }
}

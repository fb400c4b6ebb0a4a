/// The steps every datacenter-* strategy shares: preflight of both clusters and the source's
/// health and keyspaces, then the migration itself (ALTER to replicate to the new datacenter,
/// rebuild naming the source datacenter, repair, the gate), and the source's removal from
/// replication. The strategies differ in where the new nodes run while they rebuild.
struct DatacenterMigrationSteps {
    /// Where the new datacenter's nodes run while they rebuild.
    struct NewNodes {
        /// The cluster's label.
        var label: String
        /// Its kubeconfig context.
        var context: String
        /// Its namespace.
        var namespace: String
        /// The new nodes' pods.
        var pods: [PodLayout]
    }

    /// One new datacenter: its block, the source datacenter it rebuilds from, where its nodes run.
    struct NewDatacenter {
        /// The new datacenter as the plan declares it.
        var block: Datacenter
        /// The source datacenter it rebuilds from.
        var source: Datacenter
        /// Where its nodes run while they rebuild.
        var nodes: NewNodes
    }

    let plan: Plan
    let sourceKubernetes: KubernetesPlacement
    let targetKubernetes: KubernetesPlacement
    /// The source datacenter the new one rebuilds from.
    let sourceDatacenter: Datacenter
    /// The new datacenter as the plan declares it.
    let newDatacenterBlock: Datacenter
    /// Pods of every source datacenter.
    let sourcePods: [(datacenter: Datacenter, pods: [PodLayout])]
    /// `CONTEXT NS POD CONTAINER` of a source pod that runs nodetool and cqlsh.
    let sourceAnchor: [String]
    /// Where the new nodes run while they rebuild.
    let newNodes: NewNodes
    /// The other new datacenters, when a datacenter-extend moves several source datacenters.
    var others: [NewDatacenter] = []

    /// Every new datacenter, the first one first.
    var newDatacenters: [NewDatacenter] {
        [NewDatacenter(block: newDatacenterBlock, source: sourceDatacenter, nodes: newNodes)] + others
    }

    /// The new datacenters' names, for step texts.
    var newNames: String { newDatacenters.map(\.block.name.value).joined(separator: ", ") }
    /// The source datacenters they rebuild from, for step texts.
    var fromNames: String { newDatacenters.map(\.source.name.value).joined(separator: ", ") }

    var sourceContext: String { sourceKubernetes.context.value }
    var sourceNamespace: String { sourceKubernetes.namespace.value }
    var targetContext: String { targetKubernetes.context.value }
    var targetNamespace: String { targetKubernetes.namespace.value }
    var sourceLabel: String { plan.source.label.value }
    var targetLabel: String { plan.target.label.value }
    var newDatacenter: String { newDatacenterBlock.name.value }
    var fromDatacenter: String { sourceDatacenter.name.value }
    var newNodeCount: Int { newDatacenterBlock.nodeCount.value }

    /// Pods of the source datacenters the migration retires: all but those that stay (`keep = true`).
    var retiredPods: [(datacenter: Datacenter, pods: [PodLayout])] {
        let fates = DatacenterFates(plan: plan)
        return sourcePods.filter { !fates.isKept($0.datacenter.name.value) }
    }

    /// The retired source datacenters' names, for step texts.
    var retiredNames: String { retiredPods.map(\.datacenter.name.value).joined(separator: ", ") }

    /// `CONTEXT NS POD CONTAINER` of a pod in a cluster.
    static func at(_ context: String, _ namespace: String, _ pod: PodLayout) -> [String] {
        [context, namespace, pod.pod, pod.container ?? "-"]
    }

    /// `POD/CONTAINER`, as the helpers that loop over pods take them.
    static func podAndContainer(_ pod: PodLayout) -> String { "\(pod.pod)/\(pod.container ?? "-")" }

    /// Replication as `dc:rf,...` with datacenters in byte order (as Cassandra lists them).
    /// `name=dc:rf,...;...` as expect_keyspaces compares it with the live schema: a
    /// SimpleStrategy keyspace as `name=simple:rf` (normalize_keyspaces).
    static func liveSpec(_ keyspaces: [Keyspace]) -> String {
        keyspaces.map { keyspace in
            let replication = keyspace.simpleStrategyFactor.map { "simple:\($0.value)" }
                ?? spec(keyspace.replication.value.map { ($0.datacenter.value, $0.factor.value) })
            return "\(keyspace.name.value)=\(replication)"
        }.joined(separator: ";")
    }

    static func spec(_ factors: [(String, Int)]) -> String {
        factors.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }.map { "\($0.0):\($0.1)" }
            .joined(separator: ",")
    }

    func sourceReplication(_ keyspace: Keyspace) -> [(String, Int)] {
        keyspace.replication.value.map { ($0.datacenter.value, $0.factor.value) }
    }

    func migrationReplication(_ keyspace: Keyspace) -> [(String, Int)] {
        let replication = Replication(plan: plan)
        return sourceReplication(keyspace) + newDatacenters.map { ($0.block.name.value, replication.targetFactor(of: keyspace, in: $0.block)) }
    }

    /// The largest keyspace's bytes per source node of the datacenters rebuilt from, when sizes are known.
    func largestShare() -> UInt64? {
        let replication = Replication(plan: plan)
        // Over every source datacenter rebuilt from (a datacenter-extend may move several).
        let shares = newDatacenters.flatMap { move in
            plan.keyspaces.compactMap { keyspace -> UInt64? in
                guard let factor = keyspace.factor(in: move.source.name.value)?.value else { return nil }
                return replication.bytesPerNode(of: keyspace, factor: factor, nodes: move.source.nodeCount.value)
            }
        }
        return shares.max()
    }

    /// Tools, both clusters' access, the source's health, free disk and keyspaces.
    func preflight(_ steps: inout StepList) {
        steps.add(
            .preflight, "check-tools", "kubectl is installed: every other step drives the clusters through it",
            action: [Call(.requireTool, ["kubectl"]), Call(.requireTool, ["awk"])])
        var sourceAccess = [Call(.requireContext, [sourceContext]), Call(.requireNamespace, [sourceContext, sourceNamespace])]
        // A handover's temporary nodes run in the source's namespace and mount the keystores there.
        if plan.settings.strategy.value == .datacenterHandover {
            sourceAccess += NodeSecurity.newNodes(plan).secretCheck(context: sourceContext, namespace: sourceNamespace)
        }
        if let workload = sourceKubernetes.operatorWorkload?.value {
            sourceAccess.append(Call(.requireOperator, [sourceContext, workload.kind.rawValue, workload.reference]))
        }
        steps.add(
            .preflight, "check-source-access", "the source cluster's context answers, its namespace and operator exist",
            cluster: sourceLabel, action: sourceAccess)
        var targetAccess = [Call(.requireContext, [targetContext]), Call(.requireNamespace, [targetContext, targetNamespace])]
            + NodeSecurity.newNodes(plan).secretCheck(context: targetContext, namespace: targetNamespace)
        if let workload = targetKubernetes.operatorWorkload?.value {
            targetAccess.append(Call(.requireOperator, [targetContext, workload.kind.rawValue, workload.reference]))
            targetAccess.append(Call(.operatorWatches, [targetContext, workload.kind.rawValue, workload.reference, targetNamespace]))
        }
        steps.add(
            .preflight, "check-target-access", "the target cluster's context answers, its namespace and operator exist, and the operator watches the namespace",
            cluster: targetLabel, action: targetAccess)
        // How the source authenticates is what the new nodes will: proven here, not assumed.
        var health = [Call(.expectClusterName, sourceAnchor + [plan.source.clusterName.value])] + NodeSecurity(plan).checks(sourceAnchor)
        for (datacenter, _) in sourcePods {
            health.append(Call(.expectDatacenterUp, sourceAnchor + [datacenter.name.value, String(datacenter.nodeCount.value)]))
            health.append(Call(.expectTokenCount, sourceAnchor + [datacenter.name.value, String(plan.source.numTokens.value)]))
        }
        steps.add(
            .preflight, "check-source-cluster",
            "the source is the cluster the plan describes: its name, one schema version, every node UN",
            cluster: sourceLabel, action: health)
        let declared = plan.userKeyspaces
        let keyspaceSpec = Self.liveSpec(declared)
        if let needed = largestShare(), sourceKubernetes.operatorKind.value != .statefulset, !plan.settings.clearSnapshots.value {
            steps.add(
                .preflight, "check-source-free-disk",
                "every source node has room for the largest keyspace's share (\(Size(bytes: needed))) under /var/lib/cassandra",
                cluster: sourceLabel,
                action: sourcePods.flatMap(\.pods).map {
                    Call(.expectFreeDisk, Self.at(sourceContext, sourceNamespace, $0) + ["/var/lib/cassandra", String(needed)])
                })
        }
        steps.add(
            .preflight, "check-keyspaces",
            "the live keyspaces are exactly the declared ones, with the declared replication (an undeclared keyspace stops the run)",
            cluster: sourceLabel, action: [Call(.expectKeyspaces, sourceAnchor + [keyspaceSpec])])
    }

    /// `DC:NODES` of every source datacenter but `name`: a system keyspace still on
    /// SimpleStrategy keeps a replica map entry in each when it becomes NetworkTopologyStrategy.
    func otherSourceDatacenters(than name: String) -> [String] {
        sourcePods.map(\.datacenter).filter { $0.name.value != name }.map { "\($0.name.value):\($0.nodeCount.value)" }
    }

    /// Snapshots cleared (when asked), keyspaces altered, rebuilds, repair and the gate.
    func migrate(_ steps: inout StepList) {
        if plan.settings.clearSnapshots.value {
            // Only on the datacenters that leave: one that stays keeps its snapshots (its backups).
            let pods = retiredPods.flatMap(\.pods).map(Self.podAndContainer)
            steps.add(
                .migrate, "clear-source-snapshots", "delete old snapshots on the nodes of \(retiredNames) to free disk for streaming (a snapshot keeps every SSTable it links to on disk, compacted away or not)",
                cluster: sourceLabel,
                action: [Call(plan.source.cassandraVersion.value.major >= 4 ? .clearAllSnapshots : .clearSnapshots, [sourceContext, sourceNamespace] + pods)],
                destructive: true)
        }
        convertSimpleStrategy(&steps)
        for (position, keyspace) in plan.keyspaces.sorted(by: { $0.name.value < $1.name.value }).enumerated() {
            let factors = migrationReplication(keyspace)
            let spec = Self.spec(factors)
            let name = keyspace.name.value
            // Done once every new datacenter has its replicas, whatever the source datacenters
            // have by then: retirement later drops those keyspace by keyspace, and a run that lost
            // its journal halfway through must still find this step (a progress mark) done.
            let added = newDatacenters.map { move in
                Call(.replicationFactorIs, sourceAnchor + [name, move.block.name.value, String(factors.first { $0.0 == move.block.name.value }?.1 ?? 0)])
            }
            steps.add(
                .migrate, "alter-keyspace-\(name)", "replicate \(name) to \(newNames) as well: \(spec)", cluster: sourceLabel,
                guard: added,
                action: [Call(.alterReplication, sourceAnchor + [name, spec])],
                check: [Call(.replicationIs, sourceAnchor + [name, spec])])
            // Once the first keyspace also replicates to the new datacenter, the preflight's
            // "keyspaces exactly as declared" no longer holds: the run is past it.
            if position == 0 { steps.markProgress() }
        }
        let declared = Set(plan.keyspaces.map(\.name.value))
        for keyspace in SystemKeyspaces.migrated where !declared.contains(keyspace) {
            let moves = newDatacenters
            let texts = moves.map { move in
                "\(move.block.name.value) with the replicas it has in \(move.source.name.value) (at most \(Swift.min(3, move.block.nodeCount.value)))"
            }
            let present = moves.map { Call(.replicationHas, sourceAnchor + [keyspace, $0.block.name.value]) }
            steps.add(
                .migrate, "alter-keyspace-\(keyspace)", "replicate \(keyspace) to \(texts.joined(separator: ", "))",
                cluster: sourceLabel, guard: present,
                action: moves.map { move in
                    Call(
                        .extendReplication,
                        sourceAnchor + [keyspace, move.source.name.value, move.block.name.value, String(Swift.min(3, move.block.nodeCount.value))]
                            + otherSourceDatacenters(than: move.source.name.value)
                            // The other new datacenters have live nodes too: 4.1 wants them in system_auth's map.
                            + moves.filter { $0.block.name.value != move.block.name.value }.map {
                                "\($0.block.name.value):\(Swift.min(3, $0.block.nodeCount.value))"
                            })
                },
                check: present)
        }
        // The rebuilds' senders stream at the plan's rate, which the estimates assume.
        let throttle = StreamThrottle(rate: plan.settings.streamThroughput.value, version: plan.source.cassandraVersion.value)
        let movedSources = Set(newDatacenters.map(\.source.name.value))
        let senders = sourcePods.filter { movedSources.contains($0.datacenter.name.value) }.flatMap(\.pods).map(Self.podAndContainer)
        let sourceAt = [sourceKubernetes.context.value, sourceKubernetes.namespace.value, throttle.unit.rawValue]
        let throttled = [Call(.streamingThrottled, sourceAt + [String(throttle.value)] + senders)]
        steps.add(
            .migrate, "throttle-streaming",
            "set \(fromNames)'s stream limits (setstreamthroughput, setinterdcstreamthroughput) to \(throttle.description), the plan's stream_throughput, recording their values to put back",
            cluster: sourceLabel, guard: throttled, action: [Call(.throttleStreaming, sourceAt + [String(throttle.value)] + senders)], check: throttled)
        for move in newDatacenters {
            let name = move.block.name.value
            let from = move.source.name.value
            let nodes = move.nodes
            let newPods = nodes.pods.map(Self.podAndContainer)
            let parallel = String(Swift.min(plan.settings.parallelRebuilds.value, move.block.nodeCount.value))
            steps.add(
                .migrate, "rebuild-\(name)",
                "nodetool rebuild -- \(from) on every node of \(name), \(parallel) at a time (naming the source DC: without it each range streams from its closest replica, often an empty peer in \(name))",
                cluster: nodes.label, action: [Call(.rebuild, [nodes.context, nodes.namespace, from, parallel] + newPods)],
                check: nodes.pods.map { Call(.streamingIdle, Self.at(nodes.context, nodes.namespace, $0)) })
            if plan.settings.repair.value {
                steps.add(
                    .migrate, "repair-\(name)", "nodetool repair --full on every node of \(name), one at a time",
                    cluster: nodes.label, action: [Call(.repairFull, [nodes.context, nodes.namespace] + newPods)])
            }
        }
        let restored = [Call(.streamingRestored, sourceAt + senders)]
        steps.add(
            .migrate, "restore-stream-limits", "put \(fromNames)'s stream limits back to the values recorded before the rebuild",
            cluster: sourceLabel, guard: restored, action: [Call(.restoreStreaming, sourceAt + senders)], check: restored)
        for move in newDatacenters {
            let name = move.block.name.value
            var gate = holdsData(move, anchor: sourceAnchor)
            gate += move.nodes.pods.map { Call(.streamingIdle, Self.at(move.nodes.context, move.nodes.namespace, $0)) }
            gate.append(Call(.expectClusterName, sourceAnchor + [plan.source.clusterName.value]))
            for keyspace in plan.keyspaces {
                gate.append(Call(.replicationHas, sourceAnchor + [keyspace.name.value, name]))
            }
            steps.add(
                .migrate, "verify-\(name)",
                "the gate before cutover: \(name) all UN and holding its data, no streaming left, one schema version, every keyspace replicated to it",
                cluster: sourceLabel, action: gate)
        }
    }

    /// SimpleStrategy keyspaces become NetworkTopologyStrategy in the source datacenter first, at
    /// their factor (a datacenter can only be added to NTS); where the source has several racks,
    /// NTS places replicas rack by rack and SimpleStrategy did not, so a full repair on the source
    /// nodes moves the data to its new replicas before any of it is streamed on.
    func convertSimpleStrategy(_ steps: inout StepList) {
        let simple = plan.keyspaces.filter { $0.simpleStrategyFactor != nil }.sorted { $0.name.value < $1.name.value }
        guard !simple.isEmpty else { return }
        for keyspace in simple {
            let name = keyspace.name.value
            let spec = Self.spec(sourceReplication(keyspace))
            let converted = [Call(.replicationHas, sourceAnchor + [name, fromDatacenter])]
            steps.add(
                .migrate, "convert-keyspace-\(name)",
                "turn \(name)'s SimpleStrategy into NetworkTopologyStrategy in \(fromDatacenter) at the same factor: \(spec)",
                cluster: sourceLabel, guard: converted, action: [Call(.alterReplication, sourceAnchor + [name, spec])], check: converted)
        }
        guard sourceDatacenter.racks.value.count > 1 else { return }
        let pods = (sourcePods.first { $0.datacenter.name.value == fromDatacenter }?.pods ?? []).map(Self.podAndContainer)
        steps.add(
            .migrate, "repair-converted-keyspaces",
            "nodetool repair --full on every node of \(fromDatacenter), one at a time: NetworkTopologyStrategy places replicas by rack, SimpleStrategy did not",
            cluster: sourceLabel, action: [Call(.repairFull, [sourceKubernetes.context.value, sourceKubernetes.namespace.value] + pods)])
    }

    /// The new datacenter with every node UN and holding at least half its estimated share, as
    /// `anchor` sees it: the gate before cutover, and the premise of dropping the source.
    func newDatacenterHoldsData(anchor: [String]) -> [Call] {
        newDatacenters.flatMap { holdsData($0, anchor: anchor) }
    }

    /// One new datacenter with every node UN and at least half its estimated share.
    func holdsData(_ move: NewDatacenter, anchor: [String]) -> [Call] {
        let name = move.block.name.value
        var calls = [Call(.expectDatacenterUp, anchor + [name, String(move.block.nodeCount.value)])]
        if let perNode = Estimates(plan: plan).targetLoads.first(where: { $0.datacenter == name })?.perNode, perNode.bytes > 0 {
            // Half the estimate: sizes are approximate, but a rebuild that copied nothing is not.
            calls.append(Call(.expectDatacenterLoad, anchor + [name, String(perNode.bytes / 2)]))
        }
        return calls
    }

    /// The source's retirement rules on its version (system_auth last from 4.1).
    var retirement: SourceRetirement { SourceRetirement(version: plan.source.cassandraVersion.value) }

    /// Every keyspace's (system ones included, `system_auth` only where it may leave before the
    /// source's nodes) and source datacenter's pair.
    private var keyspacesAndSourceDatacenters: [(keyspace: String, datacenter: String)] {
        let keyspaces = migratedKeyspaces
        return retirement.droppedFirst(keyspaces).flatMap { keyspace in retiredPods.map { (keyspace, $0.datacenter.name.value) } }
    }

    /// Every keyspace the migration replicates: the declared ones by name, then the replicated
    /// system keyspaces the plan does not declare.
    var migratedKeyspaces: [String] {
        plan.keyspaces.map(\.name.value).sorted() + SystemKeyspaces.migrated.filter { name in !plan.keyspaces.contains { $0.name.value == name } }
    }

    /// How new datacenters `names` (nodes `pods`, `POD/CONTAINER` at CONTEXT NS) leave the ring and
    /// every keyspace's replication again, as `anchor` sees it: the rollback of datacenter-extend
    /// and of datacenter-handover's temporary datacenter. The keyspaces go first (system_auth
    /// last on 4.1+, in one ALTER for all, once no node of them is left), the nodes are
    /// decommissioned (--force on 4.1+, for system_auth), leftovers removed by host id. Returns
    /// the calls and the checks that prove them done.
    func newDatacentersLeave(_ names: [String], pods: [String], context: String, namespace: String, anchor: [String]) -> (action: [Call], gone: [Call]) {
        let keyspaces = migratedKeyspaces
        let first = retirement.droppedFirst(keyspaces)
        let last = keyspaces.filter { !first.contains($0) }
        let gone = names.flatMap { name in keyspaces.map { Call(.replicationLacks, anchor + [$0, name]) } }
            + names.map { Call(.datacenterAbsent, anchor + [$0]) }
        var action = names.flatMap { name in first.map { Call(.dropReplication, anchor + [$0, name]) } }
        action.append(Call(.decommissionNodes, [context, namespace, retirement.decommissionNeedsForce ? "--force" : "-"] + pods))
        action += names.map { Call(.removeDatacenterNodes, anchor + [$0]) }
        // One ALTER for all: once their nodes are gone, a map that keeps one of them is refused.
        action += last.map { Call(.dropReplication, anchor + [$0] + names) }
        return (action, gone)
    }

    /// How datacenters `names` whose nodes are all stopped leave the ring and every keyspace's
    /// replication, as `anchor` sees it: the way back of datacenter-handover from its window.
    /// On 4.0+ their nodes are removed by host id first (a drained node blocks every ALTER
    /// KEYSPACE until it leaves, and removenode skips down replicas), then each keyspace drops
    /// them all in one ALTER (a map that keeps a datacenter without endpoints is refused); on
    /// 3.x, as its retirement does, the keyspaces first, then removenode. Returns the calls and
    /// the checks that prove them done.
    func stoppedDatacentersLeave(_ names: [String], anchor: [String]) -> (action: [Call], gone: [Call]) {
        let keyspaces = migratedKeyspaces
        let gone = names.flatMap { name in keyspaces.map { Call(.replicationLacks, anchor + [$0, name]) } }
            + names.map { Call(.datacenterAbsent, anchor + [$0]) }
        let remove = names.map { Call(.removeDatacenterNodes, anchor + [$0]) }
        let drop = keyspaces.map { Call(.dropReplication, anchor + [$0] + names) }
        return (retirement.alterNeedsNoStoppedNodes ? remove + drop : drop + remove, gone)
    }

    /// On 4.1+, once the source datacenters' nodes have left the ring, `system_auth` drops them
    /// (before, Cassandra refuses: "Following datacenters have active nodes and must be present
    /// in replication options for keyspace system_auth"); nothing on older versions, where
    /// `drop-source-replication` took it with the others.
    func dropSourceFromSystemAuth(_ steps: inout StepList, anchor: [String], cluster: String) {
        guard retirement.systemAuthLeavesLast else { return }
        let names = retiredPods.map(\.datacenter.name.value)
        let dropped = names.map { Call(.replicationLacks, anchor + ["system_auth", $0]) }
        steps.add(
            .retire, "drop-source-from-system-auth",
            "remove \(names.joined(separator: ", ")) from system_auth's replication, now that no node of them is left (Cassandra 4.1+ refuses it before)",
            // One ALTER for all: once their nodes are gone, a map that keeps one of them is refused.
            cluster: cluster, guard: dropped, action: [Call(.dropReplication, anchor + ["system_auth"] + names)], check: dropped,
            destructive: true)
        steps.requirePremise(names.map { Call(.datacenterAbsent, anchor + [$0]) })
    }

    /// No keyspace replicates to a source datacenter any more (but `system_auth` on 4.1+), as
    /// `anchor` sees it: the premise of removing or decommissioning the source's nodes.
    func sourceLeftReplication(anchor: [String]) -> [Call] {
        keyspacesAndSourceDatacenters.map { Call(.replicationLacks, anchor + [$0.keyspace, $0.datacenter]) }
    }

    /// What a step that retires says of the datacenters that stay; empty when none does.
    var keptNote: String {
        let kept = DatacenterFates(plan: plan).kept.map(\.name.value)
        return kept.isEmpty ? "" : "; \(kept.joined(separator: ", ")) stays as it is"
    }

    /// Every keyspace's replication without the source datacenters, asked of `anchor`; it runs
    /// only while the new datacenter holds the data and `premise` (the clients gone) holds.
    func dropSourceReplication(_ steps: inout StepList, anchor: [String], cluster: String, premise: [Call] = []) {
        let drop = keyspacesAndSourceDatacenters.map { Call(.dropReplication, anchor + [$0.keyspace, $0.datacenter]) }
        let dropped = sourceLeftReplication(anchor: anchor)
        steps.add(
            .retire, "drop-source-replication",
            retirement.systemAuthLeavesLast
                ? "remove \(retiredNames) from every keyspace's replication but system_auth's (Cassandra 4.1+ keeps it until their nodes are gone)\(keptNote)"
                : "remove \(retiredNames) from every keyspace's replication\(keptNote)", cluster: cluster,
            guard: dropped, action: drop, check: dropped, destructive: true)
        steps.requirePremise(newDatacenterHoldsData(anchor: anchor) + premise)
        steps.markProgress()
    }

    /// Every keyspace's replication, system_auth included, without the retired datacenters once
    /// their nodes have been removed: one ALTER per keyspace, since from 4.0 a map that keeps a
    /// datacenter without endpoints is refused. datacenter-handover on 4.0+ retires in this order
    /// (its source nodes are stopped, so an ALTER before their removal is refused).
    func dropRemovedSourceReplication(_ steps: inout StepList, anchor: [String], cluster: String) {
        let keyspaces = migratedKeyspaces
        let names = retiredPods.map(\.datacenter.name.value)
        let dropped = keyspaces.flatMap { keyspace in names.map { Call(.replicationLacks, anchor + [keyspace, $0]) } }
        steps.add(
            .retire, "drop-source-replication",
            "remove \(retiredNames) from every keyspace's replication, system_auth included, now that no node of them is left\(keptNote)",
            cluster: cluster, guard: dropped, action: keyspaces.map { Call(.dropReplication, anchor + [$0] + names) }, check: dropped,
            destructive: true)
        steps.requirePremise(names.map { Call(.datacenterAbsent, anchor + [$0]) })
    }
}

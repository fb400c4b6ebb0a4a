extension SchemaDecoder {
    /// Decodes the top level: exactly one plan, the clusters, keyspaces and monitoring,
    /// then resolves references and the target's defaults.
    mutating func decodeFile(_ tree: SyntaxFile, file: SourceFile) -> Plan? {
        let blocksOnly = tree.items.filter { if case .attribute = $0 { false } else { true } }
        let fileStart = SourceRange(at: .start)
        var top = BodyReader(items: blocksOnly, owner: "the plan file", ownerRange: fileStart, sink: &sink)
        let planBlocks = top.blocks("plan")
        let clusterBlocks = top.blocks("cluster")
        let keyspaceBlocks = top.blocks("keyspace")
        let monitoringBlocks = top.blocks("monitoring")
        finish(top)

        let settings = decodePlanBlocks(planBlocks, fileStart: fileStart)
        let labeledClusters = labeled(clusterBlocks, kind: "cluster", example: "cluster \"old\" { ... }")
        let clusters = labeledClusters.compactMap { decodeCluster($0.block, label: $0.label) }
        let keyspaces = labeled(keyspaceBlocks, kind: "keyspace", example: "keyspace \"example\" { ... }").compactMap {
            decodeKeyspace($0.block, name: $0.label)
        }
        let monitoring = single(monitoringBlocks, kind: "monitoring").map { decodeMonitoring($0) }

        guard let (name, settings) = settings else { return nil }
        let failedLabels = Set(labeledClusters.map(\.label.value)).subtracting(clusters.map(\.label.value))
        guard let resolved = resolveClusters(clusters, failed: failedLabels, settings: settings) else { return nil }
        // A SimpleStrategy keyspace stands for the NetworkTopologyStrategy it is converted to
        // first: its factor in the source's datacenter (simple-strategy-datacenters refuses
        // a source with several, where SimpleStrategy spreads replicas over all of them).
        let sourceDatacenter = resolved.clusters[resolved.source].datacenters.first?.name
        let converted = keyspaces.map { keyspace -> Keyspace in
            guard let factor = keyspace.simpleStrategyFactor, let datacenter = sourceDatacenter else { return keyspace }
            var keyspace = keyspace
            keyspace.replication = Located(
                [ReplicationFactor(datacenter: Located(datacenter.value, at: factor.range, isExplicit: false), factor: factor)],
                at: keyspace.replication.range, isExplicit: false)
            return keyspace
        }
        return Plan(
            name: name, settings: settings, clusters: resolved.clusters, sourceIndex: resolved.source,
            targetIndex: resolved.target, keyspaces: converted, monitoring: monitoring ?? nil)
    }

    private mutating func decodePlanBlocks(_ blocks: [Block], fileStart: SourceRange) -> (Located<String>, PlanSettings)? {
        guard let block = blocks.first else {
            report(
                .error(
                    .missingAttribute, "the file has no plan block", at: fileStart,
                    help: "add plan \"my-migration\" { strategy = ..., source = ..., target = ..., downtime_budget = ... }"))
            return nil
        }
        for extra in blocks.dropFirst() {
            report(
                .error(
                    .duplicateBlock, "a file holds exactly one plan block", at: extra.headerRange,
                    notes: [Note("the plan is declared here", at: block.headerRange)],
                    help: "put each migration in a file of its own"))
        }
        let name: Located<String>?
        if let label = block.label {
            name = Located(label.value, at: label.range)
        } else {
            report(.error(.syntax, "the plan block needs a name", at: block.headerRange, help: "write plan \"k8s-to-k8s\" { ... }"))
            name = nil
        }
        guard let settings = decodePlanSettings(block), let name else { return nil }
        return (name, settings)
    }

    private mutating func decodePlanSettings(_ block: Block) -> PlanSettings? {
        var body = reader(for: block)
        let header = block.headerRange
        let strategy = enumeration(&body, "strategy", Strategy.self, required: "strategy = datacenter-handover")
        let source = reference(&body, "source", required: "source = old (the label of the cluster it runs in now)")
        let target = reference(&body, "target", required: "target = new (the label of the cluster it moves to)")
        let budget = quantity(&body, "downtime_budget", .duration, required: "downtime_budget = 3m")
        let consistency = enumeration(&body, "consistency", ConsistencyLevel.self)
        let stream = quantity(&body, "stream_throughput", .rate, allowZero: false)
        let parallel = integer(&body, "parallel_rebuilds", minimum: 1)
        let repair = boolean(&body, "repair")
        let clearSnapshots = boolean(&body, "clear_snapshots")
        let load = quantity(&body, "load_throughput", .rate, allowZero: false)
        finish(body)
        if let strategy, strategy.value.isDatacenterStrategy, !body.has("consistency") {
            report(
                .error(
                    .missingAttribute, "a \(strategy.value.rawValue) plan needs 'consistency'", at: header,
                    notes: [Note("the strategy runs two datacenters side by side", at: strategy.range)],
                    help: "add consistency = LOCAL_QUORUM (what clients use while both datacenters are live)"))
        }
        guard let strategy, let source, let target, let budget else { return nil }
        let defaultRate = Located(Rate(bytesPerSecond: 24 << 20), at: header, isExplicit: false)
        return PlanSettings(
            strategy: strategy, source: source, target: target,
            downtimeBudget: budget.map { Duration(milliseconds: $0) }, consistency: consistency,
            streamThroughput: stream.map { $0.map { Rate(bytesPerSecond: $0) } } ?? defaultRate,
            parallelRebuilds: parallel ?? Located(1, at: header, isExplicit: false),
            repair: repair ?? Located(true, at: header, isExplicit: false),
            clearSnapshots: clearSnapshots ?? Located(false, at: header, isExplicit: false),
            loadThroughput: load.map { $0.map { Rate(bytesPerSecond: $0) } } ?? defaultRate, range: header)
    }

    /// Finds the source and target among the clusters, fills every cluster's defaults from
    /// the source, and resolves each target datacenter's `from`.
    private mutating func resolveClusters(
        _ drafts: [ClusterDraft], failed: Set<String>, settings: PlanSettings
    ) -> (clusters: [Cluster], source: Int, target: Int)? {
        let labels = drafts.map(\.label.value)
        let sourceIndex = resolveCluster(settings.source, labels: labels, failed: failed, role: "source")
        let targetIndex = resolveCluster(settings.target, labels: labels, failed: failed, role: "target")
        guard let sourceIndex, let targetIndex else { return nil }
        guard sourceIndex != targetIndex else {
            report(
                .error(
                    .invalidValue, "source and target are the same cluster \"\(settings.source.value)\"",
                    at: settings.target.range, notes: [Note("source set here", at: settings.source.range)],
                    help: "declare the cluster it moves to in a cluster block of its own and name it in target"))
            return nil
        }
        let sourceDraft = drafts[sourceIndex]
        if sourceDraft.clusterName == nil {
            report(
                .error(
                    .missingAttribute, "the source cluster \"\(sourceDraft.label.value)\" needs 'cluster_name'",
                    at: sourceDraft.range, help: "add cluster_name = \"...\" as `nodetool describecluster` prints it"))
        }
        if sourceDraft.cassandraVersion == nil {
            report(
                .error(
                    .missingAttribute, "the source cluster \"\(sourceDraft.label.value)\" needs 'cassandra_version'",
                    at: sourceDraft.range, help: "add cassandra_version = \"x.y.z\" as `nodetool version` prints it"))
        }
        guard let sourceName = sourceDraft.clusterName, let sourceVersion = sourceDraft.cassandraVersion else { return nil }
        // The shipped cassandra.yaml's num_tokens: 256 before 4.0, 16 from 4.0 (CASSANDRA-13701).
        let sourceTokens = sourceDraft.numTokens ?? Located(sourceVersion.value.major >= 4 ? 16 : 256, at: sourceDraft.range, isExplicit: false)
        var clusters: [Cluster] = []
        for (index, draft) in drafts.enumerated() {
            let name = draft.clusterName ?? Located(sourceName.value, at: draft.range, isExplicit: false)
            let version = draft.cassandraVersion ?? Located(sourceVersion.value, at: draft.range, isExplicit: false)
            let image = draft.image ?? Located("cassandra:\(version.value)", at: draft.range, isExplicit: false)
            var datacenters = draft.datacenters
            if settings.strategy.value.isDatacenterStrategy && index == targetIndex {
                datacenters = datacenters.map { resolveFrom($0, source: sourceDraft) }
            } else {
                for datacenter in datacenters {
                    if let from = datacenter.from {
                        report(
                            .error(
                                .unknownAttribute, "'from' is only meaningful on a target datacenter of a datacenter-* plan",
                                at: from.range, help: "remove it; \(datacenter.name.value) does not rebuild from another datacenter"))
                    }
                }
            }
            var cluster = Cluster(
                label: draft.label, clusterName: name, cassandraVersion: version, image: image, seeds: draft.seeds,
                numTokens: index == sourceIndex ? sourceTokens : (draft.numTokens ?? Located(sourceTokens.value, at: draft.range, isExplicit: false)),
                placement: draft.placement, aws: draft.aws, datacenters: datacenters, range: draft.range)
            cluster.credentials = draft.credentials
            cluster.tls = draft.tls
            clusters.append(cluster)
        }
        return (clusters, sourceIndex, targetIndex)
    }

    /// The index of the cluster a reference names; nil, reported, when it names nothing,
    /// and nil, silently, when it names a cluster whose own errors are already reported.
    private mutating func resolveCluster(_ reference: Located<String>, labels: [String], failed: Set<String>, role: String) -> Int? {
        if let index = labels.firstIndex(of: reference.value) { return index }
        if failed.contains(reference.value) { return nil }
        let labels = labels + failed.sorted()
        let help =
            Suggestion.closest(to: reference.value, in: labels).map { "did you mean '\($0)'?" }
            ?? (labels.isEmpty
                ? "declare the cluster: cluster \"\(reference.value)\" { ... }"
                : "the clusters declared are: \(labels.joined(separator: ", "))")
        report(.error(.unknownReference, "\(role) names no declared cluster: \"\(reference.value)\"", at: reference.range, help: help))
        return nil
    }

    private mutating func resolveFrom(_ datacenter: Datacenter, source: ClusterDraft) -> Datacenter {
        var resolved = datacenter
        let sourceNames = source.datacenters.map(\.name.value)
        if let from = datacenter.from {
            if !sourceNames.contains(from.value) {
                let help =
                    Suggestion.closest(to: from.value, in: sourceNames).map { "did you mean '\($0)'?" }
                    ?? "the source's datacenters are: \(sourceNames.joined(separator: ", "))"
                report(
                    .error(
                        .unknownReference, "from names no datacenter of the source cluster \"\(source.label.value)\": \"\(from.value)\"",
                        at: from.range, help: help))
            }
        } else if sourceNames.count == 1 {
            resolved.from = Located(sourceNames[0], at: datacenter.range, isExplicit: false)
        } else if sourceNames.count > 1 {
            report(
                .error(
                    .missingAttribute, "datacenter \"\(datacenter.name.value)\" needs 'from': the source has several datacenters",
                    at: datacenter.range,
                    help: "add from = \(sourceNames[0]) (the source datacenter it rebuilds from; one of \(sourceNames.joined(separator: ", ")))"))
        }
        return resolved
    }
}

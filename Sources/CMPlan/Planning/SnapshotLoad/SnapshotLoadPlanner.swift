/// Plans a snapshot-load (seed 004's first attempt): a new cluster starts in the target, the
/// schema is copied, then writes stop for the whole transfer: clients confirmed gone and
/// native transport disabled, `nodetool flush` and `snapshot -t TAG` on every source node,
/// `sstableloader` from each snapshot at `load_throughput`, row counts compared on a sample,
/// clients switched; the snapshots are cleared afterwards. The source stays frozen and whole.
struct SnapshotLoadPlanner {
    let layout: SnapshotLoadLayout
    let plan: Plan

    var targetContext: String { layout.targetKubernetes.context.value }
    var targetNamespace: String { layout.targetKubernetes.namespace.value }
    var sourceLabel: String { layout.source.label.value }
    var targetLabel: String { layout.target.label.value }
    var newDatacenter: String { layout.targetDatacenter.name.value }
    var newNodes: Int { layout.targetDatacenter.nodeCount.value }

    /// sstableloader's `-t` is in megabits per second: `load_throughput` × 8 / 10⁶, at least 1.
    var megabits: String {
        let bytes = plan.settings.loadThroughput.value.bytesPerSecond
        return String(Swift.max(1, bytes.multipliedClamped(by: 8) / 1_000_000))
    }

    /// The steps, given the target manifests' files in apply order.
    func plan(manifests: [Manifest]) -> [Step] {
        var steps = StepList()
        preflight(&steps, manifests: manifests)
        prepare(&steps, manifests: manifests)
        freeze(&steps)
        retire(&steps)
        return steps.steps
    }

    private func preflight(_ steps: inout StepList, manifests: [Manifest]) {
        var tools = ["kubectl", "awk"]
        if case .machines = layout.source.placement { tools.append("ssh") }
        steps.add(.preflight, "check-tools", "\(tools.joined(separator: ", ")) are installed", action: tools.map { Call(.requireTool, [$0]) })
        var access: [Call] = []
        if case .kubernetes(let source) = layout.source.placement {
            access += [Call(.requireContext, [source.context.value]), Call(.requireNamespace, [source.context.value, source.namespace.value])]
        }
        access += [Call(.requireContext, [targetContext]), Call(.requireNamespace, [targetContext, targetNamespace])]
        if let workload = layout.targetKubernetes.operatorWorkload?.value {
            access.append(Call(.requireOperator, [targetContext, workload.kind.rawValue, workload.reference]))
            access.append(Call(.operatorWatches, [targetContext, workload.kind.rawValue, workload.reference, targetNamespace]))
        }
        access += manifests.map { Call(.expectNotForeign, [targetContext, targetNamespace, $0.kind, $0.name]) }
        steps.add(
            .preflight, "check-access", "both clusters answer, the target's namespace and operator exist, no object of ours is taken",
            action: access)
        // The source's authentication as the plan says: a login it needs and the plan lacks stops here.
        var health = [Call(.expectClusterName, layout.sourceAnchor + [layout.source.clusterName.value])] + NodeSecurity(plan).checks(layout.sourceAnchor)
        for datacenter in plan.source.datacenters {
            health.append(Call(.expectDatacenterUp, layout.sourceAnchor + [datacenter.name.value, String(datacenter.nodeCount.value)]))
            health.append(Call(.expectTokenCount, layout.sourceAnchor + [datacenter.name.value, String(plan.source.numTokens.value)]))
        }
        steps.add(
            .preflight, "check-source-cluster", "the source is the cluster the plan describes: its name, one schema version, every node UN",
            cluster: sourceLabel, action: health)
        let declared = plan.userKeyspaces
        let spec = DatacenterMigrationSteps.liveSpec(declared)
        steps.add(
            .preflight, "check-keyspaces", "the live keyspaces are exactly the declared ones (an undeclared keyspace stops the run)",
            cluster: sourceLabel, action: [Call(.expectKeyspaces, layout.sourceAnchor + [spec])])
    }

    private func prepare(_ steps: inout StepList, manifests: [Manifest]) {
        steps.raiseMaxMapCount(manifests: manifests, context: targetContext, namespace: targetNamespace, cluster: targetLabel)
        let datacenter = manifests.filter { $0.kind != "DaemonSet" }
        let main = datacenter.last.map { [targetContext, targetNamespace, $0.kind, $0.name] } ?? []
        steps.add(
            .prepare, "create-target-datacenter", "create the new cluster's datacenter \(newDatacenter) in \(targetLabel), empty",
            cluster: targetLabel, guard: [Call(.objectExists, main)], action: datacenter.map { Call(.applyManifest, [targetContext, $0.path]) },
            check: [Call(.objectExists, main)])
        let ready = [
            Call(.expectDatacenterUp, layout.targetAnchor + [newDatacenter, String(newNodes)]),
            Call(.expectTokenCount, layout.targetAnchor + [newDatacenter, String(layout.target.numTokens.value)]),
            Call(.expectClusterName, layout.targetAnchor + [layout.target.clusterName.value]),
        ] + layout.targetPods.map { Call(.expectMaxMapCount, DatacenterMigrationSteps.at(targetContext, targetNamespace, $0) + ["1048575"]) }
        steps.add(
            .prepare, "wait-target-datacenter", "nodetool status shows \(newDatacenter) with \(newNodes) nodes UN", cluster: targetLabel,
            guard: ready, action: [Call(.waitDatacenterUp, layout.targetAnchor + [newDatacenter, String(newNodes)])], check: ready)
        let copied = layout.keyspaces.map { Call(.schemaCopied, layout.sourceAnchor + layout.targetAnchor + [$0.name, $0.spec]) }
        steps.add(
            .prepare, "copy-schema",
            "DESCRIBE KEYSPACE on the source, applied on the target with its replication (\(layout.keyspaces.map { "\($0.name) \($0.spec)" }.joined(separator: ", ")))",
            cluster: targetLabel, guard: copied,
            action: layout.keyspaces.map { Call(.copySchema, layout.sourceAnchor + layout.targetAnchor + [$0.name, $0.spec]) }, check: copied)
    }

    private func freeze(_ steps: inout StepList) {
        let estimate = Estimates(plan: plan).outage.total
        steps.addConfirmation(
            .cutover, "confirm-writes-stopped", "stop every client: writes stay stopped for the whole transfer (estimate \(estimate)), or every later write is lost",
            message: "Stop every client of cluster \"\(layout.source.clusterName.value)\" now. Writes stay stopped until the load is verified (estimate \(estimate), budget \(plan.settings.downtimeBudget.value)).", inDowntime: true)
        let stopped = layout.sourceNodes.map { Call(.clientTrafficStopped, $0.target) }
        let countsClients = layout.source.cassandraVersion.value.major >= 4
        steps.add(
            .cutover, "stop-client-traffic",
            countsClients
                ? "nodetool clientstats shows no client on any source node, then disablebinary: nothing can write after the snapshot"
                : "disablebinary and disablethrift on every source node (Cassandra \(layout.source.cassandraVersion.value) has no clientstats): nothing can write after the snapshot",
            cluster: sourceLabel, guard: stopped,
            action: layout.sourceNodes.map { Call(countsClients ? .stopClientTraffic : .stopNativeAndThrift, $0.target) },
            check: stopped, destructive: true, inDowntime: true)
        let snapshotted = layout.sourceNodes.map { Call(.nodeHasSnapshot, $0.target + [layout.tag]) }
        steps.add(
            .cutover, "snapshot-source", "nodetool flush and nodetool snapshot -t \(layout.tag) on every source node",
            cluster: sourceLabel, guard: snapshotted, action: layout.sourceNodes.map { Call(.snapshotNode, $0.target + [layout.tag]) },
            check: snapshotted, inDowntime: true)
        // A snapshot taken while a client could still write misses those writes.
        steps.requirePremise([Call(.confirmed, ["confirm-writes-stopped"])] + stopped)
        let names = layout.keyspaces.map(\.name)
        // Markers are named after the pod or machine address the loader ran on.
        let loaded = [Call(.snapshotsLoaded, [names.joined(separator: ",")] + layout.sourceNodes.map { $0.target[2] })]
        steps.add(
            .cutover, "load-snapshots",
            "sstableloader from every source node's snapshot into \(newDatacenter), all nodes at once, each throttled to \(plan.settings.loadThroughput.value) (-t \(megabits) Mbit/s)",
            cluster: targetLabel, guard: loaded,
            action: [Call(.targetAddresses, [targetContext, targetNamespace] + layout.targetPods.map(\.pod))]
                + layout.sourceNodes.map { Call(.startLoader, $0.target + [layout.tag, megabits] + names) } + [Call(.waitLoaders, [])],
            check: loaded, inDowntime: true)
        steps.requirePremise(stopped + snapshotted)
        // Recorded only once every node loaded every keyspace: the freeze and the snapshots are behind.
        steps.markProgress()
        let timeouts = layout.keyspaces.map { copied in RowCountTimeout(plan.keyspaces.first { $0.name.value == copied.name }) }
        steps.add(
            .cutover, "verify-row-counts",
            "each keyspace's first table counts the same rows on the target as on the frozen source (a sample: COUNT(*) reads every partition; "
                + "cqlsh waits up to " + zip(layout.keyspaces, timeouts).map { "\($0.1.seconds) s for \($0.0.name)" }.joined(separator: ", ")
                + ", \(RowCountTimeout.basis))",
            cluster: targetLabel,
            action: zip(layout.keyspaces, timeouts).map { Call(.expectSameRows, layout.sourceAnchor + layout.targetAnchor + [$0.0.name, String($0.1.seconds)]) },
            inDowntime: true)
        let consistency = plan.settings.consistency?.value.rawValue ?? "LOCAL_QUORUM"
        steps.addConfirmation(
            .cutover, "confirm-clients-switched", "point the clients at the target and start them; the write freeze ends",
            message: "Point every client at datacenter \(newDatacenter) in context \(targetContext) (namespace \(targetNamespace)) with \(consistency), and start them.", inDowntime: true)
        // Never tell the person to point clients at a target that does not serve, or has not
        // received every node's snapshot.
        steps.requirePremise([Call(.expectDatacenterUp, layout.targetAnchor + [newDatacenter, String(layout.targetPods.count)])] + loaded)
        steps.markProgress()
    }

    private func retire(_ steps: inout StepList) {
        let cleared = layout.sourceNodes.map { Call(.snapshotCleared, $0.target + [layout.tag]) }
        steps.add(
            .retire, "clear-source-snapshots",
            "nodetool clearsnapshot -t \(layout.tag) and the staging hard links on every source node (the source itself stays frozen and whole)",
            cluster: sourceLabel, guard: cleared, action: layout.sourceNodes.map { Call(.clearNodeSnapshot, $0.target + [layout.tag]) },
            check: cleared, destructive: true)
        // The way back (issue 17.5): the freeze undone where it was made, the snapshot and its
        // staging links cleared, and the progress record gone, so a later attempt asks for
        // every confirmation again. Only the person can know the clients have not written to
        // the new cluster yet; the step checks that the source still holds the declared keyspaces.
        let open = layout.sourceNodes.map { Call(.clientTrafficOpen, $0.target) }
        let thrift = layout.source.cassandraVersion.value.major >= 4 ? "no" : "yes"
        steps.add(
            .retire, "rollback-reopen-source",
            "ROLLBACK: native transport\(thrift == "yes" ? " and Thrift" : "") on again on every source node and the migration's snapshot cleared, so the clients go back to the source (only before they write to the new cluster)",
            cluster: sourceLabel, guard: open + cleared,
            action: layout.sourceNodes.map { Call(.reopenClientTraffic, $0.target + [thrift]) }
                + layout.sourceNodes.map { Call(.clearNodeSnapshot, $0.target + [layout.tag]) }
                + [Call(.deleteObject, [targetContext, targetNamespace, "configmap", RunbookCompiler.record(plan).name])],
            check: open + cleared, destructive: true, manualOnly: true)
        steps.requirePremise([Call(.expectKeyspaces, layout.sourceAnchor + [DatacenterMigrationSteps.liveSpec(plan.userKeyspaces)])])
    }
}

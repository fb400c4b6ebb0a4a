/// Plans a datacenter-handover (seed 000): the target's volumes are created through its
/// operator, borrowed by a temporary datacenter beside the source, rebuilt from the source,
/// and handed back to the target at cutover; then the source datacenter retires.
struct HandoverPlanner {
    let layout: HandoverLayout
    let plan: Plan

    /// The system keyspaces that follow the new datacenter without being declared.
    static let replicatedSystemKeyspaces = ["system_auth", "system_distributed", "system_traces"]

    /// The steps and the manifests' files, per cluster, in apply order.
    func plan(manifests: [Manifest]) -> [Step] {
        var steps = StepList()
        preflight(&steps, manifests: manifests)
        prepare(&steps, manifests: manifests)
        migrate(&steps)
        cutover(&steps)
        retire(&steps)
        return steps.steps
    }

    // MARK: names used by every phase

    var sourceContext: String { layout.sourceKubernetes.context.value }
    var sourceNamespace: String { layout.sourceKubernetes.namespace.value }
    var targetContext: String { layout.targetKubernetes.context.value }
    var targetNamespace: String { layout.targetKubernetes.namespace.value }
    var sourceLabel: String { layout.source.label.value }
    var targetLabel: String { layout.target.label.value }
    var newDatacenter: String { layout.targetDatacenter.name.value }
    var fromDatacenter: String { layout.sourceDatacenter.name.value }
    var newNodes: Int { layout.targetDatacenter.nodeCount.value }

    /// `CONTEXT NS POD CONTAINER` of a pod in a cluster.
    func at(_ context: String, _ namespace: String, _ pod: PodLayout) -> [String] {
        [context, namespace, pod.pod, pod.container ?? "-"]
    }

    func podAndContainer(_ pod: PodLayout) -> String { "\(pod.pod)/\(pod.container ?? "-")" }

    var sourceAnchor: [String] { at(sourceContext, sourceNamespace, layout.sourceAnchor) }
    var targetAnchor: [String] { at(targetContext, targetNamespace, layout.targetAnchor) }

    /// Replication as `dc:rf,...` with datacenters in byte order (as Cassandra lists them).
    static func spec(_ factors: [(String, Int)]) -> String {
        factors.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }.map { "\($0.0):\($0.1)" }
            .joined(separator: ",")
    }

    func sourceReplication(_ keyspace: Keyspace) -> [(String, Int)] {
        keyspace.replication.value.map { ($0.datacenter.value, $0.factor.value) }
    }

    func migrationReplication(_ keyspace: Keyspace) -> [(String, Int)] {
        let factor = Replication(plan: plan).targetFactor(of: keyspace, in: layout.targetDatacenter)
        return sourceReplication(keyspace) + [(newDatacenter, factor)]
    }

    /// The largest keyspace's bytes per source node of the datacenter rebuilt from, when sizes are known.
    func largestShare() -> UInt64? {
        let replication = Replication(plan: plan)
        let shares = plan.keyspaces.compactMap { keyspace -> UInt64? in
            guard let size = keyspace.size?.value.bytes, let factor = keyspace.factor(in: fromDatacenter)?.value else { return nil }
            let total = UInt64(Swift.max(1, replication.totalSourceFactor(of: keyspace)))
            return size / total * UInt64(factor) / UInt64(Swift.max(1, layout.sourceDatacenter.nodeCount.value))
        }
        return shares.max()
    }

    // MARK: phases

    private func preflight(_ steps: inout StepList, manifests: [Manifest]) {
        steps.add(
            .preflight, "check-tools", "kubectl is installed: every other step drives the clusters through it",
            action: [Call(.requireTool, ["kubectl"]), Call(.requireTool, ["awk"])])
        var sourceAccess = [Call(.requireContext, [sourceContext]), Call(.requireNamespace, [sourceContext, sourceNamespace])]
        if let deployment = layout.sourceKubernetes.operatorDeployment {
            sourceAccess.append(Call(.requireDeployment, [sourceContext, deployment.value]))
        }
        steps.add(
            .preflight, "check-source-access", "the source cluster's context answers, its namespace and operator exist",
            cluster: sourceLabel, action: sourceAccess)
        var targetAccess = [Call(.requireContext, [targetContext]), Call(.requireNamespace, [targetContext, targetNamespace])]
        if let deployment = layout.targetKubernetes.operatorDeployment {
            targetAccess.append(Call(.requireDeployment, [targetContext, deployment.value]))
        }
        steps.add(
            .preflight, "check-target-access", "the target cluster's context answers, its namespace and operator exist",
            cluster: targetLabel, action: targetAccess)
        var health = [Call(.expectClusterName, sourceAnchor + [layout.source.clusterName.value])]
        for (datacenter, _) in layout.sourcePods {
            health.append(Call(.expectDatacenterUp, sourceAnchor + [datacenter.name.value, String(datacenter.nodeCount.value)]))
        }
        steps.add(
            .preflight, "check-source-cluster",
            "the source is the cluster the plan describes: its name, one schema version, every node UN",
            cluster: sourceLabel, action: health)
        let declared = plan.keyspaces.filter { !$0.name.value.hasPrefix("system") }.sorted { $0.name.value < $1.name.value }
        let keyspaceSpec = declared.map { "\($0.name.value)=\(Self.spec(sourceReplication($0)))" }.joined(separator: ";")
        if let needed = largestShare(), layout.sourceKubernetes.operatorKind.value != .statefulset, !plan.settings.clearSnapshots.value {
            steps.add(
                .preflight, "check-source-free-disk",
                "every source node has room for the largest keyspace's share (\(Size(bytes: needed))) under /var/lib/cassandra",
                cluster: sourceLabel,
                action: layout.sourcePods.flatMap(\.pods).map {
                    Call(.expectFreeDisk, at(sourceContext, sourceNamespace, $0) + ["/var/lib/cassandra", String(needed)])
                })
        }
        steps.add(
            .preflight, "check-keyspaces",
            "the live keyspaces are exactly the declared ones, with the declared replication (an undeclared keyspace stops the run)",
            cluster: sourceLabel, action: [Call(.expectKeyspaces, sourceAnchor + [keyspaceSpec])])
        steps.add(
            .preflight, "check-seeds", "the seeds the temporary datacenter will use resolve inside the source cluster",
            cluster: sourceLabel, action: [Call(.expectNamesResolve, sourceAnchor + layout.seeds)])
        var free: [Call] = manifests.filter { $0.cluster == targetLabel }.map {
            Call(.expectNotForeign, [targetContext, targetNamespace, $0.kind, $0.name])
        }
        free += manifests.filter { $0.cluster == sourceLabel && $0.kind == "StatefulSet" }.map {
            Call(.expectNotForeign, [sourceContext, sourceNamespace, $0.kind, $0.name])
        }
        steps.add(
            .preflight, "check-names-free", "no object the runbook creates already exists unless this plan created it",
            action: free)
    }

    private func prepare(_ steps: inout StepList, manifests: [Manifest]) {
        let target = manifests.filter { $0.cluster == targetLabel && $0.kind != "DaemonSet" }
        let targetMain = target.last.map { [targetContext, targetNamespace, $0.kind, $0.name] } ?? []
        steps.add(
            .prepare, "create-target-datacenter",
            "create datacenter \(newDatacenter) through the target's operator, so its volumes exist where they will live",
            cluster: targetLabel, guard: [Call(.objectExists, targetMain)],
            action: target.map { Call(.applyManifest, [targetContext, $0.path]) }, check: [Call(.objectExists, targetMain)])
        let targetClaims = layout.pairs.map(\.target.claim)
        steps.add(
            .prepare, "wait-target-claims", "every data claim of \(newDatacenter) is bound to a new volume",
            cluster: targetLabel, guard: [Call(.claimsBound, [targetContext, targetNamespace] + targetClaims)],
            action: [Call(.waitClaimsBound, [targetContext, targetNamespace] + targetClaims)],
            check: [Call(.claimsBound, [targetContext, targetNamespace] + targetClaims)])
        if let deployment = layout.targetKubernetes.operatorDeployment?.value {
            steps.add(
                .prepare, "hold-target-operator", "scale the target's operator to zero so it cannot restart what the next step stops",
                cluster: targetLabel, guard: [Call(.deploymentHeld, [targetContext, deployment])],
                action: [Call(.holdDeployment, [targetContext, deployment])], check: [Call(.deploymentHeld, [targetContext, deployment])])
        }
        let targetSets = layout.targetStatefulSets
        steps.add(
            .prepare, "stop-target-pods", "stop \(newDatacenter)'s pods: its disks are lent to the temporary datacenter until cutover",
            cluster: targetLabel,
            guard: targetSets.map { Call(.replicasAre, [targetContext, targetNamespace, "statefulset", $0.name, "0"]) },
            action: targetSets.map { Call(.scale, [targetContext, targetNamespace, "statefulset", $0.name, "0"]) }
                + [Call(.waitPodsGone, [targetContext, targetNamespace] + layout.pairs.map(\.target.pod))],
            check: targetSets.map { Call(.replicasAre, [targetContext, targetNamespace, "statefulset", $0.name, "0"]) },
            destructive: true)
        steps.add(
            .prepare, "retain-target-volumes", "make every volume of \(newDatacenter) Retain: no deleted claim may ever delete a disk",
            cluster: targetLabel, guard: [Call(.volumesRetained, [targetContext, targetNamespace] + targetClaims)],
            action: [Call(.retainVolumes, [targetContext, targetNamespace] + targetClaims)],
            check: [Call(.volumesRetained, [targetContext, targetNamespace] + targetClaims)])
        let source = manifests.filter { $0.cluster == sourceLabel }
        let volumes = source.filter { $0.kind == "PersistentVolume" }
        steps.add(
            .prepare, "borrow-target-volumes",
            "show each target volume in the source cluster as a Retain PersistentVolume, rack by rack and ordinal by ordinal",
            cluster: sourceLabel, guard: volumes.map { Call(.objectExists, [sourceContext, "-", "persistentvolume", $0.name]) },
            action: zip(volumes, layout.pairs).map {
                Call(.applyVolumeTemplate, [sourceContext, $0.0.path, targetContext, targetNamespace, $0.1.target.claim])
            },
            check: volumes.map { Call(.objectExists, [sourceContext, "-", "persistentvolume", $0.name]) })
        let claims = source.filter { $0.kind == "PersistentVolumeClaim" }
        let temporaryClaims = layout.pairs.map(\.temporary.claim)
        steps.add(
            .prepare, "create-temporary-claims", "claims named for the temporary StatefulSets, pre-bound to the borrowed volumes",
            cluster: sourceLabel, guard: [Call(.claimsBound, [sourceContext, sourceNamespace] + temporaryClaims)],
            action: claims.map { Call(.applyManifest, [sourceContext, $0.path]) }
                + [Call(.waitClaimsBound, [sourceContext, sourceNamespace] + temporaryClaims)],
            check: [Call(.claimsBound, [sourceContext, sourceNamespace] + temporaryClaims)])
        let daemonSets = manifests.filter { $0.kind == "DaemonSet" }.map { manifest in
            manifest.cluster == sourceLabel
                ? (manifest, sourceContext, sourceNamespace) : (manifest, targetContext, targetNamespace)
        }
        steps.add(
            .prepare, "raise-max-map-count",
            "set vm.max_map_count=1048575 on both clusters' nodes, where the new datacenter runs now and after cutover (seed 000: errno=12)",
            guard: daemonSets.map { Call(.objectExists, [$0.1, $0.2, "daemonset", $0.0.name]) },
            action: daemonSets.flatMap {
                [Call(.applyManifest, [$0.1, $0.0.path]), Call(.waitRollout, [$0.1, $0.2, "daemonset", $0.0.name])]
            },
            check: daemonSets.map { Call(.objectExists, [$0.1, $0.2, "daemonset", $0.0.name]) })
        let temporary = source.filter { $0.kind == "Service" || $0.kind == "StatefulSet" }
        steps.add(
            .prepare, "create-temporary-datacenter",
            "start \(newDatacenter) beside \(fromDatacenter) on the borrowed disks: same cluster name, source seeds, auto_bootstrap false",
            cluster: sourceLabel,
            guard: temporary.map { Call(.objectExists, [sourceContext, sourceNamespace, $0.kind.lowercased(), $0.name]) },
            action: temporary.map { Call(.applyManifest, [sourceContext, $0.path]) },
            check: temporary.map { Call(.objectExists, [sourceContext, sourceNamespace, $0.kind.lowercased(), $0.name]) })
        // A guard that passes skips the step, so it asks everything the check asks.
        let temporaryReady = [
            Call(.expectDatacenterUp, sourceAnchor + [newDatacenter, String(newNodes)]),
            Call(.expectDatacenterUp, sourceAnchor + [fromDatacenter, String(layout.sourceDatacenter.nodeCount.value)]),
        ] + layout.pairs.map { Call(.expectMaxMapCount, at(sourceContext, sourceNamespace, $0.temporary) + ["1048575"]) }
        steps.add(
            .prepare, "wait-temporary-datacenter", "nodetool status shows \(newDatacenter) with \(newNodes) nodes UN beside \(fromDatacenter)",
            cluster: sourceLabel, guard: temporaryReady, action: [Call(.waitDatacenterUp, sourceAnchor + [newDatacenter, String(newNodes)])],
            check: temporaryReady)
    }

    private func migrate(_ steps: inout StepList) {
        if plan.settings.clearSnapshots.value {
            let pods = layout.sourcePods.flatMap(\.pods).map(podAndContainer)
            steps.add(
                .migrate, "clear-source-snapshots", "delete old snapshots on the source nodes to free disk for streaming (seed 000)",
                cluster: sourceLabel,
                action: [Call(.clearSnapshots, [sourceContext, sourceNamespace, layout.source.cassandraVersion.value.description] + pods)],
                destructive: true)
        }
        for keyspace in plan.keyspaces.sorted(by: { $0.name.value < $1.name.value }) {
            let spec = Self.spec(migrationReplication(keyspace))
            let name = keyspace.name.value
            steps.add(
                .migrate, "alter-keyspace-\(name)", "replicate \(name) to \(newDatacenter) as well: \(spec)", cluster: sourceLabel,
                guard: [Call(.replicationIs, sourceAnchor + [name, spec])],
                action: [Call(.alterReplication, sourceAnchor + [name, spec])],
                check: [Call(.replicationIs, sourceAnchor + [name, spec])])
        }
        let declared = Set(plan.keyspaces.map(\.name.value))
        for keyspace in Self.replicatedSystemKeyspaces where !declared.contains(keyspace) {
            let maximum = String(Swift.min(3, newNodes))
            steps.add(
                .migrate, "alter-keyspace-\(keyspace)",
                "replicate \(keyspace) to \(newDatacenter) with the replicas it has in \(fromDatacenter) (at most \(maximum))",
                cluster: sourceLabel, guard: [Call(.replicationHas, sourceAnchor + [keyspace, newDatacenter])],
                action: [Call(.extendReplication, sourceAnchor + [keyspace, fromDatacenter, newDatacenter, maximum])],
                check: [Call(.replicationHas, sourceAnchor + [keyspace, newDatacenter])])
        }
        let temporaryPods = layout.pairs.map { podAndContainer($0.temporary) }
        let parallel = String(Swift.min(plan.settings.parallelRebuilds.value, newNodes))
        steps.add(
            .migrate, "rebuild-\(newDatacenter)",
            "nodetool rebuild -- \(fromDatacenter) on every node of \(newDatacenter), \(parallel) at a time (naming the source DC: without it a rebuild copies nothing)",
            cluster: sourceLabel, action: [Call(.rebuild, [sourceContext, sourceNamespace, fromDatacenter, parallel] + temporaryPods)],
            check: layout.pairs.map { Call(.streamingIdle, at(sourceContext, sourceNamespace, $0.temporary)) })
        if plan.settings.repair.value {
            steps.add(
                .migrate, "repair-\(newDatacenter)", "nodetool repair --full on every node of \(newDatacenter), one at a time",
                cluster: sourceLabel, action: [Call(.repairFull, [sourceContext, sourceNamespace] + temporaryPods)])
        }
        var gate = [Call(.expectDatacenterUp, sourceAnchor + [newDatacenter, String(newNodes)])]
        if let perNode = Estimates(plan: plan).targetLoads.first?.perNode, perNode.bytes > 0 {
            // Half the estimate: sizes are approximate, but a rebuild that copied nothing is not.
            gate.append(Call(.expectDatacenterLoad, sourceAnchor + [newDatacenter, String(perNode.bytes / 2)]))
        }
        gate += layout.pairs.map { Call(.streamingIdle, at(sourceContext, sourceNamespace, $0.temporary)) }
        gate.append(Call(.expectClusterName, sourceAnchor + [layout.source.clusterName.value]))
        for keyspace in plan.keyspaces {
            gate.append(Call(.replicationHas, sourceAnchor + [keyspace.name.value, newDatacenter]))
        }
        steps.add(
            .migrate, "verify-\(newDatacenter)",
            "the gate before cutover: \(newDatacenter) all UN and holding its data, no streaming left, one schema version, every keyspace replicated to it",
            cluster: sourceLabel, action: gate)
    }

    private func cutover(_ steps: inout StepList) {
        steps.add(
            .cutover, "confirm-downtime-start",
            "stop the clients now: the downtime window opens and writes to \(layout.source.label.value) must cease",
            action: [
                Call(
                    .confirm,
                    ["Stop every client of cluster \"\(layout.source.clusterName.value)\" now; the downtime window (budget \(plan.settings.downtimeBudget.value)) starts."])
            ], inDowntime: true)
        if let deployment = layout.sourceKubernetes.operatorDeployment?.value {
            steps.add(
                .cutover, "hold-source-operator", "scale the source's operator to zero so it cannot restart the pods the next steps stop",
                cluster: sourceLabel, guard: [Call(.deploymentHeld, [sourceContext, deployment])],
                action: [Call(.holdDeployment, [sourceContext, deployment])],
                check: [Call(.deploymentHeld, [sourceContext, deployment])], inDowntime: true)
        }
        let sourceSets = HandoverLayout.statefulSets(layout.sourcePods.flatMap(\.pods))
        let sourcePods = layout.sourcePods.flatMap(\.pods)
        steps.add(
            .cutover, "stop-source-datacenter", "drain and stop every source node", cluster: sourceLabel,
            guard: sourceSets.map { Call(.replicasAre, [sourceContext, sourceNamespace, "statefulset", $0.name, "0"]) },
            action: [Call(.drain, [sourceContext, sourceNamespace] + sourcePods.map(podAndContainer))]
                + sourceSets.map { Call(.scale, [sourceContext, sourceNamespace, "statefulset", $0.name, "0"]) }
                + [Call(.waitPodsGone, [sourceContext, sourceNamespace] + sourcePods.map(\.pod))],
            check: sourceSets.map { Call(.replicasAre, [sourceContext, sourceNamespace, "statefulset", $0.name, "0"]) },
            destructive: true, inDowntime: true)
        steps.add(
            .cutover, "stop-temporary-datacenter", "drain and stop the temporary nodes, which flushes everything to the borrowed disks",
            cluster: sourceLabel,
            guard: layout.temporaryStatefulSets.map { Call(.replicasAre, [sourceContext, sourceNamespace, "statefulset", $0.name, "0"]) },
            action: [Call(.drain, [sourceContext, sourceNamespace] + layout.pairs.map { podAndContainer($0.temporary) })]
                + layout.temporaryStatefulSets.map { Call(.scale, [sourceContext, sourceNamespace, "statefulset", $0.name, "0"]) }
                + [Call(.waitPodsGone, [sourceContext, sourceNamespace] + layout.pairs.map(\.temporary.pod))],
            check: layout.temporaryStatefulSets.map { Call(.replicasAre, [sourceContext, sourceNamespace, "statefulset", $0.name, "0"]) },
            destructive: true, inDowntime: true)
        var release: [Call] = []
        var released: [Call] = []
        for pair in layout.pairs {
            release.append(Call(.deleteObject, [sourceContext, sourceNamespace, "persistentvolumeclaim", pair.temporary.claim]))
            released.append(Call(.objectAbsent, [sourceContext, sourceNamespace, "persistentvolumeclaim", pair.temporary.claim]))
        }
        for pair in layout.pairs {
            release.append(Call(.deleteObject, [sourceContext, "-", "persistentvolume", pair.borrowedVolume]))
            released.append(Call(.objectAbsent, [sourceContext, "-", "persistentvolume", pair.borrowedVolume]))
        }
        steps.add(
            .cutover, "return-borrowed-volumes",
            "delete the borrowed claims and volumes from the source cluster; the disks are Retain and stay untouched",
            cluster: sourceLabel, guard: released, action: release, check: released, destructive: true, inDowntime: true)
        var start = layout.targetStatefulSets.map {
            Call(.scale, [targetContext, targetNamespace, "statefulset", $0.name, String($0.replicas)])
        }
        if let deployment = layout.targetKubernetes.operatorDeployment?.value {
            start.append(Call(.releaseDeployment, [targetContext, deployment]))
        }
        start.append(Call(.waitDatacenterUp, targetAnchor + [newDatacenter, String(newNodes)]))
        let targetReady = [Call(.expectDatacenterUp, targetAnchor + [newDatacenter, String(newNodes)])]
            + layout.pairs.map { Call(.expectMaxMapCount, at(targetContext, targetNamespace, $0.target) + ["1048575"]) }
        steps.add(
            .cutover, "start-target-datacenter",
            "start \(newDatacenter) in the target cluster on its own disks, now holding the data; release its operator",
            cluster: targetLabel, guard: targetReady, action: start, check: targetReady, inDowntime: true)
        steps.add(
            .cutover, "confirm-clients-switched",
            "point the clients at \(newDatacenter) in the target cluster; the downtime window closes",
            action: [
                Call(
                    .confirm,
                    ["Point every client at datacenter \(newDatacenter) in context \(targetContext) (namespace \(targetNamespace)) with \(plan.settings.consistency?.value.rawValue ?? "LOCAL_QUORUM"), and start them."])
            ], inDowntime: true)
    }

    private func retire(_ steps: inout StepList) {
        var drop: [Call] = []
        var dropped: [Call] = []
        let keyspaces = plan.keyspaces.map(\.name.value).sorted()
            + Self.replicatedSystemKeyspaces.filter { name in !plan.keyspaces.contains { $0.name.value == name } }
        for keyspace in keyspaces {
            for (datacenter, _) in layout.sourcePods {
                drop.append(Call(.dropReplication, targetAnchor + [keyspace, datacenter.name.value]))
                dropped.append(Call(.replicationLacks, targetAnchor + [keyspace, datacenter.name.value]))
            }
        }
        steps.add(
            .retire, "drop-source-replication", "remove the source datacenters from every keyspace's replication", cluster: targetLabel,
            guard: dropped, action: drop, check: dropped, destructive: true)
        let names = layout.sourcePods.map(\.datacenter.name.value)
        steps.add(
            .retire, "remove-source-nodes",
            "nodetool removenode for exactly the host ids nodetool status lists under \(names.joined(separator: ", ")), read now",
            cluster: targetLabel, guard: names.map { Call(.datacenterAbsent, targetAnchor + [$0]) },
            action: names.map { Call(.removeDatacenterNodes, targetAnchor + [$0]) },
            check: names.map { Call(.datacenterAbsent, targetAnchor + [$0]) }, destructive: true)
        var cleanup: [Call] = []
        var gone: [Call] = []
        for set in layout.temporaryStatefulSets {
            cleanup.append(Call(.deleteObject, [sourceContext, sourceNamespace, "statefulset", set.name]))
            gone.append(Call(.objectAbsent, [sourceContext, sourceNamespace, "statefulset", set.name]))
        }
        for (kind, name) in [("service", layout.temporaryService), ("daemonset", layout.maxMapCountDaemonSet)] {
            cleanup.append(Call(.deleteObject, [sourceContext, sourceNamespace, kind, name]))
            gone.append(Call(.objectAbsent, [sourceContext, sourceNamespace, kind, name]))
        }
        // The target's DaemonSet stays: the new datacenter keeps needing vm.max_map_count.
        steps.add(
            .retire, "delete-temporary-objects", "delete the temporary StatefulSets, Service and DaemonSet from the source cluster",
            cluster: sourceLabel, guard: gone, action: cleanup, check: gone, destructive: true)
    }
}

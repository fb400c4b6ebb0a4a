/// Plans a datacenter-handover (seed 000): the target's volumes are created through its
/// operator, borrowed by a temporary datacenter beside the source, rebuilt from the source,
/// and handed back to the target at cutover; then the source datacenter retires.
struct HandoverPlanner {
    let layout: HandoverLayout
    let plan: Plan


    /// The steps and the manifests' files, per cluster, in apply order.
    func plan(manifests: [Manifest]) -> [Step] {
        var steps = StepList()
        preflight(&steps, manifests: manifests)
        prepare(&steps, manifests: manifests)
        migrate(&steps)
        cutover(&steps)
        retire(&steps)
        rollback(&steps)
        rollbackFromWindow(&steps)
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

    func at(_ context: String, _ namespace: String, _ pod: PodLayout) -> [String] { DatacenterMigrationSteps.at(context, namespace, pod) }

    func podAndContainer(_ pod: PodLayout) -> String { DatacenterMigrationSteps.podAndContainer(pod) }

    var sourceAnchor: [String] { at(sourceContext, sourceNamespace, layout.sourceAnchor) }

    /// The steps every datacenter-* strategy shares, run where the temporary datacenter lives.
    var shared: DatacenterMigrationSteps {
        DatacenterMigrationSteps(
            plan: plan, sourceKubernetes: layout.sourceKubernetes, targetKubernetes: layout.targetKubernetes,
            sourceDatacenter: layout.sourceDatacenter, newDatacenterBlock: layout.targetDatacenter, sourcePods: layout.sourcePods,
            sourceAnchor: sourceAnchor,
            newNodes: .init(label: sourceLabel, context: sourceContext, namespace: sourceNamespace, pods: layout.pairs.map(\.temporary)))
    }
    var targetAnchor: [String] { at(targetContext, targetNamespace, layout.targetAnchor) }

    // MARK: phases

    private func preflight(_ steps: inout StepList, manifests: [Manifest]) {
        shared.preflight(&steps)
        steps.add(
            .preflight, "check-seeds", "the seeds the temporary datacenter will use resolve inside the source cluster",
            cluster: sourceLabel, action: [Call(.expectNamesResolve, sourceAnchor + layout.seeds)])
        var free: [Call] = manifests.filter { $0.cluster == targetLabel }.map {
            Call(.expectNotForeign, [targetContext, targetNamespace, $0.kind, $0.name])
        }
        free += NodeSecurity.superuserSecret(plan).map { [Call(.expectNotForeign, [targetContext, targetNamespace, "Secret", $0])] } ?? []
        free += manifests.filter { $0.cluster == sourceLabel && ($0.kind == "StatefulSet" || $0.name == layout.storageProbe) }.map {
            Call(.expectNotForeign, [sourceContext, sourceNamespace, $0.kind, $0.name])
        }
        steps.add(
            .preflight, "check-names-free", "no object the runbook creates already exists unless this plan created it",
            action: free)
    }

    /// Before anything of the migration exists: a volume of the target's StorageClass, mounted in
    /// the target cluster, is lent to the source cluster and mounted by a pod there, as every
    /// target disk will be (issue 15.13). A class the source cannot mount (node-local storage, a
    /// CSI driver the source does not run, zones without source nodes) stops the run here.
    private func probeStorage(_ steps: inout StepList, manifests: [Manifest]) {
        let probe = layout.storageProbe
        let inTarget = manifests.filter { $0.cluster == targetLabel && $0.name == probe }
        let inSource = manifests.filter { $0.cluster == sourceLabel && $0.name == probe }
        guard let template = inSource.first(where: \.isTemplate) else { return }
        let sourceRest = inSource.filter { !$0.isTemplate && $0.kind != "Pod" }
        let sourcePod = inSource.filter { $0.kind == "Pod" }
        // A probe resumed after it was cut off may have left the source's pod holding the disk.
        var action = [
            Call(.deleteObject, [sourceContext, sourceNamespace, "pod", probe]), Call(.waitPodsGone, [sourceContext, sourceNamespace, probe]),
        ]
        action += inTarget.map { Call(.applyManifest, [targetContext, $0.path]) }
        action.append(Call(.waitPodRunning, [targetContext, targetNamespace, probe]))
        // The target's pod lets go of the disk before the source's mounts it (ReadWriteOnce).
        action.append(Call(.deleteObject, [targetContext, targetNamespace, "pod", probe]))
        action.append(Call(.waitPodsGone, [targetContext, targetNamespace, probe]))
        action.append(Call(.expectVolumeMountable, [sourceContext, targetContext, targetNamespace, probe]))
        action.append(Call(.applyVolumeTemplate, [sourceContext, template.path, targetContext, targetNamespace, probe]))
        action += sourceRest.map { Call(.applyManifest, [sourceContext, $0.path]) }
        action.append(Call(.waitClaimsBound, [sourceContext, sourceNamespace, probe]))
        action += sourcePod.map { Call(.applyManifest, [sourceContext, $0.path]) }
        action.append(Call(.waitStorageProbe, [sourceContext, sourceNamespace, probe]))
        steps.add(
            .prepare, "probe-storage-sharing",
            "before anything else exists, prove a 1Gi volume of the target's StorageClass can be lent to the source cluster: mounted by a pod in the target, then by one in the source",
            guard: [Call(.storageProbePassed, [])], action: action, check: [Call(.storageProbePassed, [])])
        // Source first: its PersistentVolume is Retain, so deleting it leaves the disk; the target's
        // claim goes last and its class's reclaim policy removes the disk.
        let objects: [(String, String, String, String)] = [
            (sourceContext, sourceNamespace, "pod", probe), (sourceContext, sourceNamespace, "persistentvolumeclaim", probe),
            (sourceContext, "-", "persistentvolume", probe), (targetContext, targetNamespace, "persistentvolumeclaim", probe),
        ]
        let gone = objects.map { Call(.objectAbsent, [$0.0, $0.1, $0.2, $0.3]) }
        steps.add(
            .prepare, "remove-storage-probe",
            "delete the probe's pod, claim and borrowed volume from the source cluster, then its claim (and so its disk) from the target",
            guard: gone, action: objects.map { Call(.deleteObject, [$0.0, $0.1, $0.2, $0.3]) }, check: gone)
    }

    private func prepare(_ steps: inout StepList, manifests: [Manifest]) {
        probeStorage(&steps, manifests: manifests)
        let manifests = manifests.filter { $0.name != layout.storageProbe }
        let target = manifests.filter { $0.cluster == targetLabel && $0.kind != "DaemonSet" }
        let targetMain = target.last.map { [targetContext, targetNamespace, $0.kind, $0.name] } ?? []
        steps.copyLoginToTarget(plan, context: targetContext, namespace: targetNamespace, cluster: targetLabel)
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
        if let workload = layout.targetKubernetes.operatorWorkload?.value {
            steps.add(
                .prepare, "hold-target-operator", "scale the target's operator to zero so it cannot restart what the next step stops",
                cluster: targetLabel, guard: [Call(.operatorHeld, [targetContext, workload.kind.rawValue, workload.reference])],
                action: [Call(.holdOperator, [targetContext, workload.kind.rawValue, workload.reference])], check: [Call(.operatorHeld, [targetContext, workload.kind.rawValue, workload.reference])])
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
            "set vm.max_map_count=1048575 on both clusters' nodes, where the new datacenter runs now and after cutover (below it, mapping many SSTables fails with errno=12, out of memory)",
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
        // And from a temporary node's side: its disk first served the target's standalone boot (its
        // host id, tokens and old peers are on it), so it must now see the source's datacenter, the
        // source's cluster name and one schema, not the standalone cluster it was part of.
        let temporaryAnchor = at(sourceContext, sourceNamespace, layout.pairs[0].temporary)
        let temporaryReady = [
            Call(.expectDatacenterUp, sourceAnchor + [newDatacenter, String(newNodes)]),
            Call(.expectDatacenterUp, sourceAnchor + [fromDatacenter, String(layout.sourceDatacenter.nodeCount.value)]),
            Call(.expectDatacenterUp, temporaryAnchor + [fromDatacenter, String(layout.sourceDatacenter.nodeCount.value)]),
            Call(.expectClusterName, temporaryAnchor + [layout.source.clusterName.value]),
        ] + layout.pairs.map { Call(.expectMaxMapCount, at(sourceContext, sourceNamespace, $0.temporary) + ["1048575"]) }
            // Each temporary node joins the source's ring: it must authenticate as the source's do.
            + layout.pairs.flatMap { NodeSecurity(plan).checks(at(sourceContext, sourceNamespace, $0.temporary)) }
        steps.add(
            .prepare, "wait-temporary-datacenter",
            "nodetool status shows \(newDatacenter) with \(newNodes) nodes UN beside \(fromDatacenter), seen from both, in one cluster with one schema",
            cluster: sourceLabel, guard: temporaryReady, action: [Call(.waitDatacenterUp, sourceAnchor + [newDatacenter, String(newNodes)])],
            check: temporaryReady)
    }

    private func migrate(_ steps: inout StepList) {
        shared.migrate(&steps)
    }

    private func cutover(_ steps: inout StepList) {
        steps.addConfirmation(
            .cutover, "confirm-downtime-start", "stop the clients now: the downtime window opens and writes to \(layout.source.label.value) must cease",
            message: "Stop every client of cluster \"\(layout.source.clusterName.value)\" now; the downtime window (budget \(plan.settings.downtimeBudget.value)) starts.", inDowntime: true)
        if let workload = layout.sourceKubernetes.operatorWorkload?.value {
            steps.add(
                .cutover, "hold-source-operator", "scale the source's operator to zero so it cannot restart the pods the next steps stop",
                cluster: sourceLabel, guard: [Call(.operatorHeld, [sourceContext, workload.kind.rawValue, workload.reference])],
                action: [Call(.holdOperator, [sourceContext, workload.kind.rawValue, workload.reference])],
                check: [Call(.operatorHeld, [sourceContext, workload.kind.rawValue, workload.reference])], inDowntime: true)
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
        // Only once the clients were told to stop and the temporary datacenter holds the data.
        steps.requirePremise([Call(.confirmed, ["confirm-downtime-start"])] + shared.newDatacenterHoldsData(anchor: sourceAnchor))
        // A stopped source fails every preflight, and the target operator's hold is about to be released.
        steps.markProgress()
        steps.add(
            .cutover, "stop-temporary-datacenter",
            "record each temporary node's host id, then drain and stop the temporary nodes, which flushes everything to the borrowed disks",
            cluster: sourceLabel,
            guard: layout.temporaryStatefulSets.map { Call(.replicasAre, [sourceContext, sourceNamespace, "statefulset", $0.name, "0"]) },
            // The target pod that takes each disk over must come up as this node (start-target-datacenter).
            action: layout.pairs.map { Call(.recordPodHostId, at(sourceContext, sourceNamespace, $0.temporary) + [$0.temporary.pod]) }
                + [Call(.drain, [sourceContext, sourceNamespace] + layout.pairs.map { podAndContainer($0.temporary) })]
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
        if let workload = layout.targetKubernetes.operatorWorkload?.value {
            start.append(Call(.releaseOperator, [targetContext, workload.kind.rawValue, workload.reference]))
        }
        start.append(Call(.waitDatacenterUp, targetAnchor + [newDatacenter, String(newNodes)]))
        // The target serves: every node UN, each on its rebuilt disk (the node its temporary pair ran).
        let targetServes = [Call(.expectDatacenterUp, targetAnchor + [newDatacenter, String(newNodes)])]
            + layout.pairs.map { Call(.expectHostId, at(targetContext, targetNamespace, $0.target) + [$0.temporary.pod]) }
        let targetReady = targetServes + [Call(.expectTokenCount, targetAnchor + [newDatacenter, String(plan.target.numTokens.value)])]
            + layout.pairs.flatMap { NodeSecurity(plan).checks(at(targetContext, targetNamespace, $0.target)) }
            + layout.pairs.map { Call(.expectMaxMapCount, at(targetContext, targetNamespace, $0.target) + ["1048575"]) }
        steps.add(
            .cutover, "start-target-datacenter",
            "start \(newDatacenter) in the target cluster on its own disks, now holding the data, each pod as the node its temporary pair ran; release its operator",
            cluster: targetLabel, guard: targetReady, action: start, check: targetReady, inDowntime: true)
        let consistency = plan.settings.consistency?.value.rawValue ?? "LOCAL_QUORUM"
        steps.addConfirmation(
            .cutover, "confirm-clients-switched", "point the clients at \(newDatacenter) in the target cluster; the downtime window closes",
            message: "Point every client at datacenter \(newDatacenter) in context \(targetContext) (namespace \(targetNamespace)) with \(consistency), and start them.",
            inDowntime: true)
        // Never tell the person to point clients at a target that does not serve (a --from past
        // a failed start).
        steps.requirePremise(targetServes)
    }

    /// What the run made in the source cluster, as `(context, namespace, kind, name)` in delete
    /// order: the claims after their StatefulSets (a claim in use is only marked for deletion),
    /// the borrowed volumes last (Retain, so the target's disks stay).
    private var temporaryObjects: [(String, String, String, String)] {
        var objects: [(String, String, String, String)] = layout.temporaryStatefulSets.map { (sourceContext, sourceNamespace, "statefulset", $0.name) }
        objects += [(sourceContext, sourceNamespace, "service", layout.temporaryService), (sourceContext, sourceNamespace, "daemonset", layout.maxMapCountDaemonSet)]
        objects += layout.pairs.map { (sourceContext, sourceNamespace, "persistentvolumeclaim", $0.temporary.claim) }
        objects += layout.pairs.map { (sourceContext, "-", "persistentvolume", $0.borrowedVolume) }
        return objects
    }

    /// The way back before the window (issue 17.5): while every source node still runs and the
    /// source still replicates every keyspace, the temporary datacenter leaves every keyspace's
    /// replication (system_auth last on 4.1+, after its nodes are gone), its nodes are
    /// decommissioned (--force on 4.1+), leftovers removed by host id, and its StatefulSets,
    /// Service, claims and borrowed volumes deleted from the source cluster (the volumes are
    /// Retain: the target's disks stay). The target side stays as prepare left it: its resource,
    /// claims and Retain volumes (their disks now hold the decommissioned temporary nodes'
    /// data), its pods at zero and its operator held. Releasing that operator would start pods
    /// on those disks, and cass-operator's finalizer keeps a deleted CassandraDatacenter until
    /// its operator runs (ProcessDeletion), so that side is the person's, as PLAN.md says.
    private func rollback(_ steps: inout StepList) {
        let objects = temporaryObjects
        let leave = shared.newDatacentersLeave(
            [newDatacenter], pods: layout.pairs.map { podAndContainer($0.temporary) }, context: sourceContext, namespace: sourceNamespace,
            anchor: sourceAnchor)
        let gone = leave.gone + objects.map { Call(.objectAbsent, [$0.0, $0.1, $0.2, $0.3]) }
        var action = leave.action
        // The claims go after their StatefulSets (a claim in use is only marked for deletion),
        // the borrowed volumes last: Retain, so the disks stay.
        action += objects.map { Call(.deleteObject, [$0.0, $0.1, $0.2, $0.3]) }
        steps.add(
            .retire, "rollback-remove-temporary-datacenter",
            "ROLLBACK before the window: the temporary \(newDatacenter) leaves every keyspace's replication, its nodes are decommissioned and its StatefulSets, Service, claims and borrowed volumes are deleted from the source cluster; \(fromDatacenter) serves alone again; \(newDatacenter)'s resource, claims and Retain disks stay in the target with its operator held, for you to delete (only while every source node runs and \(fromDatacenter) replicates every keyspace)",
            cluster: sourceLabel, guard: gone, action: action, check: gone, destructive: true, manualOnly: true)
        steps.requirePremise(
            layout.sourcePods.map { Call(.expectDatacenterUp, sourceAnchor + [$0.datacenter.name.value, String($0.datacenter.nodeCount.value)]) }
                + plan.userKeyspaces.map { Call(.replicationHas, sourceAnchor + [$0.name.value, fromDatacenter]) })
    }

    /// The way back from inside the window (issue 17.5), until the clients are pointed at the
    /// target: the new datacenter stops wherever it runs (the target's pods, their operator held
    /// again, or the temporary pods), the source's StatefulSets scale back and its operator is
    /// released, so the source restarts on its own disks, which the stop only drained; then the
    /// new datacenter's stopped nodes leave the source's ring and every keyspace's replication
    /// (stoppedDatacentersLeave), the temporary objects leave the source cluster, and the progress
    /// record goes, so a later attempt asks every confirmation again. The clients stopped at
    /// `confirm-downtime-start` and have written nowhere since, so nothing is lost; once they are
    /// confirmed on the target they may have written there, and the premise refuses.
    private func rollbackFromWindow(_ steps: inout StepList) {
        let sourceSets = HandoverLayout.statefulSets(layout.sourcePods.flatMap(\.pods))
        var action: [Call] = []
        if let workload = layout.targetKubernetes.operatorWorkload?.value {
            action.append(Call(.holdOperator, [targetContext, workload.kind.rawValue, workload.reference]))
        }
        action += layout.targetStatefulSets.map { Call(.scale, [targetContext, targetNamespace, "statefulset", $0.name, "0"]) }
        action.append(Call(.waitPodsGone, [targetContext, targetNamespace] + layout.pairs.map(\.target.pod)))
        action += layout.temporaryStatefulSets.map { Call(.scaleIfPresent, [sourceContext, sourceNamespace, "statefulset", $0.name, "0"]) }
        action.append(Call(.waitPodsGone, [sourceContext, sourceNamespace] + layout.pairs.map(\.temporary.pod)))
        action += sourceSets.map { Call(.scale, [sourceContext, sourceNamespace, "statefulset", $0.name, String($0.replicas)]) }
        if let workload = layout.sourceKubernetes.operatorWorkload?.value {
            action.append(Call(.releaseOperator, [sourceContext, workload.kind.rawValue, workload.reference]))
        }
        let sourceUp = layout.sourcePods.map { Call(.expectDatacenterUp, sourceAnchor + [$0.datacenter.name.value, String($0.datacenter.nodeCount.value)]) }
        action += layout.sourcePods.map { Call(.waitDatacenterUp, sourceAnchor + [$0.datacenter.name.value, String($0.datacenter.nodeCount.value)]) }
        let leave = shared.stoppedDatacentersLeave([newDatacenter], anchor: sourceAnchor)
        action += leave.action
        let objects = temporaryObjects
        action += objects.map { Call(.deleteObject, [$0.0, $0.1, $0.2, $0.3]) }
        action.append(Call(.deleteObject, [targetContext, targetNamespace, "configmap", RunbookCompiler.record(plan).name]))
        let done = sourceUp + leave.gone + objects.map { Call(.objectAbsent, [$0.0, $0.1, $0.2, $0.3]) }
            + layout.targetStatefulSets.map { Call(.replicasAre, [targetContext, targetNamespace, "statefulset", $0.name, "0"]) }
        steps.add(
            .retire, "rollback-restart-source",
            "ROLLBACK from the window, before the clients are pointed at the target: stop \(newDatacenter) wherever it runs, restart \(layout.sourcePods.map(\.datacenter.name.value).joined(separator: ", ")) on its own disks (the stop only drained them)\(layout.sourceKubernetes.operatorWorkload == nil ? "" : " and release its operator"), then remove \(newDatacenter)'s stopped nodes from the ring and every keyspace's replication and its temporary objects from the source cluster; start the clients again on the source after it; \(newDatacenter)'s resource, claims and Retain disks stay in the target with its operator held, for you to delete",
            cluster: sourceLabel, guard: done, action: action, check: done, destructive: true, manualOnly: true)
        // Every source node's StatefulSet is still there to scale back; the retirement never ran
        // (its first step wants the clients confirmed on the target).
        steps.requirePremise(
            [Call(.notConfirmed, ["confirm-clients-switched", "the clients may have written to \(newDatacenter) in the target, which restarting the source would lose; the way forward is the target"])]
                + sourceSets.map { Call(.objectExists, [sourceContext, sourceNamespace, "statefulset", $0.name]) })
    }

    private func retire(_ steps: inout StepList) {
        let names = layout.sourcePods.map(\.datacenter.name.value)
        // The target's pods first ran a cluster of their own (create-target-datacenter), where no
        // source datacenter ever was: "absent" alone would be true there long before the
        // migration, and a run that lost its journal would take this progress mark for passed.
        // The user keyspaces replicating to the new datacenter prove the target is the migrated ring.
        let removed = names.map { Call(.datacenterAbsent, targetAnchor + [$0]) }
            + plan.userKeyspaces.map { Call(.replicationHas, targetAnchor + [$0.name.value, newDatacenter]) }
        let removeNodes = { (steps: inout StepList) in
            steps.add(
                .retire, "remove-source-nodes",
                "nodetool removenode for exactly the host ids nodetool status lists under \(names.joined(separator: ", ")), read now",
                cluster: self.targetLabel, guard: removed,
                action: names.map { Call(.removeDatacenterNodes, self.targetAnchor + [$0]) },
                check: removed, destructive: true)
        }
        if shared.retirement.alterNeedsNoStoppedNodes {
            // 4.0+: the stopped (drained) source nodes block every ALTER KEYSPACE until they leave
            // the ring; removenode of down nodes waits for no down endpoint (StorageService.removeNode
            // skips them: "is down and will not receive data"), and the new datacenter holds the data.
            removeNodes(&steps)
            steps.requirePremise(
                [Call(.confirmed, ["confirm-clients-switched"])] + shared.newDatacenterHoldsData(anchor: targetAnchor))
            steps.markProgress()
            shared.dropRemovedSourceReplication(&steps, anchor: targetAnchor, cluster: targetLabel)
        } else {
            shared.dropSourceReplication(&steps, anchor: targetAnchor, cluster: targetLabel, premise: [Call(.confirmed, ["confirm-clients-switched"])])
            removeNodes(&steps)
            steps.requirePremise(shared.sourceLeftReplication(anchor: targetAnchor))
            shared.dropSourceFromSystemAuth(&steps, anchor: targetAnchor, cluster: targetLabel)
        }
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

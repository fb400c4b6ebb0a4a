/// Plans a volume-adoption (seed 004): every machine's EBS volume is snapshotted online, the
/// machines are drained and stopped, a final incremental snapshot is taken, new volumes are
/// created from it in the zones the pods will run in, and a StatefulSet adopts them through
/// pre-bound claims, so each pod comes up as the node whose disk it got: same host id.
struct AdoptionPlanner {
    let layout: AdoptionLayout
    let plan: Plan

    var context: String { layout.kubernetes.context.value }
    var namespace: String { layout.kubernetes.namespace.value }
    var region: String { layout.region }
    var sourceLabel: String { plan.source.label.value }
    var targetLabel: String { plan.target.label.value }
    var nodes: [String] { layout.pairs.map { layout.label($0.node) } }
    var addresses: [String] { layout.pairs.map(\.node.address.value) }
    var user: String { layout.ssh.user.value }
    var options: String { layout.ssh.options?.value ?? "-" }

    func plan(manifests: [Manifest]) -> [Step] {
        var steps = StepList()
        let anchor = layout.machine(layout.pairs[0].node)
        steps.add(
            .preflight, "check-tools", "kubectl, the aws CLI and ssh are installed",
            action: ["kubectl", "aws", "ssh", "awk"].map { Call(.requireTool, [$0]) })
        steps.add(
            .preflight, "check-aws", "the aws CLI reaches EC2 in \(region)", cluster: sourceLabel,
            action: [Call(.requireRegion, [region])])
        steps.add(
            .preflight, "check-machines", "every machine answers over ssh with Cassandra's data on a mounted volume",
            cluster: sourceLabel, action: layout.pairs.map { Call(.expectDataMount, [user, $0.node.address.value, options]) })
        // How the source authenticates is what the new nodes will: proven here, not assumed.
        var health = [Call(.expectClusterName, anchor + [plan.source.clusterName.value])] + NodeSecurity(plan).checks(anchor)
        for datacenter in plan.source.datacenters {
            health.append(Call(.expectDatacenterUp, anchor + [datacenter.name.value, String(datacenter.nodeCount.value)]))
            // The adopted disks keep these tokens: the StatefulSet must start with the same count.
            health.append(Call(.expectTokenCount, anchor + [datacenter.name.value, String(plan.source.numTokens.value)]))
        }
        steps.add(
            .preflight, "check-source-cluster", "the cluster is the one the plan describes: its name, one schema version, every node UN",
            cluster: sourceLabel, action: health)
        let declared = plan.userKeyspaces
        let spec = DatacenterMigrationSteps.liveSpec(declared)
        steps.add(
            .preflight, "check-keyspaces", "the live keyspaces are exactly the declared ones (an undeclared keyspace stops the run)",
            cluster: sourceLabel, action: [Call(.expectKeyspaces, anchor + [spec])])
        steps.add(
            .preflight, "check-volumes", "each declared EBS volume exists in its zone, attached, and holds at least the declared data",
            cluster: sourceLabel,
            action: layout.pairs.map { pair in
                let gibibytes = (pair.datacenter.load?.value.bytes ?? 0) >> 30
                return Call(.expectVolume, [region, pair.volume, pair.zone, String(gibibytes)])
            })
        var target = [
            Call(.requireContext, [context]), Call(.requireNamespace, [context, namespace]),
            Call(.requireCSIDriver, [context, "ebs.csi.aws.com"]),
        ]
        target += manifests.filter { $0.kind == "StatefulSet" || $0.kind == "PersistentVolumeClaim" }.map {
            Call(.expectNotForeign, [context, namespace, $0.kind, $0.name])
        }
        target += NodeSecurity.newNodes(plan).secretCheck(context: context, namespace: namespace)
        steps.add(
            .preflight, "check-target", "the target context, namespace and EBS CSI driver exist; no object of ours is taken",
            cluster: targetLabel, action: target)
        // The data volume's filesystem is read from each machine (findmnt): the adopted volume's
        // PersistentVolume must name it, or kubelet refuses to mount the disk inside the window.
        let recorded = [Call(.hostIdsRecorded, nodes), Call(.filesystemsRecorded, nodes)]
        steps.add(
            .preflight, "record-host-ids",
            "record every node's host id and its data volume's filesystem: each pod must come up as the node whose disk it got, mounted as what it is",
            cluster: sourceLabel, guard: recorded,
            action: layout.pairs.flatMap { pair in
                [
                    Call(.recordHostId, [user, pair.node.address.value, options, layout.label(pair.node)]),
                    Call(.recordFilesystem, [user, pair.node.address.value, options, layout.label(pair.node)]),
                ]
            },
            check: recorded)
        steps.add(
            .prepare, "warm-up-snapshots",
            "snapshot every volume online, so the final snapshot in the window only copies what changed since",
            cluster: sourceLabel, guard: [Call(.snapshotsTaken, [region, "warm"] + nodes)],
            action: layout.pairs.map { Call(.startSnapshot, [region, $0.volume, layout.label($0.node), "warm"]) }
                + [Call(.waitSnapshots, [region, "warm"] + nodes)],
            check: [Call(.snapshotsTaken, [region, "warm"] + nodes)])
        steps.addConfirmation(
            .cutover, "confirm-downtime-start", "stop the clients now: the downtime window opens",
            message: "Stop every client of cluster \"\(plan.source.clusterName.value)\" now; the downtime window (budget \(plan.settings.downtimeBudget.value)) starts.", inDowntime: true)
        steps.add(
            .cutover, "stop-source-cassandra", "nodetool drain and stop Cassandra on every machine: nothing may write to the disks now",
            cluster: sourceLabel, guard: [Call(.cassandraStopped, [user, options] + addresses)],
            action: [Call(.stopCassandra, [user, options] + addresses)], check: [Call(.cassandraStopped, [user, options] + addresses)],
            destructive: true, inDowntime: true)
        // Only with the clients told to stop and every host id recorded (the pods are checked against them).
        steps.requirePremise([Call(.confirmed, ["confirm-downtime-start"]), Call(.hostIdsRecorded, nodes)])
        // Cassandra stopped on every machine: the preflight's live checks no longer hold.
        steps.markProgress()
        steps.add(
            .cutover, "final-snapshots",
            "the final, incremental snapshot of every volume, taken after the drain, all at once (the window waits for the slowest, not for their sum)",
            cluster: sourceLabel, guard: [Call(.snapshotsTaken, [region, "final"] + nodes)],
            action: layout.pairs.map { Call(.startSnapshot, [region, $0.volume, layout.label($0.node), "final"]) }
                + [Call(.waitSnapshots, [region, "final"] + nodes)],
            check: [Call(.snapshotsTaken, [region, "final"] + nodes)], inDowntime: true)
        steps.add(
            .cutover, "create-volumes", "a new volume from each final snapshot, in the zone its pod will run in",
            cluster: sourceLabel, guard: [Call(.volumesCreated, [region] + nodes)],
            action: layout.pairs.map { pair in
                let target = plan.target.datacenter(named: pair.datacenter.name.value)
                return Call(
                    .createVolume,
                    [region, layout.label(pair.node), pair.zone, target?.volumeType?.value ?? "-", target?.iops.map { String($0.value) } ?? "-"])
            },
            check: [Call(.volumesCreated, [region] + nodes)], inDowntime: true)
        let volumes = manifests.filter { $0.kind == "PersistentVolume" }
        steps.add(
            .cutover, "create-persistent-volumes", "a Retain PersistentVolume on the EBS CSI driver for each new volume, pinned to its zone",
            cluster: targetLabel, guard: volumes.map { Call(.objectExists, [context, "-", "persistentvolume", $0.name]) },
            action: zip(volumes, layout.pairs).map { Call(.applyAdoptedVolume, [context, $0.0.path, region, layout.label($0.1.node)]) },
            check: volumes.map { Call(.objectExists, [context, "-", "persistentvolume", $0.name]) }, inDowntime: true)
        let claims = manifests.filter { $0.kind == "PersistentVolumeClaim" }
        let claimNames = layout.pairs.map(\.pod.claim)
        steps.add(
            .cutover, "create-claims", "claims named exactly as the StatefulSet will claim them, pre-bound to the new volumes",
            cluster: targetLabel, guard: [Call(.claimsBound, [context, namespace] + claimNames)],
            action: claims.map { Call(.applyManifest, [context, $0.path]) } + [Call(.waitClaimsBound, [context, namespace] + claimNames)],
            check: [Call(.claimsBound, [context, namespace] + claimNames)], inDowntime: true)
        let workloads = manifests.filter { $0.kind == "Service" || $0.kind == "StatefulSet" }
        steps.add(
            .cutover, "create-statefulsets", "the headless Service and one StatefulSet per rack, which adopt the claims by name",
            cluster: targetLabel, guard: workloads.map { Call(.objectExists, [context, namespace, $0.kind.lowercased(), $0.name]) },
            action: workloads.map { Call(.applyManifest, [context, $0.path]) },
            check: workloads.map { Call(.objectExists, [context, namespace, $0.kind.lowercased(), $0.name]) }, inDowntime: true)
        let podAnchor = layout.pod(layout.pairs[0].pod)
        var up: [Call] = []
        for datacenter in plan.source.datacenters {
            up.append(Call(.expectDatacenterUp, podAnchor + [datacenter.name.value, String(datacenter.nodeCount.value)]))
            up.append(Call(.expectTokenCount, podAnchor + [datacenter.name.value, String(plan.target.numTokens.value)]))
        }
        let identities = layout.pairs.map { Call(.expectHostId, layout.pod($0.pod) + [layout.label($0.node)]) }
            // The pods take the machines' place in their ring: they must authenticate as those did.
            + layout.pairs.flatMap { NodeSecurity(plan).checks(layout.pod($0.pod)) }
        steps.add(
            .cutover, "wait-pods", "every pod UN as the node whose disk it adopted: same host id as on its machine",
            cluster: targetLabel, guard: up + identities,
            action: plan.source.datacenters.map {
                Call(.waitDatacenterUp, podAnchor + [$0.name.value, String($0.nodeCount.value)])
            },
            check: up + identities, inDowntime: true)
        steps.addConfirmation(
            .cutover, "confirm-clients-switched", "point the clients at the cluster in Kubernetes; the downtime window closes",
            message: "Point every client at the pods of StatefulSet \(layout.kubernetes.statefulSet.value) in context \(context) (namespace \(namespace)), and start them.", inDowntime: true)
        // Never tell the person to point clients at pods that do not serve as the machines did.
        steps.requirePremise(up + identities)
        steps.markProgress()
        steps.add(
            .retire, "rollback-restart-machines",
            "ROLLBACK: stop the new pods, then start Cassandra on the machines again; their volumes were never modified (only before clients write to the new cluster)",
            // The progress record goes too: a later attempt must ask for every confirmation again.
            // The pods stop first: a pod and its machine running one host id at once would be two
            // nodes claiming one identity (issue 17.5).
            cluster: sourceLabel,
            // A rollback may come before the StatefulSets exist (any step after the drain).
            action: layout.statefulSets.map { Call(.scaleIfPresent, [context, namespace, "statefulset", $0.name, "0"]) }
                + [Call(.waitPodsGone, [context, namespace] + layout.pairs.map(\.pod.pod))]
                + [
                Call(.startCassandra, [user, options] + addresses),
                Call(.deleteObject, [context, namespace, "configmap", RunbookCompiler.record(plan).name]),
            ], destructive: true, manualOnly: true)
        return steps.steps
    }
}

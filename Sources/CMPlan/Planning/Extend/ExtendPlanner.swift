/// Plans a datacenter-extend: the new datacenter starts in the target cluster and joins the
/// source over routed pod networks (the k8ssandra migration path), rebuilds from the source
/// datacenter, clients move to it, and the source datacenter leaves replication, is
/// decommissioned node by node, and only then has its workloads scaled away.
struct ExtendPlanner {
    let layout: ExtendLayout
    let plan: Plan

    var sourceContext: String { layout.sourceKubernetes.context.value }
    var sourceNamespace: String { layout.sourceKubernetes.namespace.value }
    var targetContext: String { layout.targetKubernetes.context.value }
    var targetNamespace: String { layout.targetKubernetes.namespace.value }
    var sourceLabel: String { layout.source.label.value }
    var targetLabel: String { layout.target.label.value }
    var newDatacenter: String { layout.targetDatacenter.name.value }
    var fromDatacenter: String { layout.sourceDatacenter.name.value }
    var newNodes: Int { layout.targetDatacenter.nodeCount.value }

    var sourceAnchor: [String] { DatacenterMigrationSteps.at(sourceContext, sourceNamespace, layout.sourceAnchor) }
    var targetAnchor: [String] { DatacenterMigrationSteps.at(targetContext, targetNamespace, layout.targetAnchor) }

    /// The steps shared with datacenter-handover; the new nodes rebuild where they will stay.
    var shared: DatacenterMigrationSteps {
        DatacenterMigrationSteps(
            plan: plan, sourceKubernetes: layout.sourceKubernetes, targetKubernetes: layout.targetKubernetes,
            sourceDatacenter: layout.sourceDatacenter, newDatacenterBlock: layout.targetDatacenter, sourcePods: layout.sourcePods,
            sourceAnchor: sourceAnchor,
            newNodes: .init(label: targetLabel, context: targetContext, namespace: targetNamespace, pods: layout.targetPods),
            others: layout.moves.dropFirst().map { move in
                .init(
                    block: move.target, source: move.source,
                    nodes: .init(label: targetLabel, context: targetContext, namespace: targetNamespace, pods: move.pods))
            })
    }

    /// Every new pod, of every new datacenter.
    var allNewPods: [PodLayout] { layout.moves.flatMap(\.pods) }

    /// The steps, given the target manifests' files in apply order.
    func plan(manifests: [Manifest]) -> [Step] {
        var steps = StepList()
        shared.preflight(&steps)
        preflight(&steps, manifests: manifests)
        prepare(&steps, manifests: manifests)
        shared.migrate(&steps)
        cutover(&steps)
        // The source leaves replication only with the clients confirmed moved and none left on it.
        shared.dropSourceReplication(
            &steps, anchor: targetAnchor, cluster: targetLabel, premise: [Call(.confirmed, ["confirm-clients-switched"])] + clientsGone)
        retire(&steps, manifests: manifests)
        rollback(&steps, manifests: manifests)
        return steps.steps
    }

    /// The way back while the source still replicates everything (issue 17.5): the new
    /// datacenter leaves every keyspace's replication, its nodes are decommissioned (on 4.1+
    /// with --force, system_auth keeping it until they are gone, and dropping it last), its
    /// resource and the progress record are deleted. The clients must be back on the source
    /// first. What happens to its claims is the operator's: cass-operator's ProcessDeletion
    /// deletes a CassandraDatacenter's PVCs (its deletePVCs, read in k8ssandra/cass-operator's
    /// reconciliation package); a StatefulSet's claims stay.
    private func rollback(_ steps: inout StepList, manifests: [Manifest]) {
        let names = layout.moves.map(\.target.name.value)
        let leave = shared.newDatacentersLeave(
            names, pods: allNewPods.map(DatacenterMigrationSteps.podAndContainer), context: targetContext, namespace: targetNamespace,
            anchor: sourceAnchor)
        let gone = leave.gone
        var action = leave.action
        action += manifests.filter { $0.kind != "DaemonSet" }.reversed().map { Call(.deleteObject, [targetContext, targetNamespace, $0.kind.lowercased(), $0.name]) }
        action.append(Call(.deleteObject, [targetContext, targetNamespace, "configmap", RunbookCompiler.record(plan).name]))
        let claims =
            layout.targetKubernetes.operatorKind.value == .cassOperator
            ? "cass-operator deletes its claims with it" : "its claims stay for you to delete"
        steps.add(
            .retire, "rollback-remove-new-datacenter",
            "ROLLBACK: \(shared.newNames) leave\(names.count == 1 ? "s" : "") every keyspace's replication, \(names.count == 1 ? "its" : "their") nodes are decommissioned and \(names.count == 1 ? "its resource" : "their resources") deleted (\(claims)); \(shared.fromNames) serve\(names.count == 1 ? "s" : "") \(names.count == 1 ? "its" : "their") clients again (only while \(names.count == 1 ? "it still replicates" : "they still replicate") every keyspace, with the clients back on \(names.count == 1 ? "it" : "them"))",
            cluster: targetLabel, guard: gone, action: action, check: gone, destructive: true, manualOnly: true)
        steps.requirePremise(
            layout.moves.map { Call(.expectDatacenterUp, sourceAnchor + [$0.source.name.value, String($0.source.nodeCount.value)]) }
                + layout.moves.flatMap { move in plan.userKeyspaces.map { Call(.replicationHas, sourceAnchor + [$0.name.value, move.source.name.value]) } })
    }

    private func preflight(_ steps: inout StepList, manifests: [Manifest]) {
        steps.add(
            .preflight, "check-seeds-reachable",
            "a one-off pod in \(targetLabel) reaches the source's seeds on the storage port (7000): names resolve and pod networks are routed",
            cluster: targetLabel,
            action: [Call(.expectReachableFrom, [targetContext, targetNamespace, layout.probePod, layout.target.image.value, "7000"] + layout.seeds)])
        steps.add(
            .preflight, "check-names-free", "no object the runbook creates already exists unless this plan created it", cluster: targetLabel,
            action: manifests.map { Call(.expectNotForeign, [targetContext, targetNamespace, $0.kind, $0.name]) }
                + (NodeSecurity.superuserSecret(plan).map { [Call(.expectNotForeign, [targetContext, targetNamespace, "Secret", $0])] } ?? []))
    }

    private func prepare(_ steps: inout StepList, manifests: [Manifest]) {
        steps.raiseMaxMapCount(manifests: manifests, context: targetContext, namespace: targetNamespace, cluster: targetLabel)
        steps.copyLoginToTarget(plan, context: targetContext, namespace: targetNamespace, cluster: targetLabel)
        let datacenter = manifests.filter { $0.kind != "DaemonSet" }
        // Each new datacenter's own resource (several CassandraDatacenters), else the last object.
        let resources = datacenter.filter { $0.kind == "CassandraDatacenter" }
        let mains = (resources.isEmpty ? Array(datacenter.suffix(1)) : resources).map { Call(.objectExists, [targetContext, targetNamespace, $0.kind, $0.name]) }
        let seeded = layout.moves.count == 1 ? "\(fromDatacenter)'s nodes" : "the source's seeds"
        steps.add(
            .prepare, "create-target-datacenter",
            "create datacenter\(layout.moves.count == 1 ? "" : "s") \(shared.newNames) in \(targetLabel), seeded with \(seeded) so \(layout.moves.count == 1 ? "it joins" : "they join") the running cluster",
            cluster: targetLabel, guard: mains, action: datacenter.map { Call(.applyManifest, [targetContext, $0.path]) },
            check: mains)
        // Both sides must see both datacenters: a new datacenter that missed the seeds would
        // form a second cluster of the same name and show only itself.
        var joined: [Call] = []
        for move in layout.moves {
            let name = move.target.name.value
            let anchor = DatacenterMigrationSteps.at(targetContext, targetNamespace, move.pods[0])
            joined += [
                Call(.expectDatacenterUp, sourceAnchor + [name, String(move.target.nodeCount.value)]),
                Call(.expectTokenCount, sourceAnchor + [name, String(plan.target.numTokens.value)]),
                Call(.expectDatacenterUp, anchor + [move.source.name.value, String(move.source.nodeCount.value)]),
                Call(.expectClusterName, anchor + [layout.source.clusterName.value]),
            ]
        }
        joined += allNewPods.map { Call(.expectMaxMapCount, DatacenterMigrationSteps.at(targetContext, targetNamespace, $0) + ["1048575"]) }
            // The new nodes join the source's ring: they must authenticate as the source's do.
            + allNewPods.flatMap { NodeSecurity(plan).checks(DatacenterMigrationSteps.at(targetContext, targetNamespace, $0)) }
        let shown = layout.moves.map { "\($0.target.name.value) with \($0.target.nodeCount.value) nodes UN beside \($0.source.name.value)" }
        steps.add(
            .prepare, "wait-target-datacenter",
            "nodetool status shows \(shown.joined(separator: ", ")), seen from both clusters",
            cluster: targetLabel, guard: joined,
            action: layout.moves.map { Call(.waitDatacenterUp, sourceAnchor + [$0.target.name.value, String($0.target.nodeCount.value)]) },
            check: joined)
    }

    /// The stop's note on the source's operator: held first (and what that means for the
    /// datacenters that stay); empty when the source runs none (plain StatefulSets).
    private var operatorHeldFirst: String {
        guard layout.sourceKubernetes.operatorWorkload != nil else { return "" }
        return " (the source's operator held first\(keptUnderHeldOperator))"
    }

    /// What holding the source's operator means for the datacenters that stay; empty when
    /// none stays or the source runs no operator.
    private var keptUnderHeldOperator: String {
        let kept = DatacenterFates(plan: plan).kept.map(\.name.value)
        guard !kept.isEmpty, layout.sourceKubernetes.operatorWorkload != nil else { return "" }
        return ", so it no longer reconciles \(kept.joined(separator: ", ")), which keeps running"
    }

    /// What the client switch says of the datacenters that stay; empty when none does.
    private var keptClients: String {
        let kept = DatacenterFates(plan: plan).kept.map(\.name.value)
        return kept.isEmpty ? "" : " The clients of \(kept.joined(separator: ", ")) stay where they are."
    }

    /// `x1 to x2` for each move; a retired datacenter that no target moves sends its clients to
    /// the first new one.
    private var switches: String {
        let moved = Dictionary(layout.moves.map { ($0.source.name.value, $0.target.name.value) }, uniquingKeysWith: { first, _ in first })
        let retired = shared.retiredPods.map(\.datacenter.name.value)
        if layout.moves.count == 1 { return "\(retired.joined(separator: ", ")) to \(newDatacenter)" }
        return retired.map { "\($0) to \(moved[$0] ?? newDatacenter)" }.joined(separator: ", ")
    }

    private func cutover(_ steps: inout StepList) {
        let consistency = plan.settings.consistency?.value.rawValue ?? "LOCAL_QUORUM"
        steps.addConfirmation(
            .cutover, "confirm-clients-switched", "move the clients of \(switches): local datacenter \(layout.moves.count == 1 ? newDatacenter : "the new one"), \(consistency); nothing stops, \(shared.fromNames) serve\(layout.moves.count == 1 ? "s" : "") until they have moved\(keptClients.isEmpty ? "" : "; the clients of \(DatacenterFates(plan: plan).kept.map(\.name.value).joined(separator: ", ")) stay")",
            message: layout.moves.count == 1
                ? "Point every client of \(shared.retiredNames) at datacenter \(newDatacenter) (load-balancing local datacenter \(newDatacenter), consistency \(consistency)) through context \(targetContext), namespace \(targetNamespace), and restart them one by one.\(keptClients)"
                : "Point every client of \(switches) (load-balancing local datacenter the new one, consistency \(consistency)) through context \(targetContext), namespace \(targetNamespace), and restart them one by one.\(keptClients)")
        // Never tell the person to move clients to a datacenter that does not hold the data yet.
        steps.requirePremise(shared.newDatacenterHoldsData(anchor: targetAnchor))
        steps.add(
            .cutover, "check-clients-moved",
            clientsGone.isEmpty
                ? "nothing to check: Cassandra \(layout.source.cassandraVersion.value) has no nodetool clientstats, so the client switch rests on the confirmation"
                : "nodetool clientstats on every node of \(shared.retiredNames) shows no client left before it leaves replication",
            cluster: sourceLabel, action: clientsGone)
    }

    /// `nodetool clientstats` shows no client on any source node; nothing on 3.x, which has no
    /// clientstats (the confirmation is then all there is).
    private var clientsGone: [Call] {
        guard layout.source.cassandraVersion.value.major >= 4 else { return [] }
        // A datacenter that stays keeps its clients: only the retiring ones must have none.
        let sourcePods = shared.retiredPods.flatMap(\.pods).map(DatacenterMigrationSteps.podAndContainer)
        return [Call(.expectNoClients, [sourceContext, sourceNamespace] + sourcePods)]
    }

    private func retire(_ steps: inout StepList, manifests: [Manifest]) {
        let names = shared.retiredPods.map(\.datacenter.name.value)
        let sourcePods = shared.retiredPods.flatMap(\.pods)
        let absent = names.map { Call(.datacenterAbsent, targetAnchor + [$0]) }
        steps.add(
            .retire, "decommission-source-nodes",
            "nodetool decommission on each live node of \(names.joined(separator: ", ")), one at a time; removenode for host ids whose pods are gone\(shared.keptNote)",
            cluster: sourceLabel, guard: absent,
            // --force on 4.1+: system_auth still replicates to the leaving datacenter (SourceRetirement).
            action: [
                Call(
                    .decommissionNodes,
                    [sourceContext, sourceNamespace, shared.retirement.decommissionNeedsForce ? "--force" : "-"]
                        + sourcePods.map(DatacenterMigrationSteps.podAndContainer))
            ]
                + names.map { Call(.removeDatacenterNodes, targetAnchor + [$0]) },
            check: absent, destructive: true)
        steps.requirePremise(shared.sourceLeftReplication(anchor: targetAnchor))
        if shared.retirement.decommissionNeedsForce {
            // --force skips Cassandra's own check: system_auth's replicas must be in the new datacenter.
            steps.requirePremise(layout.moves.map { Call(.replicationHas, targetAnchor + ["system_auth", $0.target.name.value]) })
        }
        shared.dropSourceFromSystemAuth(&steps, anchor: targetAnchor, cluster: targetLabel)
        var stop: [Call] = []
        if let workload = layout.sourceKubernetes.operatorWorkload?.value {
            stop.append(Call(.holdOperator, [sourceContext, workload.kind.rawValue, workload.reference]))
        }
        let sets = HandoverLayout.statefulSets(sourcePods)
        stop += sets.map { Call(.scale, [sourceContext, sourceNamespace, "statefulset", $0.name, "0"]) }
        stop.append(Call(.waitPodsGone, [sourceContext, sourceNamespace] + sourcePods.map(\.pod)))
        let stopped = sets.map { Call(.replicasAre, [sourceContext, sourceNamespace, "statefulset", $0.name, "0"]) }
        steps.add(
            .retire, "stop-source-workloads",
            "scale the StatefulSets of \(names.joined(separator: ", ")) to zero\(operatorHeldFirst); their claims and volumes stay until you delete them",
            cluster: sourceLabel, guard: stopped, action: stop, check: stopped, destructive: true)
        forgetSourceSeeds(&steps, manifests: manifests)
    }

    /// cass-operator: the new datacenter's `additionalSeeds` name the retired source's pods or
    /// seed service, which stop resolving once they are gone; cass-operator 1.7.0 and later
    /// resolves each additional seed on every reconcile and fails the reconcile on one that does
    /// not (reconcile_services.go newEndpointsForAdditionalSeeds), so the datacenter would never
    /// be reconciled again (no scaling, no replaced pod). The new datacenter's own seeds and the
    /// peers its nodes saved carry on. (A plain StatefulSet's CASSANDRA_SEEDS stay: changing them
    /// restarts every pod, and apache/cassandra's SimpleSeedProvider logs "Seed provider couldn't
    /// lookup host" and skips a name that does not resolve, failing only when none is left; the
    /// new datacenter's own pods are in the list too.)
    private func forgetSourceSeeds(_ steps: inout StepList, manifests: [Manifest]) {
        let resources = manifests.filter { $0.kind == "CassandraDatacenter" }.map(\.name)
        guard !resources.isEmpty else { return }
        let forgotten = resources.map { Call(.additionalSeedsEmpty, [targetContext, targetNamespace, $0]) }
        steps.add(
            .retire, "forget-source-seeds",
            "remove the source's seeds from \(shared.newNames)'s additionalSeeds: their pods are gone, and cass-operator fails every reconcile on a seed that does not resolve",
            cluster: targetLabel, guard: forgotten, action: resources.map { Call(.forgetAdditionalSeeds, [targetContext, targetNamespace, $0]) }, check: forgotten)
        steps.requirePremise(shared.retiredPods.map { Call(.datacenterAbsent, targetAnchor + [$0.datacenter.name.value]) })
    }
}

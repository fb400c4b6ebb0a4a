/// Turns a checked plan into its runbook: the strategy's planner decides the steps and the
/// manifests; this gathers what the review document needs beside them.
public enum RunbookCompiler {
    /// Why a plan has no runbook yet.
    public enum Unsupported: Error, Sendable, Equatable {
        /// The strategy's code generation is not built yet.
        case strategy(Strategy)
        /// The plan's shape is outside what the strategy's generator handles.
        case shape(String)
    }

    /// Compiles a plan (already free of errors) whose source text is `source`.
    public static func compile(_ plan: Plan, source: SourceFile, warnings: [Diagnostic]) -> Result<Runbook, Unsupported> {
        if plan.settings.strategy.value != .volumeAdoption, let datacenter = plan.target.datacenters.first, datacenter.disk == nil {
            return .failure(
                .shape("target datacenter \(datacenter.name.value) has no disk: its volumes are created with that size; add disk = ... (at least twice the expected load per node)"))
        }
        switch plan.settings.strategy.value {
        case .datacenterHandover:
            guard let layout = HandoverLayout(plan: plan) else {
                return .failure(.shape("datacenter-handover runs between two Kubernetes clusters with one target datacenter"))
            }
            guard plan.target.datacenters.count == 1 else {
                return .failure(.shape("datacenter-handover generates one target datacenter; the plan declares several"))
            }
            let factory = ManifestFactory(planName: plan.name.value, security: NodeSecurity.newNodes(plan), superuserSecret: NodeSecurity.superuserSecret(plan))
            let builder = HandoverManifests(layout: layout, factory: factory)
            var manifests: [Manifest] = []
            for (index, object) in builder.target().enumerated() {
                manifests.append(
                    Manifest(cluster: plan.target.label.value, order: index + 1, kind: object.kind, name: object.name, isTemplate: false, document: object.document))
            }
            for (index, object) in builder.source().enumerated() {
                manifests.append(
                    Manifest(
                        cluster: plan.source.label.value, order: index + 1, kind: object.kind, name: object.name, isTemplate: object.template,
                        document: object.document))
            }
            let steps = HandoverPlanner(layout: layout, plan: plan).plan(manifests: manifests)
            return .success(
                runbook(
                    plan, source: source, warnings: warnings, strategy: .datacenterHandover, steps: steps, manifests: manifests,
                    topology: HandoverTopology(layout: layout).stages(), notes: HandoverTopology.notes + heldOperatorNote(plan) + [cqlshNote(plan, runsOn: "inside the pods")]))
        case .volumeAdoption:
            guard let layout = AdoptionLayout(plan: plan), !layout.pairs.isEmpty else {
                return .failure(.shape("volume-adoption moves machines with EBS volumes (an aws block, volume and zone per node) into Kubernetes"))
            }
            guard layout.kubernetes.operatorKind.value == .statefulset else {
                return .failure(.shape("volume-adoption into \(layout.kubernetes.operatorKind.value.rawValue) is not generated yet; use operator = statefulset"))
            }
            let factory = ManifestFactory(planName: plan.name.value, security: NodeSecurity.newNodes(plan), superuserSecret: NodeSecurity.superuserSecret(plan))
            let manifests = AdoptionManifests(layout: layout, factory: factory).objects().enumerated().map { index, object in
                Manifest(
                    cluster: plan.target.label.value, order: index + 1, kind: object.kind, name: object.name, isTemplate: object.template,
                    document: object.document)
            }
            let steps = AdoptionPlanner(layout: layout, plan: plan).plan(manifests: manifests)
            return .success(
                runbook(
                    plan, source: source, warnings: warnings, strategy: .volumeAdoption, steps: steps, manifests: manifests,
                    topology: AdoptionTopology(layout: layout).stages(), notes: AdoptionTopology.notes + [cqlshNote(plan, runsOn: "on the machines and in the pods")],
                    volumeMapping: layout.pairs.map {
                        VolumeMapping(
                            node: $0.node.name.value, address: $0.node.address.value, volume: $0.volume, zone: $0.zone, rack: $0.pod.rack,
                            pod: $0.pod.pod, claim: $0.pod.claim)
                    }))
        case .datacenterExtend:
            guard let layout = ExtendLayout(plan: plan) else {
                return .failure(.shape("datacenter-extend runs between two Kubernetes clusters with one target datacenter"))
            }
            if layout.targetKubernetes.operatorKind.value == .casskop {
                return .failure(
                    .shape("datacenter-extend into casskop is not generated: CassKop computes its seed list itself (status.seedlist), so it cannot be pointed at the source's seeds; use cass-operator (additionalSeeds) or statefulset (CASSANDRA_SEEDS)"))
            }
            // One set of objects per new datacenter (cass-operator: a CassandraDatacenter each), after
            // the first's DaemonSet and exporter ConfigMap.
            var manifests: [Manifest] = []
            for (index, move) in layout.moves.enumerated() {
                let objects = newDatacenterManifests(
                    plan, kubernetes: layout.targetKubernetes, datacenter: move.target, pods: move.pods,
                    daemonSet: layout.maxMapCountDaemonSet, joining: .init(seeds: layout.seeds))
                for manifest in objects where index == 0 || (manifest.kind != "DaemonSet" && manifest.kind != "ConfigMap") {
                    manifests.append(
                        Manifest(
                            cluster: manifest.cluster, order: manifests.count + 1, kind: manifest.kind, name: manifest.name, isTemplate: false,
                            document: manifest.document))
                }
            }
            let steps = ExtendPlanner(layout: layout, plan: plan).plan(manifests: manifests)
            return .success(
                runbook(
                    plan, source: source, warnings: warnings, strategy: .datacenterExtend, steps: steps, manifests: manifests,
                    topology: ExtendTopology(layout: layout).stages(), notes: ExtendTopology.notes + heldOperatorNote(plan) + [cqlshNote(plan, runsOn: "inside the pods")]))
        case .snapshotLoad:
            guard let layout = SnapshotLoadLayout(plan: plan) else {
                return .failure(.shape("snapshot-load loads into a Kubernetes target with one datacenter"))
            }
            guard plan.target.datacenters.count == 1 else {
                return .failure(.shape("snapshot-load generates one target datacenter; the plan declares several"))
            }
            let manifests = newDatacenterManifests(
                plan, kubernetes: layout.targetKubernetes, datacenter: layout.targetDatacenter, pods: layout.targetPods,
                daemonSet: layout.maxMapCountDaemonSet, joining: nil)
            let steps = SnapshotLoadPlanner(layout: layout, plan: plan).plan(manifests: manifests)
            return .success(
                runbook(
                    plan, source: source, warnings: warnings, strategy: .snapshotLoad, steps: steps, manifests: manifests,
                    topology: SnapshotLoadTopology(layout: layout).stages(), notes: SnapshotLoadTopology.notes))
        }
    }

    /// The runbook of a compiled plan: its steps and manifests with the estimates, warnings,
    /// clusters, topology and notes the review document shows.
    static func runbook(
        _ plan: Plan, source: SourceFile, warnings: [Diagnostic], strategy: Strategy, steps: [Step], manifests: [Manifest],
        topology: [TopologyStage], notes: [String], volumeMapping: [VolumeMapping] = []
    ) -> Runbook {
        var runbook = Runbook(
            planName: plan.name.value, planHash: SHA256.hex(source.bytes), strategy: strategy,
            downtimeBudget: plan.settings.downtimeBudget.value, steps: steps, manifests: manifests,
            estimates: Estimates(plan: plan), warnings: warnings.map { warningLine($0, file: source) },
            clusters: clusters(plan), topology: topology, notes: notes + [NodeSecurity.note(plan), recordNote(plan)], volumeMapping: volumeMapping,
            record: record(plan), replication: replication(plan), disks: disks(plan))
        runbook.logins = CqlLogins.entries(plan).map { ($0.key, $0.spec) }
        runbook.jmxLogins = CqlLogins.jmxEntries(plan).map { ($0.key, $0.spec) }
        runbook.clientTLS = CqlLogins.clientTLS(plan)
        runbook.wayBack = WayBack.entries(plan, steps: steps).map { ($0.phase.rawValue, $0.how, $0.lost) }
        return runbook
    }

    /// Every keyspace's replication before and after, as the strategy leaves it.
    static func replication(_ plan: Plan) -> [KeyspaceReplication] {
        let strategy = plan.settings.strategy.value
        let model = Replication(plan: plan)
        let fates = DatacenterFates(plan: plan)
        func map(_ entries: [(String, Int)]) -> String {
            "{" + entries.sorted { $0.0 < $1.0 }.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        }
        var rows = plan.keyspaces.sorted { $0.name.value < $1.name.value }.map { keyspace -> KeyspaceReplication in
            let before = keyspace.replication.value.map { ($0.datacenter.value, $0.factor.value) }
            let simple = keyspace.simpleStrategyFactor.map { "{class: SimpleStrategy, replication_factor: \($0.value)}" }
            let after: String
            switch strategy {
            case .volumeAdoption: after = "unchanged: " + (simple ?? map(before))
            case .datacenterHandover, .datacenterExtend, .snapshotLoad:
                // Source datacenters that stay keep their replicas (keep = true).
                let kept = before.filter { fates.isKept($0.0) }
                after = map(plan.target.datacenters.map { ($0.name.value, model.targetFactor(of: keyspace, in: $0)) } + kept)
            }
            // datacenter-* strategies convert SimpleStrategy to the NTS map first (convert-keyspace-*).
            let shownBefore = simple.map { strategy.isDatacenterStrategy ? "\($0), converted to \(map(before)) first" : $0 } ?? map(before)
            return KeyspaceReplication(keyspace: keyspace.name.value, before: shownBefore, after: after)
        }
        if strategy.isDatacenterStrategy, let target = plan.target.datacenters.first {
            let declared = Set(plan.keyspaces.map(\.name.value))
            let most = Swift.min(3, target.nodeCount.value)
            for keyspace in SystemKeyspaces.migrated where !declared.contains(keyspace) {
                rows.append(
                    KeyspaceReplication(
                        keyspace: keyspace, before: "read at run time",
                        after: "{\(target.name.value): the replicas it has in \(model.sourceDatacenter(for: target)?.name.value ?? "the source") today, at most \(most)"
                            + fates.kept.map { ", \($0.name.value): as today" }.joined() + "}"))
            }
        } else if strategy == .snapshotLoad {
            rows.append(KeyspaceReplication(keyspace: "system_auth", before: "read at run time", after: "not copied: the target's own (create roles before the switch)"))
        }
        return rows
    }

    /// The new datacenters' disks, as planned and as requested.
    static func disks(_ plan: Plan) -> [DiskRequest] {
        guard plan.settings.strategy.value != .volumeAdoption else { return [] }
        return plan.target.datacenters.compactMap { datacenter in
            datacenter.disk.map { DiskRequest(datacenter: datacenter.name.value, planned: $0.value.description, requested: ManifestFactory.quantity($0.value)) }
        }
    }

    /// What the review document says of the progress record.
    static func recordNote(_ plan: Plan) -> String {
        let record = record(plan)
        return "The runbook keeps what a resume must know (nodes rebuilt or loaded, host ids, confirmations) in ConfigMap \(record.name) in context \(record.context), namespace \(record.namespace), so a run from another machine or with a lost state dir resumes without repeating work; delete it with the state dir to start a migration over."
    }

    /// The progress record in the target cluster (every strategy's target runs in Kubernetes).
    static func record(_ plan: Plan) -> ProgressRecord {
        ProgressRecord(
            context: plan.target.kubernetes?.context.value ?? "", namespace: plan.target.kubernetes?.namespace.value ?? "",
            name: "cmplan-\(plan.name.value)-progress")
    }

    /// A new datacenter in the target cluster, in apply order: the vm.max_map_count DaemonSet,
    /// then the datacenter through its operator.
    static func newDatacenterManifests(
        _ plan: Plan, kubernetes: KubernetesPlacement, datacenter: Datacenter, pods: [PodLayout], daemonSet: String,
        joining: TargetDatacenterManifests.Joining?
    ) -> [Manifest] {
        let factory = ManifestFactory(planName: plan.name.value, security: NodeSecurity.newNodes(plan), superuserSecret: NodeSecurity.superuserSecret(plan))
        let raise = HandoverManifests.maxMapCount(name: daemonSet, namespace: kubernetes.namespace.value, factory: factory)
        let objects = TargetDatacenterManifests(
            cluster: plan.target, kubernetes: kubernetes, datacenter: datacenter, pods: pods, factory: factory, joining: joining
        ).objects()
        return ([("DaemonSet", daemonSet, raise)] + exporterManifest(plan, namespace: kubernetes.namespace.value, factory: factory) + objects)
            .enumerated().map { index, object in
            Manifest(cluster: plan.target.label.value, order: index + 1, kind: object.0, name: object.1, isTemplate: false, document: object.2)
        }
    }

    /// The exporter's ConfigMap (before the datacenter, so it exists when the pods start), if any.
    static func exporterManifest(_ plan: Plan, namespace: String, factory: ManifestFactory) -> [(String, String, YAML)] {
        guard let configMap = ExporterConfiguration.configMap(plan: plan, namespace: namespace, factory: factory) else { return [] }
        return [("ConfigMap", ExporterConfiguration.name(planName: plan.name.value), configMap)]
    }

    static func warningLine(_ diagnostic: Diagnostic, file: SourceFile) -> String {
        let help = diagnostic.help.map { " (\($0))" } ?? ""
        return "line \(diagnostic.range.start.line): \(diagnostic.rule.rawValue): \(diagnostic.message)\(help)"
    }

    /// Where cqlsh runs and where its login comes from (the plan's credentials block, or the
    /// environment when it names none), for the review document's assumptions.
    static func cqlshNote(_ plan: Plan, runsOn: String) -> String {
        "cqlsh runs \(runsOn) against the local node, with \(CqlLogins.summary(plan.source, in: plan)); no password is ever written in the plan or on a command line."
    }

    /// What holding the source's operator at zero leaves behind (issue 17.5): it is never
    /// released, since released it would restart the stopped source pods, so every other cluster
    /// it manages goes unreconciled until someone deals with it.
    static func heldOperatorNote(_ plan: Plan) -> [String] {
        guard let workload = plan.source.kubernetes?.operatorWorkload?.value else { return [] }
        let kind = workload.kind == .statefulset ? "StatefulSet" : "Deployment"
        return [
            "The source's operator (\(kind) \(workload.reference) in \(plan.source.kubernetes?.context.value ?? "")) is left at zero replicas when the runbook ends: released, it would start the stopped source pods again. Any other Cassandra cluster it manages is not reconciled meanwhile: delete this cluster's resource first (its claims keep the data until you delete them too), then scale the operator back to the replicas it had (the progress record keeps them as held-\(plan.source.kubernetes?.context.value ?? "")-\(workload.reference))."
        ]
    }

    static func clusters(_ plan: Plan) -> [ClusterSummary] {
        plan.clusters.enumerated().compactMap { index, cluster in
            let role = index == plan.sourceIndex ? "source" : index == plan.targetIndex ? "target" : nil
            guard let role else { return nil }
            var location: String
            switch cluster.placement {
            case .kubernetes(let kubernetes):
                let workload = kubernetes.operatorWorkload.map { " (its \($0.value.kind == .statefulset ? "StatefulSet" : "Deployment") \($0.value.reference))" } ?? ""
                location = "context \(kubernetes.context.value), namespace \(kubernetes.namespace.value), operator \(kubernetes.operatorKind.value.rawValue)\(workload)"
            case .machines(let ssh):
                location = "machines over ssh as \(ssh.user.value)"
            }
            // Tokens: the source's are checked at preflight, the target's set in its manifests.
            let tokens = role == "source" ? "\(cluster.numTokens.value) tokens per node (checked at preflight)" : "\(cluster.numTokens.value) tokens per node (set in its manifests, checked once it runs)"
            let image = cluster.kubernetes == nil ? "" : ", image \(cluster.image.value)"
            // The one data path cmplanc mounts and checks (image-data-path refuses images known to use another).
            let data = cluster.kubernetes == nil ? "data under /var/lib/cassandra" : "data volume mounted at /var/lib/cassandra"
            location += "; Cassandra \(cluster.cassandraVersion.value)\(image), \(tokens), \(data); \(CqlLogins.summary(cluster, in: plan))\(CqlLogins.jmxSummary(cluster, in: plan))"
            return ClusterSummary(
                label: cluster.label.value, location: location, role: role, kubernetesVersion: cluster.kubernetes?.version.value.description,
                context: cluster.kubernetes?.context.value)
        }
    }
}

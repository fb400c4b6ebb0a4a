/// The simulated world a rehearsal starts from, built from the plan's source cluster (its
/// operator, pods, disks and a running Cassandra holding the declared keyspaces), and the
/// check of the world a rehearsal ends in against the plan's target.
public enum RehearsalWorld {
    /// The starting world of a plan: its source cluster running with the declared data.
    public static func initial(for plan: Plan) -> World? {
        let machines: Bool
        if case .machines = plan.source.placement { machines = true } else { machines = false }
        guard var world = machines ? initialMachines(for: plan) : initialKubernetes(for: plan) else { return nil }
        prepareLoad(&world, plan: plan)
        return world
    }

    /// What a passing verdict says for the plan's strategy.
    public static func success(for plan: Plan) -> String {
        switch plan.settings.strategy.value {
        case .snapshotLoad:
            return "the new cluster holds every keyspace completely at its target replication with the source's tables, loaded from snapshots taken with writes impossible; the source is frozen and whole with its snapshots cleared; no invariant broke"
        case .datacenterExtend:
            return "the new datacenter joined over the routed pod networks, holds every keyspace completely at its target replication, the source datacenter was decommissioned and its pods are gone, and no invariant broke"
        case .volumeAdoption:
            return "every pod runs the host id of the machine whose disk it adopted, in that disk's zone and rack, on a copy taken after the drain; every keyspace is complete; the machines are stopped with their volumes untouched; no invariant broke"
        default:
            return "the target holds every keyspace completely at its target replication, the source datacenter is gone, the target's pods run on their own disks, the temporary objects are gone, and no invariant broke"
        }
    }

    /// What is wrong with the end state (empty: all good).
    public static func verify(_ world: World, plan: Plan) -> [String] {
        switch plan.settings.strategy.value {
        case .volumeAdoption: return verifyAdoption(world, plan: plan)
        case .datacenterExtend: return verifyHandover(world, plan: plan) + verifySourceStopped(world, plan: plan)
        case .datacenterHandover: return verifyHandover(world, plan: plan)
        case .snapshotLoad: return verifyLoad(world, plan: plan)
        }
    }

    static func emptyWorld(_ plan: Plan) -> World {
        World(
            clusters: [:], volumes: [:], rings: [:], cassandraMajor: plan.source.cassandraVersion.value.major,
            cassandraMinor: plan.source.cassandraVersion.value.minor, violations: [],
            failOnce: nil, killAfter: nil, counter: 0)
    }

    /// Machines with their EBS volumes, one Cassandra cluster on them, and the target
    /// Kubernetes cluster with the EBS CSI driver.
    static func initialMachines(for plan: Plan) -> World? {
        guard let target = plan.target.kubernetes else { return nil }
        var world = emptyWorld(plan)
        world.clusters[target.context.value] = World.Cluster(
            zone: "us-east-1a", namespaces: Array(Set(["default", "kube-system", target.namespace.value])).sorted(),
            objects: [World.key("csidriver", nil, "ebs.csi.aws.com"): .map(["kind": .string("CSIDriver"), "metadata": .map(["name": .string("ebs.csi.aws.com")])])])
        let ringId = "ring-\(world.nextId())"
        var ring = World.Ring(
            clusterName: plan.source.clusterName.value, members: [:],
            keyspaces: ["system_auth": ["*": 1], "system_distributed": ["*": 3], "system_traces": ["*": 2]])
        for keyspace in plan.keyspaces {
            var replication: [String: Int] = [:]
            for entry in keyspace.replication.value { replication[entry.datacenter.value] = entry.factor.value }
            ring.keyspaces[keyspace.name.value] = replication
        }
        let names = ring.keyspaces.keys.sorted()
        for datacenter in plan.source.datacenters {
            for (index, node) in datacenter.nodes.enumerated() {
                let simulated = plan.settings.strategy.value == .snapshotLoad
                guard let handle = node.volume?.value ?? (simulated ? "vol-sim-\(node.name.value)" : nil),
                    let zone = node.zone?.value ?? (simulated ? "zone-a" : nil)
                else { return nil }
                let hostId = world.newHostId()
                let identity = World.NodeIdentity(hostId: hostId, datacenter: datacenter.name.value, rack: node.rack.value, clusterName: plan.source.clusterName.value)
                world.volumes[handle] = World.Volume(
                    handle: handle, zone: zone, gibibytes: Int((datacenter.disk?.value.bytes ?? 1 << 40) >> 30), node: identity, keyspaces: names,
                    mountedBy: nil, provisionedFor: nil)
                world.machines[node.address.value] = World.Machine(volume: handle, running: true)
                ring.members[hostId] = World.Member(
                    datacenter: datacenter.name.value, rack: node.rack.value, address: "10.9.0.\(index + 10)", volume: handle, up: true,
                    pod: World.machinePath(node.address.value))
            }
        }
        world.rings[ringId] = ring
        return world
    }

    /// The end state of a volume-adoption against the plan.
    static func verifyAdoption(_ world: World, plan: Plan) -> [String] {
        var problems = world.violations.map { "data loss or corruption: \($0)" }
        guard let layout = AdoptionLayout(plan: plan) else { return problems + ["the plan's layout cannot be derived"] }
        let context = layout.kubernetes.context.value
        let namespace = layout.kubernetes.namespace.value
        for pair in layout.pairs {
            let original = world.volumes[pair.volume]
            if original == nil { problems.append("source volume \(pair.volume) of \(pair.node.name.value) is gone") }
            if world.machines[pair.node.address.value]?.running == true {
                problems.append("Cassandra still runs on \(pair.node.name.value)")
            }
            guard world.clusters[context]?.objects[World.key("pod", namespace, pair.pod.pod)]?[path: ["status", "phase"]]?.string == "Running" else {
                problems.append("pod \(pair.pod.pod) is not running")
                continue
            }
            guard let claim = world.clusters[context]?.objects[World.key("persistentvolumeclaim", namespace, pair.pod.claim)],
                let volumeName = claim[path: ["spec", "volumeName"]]?.string,
                let handle = world.clusters[context]?.objects[World.key("persistentvolume", nil, volumeName)]?[path: ["spec", "csi", "volumeHandle"]]?.string,
                let volume = world.volumes[handle]
            else {
                problems.append("pod \(pair.pod.pod) has no disk")
                continue
            }
            if handle == pair.volume { problems.append("pod \(pair.pod.pod) mounts the source volume itself, not a copy") }
            if volume.node?.hostId != original?.node?.hostId {
                problems.append("pod \(pair.pod.pod) runs host \(volume.node?.hostId ?? "none"), not \(original?.node?.hostId ?? "?") of \(pair.node.name.value)")
            }
            if volume.zone != pair.zone { problems.append("pod \(pair.pod.pod)'s disk is in \(volume.zone), not \(pair.zone)") }
            if volume.copiedConsistently != true { problems.append("pod \(pair.pod.pod)'s disk was not copied after the drain") }
        }
        guard let ring = world.rings.values.first else { return problems + ["no Cassandra cluster"] }
        for (hostId, member) in ring.members where !member.up || member.pod?.hasPrefix("machine/") == true {
            problems.append("node \(hostId) is \(member.up ? "up on a machine" : "down")")
        }
        for keyspace in plan.keyspaces {
            for entry in keyspace.replication.value where !world.datacenterComplete(ring, entry.datacenter.value, keyspace: keyspace.name.value) {
                problems.append("data loss: \(entry.datacenter.value) does not hold keyspace \(keyspace.name.value) completely")
            }
        }
        return problems
    }

    /// A Kubernetes cluster with the plan's namespace and, when it has one, its operator running.
    static func addCluster(_ kubernetes: KubernetesPlacement, to world: inout World) {
        var cluster = world.clusters[kubernetes.context.value] ?? World.Cluster(zone: "zone-a", namespaces: ["default", "kube-system"], objects: [:])
        cluster.namespaces.append(kubernetes.namespace.value)
        if let deployment = kubernetes.operatorDeployment?.value {
            let parts = deployment.split(separator: "/").map(String.init)
            cluster.namespaces.append(parts[0])
            cluster.objects[World.key("deployment", parts[0], parts[1])] = .map([
                "kind": .string("Deployment"),
                "metadata": .map([
                    "name": .string(parts[1]), "namespace": .string(parts[0]),
                    "labels": .map(["cmplan-sim/operator": .string(kubernetes.operatorKind.value.rawValue)]),
                ]),
                "spec": .map(["replicas": .integer(1)]),
            ])
        }
        cluster.namespaces = Array(Set(cluster.namespaces)).sorted()
        world.clusters[kubernetes.context.value] = cluster
    }

    /// snapshot-load: tables for every keyspace of the source ring, writable clients, and
    /// source nodes that reach the target pods (sstableloader streams to them directly).
    static func prepareLoad(_ world: inout World, plan: Plan) {
        guard plan.settings.strategy.value == .snapshotLoad else { return }
        world.podNetworksRouted = true
        if let target = plan.target.kubernetes { addCluster(target, to: &world) }
        for ringId in world.rings.keys {
            for keyspace in plan.keyspaces where !keyspace.name.value.hasPrefix("system") {
                world.rings[ringId]?.tables[keyspace.name.value] = (1...Swift.max(1, keyspace.tables.value)).map { "t\($0)" }.sorted()
            }
        }
    }

    /// The starting world of a Kubernetes-to-Kubernetes plan.
    static func initialKubernetes(for plan: Plan) -> World? {
        guard let source = plan.source.kubernetes, let target = plan.target.kubernetes else { return nil }
        var world = emptyWorld(plan)
        for kubernetes in [source, target] { addCluster(kubernetes, to: &world) }
        let context = source.context.value
        let namespace = source.namespace.value
        var seeds: [String] = []
        for datacenter in plan.source.datacenters {
            let pods = PodLayout.pods(of: datacenter, clusterName: plan.source.clusterName.value, kubernetes: source)
            if seeds.isEmpty {
                seeds = plan.source.seeds?.value.map(\.value)
                    ?? HandoverLayout.derivedSeeds(
                        pods: Array(pods.prefix(3)), clusterName: plan.source.clusterName.value, kubernetes: source, namespace: namespace,
                        domain: source.domain.value)
            }
            var sets: [String: (rack: String, count: Int, template: String)] = [:]
            for pod in pods {
                let template = String(pod.claim.dropLast(pod.pod.count + 1))
                sets[pod.statefulSet, default: (pod.rack, 0, template)].count += 1
            }
            for (name, set) in sets.sorted(by: { $0.key < $1.key }) {
                var tree = Reconciler(world: world).statefulSet(
                    name: name, namespace: namespace, replicas: set.count, claimTemplate: set.template, storageClass: "standard",
                    storage: "\(Swift.max(1, Int((datacenter.disk?.value.bytes ?? 1 << 40) >> 30)))Gi",
                    environment: [
                        ("CASSANDRA_CLUSTER_NAME", plan.source.clusterName.value), ("CASSANDRA_DC", datacenter.name.value),
                        ("CASSANDRA_RACK", set.rack), ("CASSANDRA_SEEDS", seeds.joined(separator: ",")),
                    ], owner: source.operatorKind.value.rawValue)
                if source.operatorKind.value != .statefulset {
                    tree[path: ["metadata", "annotations", "cmplan-sim/members"]] = .integer(set.count)
                }
                tree[path: ["metadata", "labels", "app.kubernetes.io/name"]] = .string("cassandra")
                world.clusters[context]?.objects[World.key("statefulset", namespace, name)] = tree
            }
            // Each rack's pods start: the first creates the cluster, the others join by the seeds.
            var reconciler = Reconciler(world: world)
            reconciler.run()
            world = reconciler.world
        }
        if plan.settings.strategy.value == .datacenterExtend, let sourceCIDR = source.podCIDR?.value, let targetCIDR = target.podCIDR?.value,
            !sourceCIDR.overlaps(targetCIDR)
        {
            world.podNetworksRouted = true
        }
        let replicationModel = Replication(plan: plan)
        for keyspace in plan.keyspaces {
            guard let size = keyspace.size?.value.bytes, let target = plan.target.datacenters.first else { continue }
            let share = size / UInt64(Swift.max(1, replicationModel.totalSourceFactor(of: keyspace)))
                * UInt64(replicationModel.targetFactor(of: keyspace, in: target)) / UInt64(Swift.max(1, target.nodeCount.value))
            world.keyspaceBytes[keyspace.name.value] = Int(clamping: share)
        }
        for ringId in world.rings.keys {
            for keyspace in plan.keyspaces {
                var replication: [String: Int] = [:]
                for entry in keyspace.replication.value { replication[entry.datacenter.value] = entry.factor.value }
                world.rings[ringId]?.keyspaces[keyspace.name.value] = replication
            }
            let names = Array(world.rings[ringId]?.keyspaces.keys ?? [:].keys).sorted()
            for member in world.rings[ringId]?.members.values ?? [:].values {
                world.volumes[member.volume]?.keyspaces = names
            }
        }
        return world
    }

    /// The end state of a snapshot-load: a separate, complete target cluster; the source frozen,
    /// whole and without the plan's snapshots.
    static func verifyLoad(_ world: World, plan: Plan) -> [String] {
        var problems = world.violations.map { "data loss or corruption: \($0)" }
        guard let layout = SnapshotLoadLayout(plan: plan) else { return problems + ["the plan's layout cannot be derived"] }
        let context = layout.targetKubernetes.context.value
        let namespace = layout.targetKubernetes.namespace.value
        let targetRingIds = Set(layout.targetPods.compactMap { pod -> String? in
            world.rings.first { $0.value.members.values.contains { $0.pod == "\(context)/\(namespace)/\(pod.pod)" && $0.up } }?.key
        })
        guard targetRingIds.count == 1, let targetRingId = targetRingIds.first, let target = world.rings[targetRingId] else {
            return problems + ["the target's pods do not form one running cluster (\(targetRingIds.count) rings)"]
        }
        let sourceRing = world.rings.first { $0.key != targetRingId }?.value
        let datacenter = layout.targetDatacenter.name.value
        for (name, spec) in layout.keyspaces {
            let factor = Int(spec.split(separator: ":").last ?? "") ?? 0
            if target.keyspaces[name] != [datacenter: factor] {
                problems.append("keyspace \(name) replicates \(target.keyspaces[name] ?? [:]) on the target, expected \([datacenter: factor])")
            }
            if target.tables[name] != sourceRing?.tables[name] {
                problems.append("keyspace \(name) has tables \(target.tables[name] ?? []) on the target, \(sourceRing?.tables[name] ?? []) on the source")
            }
            if !world.datacenterComplete(target, datacenter, keyspace: name) {
                problems.append("the target does not hold keyspace \(name) completely (the source still does)")
            }
            if let sourceRing, !sourceRing.keyspaces.isEmpty,
                !sourceRing.keyspaces[name, default: [:]].keys.contains(where: { world.datacenterComplete(sourceRing, $0, keyspace: name) })
            {
                problems.append("the source no longer holds keyspace \(name) completely")
            }
        }
        for (hostId, tags) in world.nodeSnapshots where tags[layout.tag] != nil {
            problems.append("source node \(hostId) still has snapshot \(layout.tag)")
        }
        return problems
    }

    /// Source pods still running after a datacenter-extend retired the source.
    static func verifySourceStopped(_ world: World, plan: Plan) -> [String] {
        guard let source = plan.source.kubernetes else { return [] }
        var problems: [String] = []
        for datacenter in plan.source.datacenters {
            for pod in PodLayout.pods(of: datacenter, clusterName: plan.source.clusterName.value, kubernetes: source)
            where world.clusters[source.context.value]?.objects[World.key("pod", source.namespace.value, pod.pod)] != nil {
                problems.append("source pod \(pod.pod) still runs")
            }
        }
        return problems
    }

    /// What is wrong with a finished handover, measured against the plan's target (empty: all good).
    static func verifyHandover(_ world: World, plan: Plan) -> [String] {
        var problems = world.violations.map { "data loss or corruption: \($0)" }
        guard let target = plan.target.kubernetes, let source = plan.source.kubernetes,
            let datacenter = plan.target.datacenters.first
        else { return problems + ["the plan has no Kubernetes target to verify"] }
        let pods = PodLayout.pods(of: datacenter, clusterName: plan.target.clusterName.value, kubernetes: target)
        let context = target.context.value
        let namespace = target.namespace.value
        var ringId: String?
        for pod in pods {
            let path = "\(context)/\(namespace)/\(pod.pod)"
            guard world.clusters[context]?.objects[World.key("pod", namespace, pod.pod)]?[path: ["status", "phase"]]?.string == "Running" else {
                problems.append("target pod \(pod.pod) is not running in \(context)")
                continue
            }
            guard let claim = world.clusters[context]?.objects[World.key("persistentvolumeclaim", namespace, pod.claim)],
                let volumeName = claim[path: ["spec", "volumeName"]]?.string,
                let handle = world.clusters[context]?.objects[World.key("persistentvolume", nil, volumeName)]?[path: ["spec", "csi", "volumeHandle"]]?.string,
                let volume = world.volumes[handle]
            else {
                problems.append("target pod \(pod.pod) has no disk")
                continue
            }
            if volume.provisionedFor != "\(context)/\(namespace)/\(pod.claim)" {
                problems.append("target pod \(pod.pod) runs on disk \(handle), not the one provisioned for its claim")
            }
            if volume.mountedBy != path { problems.append("disk \(handle) is not mounted by \(pod.pod)") }
            if let hostId = volume.node?.hostId, let id = world.ringId(of: hostId) {
                if let known = ringId, known != id { problems.append("target pods are split between two Cassandra clusters") }
                ringId = id
            }
        }
        guard let ringId, let ring = world.rings[ringId] else { return problems + ["no Cassandra cluster runs in the target"] }
        let sourceDatacenters = Set(plan.source.datacenters.map(\.name.value))
        for (hostId, member) in ring.members where sourceDatacenters.contains(member.datacenter) {
            problems.append("node \(hostId) of source datacenter \(member.datacenter) is still in the cluster")
        }
        for (hostId, member) in ring.members where member.datacenter == datacenter.name.value && !member.up {
            problems.append("node \(hostId) of \(datacenter.name.value) is down")
        }
        let replication = Replication(plan: plan)
        for keyspace in plan.keyspaces {
            let name = keyspace.name.value
            let expected = [datacenter.name.value: replication.targetFactor(of: keyspace, in: datacenter)]
            if ring.keyspaces[name] != expected {
                problems.append("keyspace \(name) replicates \(ring.keyspaces[name] ?? [:]), expected \(expected)")
            }
            if !world.datacenterComplete(ring, datacenter.name.value, keyspace: name) {
                problems.append("data loss: \(datacenter.name.value) does not hold keyspace \(name) completely")
            }
        }
        for name in ["system_auth", "system_distributed", "system_traces"] {
            if let entries = ring.keyspaces[name], entries.keys.contains(where: sourceDatacenters.contains) {
                problems.append("keyspace \(name) still replicates to a source datacenter")
            }
        }
        let leftovers = world.clusters[source.context.value]?.objects.keys.filter {
            $0.contains("/cmplan-\(plan.name.value)-") || $0.contains("/data-cmplan-\(plan.name.value)-")
        } ?? []
        for key in leftovers.sorted() { problems.append("temporary object \(key) is still in the source cluster") }
        return problems
    }
}

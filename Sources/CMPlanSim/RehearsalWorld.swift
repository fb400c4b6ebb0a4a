import Foundation
import CMPlanModel
/// The simulated world a rehearsal starts from, built from the plan's source cluster (its
/// operator, pods, disks and a running Cassandra holding the declared keyspaces), and the
/// check of the world a rehearsal ends in against the plan's target.
public enum RehearsalWorld {
    /// The starting world of a plan: its source cluster running with the declared data.
    /// `sourceTokens` overrides the tokens the source's nodes own (default: the plan's num_tokens).
    public static func initial(for plan: Plan, sourceTokens: Int? = nil) -> World? {
        let machines: Bool
        if case .machines = plan.source.placement { machines = true } else { machines = false }
        let tokens = sourceTokens ?? plan.source.numTokens.value
        guard var world = machines ? initialMachines(for: plan, tokens: tokens) : initialKubernetes(for: plan, tokens: tokens) else { return nil }
        prepareLoad(&world, plan: plan)
        requireLogin(&world, plan: plan)
        seedTLSSecret(&world, plan: plan)
        world.servedKeyspaces = ExpectedEndState.userKeyspaces(of: plan).map(\.name.value)
        return world
    }

    /// The login a rehearsal gives a source with `credentials`: a password with a space, quotes,
    /// `$` and `%`, so a runbook that quotes it wrongly, or hands it to a parser that
    /// interpolates, is caught.
    public static let rehearsalLogin = World.Login(username: "cmplan_rehearsal", password: "Re hears'al \"pa$$\" 100%")

    /// The login when JMX wants it too: nodetool -pwf splits its file at whitespace, so this
    /// password has none (and the runbook refuses one that has).
    public static let rehearsalJMXLogin = World.Login(username: "cmplan_rehearsal", password: "Re'hears\"al\"pa$$100%")

    /// How the source's nodes are configured, as an operator's `config` would render it: with
    /// `credentials`, PasswordAuthenticator and the plan's authorizer; nil (the shipped AllowAll
    /// defaults) without.
    static func sourceSecurity(_ plan: Plan) -> Tree? {
        guard plan.source.credentials != nil || plan.source.tls != nil else { return nil }
        var yaml: [String: Tree] = [:]
        if let credentials = plan.source.credentials {
            yaml["authenticator"] = .string("PasswordAuthenticator")
            yaml["authorizer"] = .string(credentials.authorizer.value.rawValue)
        }
        if let tls = plan.source.tls {
            yaml["client_encryption_options"] = .map(["enabled": .bool(tls.client.value), "optional": .bool(false)])
            yaml["server_encryption_options"] = .map(["internode_encryption": .string(tls.internode.value.rawValue)])
        }
        return .map([
            "cassandra-yaml": .map(yaml),
            // Not a cassandra.yaml key: the source's JMX (cassandra-env.sh) asks for the login.
            "cmplan-sim/jmx-login": .bool(plan.source.credentials?.forJMX == true),
        ])
    }

    /// The login a rehearsal gives the plan's source.
    public static func login(for plan: Plan) -> World.Login {
        plan.source.credentials?.forJMX == true ? rehearsalJMXLogin : rehearsalLogin
    }

    /// The tls Secret the plan names, as the operator created it beforehand in every namespace
    /// where new nodes run (the target's; a handover's source's too): keystores and passwords.
    static func seedTLSSecret(_ world: inout World, plan: Plan) {
        guard let tls = plan.source.tls, plan.settings.strategy.value != .snapshotLoad else { return }
        var places: [KubernetesPlacement] = plan.target.kubernetes.map { [$0] } ?? []
        if plan.settings.strategy.value == .datacenterHandover, let source = plan.source.kubernetes { places.append(source) }
        let encode = { (text: String) in Tree.string(Data(text.utf8).base64EncodedString()) }
        for place in places {
            world.clusters[place.context.value]?.objects[World.key("secret", place.namespace.value, tls.secret.value)] = .map([
                "apiVersion": .string("v1"), "kind": .string("Secret"),
                "metadata": .map(["name": .string(tls.secret.value), "namespace": .string(place.namespace.value)]),
                "data": .map([
                    "keystore.jks": encode("(a JKS keystore)"), "truststore.jks": encode("(a JKS truststore)"),
                    "keystore-password": encode("store'pass \"1\""), "truststore-password": encode("trust-pass"),
                ]),
            ])
        }
    }

    /// With `credentials` on the source, its ring runs PasswordAuthenticator with
    /// `rehearsalLogin`, and the Secret the plan names holds it (base64, as Kubernetes stores
    /// Secret data). A credentials file is written by the rehearsal (`credentialsFile`).
    static func requireLogin(_ world: inout World, plan: Plan) {
        guard let credentials = plan.source.credentials, let ringId = world.rings.keys.sorted().first else { return }
        let login = login(for: plan)
        world.rings[ringId]?.login = login
        world.rings[ringId]?.roles[login.username] = login.password
        if credentials.forJMX { world.rings[ringId]?.jmxLogin = login }
        guard case .secret(let name) = credentials.kind.value, let kubernetes = plan.source.kubernetes else { return }
        let encode = { (text: String) in Tree.string(Data(text.utf8).base64EncodedString()) }
        world.clusters[kubernetes.context.value]?.objects[World.key("secret", kubernetes.namespace.value, name)] = .map([
            "apiVersion": .string("v1"), "kind": .string("Secret"),
            "metadata": .map(["name": .string(name), "namespace": .string(kubernetes.namespace.value)]),
            "type": .string("Opaque"),
            "data": .map(["username": encode(login.username), "password": encode(login.password)]),
        ])
    }

    /// The credentials file a rehearsal must write for the plan's source, relative to the home
    /// it gives the runbook (the plan's path after `~/`), and its text; nil when the plan names
    /// none, or one outside the home, which a rehearsal cannot write.
    public static func credentialsFile(for plan: Plan) -> (relativePath: String, text: String)? {
        guard case .file(let path)? = plan.source.credentials?.kind.value, path.hasPrefix("~/") else { return nil }
        let login = login(for: plan)
        return (String(path.dropFirst(2)), "[PlainTextAuthProvider]\nusername = \(login.username)\npassword = \(login.password)\n")
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
        case .volumeAdoption: return verifyAdoption(world, plan: plan) + ExpectedEndState.securityProblems(world, plan: plan)
        case .datacenterExtend:
            return verifyHandover(world, plan: plan) + verifySourceStopped(world, plan: plan) + unreconcilable(world, plan: plan)
                + ExpectedEndState.senderLimitProblems(world, plan: plan)
                + ExpectedEndState.securityProblems(world, plan: plan) + ExpectedEndState.roleProblems(world, plan: plan)
        case .datacenterHandover:
            return verifyHandover(world, plan: plan) + ExpectedEndState.senderLimitProblems(world, plan: plan)
                + ExpectedEndState.securityProblems(world, plan: plan) + ExpectedEndState.roleProblems(world, plan: plan)
        case .snapshotLoad: return verifyLoad(world, plan: plan)
        }
    }

    /// A keyspace's replication on the source as the plan declares it: SimpleStrategy's factor
    /// (`*`), else the datacenters' factors.
    static func sourceReplication(of keyspace: Keyspace) -> [String: Int] {
        if let factor = keyspace.simpleStrategyFactor { return ["*": factor.value] }
        var replication: [String: Int] = [:]
        for entry in keyspace.replication.value { replication[entry.datacenter.value] = entry.factor.value }
        return replication
    }

    static func emptyWorld(_ plan: Plan) -> World {
        World(
            clusters: [:], volumes: [:], rings: [:], cassandraMajor: plan.source.cassandraVersion.value.major,
            cassandraMinor: plan.source.cassandraVersion.value.minor, violations: [],
            failOnce: nil, killAfter: nil, counter: 0)
    }

    /// Machines with their EBS volumes, one Cassandra cluster on them, and the target
    /// Kubernetes cluster with the EBS CSI driver.
    static func initialMachines(for plan: Plan, tokens: Int) -> World? {
        guard let target = plan.target.kubernetes else { return nil }
        var world = emptyWorld(plan)
        world.clusters[target.context.value] = World.Cluster(
            zone: "us-east-1a", namespaces: Array(Set(["default", "kube-system", target.namespace.value])).sorted(),
            objects: World.storageObjects(context: target.context.value, zones: ["us-east-1a"], driver: World.ebsDriver))
        let ringId = "ring-\(world.nextId())"
        var ring = World.Ring(
            clusterName: plan.source.clusterName.value, members: [:],
            keyspaces: ["system_auth": ["*": 1], "system_distributed": ["*": 3], "system_traces": ["*": 2]])
        for keyspace in plan.keyspaces {
            ring.keyspaces[keyspace.name.value] = sourceReplication(of: keyspace)
        }
        let names = ring.keyspaces.keys.sorted()
        for datacenter in plan.source.datacenters {
            for (index, node) in datacenter.nodes.enumerated() {
                let simulated = plan.settings.strategy.value == .snapshotLoad
                guard let handle = node.volume?.value ?? (simulated ? "vol-sim-\(node.name.value)" : nil),
                    let zone = node.zone?.value ?? (simulated ? "zone-a" : nil)
                else { return nil }
                let hostId = world.newHostId()
                let identity = World.NodeIdentity(
                    hostId: hostId, datacenter: datacenter.name.value, rack: node.rack.value, clusterName: plan.source.clusterName.value,
                    tokens: tokens)
                world.volumes[handle] = World.Volume(
                    handle: handle, zone: zone, gibibytes: Int((datacenter.disk?.value.bytes ?? 1 << 40) >> 30), node: identity, keyspaces: names,
                    mountedBy: nil, provisionedFor: nil)
                world.machines[node.address.value] = World.Machine(volume: handle, running: true)
                let security = sourceSecurity(plan)?[path: ["cassandra-yaml"]]
                ring.members[hostId] = World.Member(
                    datacenter: datacenter.name.value, rack: node.rack.value, address: "10.9.0.\(index + 10)", volume: handle, up: true,
                    pod: World.machinePath(node.address.value), tokens: tokens,
                    authenticator: security?["authenticator"]?.string ?? "AllowAllAuthenticator",
                    authorizer: security?["authorizer"]?.string ?? "AllowAllAuthorizer", jmxLogin: plan.source.credentials?.forJMX == true,
                    clientTLS: plan.source.tls?.client.value == true, internode: plan.source.tls?.internode.value.rawValue ?? "none")
            }
        }
        world.rings[ringId] = ring
        // The target's nodes are where its volumes will be made: the machines' volumes' zones and
        // the zones the plan lists for it.
        // New disks are made in us-east-1a, the first zone.
        let others = Set(world.volumes.values.map(\.zone)).union(plan.target.datacenters.flatMap { $0.zones?.value.map(\.value) ?? [] })
        world.setStorage(context: target.context.value, zones: ["us-east-1a"] + others.subtracting(["us-east-1a"]).sorted(), driver: World.ebsDriver)
        return world
    }

    /// The end state of a volume-adoption against the plan: every machine's data runs in
    /// exactly one running pod of the target, on a copy of its volume taken after the drain,
    /// in the volume's zone and the node's rack; pods are found by what they run, not by name.
    static func verifyAdoption(_ world: World, plan: Plan) -> [String] {
        var problems = world.violations.map { "data loss or corruption: \($0)" }
        guard let target = plan.target.kubernetes else { return problems + ["the plan has no Kubernetes target to verify"] }
        let context = target.context.value
        let running = runningPods(world, context: context, namespace: target.namespace.value)
        for datacenter in plan.source.datacenters {
            for node in datacenter.nodes {
                guard let handle = node.volume?.value, let original = world.volumes[handle] else {
                    problems.append("source volume \(node.volume?.value ?? "?") of \(node.name.value) is gone")
                    continue
                }
                if world.machines[node.address.value]?.running == true { problems.append("Cassandra still runs on \(node.name.value)") }
                let hostId = original.node?.hostId
                let carriers = running.filter { $0.volume.node?.hostId == hostId && hostId != nil }
                guard carriers.count == 1, let pod = carriers.first else {
                    problems.append("\(carriers.count) running pods carry the data of \(node.name.value) (host \(hostId ?? "none")), expected 1")
                    continue
                }
                if pod.handle == handle { problems.append("pod \(pod.name) mounts the source volume itself, not a copy") }
                if let zone = node.zone?.value, pod.volume.zone != zone { problems.append("pod \(pod.name)'s disk is in \(pod.volume.zone), not \(zone)") }
                if pod.volume.copiedConsistently != true { problems.append("pod \(pod.name)'s disk was not copied after the drain") }
                if let member = hostId.flatMap({ id in world.rings.values.lazy.compactMap { $0.members[id] }.first }), member.rack != node.rack.value {
                    problems.append("pod \(pod.name) runs in rack \(member.rack), not \(node.rack.value) of \(node.name.value)")
                }
            }
        }
        let expected = plan.source.datacenters.reduce(0) { $0 + $1.nodes.count }
        if running.count != expected { problems.append("\(running.count) Cassandra pods run in the target, expected \(expected) (one per machine)") }
        guard let ring = world.rings.values.first else { return problems + ["no Cassandra cluster"] }
        for (hostId, member) in ring.members.sorted(by: { $0.key < $1.key }) where !member.up || member.pod?.hasPrefix("machine/") == true {
            problems.append("node \(hostId) is \(member.up ? "up on a machine" : "down")")
        }
        for keyspace in ExpectedEndState.userKeyspaces(of: plan) {
            for entry in keyspace.replication.value where !world.datacenterComplete(ring, entry.datacenter.value, keyspace: keyspace.name.value) {
                problems.append("data loss: \(entry.datacenter.value) does not hold keyspace \(keyspace.name.value) completely")
            }
            if ring.keyspaces[keyspace.name.value] == nil { problems.append("keyspace \(keyspace.name.value) is gone") }
        }
        return problems
    }

    /// A running pod of a namespace with the disk its claim is bound to.
    struct RunningPod {
        /// The pod's name.
        var name: String
        /// The claim its StatefulSet gave it.
        var claim: String
        /// The disk's handle.
        var handle: String
        /// The disk.
        var volume: World.Volume
    }

    /// The Running pods of a namespace that have a bound disk, by name.
    static func runningPods(_ world: World, context: String, namespace: String) -> [RunningPod] {
        guard let objects = world.clusters[context]?.objects else { return [] }
        return objects.keys.filter { $0.hasPrefix("pod/\(namespace)/") }.sorted().compactMap { key -> RunningPod? in
            guard let pod = objects[key], pod[path: ["status", "phase"]]?.string == "Running",
                let claim = pod[path: ["spec", "claim"]]?.string,
                let volumeName = objects[World.key("persistentvolumeclaim", namespace, claim)]?[path: ["spec", "volumeName"]]?.string,
                let handle = objects[World.key("persistentvolume", nil, volumeName)]?[path: ["spec", "csi", "volumeHandle"]]?.string,
                let volume = world.volumes[handle]
            else { return nil }
            return RunningPod(name: String(key.split(separator: "/").last ?? ""), claim: claim, handle: handle, volume: volume)
        }
    }

    /// A Kubernetes cluster with the plan's namespace and, when it has one, its operator running
    /// where the plan says it runs, else where the operator's own documented install puts it
    /// (OperatorInstall), never where the compiler assumes.
    static func addCluster(_ kubernetes: KubernetesPlacement, to world: inout World) {
        var cluster =
            world.clusters[kubernetes.context.value]
            ?? World.Cluster(
                zone: "zone-a", namespaces: ["default", "kube-system"],
                objects: World.storageObjects(context: kubernetes.context.value, zones: ["zone-a"], driver: World.ebsDriver))
        cluster.namespaces.append(kubernetes.namespace.value)
        cluster.domain = kubernetes.domain.value
        let written = kubernetes.operatorWorkload.flatMap { $0.isExplicit ? $0.value : nil }
        let documented = OperatorInstall.documented(kubernetes.operatorKind.value, clusterNamespace: kubernetes.namespace.value)
        let install = written.map {
            OperatorInstall(kind: $0.kind.rawValue, namespace: $0.namespace, name: $0.name, watchesOwnNamespace: documented?.watchesOwnNamespace ?? true)
        } ?? documented
        if let install {
            cluster.namespaces.append(install.namespace)
            cluster.objects[World.key(install.kind, install.namespace, install.name)] = install.object(operator: kubernetes.operatorKind.value)
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
            for keyspace in ExpectedEndState.userKeyspaces(of: plan) {
                world.rings[ringId]?.tables[keyspace.name.value] = (1...Swift.max(1, keyspace.tables.value)).map { "t\($0)" }.sorted()
            }
        }
    }

    /// The starting world of a Kubernetes-to-Kubernetes plan.
    static func initialKubernetes(for plan: Plan, tokens: Int) -> World? {
        guard let source = plan.source.kubernetes, let target = plan.target.kubernetes else { return nil }
        var world = emptyWorld(plan)
        for kubernetes in [source, target] { addCluster(kubernetes, to: &world) }
        let context = source.context.value
        let namespace = source.namespace.value
        var seeds: [String] = plan.source.seeds?.value.map(\.value) ?? []
        for datacenter in plan.source.datacenters {
            let sets = SourceLayout.rackSets(of: datacenter, clusterName: plan.source.clusterName.value, kubernetes: source)
            if seeds.isEmpty {
                // The simulator's own seed names: the first pods, as <pod>.<namespace>.svc.<domain>
                // (its DNS resolves a pod's name under any Service).
                seeds = sets.filter { $0.replicas > 0 }.prefix(3).map { "\($0.statefulSet)-0.\(namespace).svc.\(source.domain.value)" }
            }
            for set in sets {
                var tree = Reconciler(world: world).statefulSet(
                    name: set.statefulSet, namespace: namespace, replicas: set.replicas, claimTemplate: set.claimTemplate, storageClass: "standard",
                    storage: "\(Swift.max(1, Int((datacenter.disk?.value.bytes ?? 1 << 40) >> 30)))Gi",
                    environment: [
                        ("CASSANDRA_CLUSTER_NAME", plan.source.clusterName.value), ("CASSANDRA_DC", datacenter.name.value),
                        ("CASSANDRA_RACK", set.rack), ("CASSANDRA_SEEDS", seeds.joined(separator: ",")),
                        ("CASSANDRA_NUM_TOKENS", String(tokens)),
                    ], owner: source.operatorKind.value.rawValue, cassandraYAML: sourceSecurity(plan))
                if source.operatorKind.value != .statefulset {
                    tree[path: ["metadata", "annotations", "cmplan-sim/members"]] = .integer(set.replicas)
                }
                tree[path: ["metadata", "labels", "app.kubernetes.io/name"]] = .string("cassandra")
                world.clusters[context]?.objects[World.key("statefulset", namespace, set.statefulSet)] = tree
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
        // A target datacenter's nodes hold its share at its target replication; a source
        // datacenter no target datacenter is named after holds today's.
        for keyspace in plan.keyspaces {
            guard let size = keyspace.size?.value.bytes else { continue }
            let today = sourceReplication(of: keyspace)
            for datacenter in plan.source.datacenters {
                world.datacenterKeyspaceBytes[datacenter.name.value, default: [:]][keyspace.name.value] =
                    ExpectedEndState.bytesPerNode(of: keyspace, size: size, in: datacenter, factor: today[datacenter.name.value] ?? today["*"] ?? 0)
            }
            for datacenter in plan.target.datacenters {
                world.datacenterKeyspaceBytes[datacenter.name.value, default: [:]][keyspace.name.value] =
                    ExpectedEndState.bytesPerNode(of: keyspace, size: size, in: datacenter, factor: ExpectedEndState.factor(of: keyspace, in: datacenter, plan: plan))
            }
        }
        for ringId in world.rings.keys {
            for keyspace in plan.keyspaces {
                world.rings[ringId]?.keyspaces[keyspace.name.value] = sourceReplication(of: keyspace)
            }
            let names = Array(world.rings[ringId]?.keyspaces.keys ?? [:].keys).sorted()
            for member in world.rings[ringId]?.members.values ?? [:].values {
                world.volumes[member.volume]?.keyspaces = names
            }
        }
        world.sourceObjectsAtStart = (world.clusters[context]?.objects.keys).map { $0.map { "\(context)/\($0)" }.sorted() } ?? []
        return world
    }

    /// The end state of a snapshot-load: a separate, complete target cluster; the source frozen,
    /// whole and without any snapshot left on its nodes.
    static func verifyLoad(_ world: World, plan: Plan) -> [String] {
        var problems = world.violations.map { "data loss or corruption: \($0)" }
        guard let targetKubernetes = plan.target.kubernetes, let targetDatacenter = plan.target.datacenters.first else {
            return problems + ["the plan has no Kubernetes target to verify"]
        }
        let context = targetKubernetes.context.value
        let prefix = "\(context)/\(targetKubernetes.namespace.value)/"
        let targetRingIds = Set(world.rings.filter { $0.value.members.values.contains { $0.up && $0.pod?.hasPrefix(prefix) == true } }.keys)
        guard targetRingIds.count == 1, let targetRingId = targetRingIds.first, let target = world.rings[targetRingId] else {
            return problems + ["the target's pods do not form one running cluster (\(targetRingIds.count) rings)"]
        }
        let datacenter = targetDatacenter.name.value
        let members = target.members.values.filter { $0.up && $0.datacenter == datacenter }.count
        if members != targetDatacenter.nodeCount.value {
            problems.append("\(members) nodes of \(datacenter) run in the target, expected \(targetDatacenter.nodeCount.value)")
        }
        let sourceRing = world.rings.first { $0.key != targetRingId }?.value
        for keyspace in ExpectedEndState.userKeyspaces(of: plan) {
            let name = keyspace.name.value
            let expected = [datacenter: ExpectedEndState.factor(of: keyspace, in: targetDatacenter, plan: plan)]
            if target.keyspaces[name] != expected {
                problems.append("keyspace \(name) replicates \(target.keyspaces[name] ?? [:]) on the target, expected \(expected)")
            }
            if target.tables[name] != sourceRing?.tables[name] {
                problems.append("keyspace \(name) has tables \(target.tables[name] ?? []) on the target, \(sourceRing?.tables[name] ?? []) on the source")
            }
            if !world.datacenterComplete(target, datacenter, keyspace: name) {
                problems.append("the target does not hold keyspace \(name) completely (the source still does)")
            }
            if let sourceRing, !sourceRing.keyspaces.isEmpty,
                !world.replicatingDatacenters(sourceRing, keyspace: name).contains(where: { world.datacenterComplete(sourceRing, $0, keyspace: name) })
            {
                problems.append("the source no longer holds keyspace \(name) completely")
            }
        }
        for (hostId, tags) in world.nodeSnapshots.sorted(by: { $0.key < $1.key }) where !tags.isEmpty {
            problems.append("source node \(hostId) still has snapshot \(tags.keys.sorted().joined(separator: ", "))")
        }
        return problems
    }

    /// Target datacenters their operator can no longer reconcile at the end: a
    /// CassandraDatacenter whose additionalSeeds name something that does not resolve (the
    /// retired source's pods), which cass-operator 1.7.0+ fails every reconcile on.
    static func unreconcilable(_ world: World, plan: Plan) -> [String] {
        guard let target = plan.target.kubernetes, let objects = world.clusters[target.context.value]?.objects else { return [] }
        let reconciler = Reconciler(world: world)
        return objects.keys.filter { $0.hasPrefix("cassandradatacenter/") }.sorted().compactMap { key in
            guard let object = objects[key], let seed = reconciler.unresolvedAdditionalSeed(object, context: target.context.value) else { return nil }
            return "cass-operator can no longer reconcile \(key.split(separator: "/").last ?? ""): its additional seed \(seed) does not resolve"
        }
    }

    /// Source pods still running after a datacenter-extend retired the source: any pod left in
    /// the source's namespace.
    static func verifySourceStopped(_ world: World, plan: Plan) -> [String] {
        guard let source = plan.source.kubernetes, let objects = world.clusters[source.context.value]?.objects else { return [] }
        // Pods that run a node of a datacenter the plan keeps must stay (KeptDatacenters checks them).
        let keptPods = KeptDatacenters(plan: plan).podPaths(world)
        return objects.keys.filter { $0.hasPrefix("pod/\(source.namespace.value)/") }.sorted().filter { key in
            !keptPods.contains("\(source.context.value)/\(source.namespace.value)/\(key.split(separator: "/").last ?? "")")
        }.map {
            "source pod \($0.split(separator: "/").last ?? "") still runs"
        }
    }

    /// What is wrong with a finished handover, measured against the plan's target (empty: all
    /// good): the target datacenter's nodes, rack by rack, run in pods on the disks provisioned
    /// for their own claims, in one cluster holding every keyspace at its target replication.
    static func verifyHandover(_ world: World, plan: Plan) -> [String] {
        var problems = world.violations.map { "data loss or corruption: \($0)" }
        // Every target datacenter (a datacenter-extend may move several).
        let targets = plan.target.datacenters
        guard let target = plan.target.kubernetes, let source = plan.source.kubernetes, !targets.isEmpty
        else { return problems + ["the plan has no Kubernetes target to verify"] }
        let targetNames = Set(targets.map(\.name.value))
        let context = target.context.value
        let namespace = target.namespace.value
        let pods = runningPods(world, context: context, namespace: namespace)
        var ringIds = Set<String>()
        var perRack: [String: [String: Int]] = [:]
        for pod in pods {
            let path = "\(context)/\(namespace)/\(pod.name)"
            if pod.volume.provisionedFor != "\(context)/\(namespace)/\(pod.claim)" {
                problems.append("target pod \(pod.name) runs on disk \(pod.handle), not the one provisioned for its claim")
            }
            if pod.volume.mountedBy != path { problems.append("disk \(pod.handle) is not mounted by \(pod.name)") }
            guard let identity = pod.volume.node, let id = world.ringId(of: identity.hostId),
                let member = world.rings[id]?.members[identity.hostId], member.up
            else {
                problems.append("target pod \(pod.name) runs no Cassandra node")
                continue
            }
            ringIds.insert(id)
            if targetNames.contains(member.datacenter) { perRack[member.datacenter, default: [:]][member.rack, default: 0] += 1 }
        }
        for datacenter in targets {
            let racks = datacenter.racks.value.map(\.value)
            let expected = Dictionary(uniqueKeysWithValues: zip(racks, OperatorNaming.splitRacks(nodes: datacenter.nodeCount.value, racks: racks.count)))
            let found = perRack[datacenter.name.value] ?? [:]
            if found != expected.filter({ $0.value > 0 }) {
                problems.append("\(datacenter.name.value) runs \(describe(found)) in the target, expected \(describe(expected.filter { $0.value > 0 }))")
            }
        }
        if ringIds.count > 1 { problems.append("target pods are split between \(ringIds.count) Cassandra clusters") }
        guard let ringId = ringIds.sorted().first, let ring = world.rings[ringId] else { return problems + ["no Cassandra cluster runs in the target"] }
        // The source datacenters that must be gone: all but those the plan keeps (keep = true).
        let kept = KeptDatacenters(plan: plan)
        let sourceDatacenters = Set(plan.source.datacenters.map(\.name.value)).subtracting(kept.names)
        for (hostId, member) in ring.members.sorted(by: { $0.key < $1.key }) where sourceDatacenters.contains(member.datacenter) {
            problems.append("node \(hostId) of source datacenter \(member.datacenter) is still in the cluster")
        }
        for (hostId, member) in ring.members.sorted(by: { $0.key < $1.key }) where targetNames.contains(member.datacenter) && !member.up {
            problems.append("node \(hostId) of \(member.datacenter) is down")
        }
        for keyspace in ExpectedEndState.userKeyspaces(of: plan) {
            let name = keyspace.name.value
            var expected = kept.replication(of: keyspace)
            for datacenter in targets {
                expected[datacenter.name.value] = ExpectedEndState.factor(of: keyspace, in: datacenter, plan: plan)
            }
            if ring.keyspaces[name] != expected {
                problems.append("keyspace \(name) replicates \(ring.keyspaces[name] ?? [:]), expected \(expected)")
            }
            for datacenter in targets where (expected[datacenter.name.value] ?? 0) > 0 {
                if !world.datacenterComplete(ring, datacenter.name.value, keyspace: name) {
                    problems.append("data loss: \(datacenter.name.value) does not hold keyspace \(name) completely")
                }
            }
        }
        for name in ExpectedEndState.replicatedSystemKeyspaces {
            if let entries = ring.keyspaces[name], entries.keys.contains(where: sourceDatacenters.contains) {
                problems.append("keyspace \(name) still replicates to a source datacenter")
            }
        }
        problems += kept.problems(world, ring: ring)
        problems += leftovers(world, in: source.context.value)
        return problems
    }

    /// Objects the run added to the source cluster and left there (temporary StatefulSets,
    /// pods, services, claims, config): the source must end as it began, less what it retired.
    static func leftovers(_ world: World, in context: String) -> [String] {
        let before = Set(world.sourceObjectsAtStart)
        let kinds: Set<String> = ["statefulset", "pod", "service", "configmap", "daemonset", "deployment", "persistentvolumeclaim", "job"]
        return (world.clusters[context]?.objects.keys.sorted() ?? []).filter { key in
            kinds.contains(String(key.split(separator: "/").first ?? "")) && !before.contains("\(context)/\(key)")
        }.map { "temporary object \($0) is still in the source cluster" }
    }

    /// `rack1: 2, rack2: 1`, racks sorted.
    static func describe(_ perRack: [String: Int]) -> String {
        perRack.isEmpty ? "no nodes" : perRack.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
    }
}

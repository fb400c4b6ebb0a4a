import Foundation
import CMPlanModel
/// The controllers of the simulated clusters, run after every change until nothing moves:
/// operators turn their custom resources into StatefulSets (unless held at zero replicas),
/// StatefulSets keep their pods and claims, claims bind to volumes (pre-bound or
/// provisioned), pods mount their disks, and Cassandra starts on them, with its checks.
struct Reconciler {
    var world: World
    var events: [String] = []

    mutating func run() {
        for _ in 0..<20 {
            let before = fingerprint()
            operators()
            statefulSets()
            claims()
            pods()
            if fingerprint() == before { return }
        }
    }

    private func fingerprint() -> Int {
        var hasher = Hasher()
        for (context, cluster) in world.clusters.sorted(by: { $0.key < $1.key }) {
            hasher.combine(context)
            for (key, object) in cluster.objects.sorted(by: { $0.key < $1.key }) {
                hasher.combine(key)
                hasher.combine(object)
            }
        }
        for (handle, volume) in world.volumes.sorted(by: { $0.key < $1.key }) {
            hasher.combine(handle)
            hasher.combine(volume.mountedBy)
            hasher.combine(volume.node)
        }
        return hasher.finalize()
    }

    // MARK: operators

    /// An operator acts on a namespace while its workload has replicas and watches it.
    func operatorActive(_ context: String, _ kind: String, _ namespace: String) -> Bool {
        world.clusters[context]?.objects.values.contains {
            $0[path: ["metadata", "labels", "cmplan-sim/operator"]]?.string == kind && ($0[path: ["spec", "replicas"]]?.integer ?? 0) > 0
                && OperatorInstall.watches($0, namespace: namespace)
        } ?? false
    }

    mutating func operators() {
        for context in world.clusters.keys.sorted() {
            guard let objects = world.clusters[context]?.objects else { continue }
            for (key, object) in objects.sorted(by: { $0.key < $1.key }) {
                let kind = key.split(separator: "/")[0]
                let namespace = object[path: ["metadata", "namespace"]]?.string ?? "default"
                switch kind {
                case "cassandracluster" where operatorActive(context, "casskop", namespace):
                    for set in casskopStatefulSets(object, namespace: namespace) { ensure(set, context: context, namespace: namespace) }
                case "cassandradatacenter" where operatorActive(context, "cass-operator", namespace):
                    if let unresolved = unresolvedAdditionalSeed(object, context: context) {
                        let message = "cass-operator in \(context) cannot reconcile \(key.split(separator: "/").last ?? ""): additional seed \(unresolved) does not resolve"
                        if !events.contains(message) { events.append(message) }
                        continue
                    }
                    guard let superuser = cassOperatorSuperuserSecret(object, context: context, namespace: namespace) else { continue }
                    for set in cassOperatorStatefulSets(object, namespace: namespace) { ensure(set, context: context, namespace: namespace) }
                    upsertSuperuser(object, secret: superuser, context: context, namespace: namespace)
                case "statefulset" where operatorActive(context, "rook", namespace):
                    // Rook keeps its members at the count it was given.
                    if let desired = object[path: ["metadata", "annotations", "cmplan-sim/members"]]?.integer,
                        object[path: ["spec", "replicas"]]?.integer != desired
                    {
                        world.clusters[context]?.objects[key]?[path: ["spec", "replicas"]] = .integer(desired)
                        events.append("rook operator restores \(key.split(separator: "/").last ?? "") to \(desired) replicas")
                    }
                default:
                    break
                }
            }
        }
    }

    /// Creates an operator's StatefulSet, or puts its replicas back.
    mutating func ensure(_ set: Tree, context: String, namespace: String) {
        guard let name = set[path: ["metadata", "name"]]?.string else { return }
        let key = World.key("statefulset", namespace, name)
        if let existing = world.clusters[context]?.objects[key] {
            let desired = set[path: ["spec", "replicas"]]
            if existing[path: ["spec", "replicas"]] != desired {
                world.clusters[context]?.objects[key]?[path: ["spec", "replicas"]] = desired
                events.append("operator in \(context) scales \(name) back to \(desired?.integer ?? 0)")
            }
        } else {
            world.clusters[context]?.objects[key] = set
            events.append("operator in \(context) creates StatefulSet \(name)")
        }
    }

    func statefulSet(
        name: String, namespace: String, replicas: Int, claimTemplate: String, storageClass: String?, storage: String,
        environment: [(String, String)], owner: String, cassandraYAML: Tree? = nil
    ) -> Tree {
        var claim: [String: Tree] = ["accessModes": .list([.string("ReadWriteOnce")]), "resources": .map(["requests": .map(["storage": .string(storage)])])]
        if let storageClass { claim["storageClassName"] = .string(storageClass) }
        return .map([
            "apiVersion": .string("apps/v1"), "kind": .string("StatefulSet"),
            "metadata": .map(["name": .string(name), "namespace": .string(namespace), "labels": .map(["cmplan-sim/owner": .string(owner)])]),
            "spec": .map([
                "replicas": .integer(replicas), "serviceName": .string(name),
                "template": .map([
                    "spec": .map([
                        "containers": .list([
                            .map([
                                "name": .string("cassandra"),
                                "env": .list(environment.map { .map(["name": .string($0.0), "value": .string($0.1)]) }),
                                // What the operator renders into cassandra.yaml (its CR's config).
                                "cmplan-sim/cassandra-yaml": cassandraYAML?["cassandra-yaml"] ?? .map([:]),
                                "cmplan-sim/jmx-login": cassandraYAML?["cmplan-sim/jmx-login"] ?? .bool(false),
                            ])
                        ])
                    ])
                ]),
                "volumeClaimTemplates": .list([.map(["metadata": .map(["name": .string(claimTemplate)]), "spec": .map(claim)])]),
            ]),
        ])
    }

    /// CassKop's StatefulSets: one per rack, each with the DC's `nodesPerRacks` (one count for
    /// every rack); a rack whose `dc-rack` is no DNS-1035 label gets none (OperatorNaming).
    mutating func casskopStatefulSets(_ object: Tree, namespace: String) -> [Tree] {
        guard let cluster = object[path: ["metadata", "name"]]?.string else { return [] }
        var sets: [Tree] = []
        for datacenter in object[path: ["spec", "topology", "dc"]]?.elements ?? [] {
            let dc = datacenter["name"]?.string ?? "dc1"
            let perRack = datacenter["nodesPerRacks"]?.integer ?? object[path: ["spec", "nodesPerRacks"]]?.integer ?? 1
            let racks = (datacenter["rack"]?.elements ?? []).compactMap { $0["name"]?.string }
            let seed = racks.first.flatMap { OperatorNaming.casskopStatefulSet(cluster: cluster, datacenter: dc, rack: $0) }.map {
                "\($0)-0.\(cluster).\(namespace).svc.cluster.local"
            }
            for rack in racks {
                guard let name = OperatorNaming.casskopStatefulSet(cluster: cluster, datacenter: dc, rack: rack) else {
                    events.append("casskop: \(dc)-\(rack) is not a valid service name (DNS-1035): no StatefulSet for rack \(rack)")
                    continue
                }
                sets.append(
                    statefulSet(
                        name: name, namespace: namespace, replicas: perRack, claimTemplate: OperatorNaming.casskopClaimTemplate,
                        storageClass: object[path: ["spec", "dataStorageClass"]]?.string,
                        storage: object[path: ["spec", "dataCapacity"]]?.string ?? "1Gi",
                        environment: [
                            ("CASSANDRA_CLUSTER_NAME", cluster), ("CASSANDRA_DC", dc), ("CASSANDRA_RACK", rack),
                            ("CASSANDRA_SEEDS", seed ?? ""),
                        ] + (tokens(datacenter["config"] ?? object[path: ["spec", "config"]]).map { [("CASSANDRA_NUM_TOKENS", String($0))] } ?? []),
                        owner: "casskop", cassandraYAML: datacenter["config"] ?? object[path: ["spec", "config"]]))
            }
        }
        return sets
    }

    /// cass-operator's StatefulSets: one per rack, `size` split as `SplitRacks` does, named by
    /// the operator's own cleanup of the cluster and rack names (OperatorNaming).
    func cassOperatorStatefulSets(_ object: Tree, namespace: String) -> [Tree] {
        guard let name = object[path: ["metadata", "name"]]?.string,
            let clusterName = object[path: ["spec", "clusterName"]]?.string
        else { return [] }
        let datacenter = object[path: ["spec", "datacenterName"]]?.string ?? name
        let racks = (object[path: ["spec", "racks"]]?.elements ?? []).compactMap { $0["name"]?.string }
        let size = object[path: ["spec", "size"]]?.integer ?? 1
        let claim = object[path: ["spec", "storageConfig", "cassandraDataVolumeClaimSpec"]]
        let additionalSeeds = (object[path: ["spec", "additionalSeeds"]]?.elements ?? []).compactMap(\.string)
        let seedService = OperatorNaming.cassOperatorSeedService(clusterName: clusterName)
        // cass-operator renders spec.config's cassandra-yaml into cassandra.yaml.
        let numTokens = tokens(object[path: ["spec", "config"]])
        return zip(racks, OperatorNaming.splitRacks(nodes: size, racks: racks.count)).map { rack, replicas in
            statefulSet(
                name: OperatorNaming.cassOperatorStatefulSet(clusterName: clusterName, datacenterObject: name, rack: rack), namespace: namespace,
                replicas: replicas, claimTemplate: OperatorNaming.cassOperatorClaimTemplate,
                storageClass: claim?["storageClassName"]?.string,
                storage: claim?[path: ["resources", "requests", "storage"]]?.string ?? "1Gi",
                environment: [
                    ("CASSANDRA_CLUSTER_NAME", clusterName), ("CASSANDRA_DC", datacenter), ("CASSANDRA_RACK", rack),
                    ("CASSANDRA_SEEDS", (["\(seedService).\(namespace).svc.cluster.local"] + additionalSeeds).joined(separator: ",")),
                ] + (numTokens.map { [("CASSANDRA_NUM_TOKENS", String($0))] } ?? []), owner: "cass-operator",
                cassandraYAML: object[path: ["spec", "config"]])
        }
    }

    /// The superuser Secret a CassandraDatacenter reconciles with, or nil when it cannot.
    ///
    /// SOURCE: k8ssandra/cass-operator pkg/reconciliation/secrets.go: `superuserSecretName`
    /// names it, else `CleanupForKubernetes(clusterName)-superuser`, which the operator creates
    /// (buildDefaultSuperuserSecret: username `<cleaned cluster name>-superuser`, a random
    /// password) when absent; a named Secret that does not exist fails validation ("Could not
    /// load superuser secret for CassandraCluster: NS/NAME") and nothing is reconciled; it must
    /// hold the keys username and password (validateCassandraUserSecretContent).
    mutating func cassOperatorSuperuserSecret(_ object: Tree, context: String, namespace: String) -> Tree? {
        let clusterName = object[path: ["spec", "clusterName"]]?.string ?? ""
        let cleaned = OperatorNaming.cleanupForKubernetes(clusterName)
        let named = object[path: ["spec", "superuserSecretName"]]?.string
        let secretName = named ?? "\(cleaned)-superuser"
        let key = World.key("secret", namespace, secretName)
        if let secret = world.clusters[context]?.objects[key] {
            guard secret[path: ["data", "username"]]?.string != nil, secret[path: ["data", "password"]]?.string != nil else {
                let message = "cass-operator in \(context): Validation failed for user secret: \(namespace)/\(secretName) Missing key: username or password"
                if !events.contains(message) { events.append(message) }
                return nil
            }
            return secret
        }
        if let named {
            let message = "cass-operator in \(context): Could not load superuser secret for CassandraCluster: \(namespace)/\(named)"
            if !events.contains(message) { events.append(message) }
            return nil
        }
        let encode = { (text: String) in Tree.string(Data(text.utf8).base64EncodedString()) }
        let secret: Tree = .map([
            "apiVersion": .string("v1"), "kind": .string("Secret"),
            "metadata": .map(["name": .string("\(cleaned)-superuser"), "namespace": .string(namespace)]),
            "data": .map(["username": encode("\(cleaned)-superuser"), "password": encode("generated-\(world.nextId())")]),
        ])
        world.clusters[context]?.objects[key] = secret
        events.append("cass-operator in \(context) creates Secret \(cleaned)-superuser (its default superuser)")
        return secret
    }

    /// Once the datacenter's first pod runs Cassandra, cass-operator upserts its superuser role
    /// through the management API on it (reconcile_racks.go CreateUsers/upsertUser: POST
    /// /api/v0/ops/auth/role with the Secret's username and password, can_login and
    /// is_superuser), into the system_auth of whatever ring that pod joined.
    mutating func upsertSuperuser(_ object: Tree, secret: Tree, context: String, namespace: String) {
        let decode = { (tree: Tree?) in tree?.string.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) } }
        guard let username = decode(secret[path: ["data", "username"]]), let password = decode(secret[path: ["data", "password"]]) else { return }
        let sets = Set(cassOperatorStatefulSets(object, namespace: namespace).compactMap { $0[path: ["metadata", "name"]]?.string })
        for (ringId, ring) in world.rings {
            let runs = ring.members.values.contains { member in
                guard member.up, let pod = member.pod, pod.hasPrefix("\(context)/\(namespace)/") else { return false }
                return sets.contains { pod.hasPrefix("\(context)/\(namespace)/\($0)-") }
            }
            guard runs, ring.roles[username] != password else { continue }
            world.rings[ringId]?.roles[username] = password
            events.append("cass-operator in \(context) upserts superuser role \(username) through the management API")
        }
    }

    /// The first of a CassandraDatacenter's `additionalSeeds` that is no IP address and does not
    /// resolve in the operator's cluster. Since cass-operator 1.7.0 (CHANGELOG: "#232 Use
    /// hostnames and DNS lookups for AdditionalSeeds") the operator itself resolves each hostname
    /// into the additional seed service's Endpoints (reconcile_services.go
    /// newEndpointsForAdditionalSeeds: net.ParseIP, else resolveAddress, whose error fails the
    /// reconcile); before 1.7.0 a name was written as an Endpoints IP and refused. Newer releases
    /// write FQDN seeds into an EndpointSlice (reconcile_endpoints.go) that management-api's
    /// K8SeedProvider41x resolves inside the Cassandra pod instead: the same cluster DNS answers.
    func unresolvedAdditionalSeed(_ object: Tree, context: String) -> String? {
        let seeds = (object[path: ["spec", "additionalSeeds"]]?.elements ?? []).compactMap(\.string)
        return seeds.first { seed in
            let isAddress = seed.split(separator: ".").count == 4 && seed.split(separator: ".").allSatisfy { UInt8($0) != nil }
            return !isAddress && !seed.contains(":") && DNS.resolve(seed, in: world, context: context) == nil
        }
    }

    /// num_tokens of an operator's config as cass-config-builder reads it (`cassandra-yaml`).
    func tokens(_ config: Tree?) -> Int? {
        config?[path: ["cassandra-yaml", "num_tokens"]]?.integer
    }

    // MARK: StatefulSets, claims, pods

    mutating func statefulSets() {
        for context in world.clusters.keys.sorted() {
            guard let objects = world.clusters[context]?.objects else { continue }
            // An operator running as a StatefulSet (Rook's) runs no Cassandra and claims no disk.
            for (key, set) in objects.sorted(by: { $0.key < $1.key })
            where key.hasPrefix("statefulset/") && set[path: ["metadata", "labels", "cmplan-sim/operator"]] == nil {
                let parts = key.split(separator: "/").map(String.init)
                let namespace = parts[1]
                let name = parts[2]
                let replicas = set[path: ["spec", "replicas"]]?.integer ?? 1
                let template = set[path: ["spec", "volumeClaimTemplates"]]?.elements.first
                let claimName = template?[path: ["metadata", "name"]]?.string ?? "data"
                for ordinal in 0..<Swift.max(0, replicas) {
                    let pod = "\(name)-\(ordinal)"
                    let podKey = World.key("pod", namespace, pod)
                    let claimKey = World.key("persistentvolumeclaim", namespace, "\(claimName)-\(pod)")
                    if world.clusters[context]?.objects[claimKey] == nil, let template {
                        var claim: Tree = .map([
                            "apiVersion": .string("v1"), "kind": .string("PersistentVolumeClaim"),
                            "metadata": .map(["name": .string("\(claimName)-\(pod)"), "namespace": .string(namespace)]),
                            "spec": template["spec"] ?? .map([:]),
                        ])
                        claim[path: ["status", "phase"]] = .string("Pending")
                        world.clusters[context]?.objects[claimKey] = claim
                    }
                    if world.clusters[context]?.objects[podKey] == nil {
                        let container = set[path: ["spec", "template", "spec", "containers"]]?.elements.first ?? .map([:])
                        let spec = podSpec(container: container, claim: "\(claimName)-\(pod)", volumes: set[path: ["spec", "template", "spec", "volumes"]])
                        world.clusters[context]?.objects[podKey] = .map([
                            "kind": .string("Pod"),
                            "metadata": .map(["name": .string(pod), "namespace": .string(namespace), "labels": .map(["statefulset": .string(name)])]),
                            "spec": spec,
                            "status": .map(["phase": .string("Pending")]),
                        ])
                        events.append("\(context): pod \(pod) created")
                    }
                }
                for (podKey, pod) in objects where podKey.hasPrefix("pod/\(namespace)/\(name)-") {
                    let suffix = podKey.dropFirst("pod/\(namespace)/\(name)-".count)
                    guard let ordinal = Int(suffix), pod[path: ["metadata", "labels", "statefulset"]]?.string == name else { continue }
                    if ordinal >= replicas { stopPod(context: context, key: podKey) }
                }
            }
            // Pods whose StatefulSet is gone.
            for (podKey, pod) in world.clusters[context]?.objects ?? [:] where podKey.hasPrefix("pod/") {
                let namespace = podKey.split(separator: "/")[1]
                if let owner = pod[path: ["metadata", "labels", "statefulset"]]?.string,
                    world.clusters[context]?.objects[World.key("statefulset", String(namespace), owner)] == nil
                {
                    stopPod(context: context, key: podKey)
                }
            }
        }
    }

    /// What a StatefulSet's pod gets of its template: the claim, the container's environment,
    /// command and mounts, the pod's volumes, and what an operator rendered for cassandra.yaml.
    func podSpec(container: Tree, claim: String, volumes: Tree?) -> Tree {
        var spec: [String: Tree] = [:]
        spec["claim"] = .string(claim)
        spec["env"] = container["env"] ?? .list([])
        spec["command"] = container["command"] ?? .list([])
        spec["volumeMounts"] = container["volumeMounts"] ?? .list([])
        spec["volumes"] = volumes ?? .list([])
        spec["cmplan-sim/cassandra-yaml"] = container["cmplan-sim/cassandra-yaml"] ?? .map([:])
        spec["cmplan-sim/jmx-login"] = container["cmplan-sim/jmx-login"] ?? .bool(false)
        return .map(spec)
    }

    /// Deletes a pod: its Cassandra node goes down and its disk is unmounted.
    mutating func stopPod(context: String, key: String) {
        let podPath = context + "/" + key.split(separator: "/").dropFirst().joined(separator: "/")
        for (handle, volume) in world.volumes where volume.mountedBy == podPath {
            world.volumes[handle]?.mountedBy = nil
            if let identity = volume.node, let ring = world.ringId(of: identity.hostId) {
                // SIGTERM runs the shutdown hook's drain: peers record `shutdown` (World.shutDownHosts).
                if world.rings[ring]?.members[identity.hostId]?.up == true { world.shutDownHosts[identity.hostId] = true }
                world.rings[ring]?.members[identity.hostId]?.up = false
                world.rings[ring]?.members[identity.hostId]?.pod = nil
            }
        }
        world.clusters[context]?.objects[key] = nil
        events.append("\(context): pod \(key.split(separator: "/").last ?? "") stopped")
    }

    mutating func claims() {
        for context in world.clusters.keys.sorted() {
            guard let objects = world.clusters[context]?.objects, let zone = world.clusters[context]?.zone else { continue }
            for (key, claim) in objects.sorted(by: { $0.key < $1.key }) where key.hasPrefix("persistentvolumeclaim/") {
                guard claim[path: ["status", "phase"]]?.string != "Bound" else { continue }
                let parts = key.split(separator: "/").map(String.init)
                if let volumeName = claim[path: ["spec", "volumeName"]]?.string {
                    let volumeKey = World.key("persistentvolume", nil, volumeName)
                    guard let volume = objects[volumeKey] else { continue }
                    let reference = volume[path: ["spec", "claimRef"]]
                    if let name = reference?["name"]?.string, name != parts[2] { continue }
                    world.clusters[context]?.objects[key]?[path: ["status", "phase"]] = .string("Bound")
                    world.clusters[context]?.objects[volumeKey]?[path: ["status", "phase"]] = .string("Bound")
                } else if case let storageClass = claim[path: ["spec", "storageClassName"]]?.string ?? "default", !storageClass.isEmpty {
                    // No storageClassName: the cluster's default class provisions it; "" never does.
                    let number = world.nextId()
                    let provisioner = world.clusters[context]?.provisioner ?? World.ebsDriver
                    let volumeName = "pvc-\(context.count)-\(number)"
                    // local-path keeps its volumes under /opt/local-path-provisioner on the node.
                    let handle =
                        provisioner == World.ebsDriver
                        ? "vol-\(String(repeating: "0", count: 13))\(String(number, radix: 16).leftPadded(to: 4, with: "0"))"
                        : "/opt/local-path-provisioner/\(volumeName)"
                    let size = claim[path: ["spec", "resources", "requests", "storage"]]?.string ?? "1Gi"
                    world.volumes[handle] = World.Volume(
                        handle: handle, zone: zone, gibibytes: Int(size.dropLast(2)) ?? 1, node: nil, keyspaces: [], mountedBy: nil,
                        provisionedFor: "\(context)/\(parts[1])/\(parts[2])")
                    world.clusters[context]?.objects[World.key("persistentvolume", nil, volumeName)] = .map([
                        "kind": .string("PersistentVolume"),
                        "metadata": .map(["name": .string(volumeName)]),
                        "spec": .map(Self.provisionedSpec(
                            provisioner: provisioner, handle: handle, size: size, storageClass: storageClass, claimNamespace: parts[1],
                            claim: parts[2], zone: zone, node: "\(context)-node-1")),
                        "status": .map(["phase": .string("Bound")]),
                    ])
                    world.clusters[context]?.objects[key]?[path: ["spec", "volumeName"]] = .string(volumeName)
                    world.clusters[context]?.objects[key]?[path: ["status", "phase"]] = .string("Bound")
                    events.append("\(context): claim \(parts[2]) provisioned disk \(handle) (\(size))")
                }
            }
        }
    }

    /// A provisioned PersistentVolume's spec: an EBS CSI volume pinned to its zone, or a
    /// local-path hostPath volume pinned to one node by hostname (ClusterStorage).
    static func provisionedSpec(
        provisioner: String, handle: String, size: String, storageClass: String, claimNamespace: String, claim: String, zone: String, node: String
    ) -> [String: Tree] {
        var spec: [String: Tree] = [
            "capacity": .map(["storage": .string(size)]),
            "persistentVolumeReclaimPolicy": .string("Delete"),
            "storageClassName": .string(storageClass),
            "claimRef": .map(["namespace": .string(claimNamespace), "name": .string(claim)]),
        ]
        let (key, value) = provisioner == World.ebsDriver ? (World.ebsZoneKey, zone) : ("kubernetes.io/hostname", node)
        if provisioner == World.ebsDriver {
            spec["csi"] = .map(["driver": .string(provisioner), "volumeHandle": .string(handle), "fsType": .string("ext4")])
        } else {
            spec["hostPath"] = .map(["path": .string(handle), "type": .string("DirectoryOrCreate")])
        }
        spec["nodeAffinity"] = .map([
            "required": .map([
                "nodeSelectorTerms": .list([
                    .map(["matchExpressions": .list([.map(["key": .string(key), "operator": .string("In"), "values": .list([.string(value)])])])])
                ])
            ])
        ])
        return spec
    }

    mutating func pods() {
        for context in world.clusters.keys.sorted() {
            guard let objects = world.clusters[context]?.objects else { continue }
            for (key, pod) in objects.sorted(by: { $0.key < $1.key }) where key.hasPrefix("pod/") {
                // A StatefulSet's pod names its claim; a pod applied from a manifest mounts one.
                let ownClaim = pod[path: ["spec", "claim"]]?.string
                guard pod[path: ["status", "phase"]]?.string == "Pending",
                    let claimName = ownClaim ?? pod.jsonPath("{.spec.volumes[0].persistentVolumeClaim.claimName}")?.string
                else { continue }
                let parts = key.split(separator: "/").map(String.init)
                let claim = objects[World.key("persistentvolumeclaim", parts[1], claimName)]
                guard claim?[path: ["status", "phase"]]?.string == "Bound", let volumeName = claim?[path: ["spec", "volumeName"]]?.string,
                    let volumeObject = objects[World.key("persistentvolume", nil, volumeName)],
                    let handle = volumeObject[path: ["spec", "csi", "volumeHandle"]]?.string ?? volumeObject[path: ["spec", "hostPath", "path"]]?.string,
                    world.volumes[handle] != nil
                else { continue }
                let podPath = "\(context)/\(parts[1])/\(parts[2])"
                if let problem = unschedulable(context: context, volume: volumeObject) {
                    if pod[path: ["status", "reason"]]?.string == nil {
                        world.clusters[context]?.objects[key]?[path: ["status", "reason"]] = .string("Unschedulable")
                        world.clusters[context]?.objects[key]?[path: ["status", "conditions"]] = .list([
                            .map(["type": .string("PodScheduled"), "status": .string("False"), "reason": .string("Unschedulable"), "message": .string(problem)])
                        ])
                        events.append("\(context): \(parts[2]) cannot be scheduled: \(problem)")
                    }
                    continue
                }
                if let driver = volumeObject[path: ["spec", "csi", "driver"]]?.string, modelsNodes(context),
                    world.clusters[context]?.objects[World.key("csidriver", nil, driver)] == nil
                {
                    if pod[path: ["status", "reason"]]?.string == nil {
                        world.clusters[context]?.objects[key]?[path: ["status", "reason"]] = .string("FailedMount")
                        events.append(
                            "\(context): \(parts[2]) cannot start: MountVolume.MountDevice failed for volume \(volumeName): driver name \(driver) not found in the list of registered CSI drivers")
                    }
                    continue
                }
                let affinity = volumeObject.jsonPath("{.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}")?.string
                if volumeObject[path: ["spec", "csi"]] != nil, let affinity, let zone = world.volumes[handle]?.zone, affinity != zone {
                    if pod[path: ["status", "reason"]]?.string == nil {
                        world.clusters[context]?.objects[key]?[path: ["status", "reason"]] = .string("volume node affinity conflict")
                        events.append("\(context): \(parts[2]) cannot start: volume \(handle) is in \(zone), its PersistentVolume says \(affinity)")
                    }
                    continue
                }
                // kubelet's SafeFormatAndMount (k8s.io/mount-utils): a disk already formatted with
                // another filesystem than the PersistentVolume's fsType is not mounted.
                let fsType = volumeObject[path: ["spec", "csi", "fsType"]]?.string ?? "ext4"
                if let existing = world.volumes[handle]?.filesystem, existing != fsType {
                    if pod[path: ["status", "reason"]]?.string == nil {
                        world.clusters[context]?.objects[key]?[path: ["status", "reason"]] = .string("FailedMount")
                        events.append(
                            "\(context): \(parts[2]) cannot start: MountVolume.MountDevice failed for volume \(volumeName): failed to mount the volume as \"\(fsType)\", it already contains \(existing)")
                    }
                    continue
                }
                if let holder = world.volumes[handle]?.mountedBy, holder != podPath {
                    world.violate("two pods mount one disk: \(handle) is mounted by \(holder) and \(podPath) tried to mount it")
                    continue
                }
                world.volumes[handle]?.mountedBy = podPath
                world.clusters[context]?.objects[key]?[path: ["status", "phase"]] = .string("Running")
                world.clusters[context]?.objects[key]?[path: ["status", "reason"]] = nil
                world.clusters[context]?.objects[key]?[path: ["status", "conditions"]] = nil
                // Only a StatefulSet's pod runs Cassandra; a probe pod only mounts its disk.
                if ownClaim != nil { startCassandra(context: context, namespace: parts[1], pod: parts[2], handle: handle) }
            }
        }
    }

    /// Whether a cluster's Nodes are modelled (a bare test world has none, and schedules anywhere).
    func modelsNodes(_ context: String) -> Bool {
        world.clusters[context]?.objects.keys.contains { $0.hasPrefix("node/") } ?? false
    }

    /// The scheduler's refusal when no Node matches every requirement of a volume's nodeAffinity
    /// (volumebinding's ErrReasonNodeConflict, in the PodScheduled condition's message).
    func unschedulable(context: String, volume: Tree) -> String? {
        guard modelsNodes(context), let objects = world.clusters[context]?.objects else { return nil }
        let requirements = volume.jsonPath("{.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions}")?.elements ?? []
        let nodes = objects.filter { $0.key.hasPrefix("node/") }.values
        let fits = nodes.contains { node in
            requirements.allSatisfy { requirement in
                guard let key = requirement["key"]?.string else { return true }
                let values = requirement["values"]?.elements.compactMap(\.string) ?? []
                return node[path: ["metadata", "labels", key]]?.string.map(values.contains) ?? false
            }
        }
        return fits ? nil : "0/\(nodes.count) nodes are available: \(nodes.count) node(s) had volume node affinity conflict."
    }

    func environment(_ context: String, _ namespace: String, _ pod: String) -> [String: String] {
        var values: [String: String] = [:]
        for entry in world.clusters[context]?.objects[World.key("pod", namespace, pod)]?[path: ["spec", "env"]]?.elements ?? [] {
            if let name = entry["name"]?.string, let value = entry["value"]?.string { values[name] = value }
        }
        return values
    }

    /// Cassandra starting on a disk, with the checks the real one makes.
    mutating func startCassandra(context: String, namespace: String, pod: String, handle: String) {
        let env = environment(context, namespace, pod)
        let datacenter = env["CASSANDRA_DC"] ?? "datacenter1"
        let rack = env["CASSANDRA_RACK"] ?? "rack1"
        let clusterName = env["CASSANDRA_CLUSTER_NAME"] ?? "Test Cluster"
        let podPath = "\(context)/\(namespace)/\(pod)"
        func crash(_ message: String) {
            world.clusters[context]?.objects[World.key("pod", namespace, pod)]?[path: ["status", "phase"]] = .string("CrashLoopBackOff")
            world.volumes[handle]?.mountedBy = nil
            events.append("\(context): Cassandra in \(pod) refuses to start: \(message)")
        }
        let podSpec = world.clusters[context]?.objects[World.key("pod", namespace, pod)]?["spec"] ?? .map([:])
        let security: NodeConfig.Settings
        let secrets = world.clusters[context]?.objects.filter { $0.key.hasPrefix("secret/\(namespace)/") } ?? [:]
        switch NodeConfig.security(podSpec: podSpec, major: world.cassandraMajor, secret: { name -> [String: String]? in
            secrets[World.key("secret", namespace, name)].map { secret in
                (secret["data"].flatMap { tree -> [String: String]? in
                    guard case .map(let entries) = tree else { return nil }
                    return entries.compactMapValues { $0.string.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) } }
                }) ?? [:]
            }
        }) {
        case .success(let value): security = value
        case .failure(let failure):
            crash(failure.message)
            return
        }
        if world.volumes[handle]?.copiedConsistently == false {
            world.violate(
                "\(pod) started on disk \(handle), copied from a snapshot taken while Cassandra still ran: writes after the copy are lost")
        }
        // num_tokens: the environment's CASSANDRA_NUM_TOKENS (the official entrypoint writes it into
        // cassandra.yaml), else the shipped cassandra.yaml's (256 before 4.0, 16 from 4.0).
        let tokens = env["CASSANDRA_NUM_TOKENS"].flatMap { Int($0) } ?? (world.cassandraMajor >= 4 ? 16 : 256)
        let saved = world.volumes[handle]?.node
        if let saved {
            // StorageService: a node refuses to start with another token count than it saved.
            if let savedTokens = saved.tokens, savedTokens != tokens {
                crash("Cannot change the number of tokens from \(savedTokens) to \(tokens)")
                return
            }
            if saved.clusterName != clusterName {
                crash("Saved cluster name \(saved.clusterName) != configured name \(clusterName)")
                return
            }
            if saved.datacenter != datacenter || saved.rack != rack {
                world.violate(
                    "node \(saved.hostId) on disk \(handle) started as \(datacenter)/\(rack) but its data was written as \(saved.datacenter)/\(saved.rack)")
                crash("Cannot start node if snitch's data center (\(datacenter)) differs from previous data center (\(saved.datacenter))")
                return
            }
        }
        var identity = saved ?? World.NodeIdentity(hostId: world.newHostId(), datacenter: datacenter, rack: rack, clusterName: clusterName, tokens: tokens)
        if identity.tokens == nil { identity.tokens = tokens }
        let existing = world.ringId(of: identity.hostId)
        if saved != nil, existing == nil {
            crash("this node (\(identity.hostId)) was removed from the cluster and will not rejoin")
            return
        }
        world.volumes[handle]?.node = identity
        // Gossip reaches seeds in the same Kubernetes cluster only (pod networks are not routed).
        var ringId: String?
        for seed in (env["CASSANDRA_SEEDS"] ?? "").split(separator: ",").map(String.init) {
            guard let target = DNS.resolve(seed, in: world, context: context), let member = upMember(atPod: target) else { continue }
            // A node whose internode encryption differs from the seed's reaches it on another
            // port or protocol: its gossip finds no peer (the simulator's approximation of the
            // "Unable to gossip with any peers" startup failure).
            if let seedMember = world.ringId(of: member).flatMap({ world.rings[$0]?.members[member] }), seedMember.internode != security.internode {
                crash("Unable to gossip with any peers (its internode_encryption is \(security.internode), the seeds' \(seedMember.internode))")
                return
            }
            ringId = world.ringId(of: member)
            break
        }
        ringId = ringId ?? existing
        if ringId == nil {
            let id = "ring-\(world.nextId())"
            world.rings[id] = World.Ring(
                clusterName: clusterName, members: [:],
                keyspaces: ["system_auth": ["*": 1], "system_distributed": ["*": 3], "system_traces": ["*": 2]])
            ringId = id
            events.append("\(context): \(pod) starts a new Cassandra cluster \"\(clusterName)\"")
        }
        guard let ringId, var ring = world.rings[ringId] else { return }
        if ring.clusterName != clusterName {
            crash("Saved cluster name \(ring.clusterName) != configured name \(clusterName)")
            return
        }
        if let existing, existing != ringId {
            // The node gossips with the seeds' cluster now; it leaves the one it knew.
            world.rings[existing]?.members[identity.hostId] = nil
            ring = world.rings[ringId] ?? ring
        }
        let address = "10.\(Swift.max(1, context.count % 250)).\(ring.members.count / 250).\(ring.members.count % 250 + 10)"
        ring.members[identity.hostId] = World.Member(
            datacenter: identity.datacenter, rack: identity.rack, address: ring.members[identity.hostId]?.address ?? address,
            volume: handle, up: true, pod: podPath, tokens: identity.tokens, authenticator: security.authenticator,
            authorizer: security.authorizer, jmxLogin: podSpec["cmplan-sim/jmx-login"] == .bool(true), clientTLS: security.clientTLS,
            internode: security.internode)
        world.rings[ringId] = ring
        // Started again, it gossips NORMAL (a decommission it was running died with it).
        world.shutDownHosts[identity.hostId] = nil
        world.leaving[identity.hostId] = nil
        world.clusters[context]?.objects[World.key("pod", namespace, pod)]?[path: ["status", "podIP"]] =
            .string(ring.members[identity.hostId]?.address ?? address)
        events.append("\(context): \(pod) is UN in datacenter \(identity.datacenter) (host \(identity.hostId.suffix(6)))")
    }

    func upMember(atPod pod: String) -> String? {
        for ring in world.rings.values {
            if let (hostId, _) = ring.members.first(where: { $0.value.pod == pod && $0.value.up }) { return hostId }
        }
        return nil
    }
}

extension String {
    /// Left-padded to a width with a character.
    func leftPadded(to width: Int, with pad: Character) -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }

    /// Left-justified in a width, never cut (Java's `%-Ns`).
    func leftJustified(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

@testable import CMPlan
@testable import CMPlanSim
import Foundation
import Testing

/// The simulator's own pieces, tested directly instead of through a whole rehearsal: the world
/// it seeds from the Model, its operators' reconciliation, and its verdict on worlds a broken
/// runbook could leave (issue 14, part 3).
@Suite struct SimulatorWorldTests {
    func plan(_ path: String) throws -> Plan {
        let text = try #require(FileBytes.readText(Repository.path(path)))
        return try #require(Frontend.run(SourceFile(path: path, text: text)).plan)
    }

    func names(_ world: World, _ context: String, _ prefix: String) -> [String] {
        (world.clusters[context]?.objects.keys.filter { $0.hasPrefix(prefix) } ?? []).sorted()
    }

    /// Seed 000's source: Rook's StatefulSet per rack named `<cluster>-<dc>-<rack>`, three pods
    /// running Cassandra in one ring holding the declared keyspaces.
    @Test func theSeedPlansSourceIsRunningAsRookRunsIt() throws {
        let plan = try plan("Plans/k8s-to-k8s.cmplan")
        let world = try #require(RehearsalWorld.initial(for: plan))
        let context = try #require(plan.source.kubernetes?.context.value)
        #expect(names(world, context, "statefulset/cassandra/") == ["statefulset/cassandra/cassandra-x1-rack1"])
        // Rook's operator itself runs as a StatefulSet (its operator.yaml), in its own namespace.
        #expect(names(world, context, "statefulset/rook-cassandra-system/") == ["statefulset/rook-cassandra-system/rook-cassandra-operator"])
        #expect(names(world, context, "pod/").count == 3)
        let ring = try #require(world.rings.values.first)
        #expect(ring.members.values.allSatisfy(\.up) && ring.members.count == 3)
        #expect(Set(ring.keyspaces.keys).isSuperset(of: plan.keyspaces.map(\.name.value)))
        #expect(world.sourceObjectsAtStart.contains("\(context)/statefulset/cassandra/cassandra-x1-rack1"))
    }

    /// The verdict on the untouched starting world fails and says why: nothing runs in the
    /// target, the keyspaces are not there. A judge that passes this would pass anything.
    @Test(arguments: ["Plans/k8s-to-k8s.cmplan", "Plans/k8s-extend.cmplan", "Plans/ec2-to-eks.cmplan", "Plans/ec2-snapshot-load.cmplan"])
    func theStartingWorldFailsTheVerdict(path: String) throws {
        let plan = try plan(path)
        let world = try #require(RehearsalWorld.initial(for: plan))
        let problems = RehearsalWorld.verify(world, plan: plan)
        #expect(!problems.isEmpty, "\(path)")
    }

    /// cass-operator's reconciler names StatefulSets by its own cleanup and splits `size` over
    /// the racks as SplitRacks does; CassKop runs nodesPerRacks in every rack and creates
    /// nothing for a rack whose `dc-rack` is no DNS-1035 label.
    @Test func operatorsCreateTheStatefulSetsTheirCodeWould() throws {
        var world = World(
            clusters: ["k": World.Cluster(zone: "z", namespaces: ["db", "ops"], objects: [:])], volumes: [:], rings: [:], cassandraMajor: 4,
            violations: [], failOnce: nil, killAfter: nil, counter: 0)
        for (kind, name) in [("cass-operator", "cass-operator"), ("casskop", "casskop")] {
            world.clusters["k"]?.objects[World.key("deployment", "ops", name)] = .map([
                "kind": .string("Deployment"),
                "metadata": .map(["name": .string(name), "namespace": .string("ops"), "labels": .map(["cmplan-sim/operator": .string(kind)])]),
                "spec": .map(["replicas": .integer(1)]),
            ])
        }
        world.clusters["k"]?.objects[World.key("cassandradatacenter", "db", "dc2")] = .map([
            "kind": .string("CassandraDatacenter"),
            "metadata": .map(["name": .string("dc2"), "namespace": .string("db")]),
            "spec": .map([
                "clusterName": .string("Bob's Cluster"), "size": .integer(4),
                "racks": .list([.map(["name": .string("r1")]), .map(["name": .string("r2")]), .map(["name": .string("r3")])]),
            ]),
        ])
        world.clusters["k"]?.objects[World.key("cassandracluster", "db", "ck")] = .map([
            "kind": .string("CassandraCluster"),
            "metadata": .map(["name": .string("ck"), "namespace": .string("db")]),
            "spec": .map([
                "nodesPerRacks": .integer(2),
                "topology": .map(["dc": .list([.map(["name": .string("dc3"), "rack": .list([.map(["name": .string("a1")]), .map(["name": .string("B2")])])])])]),
            ]),
        ])
        var reconciler = Reconciler(world: world)
        reconciler.operators()
        let sets = reconciler.world.clusters["k"]?.objects.filter { $0.key.hasPrefix("statefulset/") } ?? [:]
        let replicas = sets.mapValues { $0[path: ["spec", "replicas"]]?.integer ?? -1 }
        #expect(
            replicas == [
                "statefulset/db/bobscluster-dc2-r1-sts": 2, "statefulset/db/bobscluster-dc2-r2-sts": 1, "statefulset/db/bobscluster-dc2-r3-sts": 1,
                "statefulset/db/ck-dc3-a1": 2,
            ])
        #expect(reconciler.events.contains { $0.contains("dc3-B2 is not a valid service name") })
    }

    /// cass-operator (1.7.0 on) resolves each hostname of `additionalSeeds` itself and fails the
    /// reconcile when one does not resolve: no StatefulSet is made. IP addresses and names that
    /// resolve in the operator's cluster pass.
    @Test func casOperatorResolvesItsAdditionalSeedsBeforeMakingStatefulSets() throws {
        func statefulSets(seeds: [String]) -> (sets: Int, events: [String]) {
            var world = World(
                clusters: ["k": World.Cluster(zone: "z", namespaces: ["db"], objects: [:])], volumes: [:], rings: [:], cassandraMajor: 4,
                violations: [], failOnce: nil, killAfter: nil, counter: 0)
            world.clusters["k"]?.objects[World.key("deployment", "db", "cass-operator")] = .map([
                "kind": .string("Deployment"),
                "metadata": .map(["name": .string("cass-operator"), "namespace": .string("db"), "labels": .map(["cmplan-sim/operator": .string("cass-operator")])]),
                "spec": .map(["replicas": .integer(1)]),
            ])
            world.clusters["k"]?.objects[World.key("pod", "db", "old-0")] = .map(["kind": .string("Pod"), "metadata": .map(["name": .string("old-0")])])
            world.clusters["k"]?.objects[World.key("cassandradatacenter", "db", "dc2")] = .map([
                "kind": .string("CassandraDatacenter"),
                "metadata": .map(["name": .string("dc2"), "namespace": .string("db")]),
                "spec": .map([
                    "clusterName": .string("c"), "size": .integer(1), "racks": .list([.map(["name": .string("r1")])]),
                    "additionalSeeds": .list(seeds.map { .string($0) }),
                ]),
            ])
            var reconciler = Reconciler(world: world)
            reconciler.operators()
            return (reconciler.world.clusters["k"]?.objects.keys.filter { $0.hasPrefix("statefulset/") }.count ?? 0, reconciler.events)
        }
        #expect(statefulSets(seeds: ["10.0.0.7", "old-0.db.svc.cluster.local"]).sets == 1)
        let unresolved = statefulSets(seeds: ["10.0.0.7", "old-9.db.svc.cluster.local"])
        #expect(unresolved.sets == 0)
        #expect(unresolved.events.contains { $0.contains("additional seed old-9.db.svc.cluster.local does not resolve") })
    }

    /// A graceful stop is a drain: SIGTERM runs Cassandra's shutdown hook (drainOnShutdown, which
    /// stops gossip first), so peers record `shutdown` and, on 4.0+, refuse every ALTER KEYSPACE
    /// until the node starts again or leaves. Kubernetes deleting a pod and systemctl stopping a
    /// machine's Cassandra both send SIGTERM.
    @Test func aNodeStoppedGracefullyGossipsShutdown() throws {
        let kubernetes = try plan("Plans/k8s-to-k8s.cmplan")
        var reconciler = Reconciler(world: try #require(RehearsalWorld.initial(for: kubernetes)))
        let context = try #require(kubernetes.source.kubernetes?.context.value)
        let hostId = try #require(reconciler.world.volumes.values.first { $0.mountedBy == "\(context)/cassandra/cassandra-x1-rack1-0" }?.node?.hostId)
        reconciler.stopPod(context: context, key: "pod/cassandra/cassandra-x1-rack1-0")
        #expect(reconciler.world.shutDownHosts[hostId] == true)

        let machines = try plan("Plans/ec2-to-eks.cmplan")
        var world = try #require(RehearsalWorld.initial(for: machines))
        let (address, machine) = try #require(world.machines.sorted { $0.key < $1.key }.first)
        let machineHost = try #require(world.volumes[machine.volume]?.node?.hostId)
        var output = Kubectl.Output()
        MachineShell(address: address).stop(&world, &output)
        #expect(world.shutDownHosts[machineHost] == true)
    }

    /// A decommission whose caller dies goes on inside Cassandra: the node is LEAVING (netstats
    /// "Mode: LEAVING", status "UL") and removenode refuses it while it is up; a second decommission
    /// is refused on 3.x ("Node in LEAVING state") and returns at once on 5.0; a later netstats
    /// finds it DECOMMISSIONED and out of the ring (StorageService.decommission, read).
    @Test func aDecommissionWhoseCallerDiesGoesOn() throws {
        for (path, secondRefused) in [("Plans/k8s-to-k8s.cmplan", true), ("Plans/k8s-handover-5.cmplan", false)] {
            var world = try #require(RehearsalWorld.initial(for: try plan(path)))
            let ring = try #require(world.rings.first { !$0.value.members.isEmpty })
            let members = ring.value.members.sorted { $0.key < $1.key }.filter { $0.value.pod != nil }
            let (hostId, member) = try #require(members.first)
            let parts = try #require(member.pod).split(separator: "/").map(String.init)
            var shell = PodShell(context: parts[0], namespace: parts[1], pod: parts[2])
            // nodetool's JMX login where the plan has one (the 5.0 example).
            let login = ring.value.jmxLogin.map { ["-u", $0.username, "-pw", $0.password] } ?? []
            func run(_ command: [String], on target: inout PodShell) -> Kubectl.Output {
                var output = Kubectl.Output()
                target.run(["nodetool"] + login + command.dropFirst(), &world, &output)
                return output
            }
            world.callerDiesNow = true
            #expect(run(["nodetool", "decommission", "--force"], on: &shell).status == 0)
            world.callerDiesNow = false
            #expect(run(["nodetool", "netstats"], on: &shell).stdout.hasPrefix("Mode: LEAVING\n"), "\(path)")
            #expect(run(["nodetool", "status"], on: &shell).stdout.contains("UL  \(member.address)"), "\(path)")
            let peerParts = try #require(members.dropFirst().first?.value.pod).split(separator: "/").map(String.init)
            var peer = PodShell(context: peerParts[0], namespace: peerParts[1], pod: peerParts[2])
            #expect(run(["nodetool", "removenode", hostId], on: &peer).stderr.contains("is alive and owns this ID"), "\(path)")
            let second = run(["nodetool", "decommission", "--force"], on: &shell)
            #expect((second.status != 0) == secondRefused, "\(path): \(second.stderr)")
            #expect(!secondRefused || second.stderr.contains("Node in LEAVING state"), "\(path): \(second.stderr)")
            #expect(run(["nodetool", "netstats"], on: &shell).stdout.hasPrefix("Mode: DECOMMISSIONED\n"), "\(path)")
            #expect(world.rings[ring.key]?.members[hostId] == nil, "\(path)")
        }
    }

    /// A removenode whose caller dies goes on in its coordinator: the node is shown leaving (DL),
    /// blocks ALTER KEYSPACE on 4.0+, a second removenode there is refused, and `removenode
    /// status` says it is in process until it finishes (StorageService.removeNode and
    /// getRemovalStatus, read).
    @Test func aRemovenodeWhoseCallerDiesGoesOn() throws {
        var world = try #require(RehearsalWorld.initial(for: try plan("Plans/k8s-extend.cmplan")))
        let ring = try #require(world.rings.first { !$0.value.members.isEmpty })
        let members = ring.value.members.sorted { $0.key < $1.key }.filter { $0.value.pod != nil }
        let (target, down) = try #require(members.first)
        world.rings[ring.key]?.members[target]?.up = false
        let parts = try #require(members.dropFirst().first?.value.pod).split(separator: "/").map(String.init)
        var coordinator = PodShell(context: parts[0], namespace: parts[1], pod: parts[2])
        func run(_ command: [String]) -> Kubectl.Output {
            var output = Kubectl.Output()
            coordinator.run(command, &world, &output)
            return output
        }
        world.callerDiesNow = true
        #expect(run(["nodetool", "removenode", target]).status == 0)
        world.callerDiesNow = false
        #expect(run(["nodetool", "status"]).stdout.contains("DL  \(down.address)"))
        #expect(run(["nodetool", "removenode", target]).stderr.contains("This node is already processing a removal."))
        #expect(run(["cqlsh", "-e", "ALTER KEYSPACE \"app\" WITH replication = {'class': 'NetworkTopologyStrategy', 'x1': 3}"]).stderr
            .contains("Cannot alter RF while some endpoints are not in normal state"))
        #expect(run(["nodetool", "removenode", "status"]).stdout.hasPrefix("RemovalStatus: Removing token ("))
        #expect(run(["nodetool", "removenode", "status"]).stdout == "RemovalStatus: No token removals in process.\n")
        #expect(world.rings[ring.key]?.members[target] == nil)
    }

    /// nodetool status reports each datacenter's own share: a datacenter with fewer replicas
    /// over as many nodes holds less per node (two-extend: x1 at RF 3, analytics at RF 2, three
    /// nodes each). It reported one datacenter's share for every node, so a load gate on the
    /// second datacenter judged another datacenter's figure.
    @Test func eachDatacentersNodesReportTheirOwnLoad() throws {
        let plan = try plan("Tests/Fixtures/build/two-extend.cmplan")
        let world = try #require(RehearsalWorld.initial(for: plan))
        let ring = try #require(world.rings.values.first)
        let status = PodShell(context: "c", namespace: "n", pod: "p").status(ring, world)
        func loads(_ datacenter: String) -> Set<String> {
            let section = status.components(separatedBy: "Datacenter: ").first { $0.hasPrefix(datacenter + "\n") } ?? ""
            return Set(section.split(separator: "\n").filter { $0.hasPrefix("UN ") }.map { line in
                line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).prefix(2).joined(separator: " ")
            })
        }
        let x1 = loads("x1")
        let analytics = loads("analytics")
        #expect(x1.count == 1 && analytics.count == 1, "\(status)")
        #expect(x1 != analytics, "\(status)")
        // 2386.67 GiB over 5 replicas, times 3 over 3 nodes: 477.33 GiB; times 2 over 3: 318.22 GiB.
        #expect(x1.first?.hasPrefix("477.33 GiB") == true && analytics.first?.hasPrefix("318.22 GiB") == true, "\(status)")
    }

    /// The judge expects the user's keyspaces by exact name, and an empty target fails.
    @Test func theJudgeExpectsTheUsersKeyspaces() throws {
        let plan = try plan("Plans/k8s-to-k8s.cmplan")
        let world = try #require(RehearsalWorld.initial(for: plan))
        let expected = ExpectedEndState.userKeyspaces(of: plan).map(\.name.value)
        #expect(expected == ["app", "events", "example", "users"])
        let problems = RehearsalWorld.verify(world, plan: plan)
        #expect(problems.contains("no Cassandra cluster runs in the target"), "\(problems)")
    }

    /// The factor a target datacenter must end with, as language.md defines it.
    @Test func targetFactorsFollowTheLanguage() throws {
        let plan = try plan("Plans/k8s-to-k8s.cmplan")
        let target = try #require(plan.target.datacenters.first)
        for keyspace in plan.keyspaces {
            let expected = keyspace.targetReplication?.value ?? keyspace.replication.value.first?.factor.value ?? 0
            #expect(ExpectedEndState.factor(of: keyspace, in: target, plan: plan) == expected, "\(keyspace.name.value)")
        }
    }

    /// Cassandra refuses to start with another token count than its disk saved (StorageService:
    /// "Cannot change the number of tokens from X to Y"); without CASSANDRA_NUM_TOKENS the
    /// official image runs its shipped default, 256 on 3.x.
    @Test func aNodeRefusesAnotherTokenCountThanItsDiskSaved() {
        var world = World(
            clusters: ["k": World.Cluster(zone: "z", namespaces: ["db"], objects: [:])],
            volumes: [
                "vol-1": World.Volume(
                    handle: "vol-1", zone: "z", gibibytes: 10,
                    node: World.NodeIdentity(hostId: "h1", datacenter: "dc1", rack: "rack1", clusterName: "c", tokens: 16), keyspaces: [])
            ],
            rings: ["r": World.Ring(clusterName: "c", members: [:], keyspaces: [:])], cassandraMajor: 3, violations: [], failOnce: nil,
            killAfter: nil, counter: 0)
        world.clusters["k"]?.objects[World.key("pod", "db", "p-0")] = .map([
            "kind": .string("Pod"), "metadata": .map(["name": .string("p-0"), "namespace": .string("db")]),
            "spec": .map([
                "claim": .string("data-p-0"),
                "env": .list([
                    .map(["name": .string("CASSANDRA_CLUSTER_NAME"), "value": .string("c")]),
                    .map(["name": .string("CASSANDRA_DC"), "value": .string("dc1")]),
                ]),
            ]),
            "status": .map(["phase": .string("Pending")]),
        ])
        world.rings["r"]?.members["h1"] = World.Member(datacenter: "dc1", rack: "rack1", address: "10.0.0.1", volume: "vol-1", up: false, pod: nil)
        var reconciler = Reconciler(world: world)
        reconciler.startCassandra(context: "k", namespace: "db", pod: "p-0", handle: "vol-1")
        #expect(reconciler.events.contains { $0.contains("Cannot change the number of tokens from 16 to 256") }, "\(reconciler.events)")
        #expect(reconciler.world.rings["r"]?.members["h1"]?.up == false)
    }
}

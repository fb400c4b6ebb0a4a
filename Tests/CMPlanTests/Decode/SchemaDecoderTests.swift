import CMPlan
import Testing

/// Decoding every attribute into the typed plan, with defaults and source ranges.
@Suite struct SchemaDecoderTests {
    @Test func handoverPlanDecodesWithDefaults() throws {
        let plan = try #require(decodeClean(PlanFragments.handover()))
        #expect(plan.name.value == "move")
        #expect(plan.settings.strategy.value == .datacenterHandover)
        #expect(plan.settings.consistency?.value == .localQuorum)
        #expect(plan.settings.streamThroughput.value.bytesPerSecond == 24 << 20)
        #expect(!plan.settings.streamThroughput.isExplicit)
        #expect(plan.settings.parallelRebuilds.value == 1)
        #expect(plan.settings.repair.value == true)
        #expect(plan.settings.clearSnapshots.value == false)
        #expect(plan.source.label.value == "old" && plan.target.label.value == "new")
        // The target inherits the source's name and version.
        #expect(plan.target.clusterName.value == "cassandra" && !plan.target.clusterName.isExplicit)
        #expect(plan.target.cassandraVersion.value.description == "3.11.6")
        #expect(plan.target.image.value == "cassandra:3.11.6")
        let kubernetes = try #require(plan.target.kubernetes)
        #expect(kubernetes.operatorKind.value == .casskop)
        #expect(kubernetes.version.value.description == "1.30")
        #expect(kubernetes.domain.value == "cluster.local")
        let target = plan.target.datacenters[0]
        #expect(target.nodeCount.value == 3)
        #expect(target.racks.value.map(\.value) == ["rack1"])
        #expect(target.storage.value == .network)
        #expect(target.from?.value == "x1" && target.from?.isExplicit == false)
        #expect(plan.keyspaces[0].replication.value.map(\.datacenter.value) == ["x1"])
        #expect(plan.keyspaces[0].factor(in: "x1")?.value == 3)
        #expect(plan.keyspaces[0].tables.value == 1)
    }

    @Test func everyAttributeDecodes() throws {
        let plan = try #require(
            decodeClean(
                PlanFragments.handover(
                    plan: """
                        stream_throughput = 50MiB/s
                        parallel_rebuilds = 2
                        repair = false
                        clear_snapshots = true
                        load_throughput = 10MB/s
                        """,
                    old: "image = \"registry/cassandra:3.11.6\"\nseeds = [\"cassandra-0.cassandra.db.svc\"]",
                    oldDC: "racks = [\"r1\", \"r2\", \"r3\"]\nload = 800GiB\ndisk = 1TiB\nstorage = local",
                    new: "cluster_name = \"cassandra\"\ncassandra_version = \"3.11.7\"\naws { region = \"eu-west-1\" }",
                    newDC: "from = x1\nstorage_class = \"gp3\"\nzones = [\"a\", \"b\"]",
                    keyspace: "target_replication = 3\nsize = 1TiB\ntables = 12",
                    extra: "monitoring {\n  exporter = casskop-jmx\n  max_series = 120000\n  keep = [\"cassandra_.*\"]\n}")))
        #expect(plan.settings.parallelRebuilds.value == 2)
        #expect(plan.settings.repair.value == false && plan.settings.clearSnapshots.value == true)
        #expect(plan.source.seeds?.value.map(\.value) == ["cassandra-0.cassandra.db.svc"])
        #expect(plan.source.image.value == "registry/cassandra:3.11.6")
        #expect(plan.source.datacenters[0].storage.value == .local)
        #expect(plan.target.aws?.region.value == "eu-west-1")
        #expect(plan.target.cassandraVersion.value.patch == 7)
        #expect(plan.target.datacenters[0].zones?.value.count == 2)
        #expect(plan.keyspaces[0].targetReplication?.value == 3)
        #expect(plan.keyspaces[0].size?.value.bytes == 1 << 40)
        #expect(plan.monitoring?.exporter.value == .casskopJMX)
        #expect(plan.monitoring?.maxSeries?.value == 120_000)
    }

    @Test func adoptionPlanOnMachines() throws {
        let plan = try #require(decodeClean(PlanFragments.adoption()))
        guard case .machines(let ssh) = plan.source.placement else {
            Issue.record("expected machines")
            return
        }
        #expect(ssh.user.value == "ubuntu")
        let datacenter = plan.source.datacenters[0]
        #expect(datacenter.nodeCount.value == 2 && !datacenter.nodeCount.isExplicit)
        #expect(datacenter.nodes.map(\.rack.value) == ["r1", "r2"])
        #expect(datacenter.nodes[0].volume?.value == "vol-0123456789abcdef0")
        #expect(plan.target.kubernetes?.statefulSet.value == "cassandra")
        #expect(plan.target.kubernetes?.claimTemplate.value == "cassandra-data")
    }

    @Test func valuesKeepTheirSourceRange() throws {
        let text = PlanFragments.handover()
        let plan = try #require(decodeClean(text))
        let file = SourceFile(path: "t", text: text)
        #expect(file.text(of: plan.settings.downtimeBudget.range) == "3m")
        #expect(file.text(of: plan.source.clusterName.range) == "\"cassandra\"")
        #expect(file.text(of: plan.keyspaces[0].name.range) == "\"example\"")
    }

    @Test func seedPlansCompileWithoutErrors() throws {
        for name in ["k8s-to-k8s", "ec2-to-eks"] {
            let file = try #require(PlanFile.read(Repository.path("Plans/\(name).cmplan")))
            let result = Frontend.run(file)
            #expect(!result.diagnostics.hasErrors, "\(name): \(result.diagnostics.diagnostics.map(\.message))")
            #expect(result.plan?.name.value == name)
        }
    }
}

/// Reads files for tests.
enum PlanFile {
    static func read(_ path: String) -> SourceFile? {
        guard let bytes = FileBytes.read(path) else { return nil }
        return SourceFile(path: path, bytes: bytes)
    }
}

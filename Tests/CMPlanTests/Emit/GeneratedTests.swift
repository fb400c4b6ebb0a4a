import CMPlan
import Foundation
import Testing

/// `cmplanc build` output: Generated/ is exactly what the compiler makes of Plans/ (golden
/// files; CMPLAN_RECORD=1 rewrites them), two builds are byte-identical, and nothing is
/// produced for a plan with errors.
@Suite struct GeneratedTests {
    /// Every example plan: each must build into Generated/.
    static let generatedPlans: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: Repository.path("Plans"))) ?? [])
        .filter { $0.hasSuffix(".cmplan") }.sorted().map { "Plans/\($0)" }

    func build(_ path: String) throws -> Build.Outcome {
        let file = try #require(PlanFile.read(Repository.path(path)))
        return Build.run(SourceFile(path: path, bytes: file.bytes))
    }

    func files(_ outcome: Build.Outcome) -> (String, [(path: String, content: String)])? {
        if case .files(let name, let files, _) = outcome { return (name, files) }
        return nil
    }

    @Test(arguments: generatedPlans)
    func generatedIsCurrent(path: String) throws {
        let (name, files) = try #require(files(try build(path)))
        let directory = "Generated/\(name)"
        for file in files {
            let golden = Repository.path("\(directory)/\(file.path)")
            if FileBytes.recording {
                try FileBytes.write(file.content, to: golden)
            } else {
                #expect(FileBytes.readText(golden) == file.content, "\(directory)/\(file.path) is stale: run cmplanc build \(path)")
            }
        }
        let written = Set(files.map(\.path))
        let root = Repository.path(directory)
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let entry = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: root + "/" + entry, isDirectory: &isDirectory)
            if !isDirectory.boolValue {
                #expect(written.contains(entry), "\(directory)/\(entry) is not produced by the compiler any more: delete it")
            }
        }
    }

    @Test func twoBuildsAreByteIdentical() throws {
        for path in Self.generatedPlans + [
            "Tests/Fixtures/build/awkward-cass-operator.cmplan", "Tests/Fixtures/build/casskop-to-statefulset.cmplan",
            "Tests/Fixtures/build/adoption-racks.cmplan",
        ] {
            let first = try #require(files(try build(path)))
            let second = try #require(files(try build(path)))
            #expect(first.1.map(\.path) == second.1.map(\.path))
            // Outputs render side by side; they must still come back in the order of the jobs.
            #expect(first.1.prefix(3).map(\.path) == ["runbook.sh", "PLAN.md", "plan.json"])
            #expect(first.1.map(\.content) == second.1.map(\.content))
        }
    }

    @Test func awkwardValuesAreQuotedIntact() throws {
        let (_, files) = try #require(files(try build("Tests/Fixtures/build/awkward-cass-operator.cmplan")))
        let runbook = try #require(files.first { $0.path == "runbook.sh" }?.content)
        #expect(runbook.contains("'Bob'\\''s Cluster'"))
        #expect(runbook.contains("'arn:aws:eks:eu-west-1:111122223333:cluster/prod'"))
        let datacenter = try #require(files.first { $0.path.contains("cassandradatacenter") }?.content)
        #expect(datacenter.contains("clusterName: \"Bob's Cluster\""))
    }

    @Test func everyPersistentVolumeIsRetain() throws {
        for path in Self.generatedPlans + ["Tests/Fixtures/build/casskop-to-statefulset.cmplan"] {
            let (_, files) = try #require(files(try build(path)))
            for file in files where file.path.contains("-persistentvolume-") {
                #expect(file.content.contains("persistentVolumeReclaimPolicy: Retain"), "\(file.path)")
            }
        }
    }

    @Test func removenodeReadsHostIdsOfTheSourceDatacenterOnly() throws {
        let (_, files) = try #require(files(try build("Plans/k8s-to-k8s.cmplan")))
        let runbook = try #require(files.first { $0.path == "runbook.sh" }?.content)
        // Seed 000 removed a host id listed under the new datacenter; the runbook only ever
        // removes nodes it finds under the source datacenter's heading, and only when down.
        #expect(runbook.contains("remove_datacenter_nodes 'new-cluster' 'cassandra' 'cassandra-x2-rack1-0' 'cassandra' 'x1'"))
        #expect(!runbook.contains("nodetool removenode 3619841e"))
        // Seed 000's ALTER left DC names unquoted; the generated one quotes them.
        #expect(runbook.contains("entries+=\", '${pair%%:*}': ${pair#*:}\""))
        // A rebuild always names its source datacenter.
        #expect(runbook.contains("nodetool rebuild -- \"${source_dc}\""))
        #expect(runbook.contains("rebuild 'old-cluster' 'cassandra' 'x1' '1'"))
    }

    @Test func unsupportedStrategiesAndBrokenPlansWriteNothing() throws {
        let extend = try #require(FileBytes.readText(Repository.path("Tests/CMPlanTests/Rules/Fixtures/extend.cmplan")))
        let intoCassKop = extend.replacingOccurrences(
            of: "operator            = cass-operator\n    pod_cidr            = \"10.100.0.0/16\"\n    operator_deployment = \"cassandra/cass-operator-controller-manager\"",
            with: "operator            = casskop\n    pod_cidr            = \"10.100.0.0/16\"")
        #expect(intoCassKop != extend)
        guard case .rejected(let refused) = Build.run(SourceFile(path: "extend.cmplan", bytes: Array(intoCassKop.utf8))) else {
            Issue.record("datacenter-extend into CassKop is not generated and must say so")
            return
        }
        #expect(refused.diagnostics.contains { $0.rule == .operatorUnsupported && $0.message.contains("CassKop computes its seed list itself") })
        guard case .rejected(let diagnostics) = try build("Tests/CMPlanTests/Render/Golden/broken.cmplan") else {
            Issue.record("a broken plan produced output")
            return
        }
        #expect(diagnostics.hasErrors)
    }

    /// Issue 7's bar: seed 004's rate for 1.4 TiB with a 4 h budget is refused, in days, and nothing is written.
    @Test func aSnapshotLoadAtOneMegabytePerSecondIsRefusedInDays() throws {
        let example = try #require(FileBytes.readText(Repository.path("Plans/ec2-snapshot-load.cmplan")))
        let slow = example.replacingOccurrences(of: "downtime_budget = 8h ", with: "downtime_budget = 4h ")
            .replacingOccurrences(of: "load_throughput = 32MiB/s", with: "load_throughput = 1MB/s")
            .replacingOccurrences(of: "size        = 200GiB", with: "size        = 1.4TiB")
        guard case .rejected(let diagnostics) = Build.run(SourceFile(path: "slow.cmplan", bytes: Array(slow.utf8))) else {
            Issue.record("a plan that freezes writes for weeks was built")
            return
        }
        let finding = try #require(diagnostics.diagnostics.first { $0.rule == .downtimeOverBudget })
        #expect(finding.message.contains("estimated outage 17d19h exceeds the downtime budget of 4h"), "\(finding.message)")
        #expect(finding.message.contains("17d19h sstableloader"))
    }
}

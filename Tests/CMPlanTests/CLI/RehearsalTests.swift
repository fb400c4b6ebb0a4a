import CMPlan
import Foundation
import Testing

/// `cmplanc rehearse`: the generated runbooks run end to end against the simulator, in
/// every mode, interrupted after every step, and broken runbooks fail with a verdict that
/// names what they broke.
@Suite struct RehearsalTests {
    /// Plans whose runbooks are rehearsed.
    static let plans = [
        "Plans/k8s-to-k8s.cmplan", "Tests/Fixtures/build/awkward-cass-operator.cmplan",
        "Tests/Fixtures/build/casskop-to-statefulset.cmplan",
    ]

    /// The number of steps of the seed plan's runbook (from Generated/, which the tests keep current).
    static let seedSteps: [Int] = {
        guard let data = FileManager.default.contents(atPath: Repository.path("Generated/k8s-to-k8s/plan.json")),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let steps = object["steps"] as? [Any]
        else { return [] }
        return Array(1...steps.count)
    }()

    func rehearse(_ arguments: [String]) throws -> CLI.Outcome {
        try CLI.run(["rehearse"] + arguments)
    }

    @Test(arguments: plans)
    func rehearsesToTheTarget(plan: String) throws {
        let outcome = try rehearse([plan, "--twice"])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(2000))")
        #expect(outcome.stdout.contains("verdict: PASS"))
        #expect(outcome.stdout.contains("== second run (--twice)"))
    }

    @Test func failOnceStopsWithAResumableMessageAndTheSecondRunFinishes() throws {
        let outcome = try rehearse(["Plans/k8s-to-k8s.cmplan", "--fail-once", "scale statefulset cassandra-x1-rack1"])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(2000))")
        #expect(outcome.stdout.contains("FAULT:") && outcome.stdout.contains("resume with"))
        #expect(outcome.stdout.contains("verdict: PASS"))
    }

    @Test func interruptedInsideAStepAtASeededPoint() throws {
        for seed in ["1", "4"] {
            let outcome = try rehearse(["Plans/k8s-to-k8s.cmplan", "--interrupt-after", "26-rebuild-x2", "--seed", seed])
            #expect(outcome.status == 0, "\(outcome.stdout.suffix(2000))")
            #expect(outcome.stdout.contains("INTERRUPT"))
        }
    }

    @Test(arguments: seedSteps)
    func interruptedAfterEveryStep(step: Int) throws {
        let outcome = try rehearse(["Plans/k8s-to-k8s.cmplan", "--interrupt-after", String(step)])
        #expect(outcome.status == 0, "step \(step): \(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("verdict: PASS"))
    }

    /// Writes a broken copy of the seed plan's runbook and rehearses it.
    func rehearseBroken(_ transform: (String) -> String) throws -> CLI.Outcome {
        let original = try #require(FileBytes.readText(Repository.path("Generated/k8s-to-k8s/runbook.sh")))
        let broken = transform(original)
        #expect(broken != original, "the transformation changed nothing")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).sh").path
        try FileBytes.write(broken, to: path)
        return try rehearse(["Plans/k8s-to-k8s.cmplan", "--runbook", path])
    }

    @Test func aRunbookWithoutItsRebuildStopsAtTheGate() throws {
        let outcome = try rehearseBroken { text in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("  rebuild 'old-cluster'") ? "  :" : $0 }.joined(separator: "\n")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("hold less data than the plan expects"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("verdict: FAIL"))
    }

    @Test func aRunbookWithoutItsRebuildOrItsGateLosesData() throws {
        let outcome = try rehearseBroken { text in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("  rebuild 'old-cluster'") || $0.hasPrefix("  expect_datacenter_load ") ? "  :" : $0 }
                .joined(separator: "\n")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("verdict: FAIL"))
        #expect(outcome.stdout.contains("data loss"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("ALTER KEYSPACE app left replication without a datacenter holding its data completely"))
    }

    @Test func droppingTheSourceBeforeTheRebuildLosesData() throws {
        let outcome = try rehearseBroken { text in
            text.replacingOccurrences(
                of: "  alter_replication 'old-cluster' 'cassandra' 'cassandra-x1-rack1-0' 'cassandra' 'app' 'x1:2,x2:2'",
                with: "  alter_replication 'old-cluster' 'cassandra' 'cassandra-x1-rack1-0' 'cassandra' 'app' 'x2:2'")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("ALTER KEYSPACE app left replication without a datacenter holding its data completely"))
    }

    @Test func removenodeAimedAtTheNewDatacenterIsStopped() throws {
        let outcome = try rehearseBroken { text in
            text.replacingOccurrences(
                of: "remove_datacenter_nodes 'new-cluster' 'cassandra' 'cassandra-x2-rack1-0' 'cassandra' 'x1'",
                with: "remove_datacenter_nodes 'new-cluster' 'cassandra' 'cassandra-x2-rack1-0' 'cassandra' 'x2'")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("datacenter x2 still has nodes up"))
        #expect(outcome.stdout.contains("still in the cluster"))
    }

    @Test func unquotedDatacenterNamesAreASyntaxError() throws {
        let outcome = try rehearseBroken { text in
            text.replacingOccurrences(of: "entries+=\", '${pair%%:*}': ${pair#*:}\"", with: "entries+=\", ${pair%%:*}: ${pair#*:}\"")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("SyntaxException"), "\(outcome.stdout.suffix(1500))")
    }
}

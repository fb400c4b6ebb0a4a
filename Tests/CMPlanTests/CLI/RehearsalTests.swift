import CMPlan
import Foundation
import Testing

/// `cmplanc rehearse`: the generated runbooks run end to end against the simulator, in
/// every mode, interrupted after every step, and broken runbooks fail with a verdict that
/// names what they broke.
@Suite struct RehearsalTests {
    /// Plans whose runbooks are rehearsed.
    static let plans = [
        "Plans/k8s-to-k8s.cmplan", "Plans/ec2-to-eks.cmplan", "Plans/k8s-extend.cmplan", "Plans/k8s-handover-5.cmplan",
        "Tests/Fixtures/build/awkward-cass-operator.cmplan",
        "Tests/Fixtures/build/casskop-to-statefulset.cmplan", "Tests/Fixtures/build/adoption-racks.cmplan",
        "Tests/CMPlanTests/Rules/Fixtures/extend.cmplan", "Plans/ec2-snapshot-load.cmplan",
        "Tests/CMPlanTests/Rules/Fixtures/snapshot-load.cmplan", "Tests/Fixtures/build/systemlogs-snapshot-load.cmplan",
        "Tests/Fixtures/build/keep-extend.cmplan", "Tests/Fixtures/build/consolidate-handover.cmplan", "Tests/Fixtures/build/two-extend.cmplan",
        // Two source datacenters into one new one (keep = false).
        "Tests/Fixtures/build/consolidate-extend.cmplan",
    ]

    /// Every (plan, step number) of the example plans' runbooks, each resumed with its journal
    /// deleted: the guards and progress marks alone must bring the run to the verdict (from Generated/, which the tests keep current).
    static let everyStep: [String] = ["k8s-to-k8s", "ec2-to-eks", "k8s-extend", "ec2-snapshot-load"].flatMap { name -> [String] in
        guard let data = FileManager.default.contents(atPath: Repository.path("Generated/\(name)/plan.json")),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let steps = object["steps"] as? [Any]
        else { return [] }
        return (1...steps.count).map { "\(name):\($0)" }
    }

    func rehearse(_ arguments: [String]) throws -> CLI.Outcome {
        try CLI.run(["rehearse"] + arguments)
    }

    /// The run, a second run over the journal (--twice), and a third with an empty state dir
    /// (--fresh-state): the guards alone find every step done and nothing changes.
    @Test(arguments: plans)
    func rehearsesToTheTarget(plan: String) throws {
        let outcome = try rehearse([plan, "--twice", "--fresh-state"])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(2000))")
        #expect(outcome.stdout.contains("verdict: PASS"))
        #expect(outcome.stdout.contains("== second run (--twice)"))
        #expect(outcome.stdout.contains("== run with an empty state dir (--fresh-state)"))
        #expect(outcome.stdout.contains("the live system is past "))
        // Where the outage fell (the simulator's OUTAGE/SERVED marks), next to PLAN.md's window.
        #expect(outcome.stdout.contains("downtime as rehearsed: "), "\(outcome.stdout.suffix(1000))")
        if plan == "Plans/k8s-to-k8s.cmplan" {
            #expect(outcome.stdout.contains(
                "no datacenter could serve every keyspace during 36-stop-temporary-datacenter to 38-start-target-datacenter (3 steps); PLAN.md's downtime window runs from 33-confirm-downtime-start to 39-confirm-clients-switched, estimated at 2m45s"))
        }
    }

    /// A runbook that lets the clients back before anything serves (here: the target's start
    /// doing nothing, its check passing, and the switch's own premise, which would stop it, gone)
    /// fails the rehearsal: the outage outlasts PLAN.md's window.
    @Test func anOutageOutlastingTheWindowFailsTheRehearsal() throws {
        let outcome = try rehearseBrokenBuild("Plans/k8s-to-k8s.cmplan") { text in
            text.replacingOccurrences(of: "step_38_start_target_datacenter_action() {\n", with: "step_38_start_target_datacenter_action() {\n  return 0\n")
                .replacingOccurrences(of: "step_38_start_target_datacenter_check() {\n", with: "step_38_start_target_datacenter_check() {\n  return 0\n")
                .replacingOccurrences(
                    of: "step_39_confirm_clients_switched_premise() {\n", with: "step_39_confirm_clients_switched_premise() {\n  return 0\n")
        }
        #expect(outcome.stdout.contains("verdict: FAIL"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains(
            "no datacenter could serve every keyspace yet when 39-confirm-clients-switched started, which closes PLAN.md's downtime window"),
            "\(outcome.stdout.suffix(1500))")
    }

    /// A runbook that stops every node serving the data before the window opens (here: the
    /// operator's hold and the source's and temporary datacenter's stops moved into the gate
    /// before cutover) fails
    /// the rehearsal, whatever else goes right: the outage falls outside PLAN.md's window.
    @Test func anOutageBeforeTheWindowFailsTheRehearsal() throws {
        let outcome = try rehearseBrokenBuild("Plans/k8s-to-k8s.cmplan") { text in
            func body(_ function: String) -> String {
                guard let start = text.range(of: "\(function)() {\n"), let end = text.range(of: "\n}\n", range: start.upperBound..<text.endIndex) else { return "" }
                return String(text[start.upperBound..<end.lowerBound])
            }
            let early = ["step_34_hold_source_operator_action", "step_35_stop_source_datacenter_action", "step_36_stop_temporary_datacenter_action"]
                .map { body($0) + "\n" }.joined()
            return text.replacingOccurrences(of: "step_32_verify_x2_action() {\n", with: "step_32_verify_x2_action() {\n" + early)
        }
        #expect(outcome.stdout.contains("verdict: FAIL"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains(
            "no datacenter could serve every keyspace from 32-verify-x2 on, a step PLAN.md leaves out of the downtime window"), "\(outcome.stdout.suffix(1500))")
    }

    /// Without its journal a finished world must still be recognised as finished; this is the
    /// check `--fresh-state` makes, shown failing on a runbook whose progress marks are removed.
    @Test func aFreshRunWithoutProgressMarksRedoesWorkAndIsCaught() throws {
        let outcome = try rehearseBrokenBuild("Plans/k8s-extend.cmplan", extra: ["--fresh-state"]) { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).map { $0 == "    find_progress" ? "    :" : $0 }
                .joined(separator: "\n")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("the run with an empty state dir (--fresh-state)"), "\(outcome.stdout.suffix(1500))")
    }

    @Test func failOnceStopsWithAResumableMessageAndTheSecondRunFinishes() throws {
        let outcome = try rehearse(["Plans/k8s-to-k8s.cmplan", "--fail-once", "scale statefulset cassandra-x1-rack1"])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(2000))")
        #expect(outcome.stdout.contains("FAULT:") && outcome.stdout.contains("resume with"))
        #expect(outcome.stdout.contains("verdict: PASS"))
    }

    @Test func interruptedInsideAStepAtASeededPoint() throws {
        for seed in ["1", "4"] {
            let outcome = try rehearse(["Plans/k8s-to-k8s.cmplan", "--interrupt-after", "29-rebuild-x2", "--seed", seed])
            #expect(outcome.status == 0, "\(outcome.stdout.suffix(2000))")
            #expect(outcome.stdout.contains("INTERRUPT"))
        }
    }

    /// Killed halfway through dropping the source from replication (app dropped, the others
    /// not), then resumed without the journal: the migration's progress mark (the first keyspace
    /// replicating to the new datacenter) must still hold, or the resume reruns the preflight,
    /// whose "keyspaces exactly as declared" then stops the run telling the person to change the
    /// plan. Its guard wanted the exact migration map (x1 and x2), which the drop had changed.
    @Test func aRunKilledHalfwayThroughTheDropResumesWithoutItsJournal() throws {
        let outcome = try rehearse(["Plans/k8s-extend.cmplan", "--interrupt-after", "24-drop-source-replication", "--seed", "1", "--forget-journal"])
        #expect(outcome.status == 0 && outcome.stdout.contains("verdict: PASS"), "\(outcome.stdout.suffix(2000))")
        #expect(outcome.stdout.contains("the live system is past 11-alter-keyspace-app"), "\(outcome.stdout.suffix(2000))")
    }

    /// A kill that lands on `nodetool rebuild` leaves the rebuild running inside Cassandra (the
    /// simulator keeps it going, and refuses a second one as Cassandra does): the resume waits
    /// for it instead of starting another, then finds its ranges already there (issue 12.3).
    @Test func aRebuildStillRunningAfterAKillIsWaitedFor() throws {
        let outcome = try rehearse(["Plans/k8s-to-k8s.cmplan", "--interrupt-on", "nodetool rebuild", "--forget-journal"])
        #expect(outcome.status == 0 && outcome.stdout.contains("verdict: PASS"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("it goes on inside Cassandra whatever happens to its caller"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("a rebuild is still running on cmplan-k8s-to-k8s-x2-rack1-0 (started by an earlier run): waiting for it"))
        #expect(!outcome.stdout.contains("Node is still rebuilding"), "\(outcome.stdout.suffix(1500))")
    }

    /// A kill that lands on `nodetool decommission` leaves the node LEAVING while Cassandra goes
    /// on streaming its ranges away: the resume waits until it has left. It took the node for
    /// one to removenode, and stopped there ("still has nodes up") with the decommission running.
    @Test func aDecommissionStillRunningAfterAKillIsWaitedFor() throws {
        let outcome = try rehearse(["Plans/k8s-extend.cmplan", "--interrupt-on", "decommission", "--forget-journal"])
        #expect(outcome.status == 0 && outcome.stdout.contains("verdict: PASS"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("decommission started; it goes on inside Cassandra"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("cassandra-0 is still leaving: the decommission an earlier run started goes on inside Cassandra; waiting for it"))
    }

    /// A kill that lands on `nodetool removenode` leaves the removal running in its coordinator,
    /// which refuses a second one ("This node is already processing a removal. ... or use
    /// 'removenode force'", advice that would skip restoring the replicas): the resume waits for
    /// `removenode status` to show none in process, then removes the nodes still listed.
    @Test func aRemovenodeStillRunningAfterAKillIsWaitedFor() throws {
        let outcome = try rehearse(["Plans/k8s-to-k8s.cmplan", "--interrupt-on", "removenode [0-9a-f]{8}-", "--forget-journal"])
        #expect(outcome.status == 0 && outcome.stdout.contains("verdict: PASS"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("removenode of 5eed0000-0000-4000-8000-000000000004 started; it goes on inside Cassandra"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("a removenode an earlier run started is still running on cassandra-x2-rack1-0: waiting for it"))
        #expect(!outcome.stdout.contains("already processing a removal"), "\(outcome.stdout.suffix(1500))")
    }

    /// A long call whose connection closes before it ends (the kubelet closes an exec stream that
    /// stays silent for its streaming-connection-idle-timeout; a NAT drops an idle ssh): the work
    /// goes on, the caller sees exit 1, and the run must still finish by itself, asking the node
    /// whether the work still runs and waiting for it. Each failed the step before.
    @Test(arguments: [
        ("Plans/k8s-extend.cmplan", ["nodetool rebuild", "nodetool decommission"],
         ["nodetool rebuild on cassandra-x2-r1-sts-0 returned while its rebuild still runs", "nodetool decommission on cassandra-0 returned while it still leaves"]),
        ("Plans/k8s-to-k8s.cmplan", ["removenode [0-9a-f]{8}-"], ["nodetool removenode 5eed0000-0000-4000-8000-000000000004 returned while the removal still runs"]),
        ("Plans/ec2-snapshot-load.cmplan", ["'sstableloader' '--no-progress'"], ["returned while it still runs (its connection closed first): waiting for it, then loading the table again"]),
    ])
    func aConnectionThatClosesBeforeItsCommandEndsIsWaitedOut(plan: String, patterns: [String], said: [String]) throws {
        let outcome = try rehearse([plan] + patterns.flatMap { ["--drop-connection", $0] })
        #expect(outcome.status == 0 && outcome.stdout.contains("verdict: PASS"), "\(plan): \(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.components(separatedBy: "~ CONNECTION CLOSED: ").count == patterns.count + 1, "\(plan)")
        for text in said { #expect(outcome.stdout.contains(text), "\(plan): \(text)") }
    }

    /// A kill that lands on an sstableloader over ssh leaves it running on the machine: the
    /// resume waits for it (pgrep -f) instead of loading the same directory a second time.
    @Test func anSSTableLoaderStillRunningAfterAKillIsWaitedFor() throws {
        let outcome = try rehearse(["Plans/ec2-snapshot-load.cmplan", "--interrupt-on", "'sstableloader' '--no-progress'", "--forget-journal"])
        #expect(outcome.status == 0 && outcome.stdout.contains("verdict: PASS"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("it goes on whatever happens to its caller"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("(started by an earlier run): waiting for it"), "\(outcome.stdout.suffix(1500))")
    }

    /// The 5.0 handover (its retirement in the 4.0+ order) resumed without its journal after a
    /// sample of steps: those while the target's pods run a cluster of their own (where no
    /// source datacenter ever was, so a "source absent" guard alone holds there long before the
    /// migration), and some later ones.
    static let sampledSteps: [String] = {
        guard let data = FileManager.default.contents(atPath: Repository.path("Generated/k8s-handover-5/plan.json")),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let steps = object["steps"] as? [[String: Any]]
        else { return ["k8s-handover-5:unreadable"] }
        let ids = steps.compactMap { $0["id"] as? String }
        let names = [
            "create-target-datacenter", "wait-target-claims", "hold-target-operator", "wait-temporary-datacenter", "stop-temporary-datacenter",
            "remove-source-nodes",
        ]
        return names.map { name in ids.firstIndex { $0.hasSuffix("-" + name) }.map { "k8s-handover-5:\($0 + 1)" } ?? "k8s-handover-5:\(name)" }
    }()

    /// A plain rehearsal proves, before every step it runs, that no later progress mark holds
    /// yet (CMPLAN_CHECK_PROGRESS_MARKS): remove-source-nodes' guard as it was (no source
    /// datacenter seen from the target, which the target's own cluster shows from the start)
    /// stops the first run, so every plan and fixture is swept for this at every step.
    @Test func aProgressMarkThatHoldsTooEarlyStopsThePlainRehearsal() throws {
        let outcome = try rehearseBrokenBuild("Plans/k8s-handover-5.cmplan") { text in
            guard let start = text.range(of: "_remove_source_nodes_guard() {\n"),
                let end = text.range(of: "\n}\n", range: start.upperBound..<text.endIndex)
            else { return text }
            let body = text[start.upperBound..<end.lowerBound].split(separator: "\n").filter { !$0.contains("replication_has") }
            return text.replacingCharacters(in: start.upperBound..<end.lowerBound, with: body.joined(separator: "\n"))
        }
        #expect(outcome.status == 1, "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("-remove-source-nodes already holds before"), "\(outcome.stdout.suffix(1500))")
    }

    @Test(arguments: everyStep + sampledSteps)
    func interruptedAfterEveryStep(planAndStep: String) throws {
        let parts = planAndStep.split(separator: ":").map(String.init)
        let outcome = try rehearse(["Plans/\(parts[0]).cmplan", "--interrupt-after", parts[1], "--forget-journal"])
        #expect(outcome.status == 0, "\(planAndStep): \(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("verdict: PASS"))
        #expect(outcome.stdout.contains("the journal is deleted (--forget-journal)"))
    }

    /// The build fixtures and the rule fixtures (other people's plans) resumed with their
    /// journal deleted, at two steps each: the middle step and the one before the last.
    static let fixtureSteps: [String] = plans.filter { !$0.hasPrefix("Plans/") }.flatMap { plan -> [String] in
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-steps-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        guard (try? CLI.run(["build", plan, "--out", directory.path]))?.status == 0,
            let name = try? FileManager.default.contentsOfDirectory(atPath: directory.path).first,
            let data = FileManager.default.contents(atPath: directory.appendingPathComponent("\(name)/plan.json").path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let steps = object["steps"] as? [Any], steps.count > 2
        else { return ["\(plan):unbuildable"] }
        return ["\(plan):\(steps.count / 2)", "\(plan):\(steps.count - 1)"]
    }

    @Test(arguments: fixtureSteps)
    func fixturesResumeWithTheirJournalDeleted(planAndStep: String) throws {
        let parts = planAndStep.split(separator: ":").map(String.init)
        #expect(parts[1] != "unbuildable", "\(parts[0]) does not build")
        let outcome = try rehearse([parts[0], "--interrupt-after", parts[1], "--forget-journal"])
        #expect(outcome.status == 0 && outcome.stdout.contains("verdict: PASS"), "\(planAndStep): \(outcome.stdout.suffix(1500))")
    }

    /// Two rehearsals of one plan side by side each work in a folder of their own and both pass.
    @Test func rehearsalsSideBySideKeepToTheirOwnFolders() async throws {
        async let first = Task { try rehearse(["Plans/k8s-extend.cmplan"]) }.value
        async let second = Task { try rehearse(["Plans/k8s-extend.cmplan"]) }.value
        let outcomes = try await [first, second]
        let folders = outcomes.map { outcome in
            outcome.stdout.split(separator: "\n").first { $0.hasPrefix("Rehearsing plan") }.map { String($0.split(separator: " ").last ?? "") } ?? ""
        }
        #expect(folders[0] != folders[1] && folders.allSatisfy { $0.contains("cmplanc-rehearsal-k8s-extend-") }, "\(folders)")
        for outcome in outcomes { #expect(outcome.status == 0 && outcome.stdout.contains("verdict: PASS"), "\(outcome.stdout.suffix(1500))") }
    }

    /// Kills inside the destructive and downtime steps, at seeded points, where a half-done
    /// step must resume (it found stop_cassandra failing on a machine already stopped).
    /// Steps are named without their numbers, which move whenever a step is added.
    @Test(arguments: [
        "k8s-to-k8s:stop-source-datacenter:1", "k8s-to-k8s:stop-temporary-datacenter:2", "k8s-to-k8s:return-borrowed-volumes:3",
        "k8s-to-k8s:start-target-datacenter:1", "k8s-to-k8s:drop-source-replication:2", "k8s-to-k8s:remove-source-nodes:1",
        "ec2-to-eks:stop-source-cassandra:1", "ec2-to-eks:final-snapshots:2", "ec2-to-eks:create-volumes:3", "ec2-to-eks:create-persistent-volumes:1",
        "ec2-to-eks:create-claims:2",
    ])
    func interruptedInsideADestructiveStep(planStepSeed: String) throws {
        let parts = planStepSeed.split(separator: ":").map(String.init)
        let plan = try #require(FileBytes.readText(Repository.path("Generated/\(parts[0])/plan.json")))
        let step = try #require(
            plan.components(separatedBy: "\"").first { $0.count > 3 && $0.dropFirst(3) == parts[1] && $0.prefix(2).allSatisfy(\.isNumber) },
            "\(parts[0]) has no step \(parts[1])")
        let outcome = try rehearse(["Plans/\(parts[0]).cmplan", "--interrupt-after", step, "--seed", parts[2]])
        #expect(outcome.status == 0, "\(planStepSeed): \(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("INTERRUPT"))
    }

    @Test func adoptionSurvivesAFailureAndASeededInterruption() throws {
        let failed = try rehearse(["Plans/ec2-to-eks.cmplan", "--fail-once", "create-volume"])
        #expect(failed.status == 0 && failed.stdout.contains("FAULT:"), "\(failed.stdout.suffix(1500))")
        let interrupted = try rehearse(["Plans/ec2-to-eks.cmplan", "--interrupt-after", "12-final-snapshots", "--seed", "2"])
        #expect(interrupted.status == 0 && interrupted.stdout.contains("INTERRUPT"), "\(interrupted.stdout.suffix(1500))")
    }

    /// Rehearses a broken copy of a built plan's runbook.
    func rehearseBrokenBuild(_ plan: String, extra: [String] = [], _ transform: (String) -> String) throws -> CLI.Outcome {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("broken-build-\(UUID().uuidString)")
        let built = try CLI.run(["build", plan, "--out", directory.path])
        #expect(built.status == 0, "\(built.stderr)")
        let runbooks = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let path = directory.appendingPathComponent(try #require(runbooks.first)).appendingPathComponent("runbook.sh").path
        let original = try #require(FileBytes.readText(path))
        let broken = transform(original)
        #expect(broken != original, "the transformation changed nothing")
        try FileBytes.write(broken, to: path + ".broken")
        return try rehearse([plan, "--runbook", path + ".broken"] + extra)
    }

    /// `--from` a destructive step whose earlier steps never ran, or the confirmation that sends
    /// the clients to the target: the step checks what makes it safe itself and stops before
    /// changing anything (issue 12, item 8).
    @Test(arguments: [
        "Plans/k8s-to-k8s.cmplan:40-drop-source-replication", "Plans/k8s-to-k8s.cmplan:41-remove-source-nodes",
        "Plans/k8s-to-k8s.cmplan:35-stop-source-datacenter", "Plans/k8s-extend.cmplan:24-drop-source-replication",
        "Plans/k8s-extend.cmplan:25-decommission-source-nodes", "Plans/ec2-snapshot-load.cmplan:12-load-snapshots",
        "Plans/ec2-to-eks.cmplan:11-stop-source-cassandra",
        // Not destructive, but never to be asked while the target does not serve: the clients
        // would be pointed at nothing.
        "Plans/k8s-to-k8s.cmplan:39-confirm-clients-switched", "Plans/ec2-to-eks.cmplan:18-confirm-clients-switched",
        "Plans/ec2-snapshot-load.cmplan:14-confirm-clients-switched", "Plans/k8s-extend.cmplan:22-confirm-clients-switched",
    ])
    func aDestructiveStepRunFromTheMiddleChecksItsPremise(planAndStep: String) throws {
        let parts = planAndStep.split(separator: ":").map(String.init)
        let outcome = try rehearseBrokenBuild(parts[0]) { text in
            text.replacingOccurrences(of: "  local from=\"\" only=\"\"", with: "  local from=\(BashEmitter.quoted(parts[1])) only=\"\"")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("error: step \(parts[1]) is not safe to run"), "\(planAndStep): \(outcome.stdout.suffix(1500))")
        #expect(!outcome.stdout.contains("data loss"), "\(planAndStep): \(outcome.stdout.suffix(1500))")
        #expect(!outcome.stdout.contains("violation"), "\(planAndStep): \(outcome.stdout.suffix(1500))")
    }

    @Test func podsStartedOnACopyTakenBeforeTheDrainLoseWrites() throws {
        let outcome = try rehearseBrokenBuild("Plans/ec2-to-eks.cmplan") { text in
            text.replacingOccurrences(of: "snapshot=$(tagged snapshots \"${region}\" \"${PLAN_NAME}\" \"${node}\" final)", with: "snapshot=$(tagged snapshots \"${region}\" \"${PLAN_NAME}\" \"${node}\" warm)")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("copied from a snapshot taken while Cassandra still ran"), "\(outcome.stdout.suffix(1500))")
    }

    @Test func aDiskMountedInAPodOfAnotherRackIsCaught() throws {
        let outcome = try rehearseBrokenBuild("Tests/Fixtures/build/adoption-racks.cmplan") { text in
            text.replacingOccurrences(of: "cmplan-racks-db1.template.yaml' 'eu-west-1' 'db1'", with: "cmplan-racks-db1.template.yaml' 'eu-west-1' 'dbX'")
                .replacingOccurrences(of: "cmplan-racks-db2.template.yaml' 'eu-west-1' 'db2'", with: "cmplan-racks-db2.template.yaml' 'eu-west-1' 'db1'")
                .replacingOccurrences(of: "cmplan-racks-db1.template.yaml' 'eu-west-1' 'dbX'", with: "cmplan-racks-db1.template.yaml' 'eu-west-1' 'db2'")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("but its data was written as eu/"), "\(outcome.stdout.suffix(1500))")
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
        #expect(outcome.stdout.contains("do not show the data the plan expects"), "\(outcome.stdout.suffix(1500))")
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

    // MARK: datacenter-extend

    @Test func extendSurvivesAFailureAndASeededInterruptionInTheRebuild() throws {
        let failed = try rehearse(["Plans/k8s-extend.cmplan", "--fail-once", "nodetool decommission"])
        #expect(failed.status == 0 && failed.stdout.contains("FAULT:"), "\(failed.stdout.suffix(1500))")
        for seed in ["1", "3"] {
            let interrupted = try rehearse(["Plans/k8s-extend.cmplan", "--interrupt-after", "18-rebuild-x2", "--seed", seed])
            #expect(interrupted.status == 0 && interrupted.stdout.contains("INTERRUPT"), "\(interrupted.stdout.suffix(1500))")
        }
    }

    /// A rebuild failing among parallel ones is reported once, by node, after the others
    /// ended: one error, not one per background job (issue 12, item 6).
    @Test func aFailedParallelRebuildIsReportedOnceByNode() throws {
        let outcome = try rehearse(["Plans/k8s-extend.cmplan", "--fail-once", "nodetool rebuild"])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(1500))")
        let firstRun = outcome.stdout.components(separatedBy: "== run 2 (resumed)")[0]
        #expect(firstRun.components(separatedBy: "error: step 18-rebuild-x2 failed").count == 2, "\(firstRun.suffix(2500))")
        #expect(firstRun.contains("the rebuild failed on: cassandra-x2-"), "\(firstRun.suffix(2500))")
        #expect(firstRun.contains("--state-dir "), "\(firstRun.suffix(2500))")
    }

    /// Clients that never leave the source stop the run before the source leaves replication.
    @Test func clientsLeftOnTheSourceStopTheRunBeforeItRetires() throws {
        let outcome = try rehearse(["Plans/k8s-extend.cmplan", "--clients-stay"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("clients are still connected to: cassandra-0 (4)"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("--from 23-check-clients-moved"))
        #expect(!outcome.stdout.contains("run   24-drop-source-replication"))
        #expect(!outcome.stdout.contains("data loss"))
    }

    @Test func extendDroppingTheSourceBeforeTheRebuildLosesData() throws {
        let outcome = try rehearseBrokenBuild("Plans/k8s-extend.cmplan") { text in
            text.replacingOccurrences(
                of: "  rebuild 'new-cluster' 'cassandra' 'x1' '2'",
                with: "  drop_replication 'new-cluster' 'cassandra' 'cassandra-x2-r1-sts-0' 'cassandra' 'app' 'x1'\n  rebuild 'new-cluster' 'cassandra' 'x1' '2'")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("data loss"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("ALTER KEYSPACE app left replication without a datacenter holding its data completely"))
    }

    /// A seed the target cannot reach stops the run before the new datacenter could start alone.
    @Test func anUnreachableSeedStopsAtThePreflightProbe() throws {
        let outcome = try rehearseBrokenBuild("Plans/k8s-extend.cmplan") { text in
            text.replacingOccurrences(of: "'7000' 'cassandra-0.cassandra.cassandra.svc.old.local'", with: "'7000' 'cassandra-9.cassandra.cassandra.svc.old.local'")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("cannot be reached from a pod in new-cluster"), "\(outcome.stdout.suffix(1500))")
        #expect(!outcome.stdout.contains("run   09-create-target-datacenter"))
    }

    // MARK: snapshot-load

    @Test func snapshotLoadSurvivesAFailureAndASeededInterruptionInTheLoad() throws {
        let failed = try rehearse(["Plans/ec2-snapshot-load.cmplan", "--fail-once", "'sstableloader' '--no-progress'"])
        #expect(failed.status == 0 && failed.stdout.contains("FAULT:"), "\(failed.stdout.suffix(1500))")
        for seed in ["2", "7"] {
            let interrupted = try rehearse(["Plans/ec2-snapshot-load.cmplan", "--interrupt-after", "12-load-snapshots", "--seed", seed])
            #expect(interrupted.status == 0 && interrupted.stdout.contains("INTERRUPT"), "\(interrupted.stdout.suffix(1500))")
        }
    }

    /// Clients still connected stop the run before any snapshot: nothing is taken that could miss their writes.
    @Test func clientsStillConnectedStopTheLoadBeforeTheSnapshot() throws {
        let outcome = try rehearse(["Tests/CMPlanTests/Rules/Fixtures/snapshot-load.cmplan", "--clients-stay"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("4 client connection(s) still open on c1.db.internal"), "\(outcome.stdout.suffix(1500))")
        #expect(!outcome.stdout.contains("run   11-snapshot-source"))
        #expect(!outcome.stdout.contains("data loss"))
    }

    /// The broken runbook the issue names: loading before the clients are stopped (the step
    /// that stops them, and the check that would notice, removed).
    @Test func loadingBeforeTheClientsAreStoppedLosesWrites() throws {
        let outcome = try rehearseBrokenBuild("Plans/ec2-snapshot-load.cmplan") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("  stop_client_traffic ") || $0.hasPrefix("  client_traffic_stopped ") ? "  :" : $0 }
                .joined(separator: "\n")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("data loss"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("was taken while its native transport accepted writes, and it was loaded"))
    }

    /// A node's loader that never ran leaves the target short: the row counts stop the run
    /// before the clients switch, and say how to load again.
    @Test func anIncompleteLoadStopsBeforeTheClientsSwitch() throws {
        let outcome = try rehearseBrokenBuild("Plans/ec2-snapshot-load.cmplan") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("  start_loader '@ssh' 'ubuntu' '10.0.2.10'") ? "  record_fact loaded-10.0.2.10-app skipped" : $0 }
                .joined(separator: "\n")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("the load is incomplete; do not switch the clients"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("remove the loaded_* keys from ConfigMap cmplan-ec2-snapshot-load-progress"))
        #expect(outcome.stdout.contains("/fact-loaded_*, then resume with --from the load-snapshots step"))
        #expect(!outcome.stdout.contains("run   14-confirm-clients-switched"))
    }

    /// A runbook that leaves a user keyspace behind fails its rehearsal: the judge expects every
    /// keyspace Cassandra does not own, by exact name, as the Model declares it (issue 14: the
    /// compiler once took `systemlogs` for a system keyspace and the rehearsal agreed).
    @Test func aRunbookThatSkipsAKeyspaceFailsItsRehearsal() throws {
        let outcome = try rehearseBrokenBuild("Tests/Fixtures/build/systemlogs-snapshot-load.cmplan") { text in
            // The preflight's keyspace spec stays: only the copy, the load and the count skip it.
            text.replacingOccurrences(of: " 'app' 'systemlogs'", with: " 'app'")
                .split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.contains("'systemlogs'") && !$0.hasPrefix("readonly") ? "  :" : $0 }
                .joined(separator: "\n")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("keyspace systemlogs replicates [:] on the target"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("the target does not hold keyspace systemlogs completely"), "\(outcome.stdout.suffix(1500))")
    }

    /// Rook's operator runs as a StatefulSet (its operator.yaml); a runbook that looks for a
    /// Deployment, as this compiler's once did, stops at the seed plan's preflight, before
    /// anything changes (issue 15, item 1).
    @Test func rooksOperatorIsAStatefulSet() throws {
        let outcome = try rehearseBroken { text in
            text.replacingOccurrences(of: "'statefulset' 'rook-cassandra-system/rook-cassandra-operator'", with: "'deployment' 'rook-cassandra-system/rook-cassandra-operator'")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("operator deployment rook-cassandra-system/rook-cassandra-operator not found"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("error: step 02-check-source-access failed"), "\(outcome.stdout.suffix(1500))")
    }

    /// cass-operator's default install watches only its own namespace: a plan that leaves the
    /// operator there while the target is in another namespace (the check warns) stops at the
    /// preflight, before anything is created, instead of waiting for a datacenter nobody
    /// reconciles (issue 15, item 7).
    @Test func anOperatorThatDoesNotWatchTheTargetNamespaceStopsAtPreflight() throws {
        let original = try #require(FileBytes.readText(Repository.path("Tests/Fixtures/build/awkward-cass-operator.cmplan")))
        let text = original.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("operator_deployment") }.joined(separator: "\n")
        #expect(text != original)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString).cmplan").path
        try FileBytes.write(text, to: path)
        let outcome = try rehearse([path])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("watches namespace(s) cass-operator only (WATCH_NAMESPACE)"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("failed (exit 1)") && outcome.stdout.contains("check-target-access"), "\(outcome.stdout.suffix(1500))")
        #expect(!outcome.stdout.contains("    ~ operator in"), "nothing may be created before the stop: \(outcome.stdout.suffix(1500))")
    }

    /// Machines whose data volume is XFS (issue 15, item 10): the filesystem is read at
    /// preflight and the adopted volumes' PersistentVolumes name it; a runbook that names ext4
    /// whatever the disk holds, as this compiler's once did, leaves every pod unmounted inside
    /// the window (kubelet: "failed to mount the volume as "ext4", it already contains xfs").
    @Test func anXFSDataVolumeIsAdoptedAsXFS() throws {
        let adopted = try rehearse(["Plans/ec2-to-eks.cmplan", "--machine-filesystem", "xfs", "--fresh-state"])
        #expect(adopted.status == 0, "\(adopted.stdout.suffix(1500))")
        #expect(adopted.stdout.contains("cassandra-0 (10.0.1.10) keeps its data on xfs"))
        let hardCoded = try rehearseBrokenBuild("Plans/ec2-to-eks.cmplan", extra: ["--machine-filesystem", "xfs"]) { text in
            text.replacingOccurrences(of: "text=${text//__CMPLAN_FS_TYPE__/${fs}}", with: "text=${text//__CMPLAN_FS_TYPE__/ext4}")
        }
        #expect(hardCoded.status == 1)
        #expect(hardCoded.stdout.contains("failed to mount the volume as \"ext4\", it already contains xfs"), "\(hardCoded.stdout.suffix(1500))")
        #expect(hardCoded.stdout.contains("error: step 17-wait-pods failed"), "\(hardCoded.stdout.suffix(1500))")
    }

    /// num_tokens (issue 15, item 2): a source whose nodes own another count than the plan says
    /// stops at preflight; a target with its own count runs it everywhere, the temporary pods on
    /// its disks included (the image's default, 256 on 3.11, would make them refuse to start:
    /// "Cannot change the number of tokens from 16 to 256").
    @Test func numTokensAreCheckedAndCarriedEverywhere() throws {
        let mismatch = try rehearse(["Plans/k8s-to-k8s.cmplan", "--source-tokens", "16"])
        #expect(mismatch.status == 1)
        #expect(mismatch.stdout.contains("own another number of tokens than num_tokens = 256"), "\(mismatch.stdout.suffix(1500))")
        #expect(mismatch.stdout.contains("check-source-cluster failed"), "\(mismatch.stdout.suffix(1500))")
        let original = try #require(FileBytes.readText(Repository.path("Plans/k8s-to-k8s.cmplan")))
        let sixteen = original.replacingOccurrences(of: "cluster \"new\" {\n", with: "cluster \"new\" {\n  num_tokens = 16\n")
        #expect(sixteen != original)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString).cmplan").path
        try FileBytes.write(sixteen, to: path)
        let carried = try rehearse([path])
        #expect(carried.status == 0, "\(carried.stdout.suffix(1500))")
        #expect(!carried.stdout.contains("Cannot change the number of tokens"))
    }

    /// The storage probe (issue 15, item 13): a source cluster that cannot mount the target's
    /// disks stops the handover at its first prepare step, before the target datacenter or any
    /// borrowed volume exists, with the cause named. The old runbook went on to create the target,
    /// stop its pods and lend their disks, and stopped only when the temporary pods never ran.
    @Test(arguments: [
        ("other-zone", "no node of context old-cluster carries topology.ebs.csi.aws.com/zone=zone-a"),
        ("missing-driver", "context old-cluster has no CSI driver ebs.csi.aws.com"),
        ("node-local", "which is no CSI volume (node-local storage?)"),
    ])
    func storageTheSourceCannotMountStopsTheHandoverFirst(mode: String, cause: String) throws {
        let outcome = try rehearse(["Plans/k8s-to-k8s.cmplan", "--shared-storage", mode])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains(cause), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("error: step 08-probe-storage-sharing failed"), "\(outcome.stdout.suffix(1500))")
        #expect(!outcome.stdout.contains("create-target-datacenter"), "\(outcome.stdout.suffix(1500))")
        // The person running it learns what the probe left and how it goes.
        #expect(outcome.stdout.contains("stay until the remove-storage-probe step runs"), "\(outcome.stdout.suffix(1500))")
    }

    /// A probe cut off anywhere resumes: a re-applied claim keeps the volume it is bound to (as
    /// apply's merge keeps what the binder set), and the source's probe pod, perhaps left holding
    /// the disk, is stopped before the target's mounts it again.
    @Test(arguments: [21, 40])
    func aStorageProbeCutOffInsideResumes(seed: Int) throws {
        let outcome = try rehearse(["Plans/k8s-to-k8s.cmplan", "--interrupt-after", "08-probe-storage-sharing", "--seed", String(seed)])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("INTERRUPT"))
        #expect(outcome.stdout.contains("verdict: PASS"))
    }

    /// From 4.0 every ALTER KEYSPACE wants each known node in NORMAL state
    /// (AlterKeyspaceStatement.validateNoRangeMovements), and a drained, stopped node gossips
    /// `shutdown`: a handover's source, stopped in the window, must leave the ring before it
    /// leaves replication. The 5.0 example whose removal is skipped stops at the first ALTER.
    @Test func aStoppedSourceLeavesTheRingBeforeItsReplicationOn40() throws {
        // The 3.x order: the ALTER first, while the stopped source nodes are still in the ring.
        let outcome = try rehearseBrokenBuild("Plans/k8s-handover-5.cmplan") { text in
            text.replacingOccurrences(
                of: "  remove_datacenter_nodes 'prod-eu-2' 'orders' 'orders-eu2-rack-a-sts-0' 'cassandra' 'eu1'\n",
                with: "  drop_replication 'prod-eu-2' 'orders' 'orders-eu2-rack-a-sts-0' 'cassandra' 'orders' 'eu1'\n")
        }
        #expect(outcome.status == 1)
        #expect(
            outcome.stdout.contains("Cannot alter RF while some endpoints are not in normal state (no range movements)"), "\(outcome.stdout.suffix(1500))")
    }

    /// Cassandra 4.1+ keeps system_auth on a datacenter that still has nodes (CASSANDRA-17478)
    /// and 4.0+ decommission refuses while a keyspace's RF there is at least its node count: the
    /// 4.1 extend drops system_auth only after the decommission, which takes --force. Each broken
    /// order stops where real Cassandra refuses it (issue 16, items 1 and 2).
    @Test func theSourceLeavesSystemAuthLastOnCassandra41() throws {
        let early = try rehearseBrokenBuild("Plans/k8s-extend.cmplan") { text in
            let line = "  drop_replication 'new-cluster' 'cassandra' 'cassandra-x2-r1-sts-0' 'cassandra' 'system_traces' 'x1'\n"
            guard let range = text.range(of: line) else { return text }
            return text.replacingCharacters(
                in: range, with: line + "  drop_replication 'new-cluster' 'cassandra' 'cassandra-x2-r1-sts-0' 'cassandra' 'system_auth' 'x1'\n")
        }
        #expect(early.status == 1)
        #expect(
            early.stdout.contains("Following datacenters have active nodes and must be present in replication options for keyspace system_auth: [x1]"),
            "\(early.stdout.suffix(1500))")
        let unforced = try rehearseBrokenBuild("Plans/k8s-extend.cmplan") { text in
            text.replacingOccurrences(of: "  decommission_nodes 'old-cluster' 'cassandra' '--force' ", with: "  decommission_nodes 'old-cluster' 'cassandra' '-' ")
        }
        #expect(unforced.status == 1)
        #expect(
            unforced.stdout.contains("Not enough live nodes to maintain replication factor in keyspace system_auth (RF = 1, N = 1). Perform a forceful decommission to ignore."),
            "\(unforced.stdout.suffix(1500))")
    }

    /// The rebuild streams at the plan's stream_throughput, which the estimates assume (issue 16,
    /// item 11): a runbook that never sets the limits leaves the senders at the version's
    /// default, and the verdict names the difference.
    @Test func theRebuildStreamsAtThePlansThroughput() throws {
        let outcome = try rehearseBrokenBuild("Plans/k8s-extend.cmplan") { text in
            // The step's guard passes, so it is skipped as if the limits were already set.
            text.replacingOccurrences(of: "streaming_throttled 'old-cluster' 'cassandra' 'MiB' '48' ", with: ": 'old-cluster' 'cassandra' 'MiB' '48' ")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("not the plan's stream_throughput (50331648 bytes/s)"), "\(outcome.stdout.suffix(1500))")
    }

    /// A keyspace on SimpleStrategy (issue 16.10) is declared as DESCRIBE shows it, checked as
    /// such at preflight, converted to NetworkTopologyStrategy in the source's datacenter before
    /// the new one is added (NTS only takes datacenters), and arrives whole.
    @Test func aSimpleStrategyKeyspaceIsConvertedFirstAndArrives() throws {
        let original = try #require(FileBytes.readText(Repository.path("Plans/k8s-extend.cmplan")))
        let simple = original.replacingOccurrences(
            of: "keyspace \"events\" {\n  replication = { x1 = 3 }\n",
            with: "keyspace \"events\" {\n  replication = { class = \"SimpleStrategy\", replication_factor = 3 }\n")
        #expect(simple != original)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("simple-\(UUID().uuidString).cmplan").path
        try FileBytes.write(simple, to: path)
        let outcome = try rehearse([path])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("convert-keyspace-events [migrate]"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("verdict: PASS"))
        // snapshot-load copies it into the target's NetworkTopologyStrategy, counting rows on both.
        let load = try #require(FileBytes.readText(Repository.path("Plans/ec2-snapshot-load.cmplan")))
            .replacingOccurrences(of: "replication = { datacenter1 = 3 }", with: "replication = { class = \"SimpleStrategy\", replication_factor = 3 }")
        let loadPath = FileManager.default.temporaryDirectory.appendingPathComponent("simple-load-\(UUID().uuidString).cmplan").path
        try FileBytes.write(load, to: loadPath)
        let loaded = try rehearse([loadPath])
        #expect(loaded.status == 0, "\(loaded.stdout.suffix(1500))")
    }

    /// A rebuild that names no source (issue 16, item 4) streams each range from its closest
    /// replica, on a new datacenter its own empty nodes wherever a keyspace has two or more
    /// replicas there: only system_auth (one replica in x2) arrives, and the gate stops the run
    /// before the clients move. The runbook always names the source.
    @Test func aRebuildWithoutItsSourceCopiesFromTheClosestReplicaAndTheGateStopsIt() throws {
        let outcome = try rehearseBrokenBuild("Plans/k8s-extend.cmplan") { text in
            text.replacingOccurrences(of: "nodetool rebuild -- \"${source_dc}\"", with: "nodetool rebuild")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("streams each range from its closest replica: system_auth\n"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("verify-x2 failed"), "\(outcome.stdout.suffix(1500))")
        // Stopped at the gate: the source still holds everything, nothing was corrupted.
        #expect(!outcome.stdout.contains("data loss or corruption"), "\(outcome.stdout.suffix(1500))")
    }

    /// The simulator refuses the mount on its own (the scheduler's volume node affinity
    /// conflict), not because the runbook's own check said so: without that check the probe pod
    /// never runs and the run still stops at the probe, with the scheduler's reason.
    @Test func theSimulatorRefusesAnUnmountableProbeWithoutTheRunbooksCheck() throws {
        let outcome = try rehearseBrokenBuild("Plans/k8s-to-k8s.cmplan", extra: ["--shared-storage", "other-zone"]) { text in
            text.replacingOccurrences(
                of: "  expect_volume_mountable 'old-cluster' 'new-cluster' 'cassandra' 'cmplan-k8s-to-k8s-storage-probe'\n", with: "")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("3 node(s) had volume node affinity conflict."), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("error: step 08-probe-storage-sharing failed"), "\(outcome.stdout.suffix(1500))")
    }

    /// Proof that the target runs on the rebuilt data (issue 15, item 12): each temporary node's
    /// host id is recorded before it stops, and each target pod must come up as that node. A
    /// target claim lost before the start (a fresh disk is provisioned, an empty node starts)
    /// stops the run inside the window, before the clients switch and the source is retired.
    @Test func aTargetPodOnAnotherDiskThanItsRebuiltOneStopsTheRun() throws {
        let outcome = try rehearseBroken { text in
            text.replacingOccurrences(
                of: "  delete_object 'old-cluster' 'cassandra' 'persistentvolumeclaim' 'data-cmplan-k8s-to-k8s-x2-rack1-0'\n",
                with: "  delete_object 'old-cluster' 'cassandra' 'persistentvolumeclaim' 'data-cmplan-k8s-to-k8s-x2-rack1-0'\n"
                    + "  delete_object 'new-cluster' 'cassandra' 'persistentvolumeclaim' 'data-cassandra-x2-rack1-0'\n")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("but its disk came from cmplan-k8s-to-k8s-x2-rack1-0"), "\(outcome.stdout.suffix(2000))")
        #expect(outcome.stdout.contains("start-target-datacenter"), "\(outcome.stdout.suffix(1500))")
        #expect(!outcome.stdout.contains("-confirm-clients-switched ["), "\(outcome.stdout.suffix(1500))")
    }

    /// volume-adoption's rollback, run after the pods came up (made automatic here so the
    /// rehearsal reaches it): the new pods stop before the machines start, so no host id ever
    /// runs twice (issue 17, part 5; the old rollback started the machines beside the pods).
    @Test func theAdoptionRollbackStopsThePodsBeforeTheMachinesStart() throws {
        let outcome = try rehearseBrokenBuild("Plans/ec2-to-eks.cmplan") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let start = lines.firstIndex(of: "readonly -a STEP_MANUAL=(") else { return text }
            // The last step's flag (the rollback's) becomes "no": the run goes on into it.
            if let close = lines[start...].firstIndex(of: ")") { lines[close - 1] = "  'no'" }
            return lines.joined(separator: "\n")
        }
        #expect(outcome.stdout.contains("run   19-rollback-restart-machines"), "\(outcome.stdout.suffix(2000))")
        #expect(!outcome.stdout.contains("two nodes share one identity"), "\(outcome.stdout.suffix(2000))")
        #expect(outcome.stdout.contains("Cassandra started again (rollback)"), "\(outcome.stdout.suffix(2000))")
    }
}

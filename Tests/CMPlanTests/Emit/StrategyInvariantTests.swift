@testable import CMPlan
import Foundation
import Testing

/// The runbook invariants RunbookTests proves for one handover, over every strategy and
/// operator the repository has a plan for (issue 14, part 3): preflight and every guard and
/// check only read; every step that deletes, drops, stops, decommissions or clears is marked
/// destructive; steps follow the phases in order with numbered, unique ids.
@Suite struct StrategyInvariantTests {
    /// Every buildable plan in the repository: the examples, the build fixtures, the rule
    /// fixtures of the newer strategies, and the handover fragment on each target operator.
    static let plans: [String] = {
        let folders = ["Plans", "Tests/Fixtures/build", "Tests/CMPlanTests/Rules/Fixtures"]
        let files = folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: Repository.path(folder))) ?? [])
                .filter { $0.hasSuffix(".cmplan") }.sorted().map { "\(folder)/\($0)" }
        }
        return files + ["fragment:casskop", "fragment:cass-operator", "fragment:statefulset"]
    }()

    /// Helpers that delete, drop, stop or discard something a person may still need (holding an
    /// operator is not among them: releasing it undoes the hold).
    static let destroying: Set<Helper> = [
        .deleteObject, .dropReplication, .removeDatacenterNodes, .clearSnapshots, .clearAllSnapshots, .drain, .stopCassandra,
        .decommissionNodes, .stopClientTraffic, .stopNativeAndThrift, .clearNodeSnapshot,
    ]

    /// Whether a call deletes, drops or stops something; the storage probe's own objects hold no
    /// data, so deleting them destroys nothing.
    static func destroys(_ call: Call) -> Bool {
        (destroying.contains(call.helper) && call.arguments.last?.hasSuffix("-storage-probe") != true)
            || ([.scale, .scaleIfPresent].contains(call.helper) && call.arguments.last == "0")
    }

    /// Writes a preflight may make, each for a reason: the progress record is the runbook's own
    /// bookkeeping (the host ids a resume compares against, the filesystems the volumes are mounted as), and the seed probe is a pod that
    /// removes itself (`kubectl run --rm`).
    static let preflightWrites: Set<Helper> = [.recordHostId, .recordFilesystem, .expectReachableFrom]

    /// The text of a plan file, or of a handover fragment on one target operator.
    func planText(_ plan: String) throws -> String {
        if plan.hasPrefix("fragment:") {
            let kind = String(plan.dropFirst("fragment:".count))
            return PlanFragments.handover().replacingOccurrences(of: "operator  = casskop", with: "operator  = \(kind)")
        }
        return try #require(FileBytes.readText(Repository.path(plan)))
    }

    func runbook(_ plan: String) throws -> Runbook {
        let text = try planText(plan)
        let file = SourceFile(path: plan, text: text)
        let result = Frontend.run(file)
        let parsed = try #require(result.plan, "\(plan): \(result.diagnostics.diagnostics.map(\.message))")
        return try RunbookCompiler.compile(parsed, source: file, warnings: []).get()
    }

    /// The window's estimate is the sum of its steps' estimates (issue 17.3, 17.4): every part
    /// of the outage PLAN.md's summary adds up belongs to a step of the window, and no step of
    /// the window has a figure the summary leaves out.
    @Test(arguments: plans)
    func theWindowsEstimateIsTheSumOfItsStepsEstimates(plan: String) throws {
        let runbook = try runbook(plan)
        let window = runbook.steps.filter { $0.inDowntime && !$0.manualOnly }.compactMap {
            runbook.estimates.estimate(ofStep: $0.name, strategy: runbook.strategy)?.duration
        }
        let sum = window.reduce(UInt64(0)) { $0 + $1.milliseconds }
        #expect(sum == runbook.estimates.outage.total.milliseconds, "\(plan): the window's steps add up to \(sum) ms, the summary says \(runbook.estimates.outage.arithmetic)")
    }

    /// A step that does work docs/estimates.md has a model for (or says it has none for) gets
    /// its estimate by what it calls, not by its name: a renamed rebuild, load, snapshot or start
    /// step that lost its figure in PLAN.md fails here.
    @Test(arguments: plans)
    func everyLongStepHasItsEstimate(plan: String) throws {
        let runbook = try runbook(plan)
        let long: Set<Helper> = [.rebuild, .repairFull, .startLoader, .snapshotNode, .createVolume, .stopCassandra, .startSnapshot, .drain]
        for step in runbook.steps where !step.manualOnly && step.action.contains(where: { long.contains($0.helper) }) {
            // The temporary datacenter's drain before its disks go back is part of the source's stop.
            if step.name == "stop-temporary-datacenter" { continue }
            #expect(
                runbook.estimates.estimate(ofStep: step.name, strategy: runbook.strategy) != nil,
                "\(plan): step \(step.id) calls \(step.action.map(\.helper).filter(long.contains).map(\.rawValue)) but PLAN.md gives it no estimate")
        }
    }

    /// PLAN.md's way back (issue 17.3) covers every phase the runbook has, and every step it
    /// names is a step of this runbook, so a renamed or renumbered step cannot leave it stale.
    @Test(arguments: plans)
    func theWayBackCoversEveryPhaseAndNamesRealSteps(plan: String) throws {
        let runbook = try runbook(plan)
        let phases = Set(runbook.steps.map(\.phase.rawValue))
        #expect(phases.isSubset(of: Set(runbook.wayBack.map(\.phase))), "\(plan): phases without a way back: \(phases.subtracting(runbook.wayBack.map(\.phase)))")
        let ids = Set(runbook.steps.map(\.id))
        for entry in runbook.wayBack {
            for named in (entry.how + " " + entry.lost).split(separator: "`").enumerated().filter({ $0.offset % 2 == 1 }).map({ String($0.element) })
            where named.first?.isNumber == true || (named.first?.isLetter == true && named.contains("-") && !named.contains(" ")) {
                // An unnumbered step name is what WayBack writes for a step this runbook lacks.
                #expect(ids.contains(named), "\(plan): the way back from \(entry.phase) names \(named), which is no step")
            }
        }
    }

    /// PLAN.md says only what holds for this plan: the source's operator is held only where the
    /// source runs one (an extend from plain StatefulSets said "the source's operator held first" and "its
    /// operator stays held"), and the login comes from the plan's credentials block where it has
    /// one (the notes said "credentials come from CQLSH_USERNAME and CQLSH_PASSWORD" for every plan).
    @Test(arguments: plans)
    func theReviewDocumentsWordsFitThePlan(plan: String) throws {
        let runbook = try runbook(plan)
        let parsed = try #require(Frontend.run(SourceFile(path: plan, text: try planText(plan))).plan)
        let words = runbook.notes + runbook.steps.map(\.purpose)
        if case .kubernetes(let source) = parsed.source.placement, source.operatorWorkload == nil {
            #expect(!words.contains { $0.contains("source's operator held") || $0.contains("operator stays held") }, "\(plan): \(words.filter { $0.contains("held") })")
        }
        if parsed.source.credentials != nil {
            #expect(!runbook.notes.contains { $0.contains("CQLSH_USERNAME") }, "\(plan): \(runbook.notes.filter { $0.contains("CQLSH") })")
        }
    }

    @Test(arguments: plans)
    func preflightGuardsAndChecksOnlyRead(plan: String) throws {
        for step in try runbook(plan).steps {
            if step.phase == .preflight {
                #expect(
                    step.action.allSatisfy { $0.helper.isReadOnly || Self.preflightWrites.contains($0.helper) },
                    "\(plan): preflight step \(step.id) changes something")
            }
            #expect((step.guardCalls + step.check).allSatisfy { $0.helper.isReadOnly }, "\(plan): \(step.id)'s guard or check changes something")
        }
    }

    @Test(arguments: plans)
    func destructiveStepsAreMarked(plan: String) throws {
        for step in try runbook(plan).steps {
            #expect(!step.action.contains(where: Self.destroys) || step.destructive, "\(plan): \(step.id) deletes, stops or drops but is not marked destructive")
        }
    }

    @Test(arguments: plans)
    func stepsFollowThePhasesInOrder(plan: String) throws {
        let steps = try runbook(plan).steps
        let order = steps.compactMap { Phase.allCases.firstIndex(of: $0.phase) }
        #expect(order == order.sorted(), "\(plan): phases out of order")
        #expect(Set(steps.map(\.id)).count == steps.count, "\(plan): repeated step ids")
        for (index, step) in steps.enumerated() {
            #expect(step.id.hasPrefix(String(format: "%02d-", index + 1)), "\(plan): step \(index + 1) is \(step.id)")
        }
    }

    /// The downtime window is one run of steps, opened by the confirmation that clients stop
    /// (or writes stop, snapshot-load) and closed by the one that points them at the target;
    /// datacenter-extend has none. Every step that stops the source or cuts clients lies inside.
    @Test(arguments: plans)
    func theDowntimeWindowIsOneBoundedRun(plan: String) throws {
        let runbook = try runbook(plan)
        let steps = runbook.steps
        let window = steps.enumerated().filter { $0.element.inDowntime }.map(\.offset)
        if runbook.strategy == .datacenterExtend {
            #expect(window.isEmpty, "\(plan): datacenter-extend has no downtime window")
            return
        }
        let first = try #require(window.first, "\(plan): no downtime window")
        #expect(window == Array(first...(window.last ?? first)), "\(plan): the window has a gap")
        let opening = runbook.strategy == .snapshotLoad ? "confirm-writes-stopped" : "confirm-downtime-start"
        #expect(steps[first].id.hasSuffix(opening), "\(plan): the window opens with \(steps[first].id)")
        #expect(steps[window.last ?? first].id.hasSuffix("confirm-clients-switched"), "\(plan): the window closes with \(steps[window.last ?? first].id)")
        let stopping: Set<Helper> = [.stopCassandra, .stopClientTraffic, .stopNativeAndThrift, .drain]
        for (index, step) in steps.enumerated() where step.action.contains(where: { stopping.contains($0.helper) }) && !step.manualOnly {
            #expect(window.contains(index), "\(plan): \(step.id) stops the source outside the window")
        }
    }
}

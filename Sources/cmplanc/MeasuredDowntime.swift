import CMPlanModel
import Foundation

/// Where the rehearsal's outage fell, next to the downtime window and estimate PLAN.md announces.
/// The simulator marks in its timeline when no datacenter can serve every keyspace any more
/// (`OUTAGE:`) and when one can again (`SERVED:`), judged from its world alone (World.servingDatacenter);
/// every step that ran while none could must be one plan.json counts in the window (`inDowntime`),
/// or a rollback, which runs from the window by design. The simulator keeps no clock, so this
/// measures which steps the outage spans, not how long it lasts.
struct MeasuredDowntime {
    /// One step of plan.json, as far as the window goes.
    struct Step {
        let id: String
        let inDowntime: Bool
        let manualOnly: Bool
    }

    let steps: [Step]
    /// plan.json's estimatedDowntimeSeconds and downtimeBudgetSeconds.
    let estimatedSeconds: Int?
    let budgetSeconds: Int?

    /// What one rehearsal's timeline shows: the report's text and the problems for the verdict.
    struct Measurement {
        let report: String
        let problems: [String]
    }

    /// Reads the steps and figures of a plan.json; nil when it has no steps.
    init?(planJSON: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(planJSON.utf8)) as? [String: Any],
            let steps = object["steps"] as? [[String: Any]], !steps.isEmpty
        else { return nil }
        self.steps = steps.compactMap { step in
            (step["id"] as? String).map {
                Step(id: $0, inDowntime: step["inDowntime"] as? Bool ?? false, manualOnly: step["manualOnly"] as? Bool ?? false)
            }
        }
        estimatedSeconds = object["estimatedDowntimeSeconds"] as? Int
        budgetSeconds = object["downtimeBudgetSeconds"] as? Int
    }

    /// The steps, in the order they first ran, that ran at least in part while no datacenter could
    /// serve every keyspace: the one during which the outage began, every one started during it,
    /// and so the one that ended it.
    static func outageSteps(in timeline: String) -> [String] {
        var current: String?
        var serving = true
        var found: [String] = []
        func note(_ step: String?) {
            if let step, !found.contains(step) { found.append(step) }
        }
        for line in timeline.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("run   ") {
                current = String(line.dropFirst(6).prefix { $0 != " " })
                if !serving { note(current) }
            } else if line.hasPrefix("    ~ OUTAGE:") {
                serving = false
                note(current)
            } else if line.hasPrefix("    ~ SERVED:") {
                serving = true
            }
        }
        return found
    }

    /// Measures `timeline` (every run of one rehearsal, in order) against the window.
    func measure(_ timeline: String) -> Measurement {
        let outage = Self.outageSteps(in: timeline)
        let window = steps.filter(\.inDowntime).map(\.id)
        let announced: String
        if let first = window.first, let last = window.last {
            let estimate = estimatedSeconds.map { " estimated at \(Duration(milliseconds: UInt64(max($0, 0)) * 1000))" } ?? ""
            let budget = budgetSeconds.map { " (budget \(Duration(milliseconds: UInt64(max($0, 0)) * 1000)))" } ?? ""
            announced = "PLAN.md's downtime window runs from \(first) to \(last),\(estimate)\(budget)"
        } else {
            announced = "PLAN.md announces no downtime window"
        }
        let seen: String
        if let first = outage.first, let last = outage.last {
            let span = first == last ? first : "\(first) to \(last)"
            seen = "no datacenter could serve every keyspace during \(span) (\(outage.count) step\(outage.count == 1 ? "" : "s"))"
        } else {
            seen = "some datacenter could serve every keyspace throughout"
        }
        let report = "downtime as rehearsed: \(seen); \(announced). The simulator keeps no clock: this checks where the outage falls, not how long it lasts.\n"
        let byId = Dictionary(steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let problems = outage.compactMap { id -> String? in
            guard let step = byId[id], !step.inDowntime, !step.manualOnly else { return nil }
            return "no datacenter could serve every keyspace while \(id) ran, a step PLAN.md leaves out of the downtime window"
        }
        return Measurement(report: report, problems: problems)
    }
}

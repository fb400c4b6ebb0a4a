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

    /// Where the outages of a timeline began and ended: the step running when the simulator marked
    /// `OUTAGE:`, the one running at `SERVED:` (nil while it never came back), and every step that
    /// started while none could serve (a resumed run's preflight among them).
    struct Outage {
        var began: String?
        var ended: String?
        var startedDuring: [String] = []
    }

    /// The outages of `timeline`, in order.
    static func outages(in timeline: String) -> [Outage] {
        var current: String?
        var found: [Outage] = []
        for line in timeline.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("run   ") {
                current = String(line.dropFirst(6).prefix { $0 != " " })
                if let last = found.indices.last, found[last].ended == nil, let current { found[last].startedDuring.append(current) }
            } else if line.hasPrefix("    ~ OUTAGE:") {
                found.append(Outage(began: current))
            } else if line.hasPrefix("    ~ SERVED:"), let last = found.indices.last, found[last].ended == nil {
                found[last].ended = current
            }
        }
        return found
    }

    /// Measures `timeline` (every run of one rehearsal, in order) against the window: an outage
    /// must begin in a step of the window (or a rollback), and neither the step that closes the
    /// window (the clients are let back) nor any after it may start while it lasts. Steps before the window that a
    /// resumed run checks again meanwhile are fine: they only read.
    func measure(_ timeline: String) -> Measurement {
        let outages = Self.outages(in: timeline)
        let index = Dictionary(steps.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let byId = Dictionary(steps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let window = steps.filter(\.inDowntime).map(\.id)
        let announced: String
        if let first = window.first, let last = window.last {
            let estimate = estimatedSeconds.map { " estimated at \(Duration(milliseconds: UInt64(max($0, 0)) * 1000))" } ?? ""
            let budget = budgetSeconds.map { " (budget \(Duration(milliseconds: UInt64(max($0, 0)) * 1000)))" } ?? ""
            announced = "PLAN.md's downtime window runs from \(first) to \(last),\(estimate)\(budget)"
        } else {
            announced = "PLAN.md announces no downtime window"
        }
        let spans = outages.map { outage -> String in
            let began = outage.began ?? "the start"
            guard let ended = outage.ended else { return "from \(began) to the end of the run" }
            let count = (index[ended] ?? 0) - (index[began] ?? 0) + 1
            return began == ended ? "during \(began)" : "during \(began) to \(ended) (\(count) steps)"
        }
        let seen = spans.isEmpty ? "some datacenter could serve every keyspace throughout" : "no datacenter could serve every keyspace " + spans.joined(separator: ", then ")
        let report = "downtime as rehearsed: \(seen); \(announced). The simulator keeps no clock: this checks where the outage falls, not how long it lasts.\n"
        var problems: [String] = []
        let lastWindow = window.last.flatMap { index[$0] } ?? -1
        for outage in outages {
            if let began = outage.began, let step = byId[began], !step.inDowntime, !step.manualOnly {
                problems.append("no datacenter could serve every keyspace from \(began) on, a step PLAN.md leaves out of the downtime window")
            }
            for id in outage.startedDuring where lastWindow >= 0 && (index[id] ?? -1) >= lastWindow && byId[id]?.manualOnly == false {
                problems.append("no datacenter could serve every keyspace yet when \(id) started, which \(id == window.last ? "closes" : "comes after") PLAN.md's downtime window")
            }
        }
        return Measurement(report: report, problems: problems)
    }
}

import CMPlan
import Foundation

/// `rehearse --roll-back-after STEP` (issue 17.5): the run is killed once STEP is behind it, then
/// the plan's rollback step (its first, or the one `--roll-back-with` names) runs alone
/// (`--only`), then again, where its guard must find it done and nothing may change; the verdict
/// wants the source whole (RehearsalWorld.verifyRolledBack).
extension RehearseCommand {
    /// The problems the runs themselves showed, or why the option cannot be honoured.
    func rollBack(after step: String, planJSON: String, steps: [String], runner: RunbookRunner, work: URL) -> Result<[String], UsageError> {
        let others = [
            ("--twice", twice), ("--fresh-state", freshState), ("--interrupt-after", interruptAfter != nil),
            ("--interrupt-on", interruptOn != nil), ("--fail-once", failOnce != nil), ("--forget-journal", forgetJournal),
            ("--drop-connection", !dropConnection.isEmpty),
        ].filter(\.1).map(\.0)
        guard others.isEmpty else {
            return .failure(
                UsageError(
                    message: "--roll-back-after stops the run itself and runs the rollback twice; it does not combine with \(others.joined(separator: ", "))"
                ))
        }
        let rollbacks = Self.rollbackSteps(planJSON)
        guard let firstRollback = rollbacks.first else {
            return .failure(UsageError(message: "--roll-back-after: \(planPath) has no rollback step (a manual-only step run with --only)"))
        }
        let rollback: String
        if let chosen = rollBackWith {
            // An id from --list, or its number.
            let named = Int(chosen).flatMap { steps.indices.contains($0 - 1) ? steps[$0 - 1] : nil } ?? chosen
            guard rollbacks.contains(named) else {
                return .failure(UsageError(message: "--roll-back-with \(chosen) names no rollback step of \(planPath) (\(rollbacks.joined(separator: ", ")))"))
            }
            rollback = named
        } else {
            rollback = firstRollback
        }
        guard let index = Int(step).map({ $0 - 1 }) ?? steps.firstIndex(of: step), steps.indices.contains(index), steps[index] != rollback else {
            return .failure(UsageError(message: "--roll-back-after \(step) names no step of the run before \(rollback) (1...\(steps.count) or an id from --list)"))
        }
        var problems: [String] = []
        let first = runner.run(label: "run 1 (until \(steps[index]) is done)", interruptAfter: index, seed: nil)
        if !first.killed, first.status != 0 { problems.append("the run failed before \(steps[index]) was done (exit \(first.status))") }
        Terminal.out("\n-- the run stopped after \(steps[index]); the person decides to go back --\n\n")
        try? FileManager.default.removeItem(at: work.appendingPathComponent("state/lock"))
        let back = runner.run(label: "rollback", interruptAfter: nil, seed: nil, arguments: ["--only", rollback])
        if back.status != 0 { problems.append("the rollback step \(rollback) failed (exit \(back.status))") }
        if back.status == 0 {
            problems += secondRunFindsEverythingDone(runner, work: work, label: "rollback run again", fresh: false, arguments: ["--only", rollback])
        }
        return .success(problems)
    }

    /// The manual-only steps of the plan whose ids say they are rollbacks, in run order.
    static func rollbackSteps(_ planJSON: String) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(planJSON.utf8)) as? [String: Any],
            let steps = object["steps"] as? [[String: Any]]
        else { return [] }
        return steps.compactMap { step in
            guard (step["manualOnly"] as? Bool) == true, let id = step["id"] as? String, id.contains("rollback") else { return nil }
            return id
        }
    }
}

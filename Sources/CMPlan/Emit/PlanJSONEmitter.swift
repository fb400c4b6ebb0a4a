/// Renders plan.json: the runbook IR as data, for other tools (deterministic key order).
public enum PlanJSONEmitter {
    /// The document.
    public static func render(_ runbook: Runbook) -> String {
        let steps: [JSONValue] = runbook.steps.map { step in
            .object([
                ("id", .string(step.id)),
                ("phase", .string(step.phase.rawValue)),
                ("purpose", .string(step.purpose)),
                ("cluster", step.cluster.map(JSONValue.string) ?? .null),
                ("destructive", .bool(step.destructive)),
                ("inDowntime", .bool(step.inDowntime)),
                ("manualOnly", .bool(step.manualOnly)),
                ("marksProgress", .bool(step.marksProgress)),
                ("guard", calls(step.guardCalls)),
                ("premise", calls(step.premise)),
                ("action", calls(step.action)),
                ("check", calls(step.check)),
            ])
        }
        let manifests: [JSONValue] = runbook.manifests.map {
            .object([
                ("cluster", .string($0.cluster)), ("path", .string($0.path)), ("kind", .string($0.kind)), ("name", .string($0.name)),
                ("template", .bool($0.isTemplate)),
            ])
        }
        let document: JSONValue = .object([
            ("plan", .string(runbook.planName)),
            ("planSha256", .string(runbook.planHash)),
            ("strategy", .string(runbook.strategy.rawValue)),
            ("compiler", .string("cmplanc \(CMPlanVersion.current)")),
            (
                "clusters",
                .array(
                    runbook.clusters.map {
                        .object([
                            ("label", .string($0.label)), ("role", .string($0.role)), ("location", .string($0.location)),
                            ("kubernetesVersion", $0.kubernetesVersion.map(JSONValue.string) ?? .null),
                        ])
                    })
            ),
            ("downtimeBudgetSeconds", .integer(Int(runbook.downtimeBudget.milliseconds / 1000))),
            ("estimatedDowntimeSeconds", .integer(Int(runbook.estimates.outage.total.milliseconds / 1000))),
            ("steps", .array(steps)),
            ("manifests", .array(manifests)),
            ("warnings", .array(runbook.warnings.map(JSONValue.string))),
        ])
        return document.pretty
    }

    static func calls(_ calls: [Call]) -> JSONValue {
        .array(calls.map { .object([("helper", .string($0.helper.rawValue)), ("arguments", .array($0.arguments.map(JSONValue.string)))]) })
    }
}

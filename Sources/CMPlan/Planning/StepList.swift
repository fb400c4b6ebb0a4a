/// Builds a runbook's steps in order and numbers them `NN-verb-object`, so ids stay stable
/// for a given plan and readable in `--list`, PLAN.md and the journal.
struct StepList {
    private(set) var steps: [Step] = []

    /// Appends a step; `name` is the `verb-object` part of its id.
    mutating func add(
        _ phase: Phase, _ name: String, _ purpose: String, cluster: String? = nil, guard guardCalls: [Call] = [],
        action: [Call], check: [Call] = [], destructive: Bool = false, inDowntime: Bool = false, manualOnly: Bool = false
    ) {
        let number = steps.count + 1
        let id = (number < 10 ? "0\(number)" : "\(number)") + "-" + StepList.slug(name)
        steps.append(
            Step(
                id: id, phase: phase, purpose: purpose, cluster: cluster, guardCalls: guardCalls, action: action, check: check,
                destructive: destructive, inDowntime: inDowntime, manualOnly: manualOnly))
    }

    /// Appends a step that asks the person running the runbook to confirm something done
    /// outside it. The answer is recorded in the target cluster under the step's name, so a
    /// run that lost its journal does not ask again for what was already confirmed.
    mutating func addConfirmation(_ phase: Phase, _ name: String, _ purpose: String, message: String, inDowntime: Bool = false) {
        let key = StepList.slug(name)
        add(
            phase, name, purpose, guard: [Call(.confirmed, [key])], action: [Call(.confirm, [key, message])], inDowntime: inDowntime)
    }

    /// Gives the last step added the premise its action must find true (see `Step.premise`).
    mutating func requirePremise(_ calls: [Call]) {
        guard !steps.isEmpty else { return }
        steps[steps.count - 1].premise += calls
    }

    /// Marks the last step added as a progress mark (see `Step.marksProgress`).
    mutating func markProgress() {
        guard !steps.isEmpty, !steps[steps.count - 1].guardCalls.isEmpty else { return }
        steps[steps.count - 1].marksProgress = true
    }

    /// Lowercase letters, digits and single dashes.
    static func slug(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.hasSuffix("-") {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }
}

extension StepList {
    /// The step that applies a new datacenter's vm.max_map_count DaemonSets in its cluster and
    /// waits for them (seed 000's errno=12 restarts).
    mutating func raiseMaxMapCount(manifests: [Manifest], context: String, namespace: String, cluster: String) {
        let daemonSets = manifests.filter { $0.kind == "DaemonSet" }
        let present = daemonSets.map { Call(.objectExists, [context, namespace, "daemonset", $0.name]) }
        add(
            .prepare, "raise-max-map-count", "set vm.max_map_count=1048575 on the target cluster's nodes (below it, mapping many SSTables fails with errno=12, out of memory)",
            cluster: cluster, guard: present,
            action: daemonSets.flatMap { [Call(.applyManifest, [context, $0.path]), Call(.waitRollout, [context, namespace, "daemonset", $0.name])] },
            check: present)
    }
}

extension StepList {
    /// The step that copies the source's login into the Secret a cass-operator target names as
    /// its superuser, before the CassandraDatacenter exists (cass-operator validates it first);
    /// nothing when there is none to copy (NodeSecurity.superuserSecret).
    mutating func copyLoginToTarget(_ plan: Plan, context: String, namespace: String, cluster: String) {
        guard let secret = NodeSecurity.superuserSecret(plan) else { return }
        let present = [Call(.objectExists, [context, namespace, "secret", secret])]
        add(
            .prepare, "copy-login-to-target",
            "copy the source's login into the Secret \(secret) in the target namespace, which the CassandraDatacenter names as its superuser: cass-operator then upserts the existing role instead of adding its own",
            cluster: cluster, guard: present, action: [Call(.applyLoginSecret, [context, namespace, secret])], check: present)
    }
}

import CMPlan

/// The `--help` texts, one per command.
enum HelpText {
    static let overview = """
        cmplanc \(CMPlanVersion.current): compiles a Cassandra migration plan (.cmplan) into a reviewed,
        idempotent runbook and the Kubernetes manifests it applies.

        usage:
          cmplanc check FILE...              report every error and warning; exit 0 when there is no error
          cmplanc build FILE... [--out DIR]  check, then write the runbook and manifests (default root: Generated/)
          cmplanc fmt [--check] FILE...      rewrite plans in canonical layout; --check lists files that would change
          cmplanc explain RULE               what a rule means, why it matters and how to fix it
          cmplanc rules                      every rule: name, severity, one-line summary
          cmplanc rehearse FILE [options]    run the generated runbook against simulated clusters and check the result

        options:
          --format text|json|sarif   how diagnostics are written (check, build); json and sarif go to stdout
          --version                  print the version
          --help                     print this help, or a command's with cmplanc COMMAND --help

        exit status: 0 no errors (warnings allowed), 1 errors in a plan, 2 usage or I/O error.
        docs: docs/language.md (the language), docs/rules.md (the rules).
        """

    static func text(for command: String) -> String? {
        switch command {
        case "check":
            return """
                usage: cmplanc check [--format text|json|sarif] FILE...

                Parses and checks each plan and reports every finding in one run. Text goes to
                standard error with the source line and a caret under the offending text (colour
                only on a terminal; NO_COLOR turns it off); json writes one object per line and
                sarif a SARIF 2.1.0 log to standard output.
                Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage or I/O error.
                """
        case "build":
            return """
                usage: cmplanc build [--out DIR] [--format text|json|sarif] FILE...

                Checks each plan, then writes DIR/<plan name>/ (runbook.sh, manifests/, PLAN.md,
                plan.json). Nothing is written when any error is reported.
                """
        case "fmt":
            return """
                usage: cmplanc fmt [--check] FILE...

                Rewrites each plan in the canonical layout: two-space indent, '=' aligned within
                a block, one blank line between top-level blocks, labels quoted, comments kept.
                With --check nothing is written: the files that would change are listed and the
                exit status is 1 if there are any. A file with syntax errors is left untouched.
                """
        case "explain":
            return """
                usage: cmplanc explain RULE

                Prints what the rule checks, why it matters (the failure it prevents) and how to
                fix a finding, with a before/after plan fragment. `cmplanc rules` lists the rules.
                """
        case "rules":
            return "usage: cmplanc rules\n\nLists every rule with its severity and a one-line summary."
        case "rehearse":
            return """
                usage: cmplanc rehearse FILE [--runbook FILE] [--twice] [--interrupt-after STEP] [--seed N] [--fail-once REGEX]
                       [--clients-stay] [--fresh-state] [--forget-journal] [--interrupt-on REGEX] [--drop-connection REGEX]
                       [--machine-filesystem FS] [--source-tokens N] [--shared-storage MODE] [--keep]
                       [--real-aws ENDPOINT] [--real-ssh SHELL] [--roll-back-after STEP [--roll-back-with STEP]]
                       [--node-cqlshrc FILE]

                Builds the plan, simulates its source cluster (operator, pods, disks, Cassandra with the
                declared keyspaces), runs the generated runbook unmodified with --yes against simulated
                kubectl/nodetool/cqlsh, and checks the end state is the plan's target with no invariant
                broken (data loss, a disk deleted or shared, a node started under another DC or rack).
                It reports the steps during which no datacenter could serve every keyspace next to PLAN.md's
                downtime window and estimate, and fails when one is outside that window.
                  --runbook FILE          rehearse this runbook instead of a fresh build
                  --twice                 run again after success; nothing may change
                  --fresh-state           after success, run again with an empty state dir: every guard must
                                          find its step done from the live system, and nothing may change
                  --interrupt-after STEP  kill the run after STEP (number or id), then run it again
                  --seed N                with --interrupt-after: kill inside the step, after N-seeded commands
                  --fail-once REGEX       the first simulated command matching REGEX fails; the run must stop
                                          saying how to resume, and a second run must finish
                  --roll-back-after STEP  run until STEP is done, then the plan's rollback step alone (twice: the
                                          second must find it done); the verdict wants the source as it was
                  --roll-back-with STEP   with --roll-back-after: which rollback step (default: the plan's first)
                  --interrupt-on REGEX    kill the run while the first simulated command matching REGEX runs
                                          (a long one, nodetool rebuild or decommission or sstableloader,
                                          goes on without its caller), then run it again
                  --drop-connection REGEX the first simulated command matching REGEX starts, but its kubectl
                                          connection closes first (as the kubelet closes a silent exec stream
                                          after its streaming-connection-idle-timeout): a long one goes on,
                                          kubectl exits 1; may be given several times, each used once
                  --forget-journal        with --interrupt-after, --interrupt-on or --fail-once: delete the journal before
                                          the resume, so the guards alone must bring the run to the end
                  --node-cqlshrc FILE     every Cassandra node's ~/.cassandra/cqlshrc holds FILE's text (which
                                          cqlsh reads unless --cqlshrc names another file)
                  --clients-stay          the simulated clients stay connected to the source whatever the
                                          runbook asks; the runbook must stop before anything is lost
                  --machine-filesystem FS the simulated machines keep their data on FS (ext2, ext3, ext4
                                          or xfs; default ext4)
                  --source-tokens N       every source node owns N tokens, whatever num_tokens the plan
                                          says (the preflight must notice)
                  --keep                  keep the rehearsal's folder after a PASS too (world.json, events.log,
                                          calls.jsonl: every command line the runbook gave a tool)
                  --shared-storage MODE   how the two Kubernetes clusters share storage: csi (default: both
                                          run the EBS CSI driver in one zone), missing-driver (the source
                                          does not run it), other-zone (the source's nodes are in another
                                          zone) or node-local (the target's class makes local-path volumes)
                  --real-aws ENDPOINT     volume-adoption: the runbook's aws calls go to the real aws CLI (on PATH)
                                          against the local EC2 at ENDPOINT (a moto server, http://127.0.0.1:PORT),
                                          seeded with the plan's machines and volumes under EC2's own ids
                  --real-ssh SHELL        machine sources: the runbook's ssh calls go to the real ssh client and a
                                          local sshd of the rehearsal's own whose login shell (bash or dash) parses
                                          each remote command and starts the simulator's stand-ins for the machine
                Exit status: 0 when the verdict is PASS, 1 when it is FAIL, 2 on a usage error.
                """
        case "help":
            return overview
        default:
            return nil
        }
    }
}

@testable import CMPlan
import Foundation
import Testing

/// The runbook library's helpers one at a time: a real runbook is sourced (which runs
/// nothing), the tools it calls are replaced by stub functions that behave as the real ones
/// do, and a helper is called (issue 12, items 4 and 6).
@Suite struct LibraryHelperTests {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `body` in bash after sourcing the snapshot-load example's runbook (machines over ssh).
    func bash(_ body: String) throws -> Outcome {
        let text = try #require(FileBytes.readText(Repository.path("Plans/ec2-snapshot-load.cmplan")))
        let file = SourceFile(path: "ec2-snapshot-load.cmplan", text: text)
        let plan = try #require(Frontend.run(file).plan)
        let runbook = try RunbookCompiler.compile(plan, source: file, warnings: []).get()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("library-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("runbook.sh").path
        try FileBytes.write(BashEmitter.render(runbook), to: path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "source \(BashEmitter.quoted(path))\nSTATE_DIR=\(BashEmitter.quoted(directory.path))\n" + body]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// The real client reads its standard input unless -n: a stub that does the same shows
    /// whether a `while read` loop over machines reaches every line.
    @Test func sshInsideAReadLoopLeavesTheLoopItsInput() throws {
        let outcome = try bash(
            """
            ssh() { local argument; for argument in "$@"; do [[ "${argument}" != -n ]] || { echo "ran"; return 0; }; done; cat >/dev/null; echo "ran"; }
            while IFS= read -r table; do on_machine ubuntu 10.0.0.1 - ls "${table}"; done <<<$'t1\\nt2\\nt3'
            """)
        #expect(outcome.stdout == "ran\nran\nran\n", "\(outcome)")
    }

    /// The remote login shell may be dash: the command must arrive word for word there too.
    @Test func remoteCommandsAreQuotedForAnyPOSIXShell() throws {
        let outcome = try bash(
            """
            ssh() { local command=${*: -1}; /bin/sh -c "for w in ${command}; do printf '[%s]' \\"\\$w\\"; done"; }
            on_machine ubuntu 10.0.0.1 - cqlsh -e $'SELECT *\\tFROM t WHERE k = \\'it\\'\\'s\\';\\n' '$HOME' ''
            """)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout == "[cqlsh][-e][SELECT *\tFROM t WHERE k = 'it''s';\n][$HOME][]", "\(outcome)")
    }

    /// ssh's own failure (exit 255) is reported as such, never read as "Cassandra is stopped".
    @Test func anSSHFailureIsNotAStoppedCassandra() throws {
        let stub = "ssh() { echo 'Host key verification failed.' >&2; return 255; }\nLOG_FILE=/dev/null\n"
        for call in ["stop_cassandra ubuntu - 10.0.0.1", "cassandra_stopped ubuntu - 10.0.0.1", "expect_data_mount ubuntu 10.0.0.1 -"] {
            let outcome = try bash(stub + "if \(call); then echo succeeded; else echo failed; fi")
            #expect(outcome.stdout.hasSuffix("failed\n"), "\(call): \(outcome)")
            #expect(!outcome.stdout.contains("already stopped"), "\(call): \(outcome)")
            #expect(outcome.stderr.contains("cannot reach 10.0.0.1 over ssh (exit 255"), "\(call): \(outcome)")
        }
    }

    /// A snapshot still pending or a volume still creating is not done: a guard that counted
    /// them let a resume create volumes from unfinished snapshots (issue 12, item 5). The
    /// answers are the aws CLI's text output of `--query 'Snapshots[0].[SnapshotId,State]'`.
    @Test func guardsCountOnlyCompletedSnapshotsAndAvailableVolumes() throws {
        for (answer, expected) in [("snap-0123\tpending", "not done"), ("snap-0123\tcompleted", "done"), ("None", "not done")] {
            let outcome = try bash(
                "aws() { printf '\(answer)\\n'; }\nLOG_FILE=/dev/null\nif snapshots_taken us-east-1 final db1; then echo done; else echo 'not done'; fi")
            #expect(outcome.stdout == expected + "\n", "\(answer): \(outcome)")
        }
        for (answer, expected) in [("vol-0123\tcreating", "not done"), ("vol-0123\tavailable", "done"), ("vol-0123\tin-use", "done")] {
            let outcome = try bash(
                "aws() { printf '\(answer)\\n'; }\nLOG_FILE=/dev/null\nif volumes_created us-east-1 db1; then echo done; else echo 'not done'; fi")
            #expect(outcome.stdout == expected + "\n", "\(answer): \(outcome)")
        }
    }

    /// A rebuild left running by a run that died is waited for: a second `nodetool rebuild`
    /// while one runs is refused by Cassandra ("Node is still rebuilding"), so the stub refuses
    /// it too. netstats prints "Rebuild <plan id>" while it runs (tools/nodetool/NetStats.java).
    @Test func aResumedRebuildWaitsForTheOneStillRunning() throws {
        let outcome = try bash(
            """
            LOG_FILE=/dev/null POLL_SECONDS=0 WAIT_SECONDS=5
            # The command substitutions run the stub in subshells: the poll count lives in a file.
            counter="${STATE_DIR}/polls"
            echo 0 >"${counter}"
            kubectl() {
              local polls
              polls=$(<"${counter}")
              case "$*" in
                *"nodetool netstats"*) echo $(( polls + 1 )) >"${counter}"; if (( polls < 2 )); then printf 'Mode: NORMAL\\nRebuild 3a1f-1\\n'; else printf 'Mode: NORMAL\\nNot sending any streams.\\n'; fi ;;
                *"nodetool rebuild"*) if (( polls < 3 )); then echo "error: Node is still rebuilding. Check nodetool netstats."; return 2; fi; echo rebuilt ;;
                *) return 0 ;;
              esac
            }
            rebuild_one ctx ns pod-0/cassandra dc1
            """)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout.contains("a rebuild is still running on pod-0 (started by an earlier run): waiting for it"), "\(outcome)")
        #expect(outcome.stdout.contains("rebuilt") && !outcome.stdout.contains("still rebuilding"), "\(outcome)")
    }

    /// The resume hint can be pasted: it names the runbook, its state dir and the step.
    @Test func theResumeHintCarriesTheStateDir() throws {
        let outcome = try bash("STATE_DIR='/var/tmp/state dir'\nresume_command hint 12-load-snapshots\nprintf '%s\\n' \"${hint}\"")
        #expect(outcome.stdout.contains("--state-dir /var/tmp/state\\ dir --from 12-load-snapshots"), "\(outcome)")
    }
}

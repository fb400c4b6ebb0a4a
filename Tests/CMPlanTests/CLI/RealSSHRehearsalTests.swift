import CMPlanSim
import Foundation
import Testing

/// The machine-based examples rehearsed through the real OpenSSH client and a local sshd whose
/// login shell is bash or dash (issue 18, item 2): ssh's own handling of standard input and the
/// remote shell's reading of the quoting judge the runbook, not the simulator's idea of them.
@Suite struct RealSSHRehearsalTests {
    /// The port the rehearsal's sshd listened on, from its header.
    static func port(_ output: String) throws -> Int {
        let line = try #require(output.split(separator: "\n").first { $0.contains("local sshd on 127.0.0.1:") })
        let text = line.components(separatedBy: "127.0.0.1:").last?.prefix { $0.isNumber } ?? ""
        return try #require(Int(text))
    }

    @Test(arguments: ["Plans/ec2-to-eks.cmplan", "Plans/ec2-snapshot-load.cmplan"], ["bash", "dash"])
    func theMachineExamplesRehearseThroughTheRealSSHClient(plan: String, shell: String) throws {
        let outcome = try CLI.run(["rehearse", plan, "--real-ssh", shell])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(2500))\(outcome.stderr)")
        #expect(outcome.stdout.contains("whose login shell is /bin/\(shell)"), "\(outcome.stdout.prefix(800))\(outcome.stderr)")
        let port = try Self.port(outcome.stdout)
        #expect(!LocalServer.listening(port: port), "the rehearsal's sshd still listens on \(port)")
    }

    /// Without `-n`, the real client forwards its standard input: inside load_node's `while read`
    /// over a keyspace's snapshot directories, the first ssh swallows the rest of the list.
    @Test func sshCallsThatForwardTheirInputSwallowALoopsList() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild("Plans/ec2-snapshot-load.cmplan", extra: ["--real-ssh", "dash"]) { text in
            text.replacingOccurrences(of: "\nSSH_INPUT_FLAG=-n\n", with: "\nSSH_INPUT_FLAG=-T\n")
        }
        #expect(outcome.status == 1, "\(outcome.stdout.suffix(2500))\(outcome.stderr)")
        #expect(outcome.stdout.contains("verdict: FAIL"), "\(outcome.stdout.suffix(2500))")
    }

    /// bash's `$'...'` quoting is no POSIX quoting: dash reads `$'nodetool'` as `$` and `nodetool`.
    @Test func aRemoteCommandQuotedForBashOnlyFailsUnderADashLoginShell() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild("Plans/ec2-to-eks.cmplan", extra: ["--real-ssh", "dash"]) { text in
            text.replacingOccurrences(of: #"    quoted+="'${word//\'/\'\\\'\'}' ""#, with: #"    quoted+="\$'${word}' ""#)
        }
        #expect(outcome.status == 1, "\(outcome.stdout.suffix(2500))\(outcome.stderr)")
        #expect(outcome.stdout.contains("verdict: FAIL"), "\(outcome.stdout.suffix(2500))")
    }

    /// A login travels to the machine on ssh's standard input (`ssh -T`): through the real
    /// client and login shell it reaches the node-side `sh -c` and cqlsh gets it from a file.
    @Test func aLoginReachesCqlshThroughTheRealClient() throws {
        let outcome = try CLI.run(["rehearse", "Tests/Fixtures/build/login-adoption.cmplan", "--real-ssh", "dash"])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(2500))\(outcome.stderr)")
    }

    /// With `-n` the real client sends nothing: the login never reaches cqlsh.
    @Test func aLoginSentWithDashNIsLost() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild("Tests/Fixtures/build/login-adoption.cmplan", extra: ["--real-ssh", "dash"]) { text in
            text.replacingOccurrences(of: "  local SSH_INPUT_FLAG=-T\n  on_machine \"$@\"", with: "  local SSH_INPUT_FLAG=-n\n  on_machine \"$@\"")
        }
        #expect(outcome.status == 1, "\(outcome.stdout.suffix(2500))")
        #expect(outcome.stdout.contains("Remote end requires authentication"), "\(outcome.stdout.suffix(2500))")
    }

    @Test(arguments: [
        ["Plans/ec2-to-eks.cmplan", "--real-ssh", "zsh"], ["Plans/k8s-to-k8s.cmplan", "--real-ssh", "dash"],
    ])
    func theRealSSHModeRefusesWhatItCannotRehearse(arguments: [String]) throws {
        let outcome = try CLI.run(["rehearse"] + arguments)
        #expect(outcome.status == 2, "\(outcome.stdout.suffix(500))\(outcome.stderr)")
        #expect(outcome.stderr.contains("--real-ssh"), "\(outcome.stderr)")
        #expect(!outcome.stdout.contains("run 1"), "\(outcome.stdout.suffix(500))")
    }
}

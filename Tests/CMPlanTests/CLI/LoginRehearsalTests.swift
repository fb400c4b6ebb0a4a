import CMPlan
import Foundation
import Testing

/// Clusters with PasswordAuthenticator (issue 16.5): the rehearsal's ring wants a login, the
/// Secret or credentials file the plan names holds it, and the verdict fails when the password
/// reaches a command line, the log, the output or the timeline.
@Suite struct LoginRehearsalTests {
    static let plans = [
        "Tests/Fixtures/build/login-handover.cmplan", "Tests/Fixtures/build/login-adoption.cmplan", "Tests/Fixtures/build/login-extend.cmplan",
    ]

    /// Each runs to PASS, its cqlsh calls going through the shell that hands over the login.
    @Test(arguments: plans)
    func aClusterWithALoginRehearsesToTheTarget(plan: String) throws {
        let outcome = try CLI.run(["rehearse", plan, "--keep"])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(2000))")
        let folder = try #require(
            outcome.stdout.split(separator: "\n").first?.components(separatedBy: " in ").last.map { $0.trimmingCharacters(in: .whitespaces) })
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let calls = try #require(FileBytes.readText(folder + "/calls.jsonl"))
        let flag = plan.contains("extend") ? "--credentials" : "--cqlshrc"
        #expect(calls.contains("\"cqlsh\",\"\(flag)\"") || calls.contains("'cqlsh' '\(flag)'"), "no cqlsh call took the login with \(flag)")
        if plan.contains("extend") {
            #expect(calls.contains("\"nodetool\",\"cmplan_rehearsal\""), "no nodetool call took the JMX login")
        }
        let withPassword = calls.split(separator: "\n").filter { $0.contains("cqlsh") && ($0.contains("\"-p\"") || $0.contains("'-p'")) }
        #expect(withPassword.isEmpty, "a cqlsh password flag reached a command line: \(withPassword.first ?? "")")
    }

    /// A node whose own ~/.cassandra/cqlshrc names another login under [authentication]: on
    /// 4.1+ those "legacy" settings override the --credentials file (cqlshlib's
    /// authproviderhandling.load_auth_provider), so the runbook hands cqlsh a copy of that file
    /// without its [authentication] and [auth_provider] sections; without the copy cqlsh logs in
    /// as the node's user and is refused.
    @Test func aNodesOwnCqlshrcLoginDoesNotOverrideThePlans() throws {
        let rc = FileManager.default.temporaryDirectory.appendingPathComponent("node-cqlshrc-\(UUID().uuidString)").path
        try FileBytes.write("[authentication]\nusername = ops\npassword = not-the-plans\n\n[connection]\nrequest_timeout = 60\n", to: rc)
        defer { try? FileManager.default.removeItem(atPath: rc) }
        let plan = "Tests/Fixtures/build/login-extend.cmplan"
        let outcome = try CLI.run(["rehearse", plan, "--node-cqlshrc", rc])
        #expect(outcome.status == 0 && outcome.stdout.contains("verdict: PASS"), "\(outcome.stdout.suffix(2000))")
        let broken = try RehearsalTests().rehearseBrokenBuild(plan, extra: ["--node-cqlshrc", rc]) { text in
            text.replacingOccurrences(of: #"if [ -n "$rc" ]; then "$0" --cqlshrc "$rc" "$flag" "$f" "$@"; else"#, with: "if false; then :; else")
        }
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("Provided username ops and/or password are incorrect"), "\(broken.stdout.suffix(1500))")
    }

    /// The same runbook with cqlsh never given its login stops at its first cqlsh call that
    /// needs one, with the driver's refusal: the simulated ring really asks for the login.
    @Test func withoutTheLoginCqlshIsRefused() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild("Tests/Fixtures/build/login-handover.cmplan") { text in
            text.replacingOccurrences(of: #"program=(sh -c "${CQL_LOGIN_SHELL}" cqlsh "--${spec%% *}")"#, with: "program=(cqlsh)")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("AuthenticationFailed('Remote end requires authentication')"), "\(outcome.stdout.suffix(1500))")
    }

    /// cqlsh -u -p, the runbook's old way, works but shows the password to `ps`: the verdict fails.
    @Test func aPasswordOnTheCommandLineFailsTheVerdict() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild("Tests/Fixtures/build/login-adoption.cmplan") { text in
            text.replacingOccurrences(
                of: #"program=(sh -c "${CQL_LOGIN_SHELL}" cqlsh "--${spec%% *}")"#,
                with: #"program=(cqlsh -u "${CQL_LOGIN_USER[${spec}]}" -p "${CQL_LOGIN_PASSWORD[${spec}]}")"#)
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("the cqlsh password appears in a command line (calls.jsonl)"), "\(outcome.stdout.suffix(1500))")
    }

    /// ssh -n gives the remote command no input: the login never reaches cqlsh's file.
    @Test func anSSHCallThatDropsItsInputLosesTheLogin() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild("Tests/Fixtures/build/login-adoption.cmplan") { text in
            text.replacingOccurrences(of: "  local SSH_INPUT_FLAG=-T\n  on_machine \"$@\"", with: "  local SSH_INPUT_FLAG=-n\n  on_machine \"$@\"")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("AuthenticationFailed"), "\(outcome.stdout.suffix(1500))")
    }

    /// With jmx = true the node's JMX wants the login: a runbook that runs nodetool without it
    /// stops at its first nodetool call, the JMX refusal in its log.
    @Test func nodetoolWithoutItsJMXLoginIsRefused() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild("Tests/Fixtures/build/login-extend.cmplan") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("declare -Ar JMX_LOGINS=") ? "declare -Ar JMX_LOGINS=()" : $0 }.joined(separator: "\n")
        }
        #expect(outcome.status == 1)
        let folder = try #require(outcome.stdout.components(separatedBy: "(the rehearsal's files are kept in ").last?.split(separator: ")").first)
        defer { try? FileManager.default.removeItem(atPath: String(folder)) }
        let log = FileBytes.readText(folder + "/state/log") ?? ""
        #expect(log.contains("SecurityException: 'Authentication failed! Credentials required'"), "\(outcome.stdout.suffix(1500))")
    }

    /// Preflight proves how the source authenticates: a runbook that expects no login from a
    /// source requiring one stops before anything changes, naming the missing credentials block.
    @Test func preflightProvesTheSourceNeedsALogin() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild("Tests/Fixtures/build/login-handover.cmplan") { text in
            text.replacingOccurrences(of: "'login' 'CassandraAuthorizer'", with: "'none' 'AllowAllAuthorizer'")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("requires a login (PasswordAuthenticator), but the plan names none"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("failed (exit 1)") && outcome.stdout.contains("check-source-cluster"))
    }

    /// cass-operator names the copied login as its superuser: without the copy it reconciles
    /// nothing (its validation of superuserSecretName), and the new datacenter never starts.
    @Test func casOperatorWaitsForTheSuperuserSecret() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild("Tests/Fixtures/build/login-extend.cmplan") { text in
            text.replacingOccurrences(of: "  apply_login_secret 'new-cluster'", with: "  : 'new-cluster'")
                .replacingOccurrences(of: "  object_exists 'new-cluster' 'cassandra' 'secret' 'cmplan-login-extend-superuser' || return 1", with: "  :")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("Could not load superuser secret for CassandraCluster: cassandra/cmplan-login-extend-superuser"), "\(outcome.stdout.suffix(1500))")
    }

    /// A copy whose password differs by a byte (a newline) makes cass-operator's upsert change
    /// the source's superuser password: the verdict names it.
    @Test func aCopiedLoginMustBeTheSameLogin() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild("Tests/Fixtures/build/login-extend.cmplan") { text in
            text.replacingOccurrences(
                of: #"password=$(fed "${CQL_LOGIN_PASSWORD[${spec}]}" base64 | tr -d '\n')"#,
                with: #"password=$(fed "${CQL_LOGIN_PASSWORD[${spec}]}"$'\n' base64 | tr -d '\n')"#)
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("the password of role cmplan_rehearsal was changed in the source's system_auth"), "\(outcome.stdout.suffix(1500))")
    }

    /// Cassandra 3.x's cqlsh has no --credentials: a runbook that gives it one stops there.
    @Test func cqlshBefore41RefusesTheCredentialsFlag() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild("Tests/Fixtures/build/login-handover.cmplan") { text in
            text.replacingOccurrences(of: "='cqlshrc secret ", with: "='credentials secret ")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("cqlsh: error: no such option: --credentials"), "\(outcome.stdout.suffix(1500))")
    }
}

import CMPlan
import Foundation
import Testing

/// Encryption (issue 16.8, 16.9): the new nodes of a ring whose source requires client TLS and
/// encrypts internode traffic start with the same settings from the tls Secret's keystores, and
/// cqlsh talks TLS to its own node; the simulator cuts off whatever does not match.
@Suite struct TLSRehearsalTests {
    static let plans = ["Tests/Fixtures/build/tls-adoption.cmplan", "Tests/Fixtures/build/tls-handover.cmplan"]

    /// tls-handover has everything at once (a login for cqlsh and JMX, client and internode
    /// TLS): it rehearses, and its password appears on no command line, in no log or output
    /// (the verdict's own check), while every cqlsh call used TLS and nodetool the JMX login.
    @Test(arguments: plans)
    func anEncryptedClusterRehearsesToTheTarget(plan: String) throws {
        let outcome = try CLI.run(["rehearse", plan, "--keep"])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(2000))")
        #expect(outcome.stdout.contains("verdict: PASS"))
        let folder = try #require(
            outcome.stdout.split(separator: "\n").first?.components(separatedBy: " in ").last.map { $0.trimmingCharacters(in: .whitespaces) })
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let calls = try #require(FileBytes.readText(folder + "/calls.jsonl")).split(separator: "\n")
        // Only expect_client_tls's probe goes without TLS, on purpose (it must be cut off).
        let cqlsh = calls.filter { $0.contains("cqlsh") }
        let plain = cqlsh.filter { !$0.contains("--ssl") }
        #expect(cqlsh.contains { $0.contains("--ssl") } && plain.allSatisfy { $0.contains("SELECT release_version FROM system.local") },
            "cqlsh calls without TLS that are no probe: \(plain.filter { !$0.contains("SELECT release_version") }.prefix(3))")
        if plan.contains("handover") {
            #expect(calls.contains { $0.contains("\"nodetool\",\"cmplan_rehearsal\"") }, "no nodetool call took the JMX login")
        }
    }

    /// cqlsh without TLS against nodes that require it is cut off: a runbook that forgets
    /// --ssl stops at its first cqlsh call.
    @Test func cqlshWithoutTLSIsCutOff() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild("Tests/Fixtures/build/tls-handover.cmplan") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("declare -Ar CQL_TLS=") ? "declare -Ar CQL_TLS=()" : $0 }.joined(separator: "\n")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("Connection error:"), "\(outcome.stdout.suffix(1500))")
        #expect(outcome.stdout.contains("check-source-cluster"))
    }

    /// Preflight proves the source's clients must use TLS: a runbook that expects otherwise
    /// stops there, naming the tls block.
    @Test func preflightProvesTheClientsNeedTLS() throws {
        let outcome = try RehearsalTests().rehearseBrokenBuild("Tests/Fixtures/build/tls-handover.cmplan") { text in
            text.replacingOccurrences(
                of: "  expect_client_tls 'gke_shop_europe-west1_prod' 'shop' 'shop-dc1-r1-0' 'cassandra' 'required'",
                with: "  expect_client_tls 'gke_shop_europe-west1_prod' 'shop' 'shop-dc1-r1-0' 'cassandra' 'none'")
        }
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("say so in the plan (tls { client = true"), "\(outcome.stdout.suffix(1500))")
    }
}

@testable import CMPlan
import Testing

/// `credentials`: where a cluster's cqlsh login lives, decoded as exactly one of a Secret and a
/// file, and refused where it cannot be read or would not be the login the nodes accept.
@Suite struct CredentialsRuleTests {
    @Test func aSecretOrAFileIsDecodedOnTheCluster() throws {
        let secret = try #require(decodeClean(PlanFragments.handover(old: "  credentials {\n    secret = \"cassandra-superuser\"\n    authorizer = CassandraAuthorizer\n  }")))
        #expect(secret.source.credentials?.kind.value == .secret("cassandra-superuser"))
        #expect(secret.target.credentials == nil)
        let file = try #require(
            decodeClean(
                PlanFragments.adoption().replacingOccurrences(
                    of: "  ssh { user = \"ubuntu\" }\n", with: "  ssh { user = \"ubuntu\" }\n  credentials {\n    file = \"~/.cassandra/credentials\"\n    authorizer = AllowAllAuthorizer\n  }\n")))
        #expect(file.source.credentials?.kind.value == .file("~/.cassandra/credentials"))
    }

    @Test func bothOrNeitherPlaceIsAnError() {
        let both = Frontend.run(
            SourceFile(path: "t.cmplan", text: PlanFragments.handover(old: "  credentials {\n    secret = \"s\"\n    file = \"f\"\n    authorizer = CassandraAuthorizer\n  }"))
        ).diagnostics.diagnostics
        #expect(both.contains { $0.rule == .duplicateAttribute && $0.message.contains("'secret' and 'file'") })
        let neither = Frontend.run(SourceFile(path: "t.cmplan", text: PlanFragments.handover(old: "  credentials {\n    authorizer = CassandraAuthorizer\n  }"))).diagnostics.diagnostics
        #expect(neither.contains { $0.rule == .missingAttribute && $0.message.contains("names no login") })
        let unknown = Frontend.run(SourceFile(path: "t.cmplan", text: PlanFragments.handover(old: "  credentials {\n    password = \"x\"\n    authorizer = CassandraAuthorizer\n  }")))
            .diagnostics.diagnostics
        #expect(unknown.contains { $0.rule == .unknownAttribute }, "a password in the plan's text is no attribute")
    }

    @Test func theAuthorizerIsRequiredBesideALogin() {
        let found = Frontend.run(SourceFile(path: "t.cmplan", text: PlanFragments.handover(old: "  credentials { secret = \"s\" }"))).diagnostics.diagnostics
        #expect(found.contains { $0.rule == .missingAttribute && $0.message.contains("authorizer") }, "\(found.map(\.message))")
    }

    @Test func theTargetOfOneRingHasTheSourcesLogins() {
        expectRule(.credentialsPlacement, PlanFragments.handover(new: "  credentials {\n    secret = ‸\"other\"\n    authorizer = CassandraAuthorizer\n  }"))
        expectNoRule(.credentialsPlacement, PlanFragments.handover(old: "  credentials {\n    secret = \"cassandra-superuser\"\n    authorizer = CassandraAuthorizer\n  }"))
    }

    @Test func aSecretNeedsAKubernetesCluster() {
        let machines = PlanFragments.adoption().replacingOccurrences(
            of: "  ssh { user = \"ubuntu\" }\n", with: "  ssh { user = \"ubuntu\" }\n  credentials {\n    secret = ‸\"cassandra\"\n    authorizer = CassandraAuthorizer\n  }\n")
        let found = expectRule(.credentialsPlacement, machines)
        #expect(found.first?.help?.contains("file") == true)
    }

    @Test func aSnapshotLoadTargetCannotBeGivenALoginYet() {
        let text = PlanFragments.snapshotLoad(budget: "60d").replacingOccurrences(
            of: "cluster \"eks\" {\n", with: "cluster \"eks\" {\n  credentials {\n    secret = ‸\"cassandra\"\n    authorizer = CassandraAuthorizer\n  }\n")
        let found = expectRule(.credentialsPlacement, text)
        #expect(found.first?.message.contains("sstableloader") == true)
    }

    /// The login file's flag follows cqlsh's version: --credentials from 4.1, --cqlshrc before.
    @Test func cqlshTakesTheLoginAsItsVersionReadsIt() throws {
        let plan = try #require(decodeClean(PlanFragments.handover(old: "  credentials {\n    secret = \"cassandra-superuser\"\n    authorizer = CassandraAuthorizer\n  }")))
        let entries = CqlLogins.entries(plan)
        #expect(entries.count == 2)
        #expect(entries.allSatisfy { $0.spec == "cqlshrc secret old-ctx cassandra cassandra-superuser" }, "\(entries)")
        #expect(CqlLogins.flavour(try #require(CassandraVersion("4.1.0"))) == "credentials")
        #expect(CqlLogins.flavour(try #require(CassandraVersion("4.0.11"))) == "cqlshrc")
        #expect(CqlLogins.flavour(try #require(CassandraVersion("5.0.2"))) == "credentials")
    }

    static let tlsBlock = "  tls {\n    client    = true\n    internode = all\n    secret    = ‸\"cassandra-tls\"\n  }"

    /// tls on the source is carried to plain StatefulSets; an operator target, or tls on the
    /// target, is refused with the reason.
    @Test func tlsGoesWhereCmplancCanCarryIt() {
        let tls = Self.tlsBlock.replacingOccurrences(of: "‸", with: "")
        let onSource = PlanFragments.handover(old: tls)
        let found = Frontend.run(SourceFile(path: "t.cmplan", text: onSource)).diagnostics.diagnostics
        #expect(found.contains { $0.rule == .tlsPlacement && $0.message.contains("casskop") }, "\(found.map(\.message))")
        expectNoRule(.tlsPlacement, onSource.replacingOccurrences(of: "operator  = casskop", with: "operator  = statefulset"))
        let onTarget = PlanFragments.handover(new: tls).replacingOccurrences(of: "operator  = casskop", with: "operator  = statefulset")
        #expect(Frontend.run(SourceFile(path: "t.cmplan", text: onTarget)).diagnostics.diagnostics.contains { $0.rule == .tlsPlacement && $0.message.contains("joins the source's ring") })
    }

    @Test func aTLSBlockMustEncryptSomething() {
        let found = Frontend.run(SourceFile(path: "t.cmplan", text: PlanFragments.handover(old: "  tls { secret = \"s\" }"))).diagnostics.diagnostics
        #expect(found.contains { $0.rule == .missingAttribute && $0.message.contains("encrypts nothing") }, "\(found.map(\.message))")
    }
}

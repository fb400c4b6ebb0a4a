@testable import CMPlan
@testable import CMPlanSim
import Foundation
import Testing

/// New nodes authenticate and authorize as the source's do (issue 16.7): the compiler's
/// container command, run by the real /bin/sh and awk on each version's shipped cassandra.yaml
/// form, yields the source's settings; the simulator's verdict names a node that does not.
@Suite struct NodeSecurityTests {
    func plan(_ path: String) throws -> Plan {
        let text = try #require(FileBytes.readText(Repository.path(path)))
        return try #require(Frontend.run(SourceFile(path: path, text: text)).plan)
    }

    /// The temporary StatefulSet's container, as the build writes it, started on 3.x/4.x's
    /// value form and trunk's block form of cassandra.yaml.
    @Test(arguments: [3, 4, 5])
    func theGeneratedCommandConfiguresTheImage(major: Int) throws {
        let plan = try plan("Tests/Fixtures/build/login-handover.cmplan")
        let command = try #require(NodeSecurity.newNodes(plan).imageCommand)
        let spec: Tree = .map(["command": .list(command.map { .string($0) })])
        let result = try NodeConfig.security(podSpec: spec, major: major).get()
        #expect(result.authenticator == "PasswordAuthenticator")
        #expect(result.authorizer == "CassandraAuthorizer")
    }

    /// Replacing only the `authenticator:` line of trunk's block form leaves its `class_name`
    /// line under a value: YAML Cassandra refuses, so the node does not start.
    @Test func aRewriteThatLeavesTheBlockBehindDoesNotParse() {
        let script = "conf=\"$CASSANDRA_CONF/cassandra.yaml\"; sed 's/^authenticator:.*/authenticator: PasswordAuthenticator/' \"$conf\" >\"$conf.x\" && cat \"$conf.x\" >\"$conf\"; exec docker-entrypoint.sh cassandra -f"
        let spec: Tree = .map(["command": .list([.string("sh"), .string("-c"), .string(script)])])
        guard case .failure(let failure) = NodeConfig.security(podSpec: spec, major: 5) else {
            Issue.record("a cassandra.yaml with a value followed by an indented line was accepted")
            return
        }
        #expect(failure.message.contains("does not parse"))
        #expect((try? NodeConfig.security(podSpec: spec, major: 4).get())?.authenticator == "PasswordAuthenticator")
    }

    @Test func withoutTheCommandTheImageRunsAllowAll() throws {
        let result = try NodeConfig.security(podSpec: .map([:]), major: 4).get()
        #expect(result.authenticator == "AllowAllAuthenticator" && result.authorizer == "AllowAllAuthorizer")
    }

    /// A command that edits the file but never hands over to the image's entrypoint starts no
    /// configured Cassandra: the pod does not start.
    @Test func aCommandThatSkipsTheEntrypointStartsNothing() {
        let spec: Tree = .map(["command": .list([.string("sh"), .string("-c"), .string("exec cassandra -f")])])
        guard case .failure(let failure) = NodeConfig.security(podSpec: spec, major: 4) else {
            Issue.record("a container that skips docker-entrypoint.sh was accepted")
            return
        }
        #expect(failure.message.contains("entrypoint"))
    }

    /// A source without a login needs no command: the image's defaults are the source's.
    @Test func noLoginNoCommand() throws {
        #expect(NodeSecurity.newNodes(try plan("Plans/k8s-to-k8s.cmplan")).imageCommand == nil)
        #expect(NodeSecurity.newNodes(try plan("Tests/Fixtures/build/login-adoption.cmplan")).imageCommand != nil)
    }

    /// The verdict: a node of the source's ring running AllowAllAuthenticator when the source
    /// requires a login is named.
    @Test func theVerdictNamesANodeWithoutAuthentication() throws {
        let plan = try plan("Tests/Fixtures/build/login-handover.cmplan")
        var world = try #require(RehearsalWorld.initial(for: plan))
        #expect(ExpectedEndState.securityProblems(world, plan: plan).isEmpty, "the seeded source already fails")
        let ringId = try #require(world.rings.keys.first)
        let hostId = try #require(world.rings[ringId]?.members.keys.sorted().first)
        world.rings[ringId]?.members[hostId]?.authenticator = "AllowAllAuthenticator"
        let problems = ExpectedEndState.securityProblems(world, plan: plan)
        #expect(problems.count == 1 && problems[0].contains("runs AllowAllAuthenticator"), "\(problems)")
    }
}

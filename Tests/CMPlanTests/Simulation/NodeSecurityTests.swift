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

    /// The tls pods' command, on each version's shipped cassandra.yaml, with the tls Secret
    /// mounted: clients must use TLS and internode traffic is encrypted as the source's is.
    @Test(arguments: [3, 4, 5])
    func theGeneratedCommandEncrypts(major: Int) throws {
        let plan = try plan("Tests/Fixtures/build/tls-adoption.cmplan")
        let spec = try podSpec(plan)
        let secret: [String: String] = ["keystore.jks": "k", "truststore.jks": "t", "keystore-password": "pa'ss", "truststore-password": "x"]
        let result = try NodeConfig.security(podSpec: spec, major: major, secret: { $0 == "cassandra-tls" ? secret : nil }).get()
        #expect(result.clientTLS && result.internode == "all", "\(result)")
        guard case .failure(let failure) = NodeConfig.security(podSpec: spec, major: major, secret: { _ in nil }) else {
            Issue.record("a pod whose keystore Secret is missing started")
            return
        }
        #expect(failure.message.contains("secret \"cassandra-tls\" not found"))
    }

    /// The pod spec the simulator gives a pod of the build's StatefulSet: its command, mounts
    /// and volumes.
    func podSpec(_ plan: Plan) throws -> Tree {
        let file = SourceFile(path: "p", text: try #require(FileBytes.readText(Repository.path("Tests/Fixtures/build/tls-adoption.cmplan"))))
        let runbook = try RunbookCompiler.compile(plan, source: file, warnings: []).get()
        let set = try #require(runbook.manifests.first { $0.kind == "StatefulSet" })
        let yaml = try #require(try? YAMLReader.parse(set.document.text))
        let container = try #require(yaml[path: ["spec", "template", "spec", "containers"]]?.elements.first)
        return Reconciler(world: try #require(RehearsalWorld.initial(for: plan))).podSpec(
            container: container, claim: "data", volumes: yaml[path: ["spec", "template", "spec", "volumes"]])
    }

    @Test func theVerdictNamesANodeWithoutEncryption() throws {
        let plan = try plan("Tests/Fixtures/build/tls-adoption.cmplan")
        var world = try #require(RehearsalWorld.initial(for: plan))
        #expect(ExpectedEndState.securityProblems(world, plan: plan).isEmpty, "the seeded source already fails")
        let ringId = try #require(world.rings.keys.first)
        let hostId = try #require(world.rings[ringId]?.members.keys.sorted().first)
        world.rings[ringId]?.members[hostId]?.internode = "none"
        world.rings[ringId]?.members[hostId]?.clientTLS = false
        let problems = ExpectedEndState.securityProblems(world, plan: plan)
        #expect(problems.contains { $0.contains("internode_encryption none") } && problems.contains { $0.contains("does not require TLS") }, "\(problems)")
    }
}

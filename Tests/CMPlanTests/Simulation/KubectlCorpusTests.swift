@testable import CMPlan
@testable import CMPlanSim
import Foundation
import Testing

/// The simulated kubectl answers `-o name` and every `-o jsonpath=` read of the runbook
/// library as the real kubectl does: each object of Tests/Fixtures/real/kubectl/objects is
/// applied to a simulated cluster and read back, and the answers are compared with what the
/// real kubectl printed for the same object (reproduce_kubectl.py records them; issue 13).
@Suite struct KubectlCorpusTests {
    static let context = "corpus"

    /// A world with one cluster holding every corpus object, applied with the simulated kubectl.
    static func worldWithCorpusObjects() throws -> World {
        var world = World(
            clusters: [context: World.Cluster(zone: "eu-west-1a", namespaces: ["cass-operator", "db", "ops", "rook-cassandra"], objects: [:])],
            volumes: ["vol-0123456789abcdef0": World.Volume(handle: "vol-0123456789abcdef0", zone: "eu-west-1a", gibibytes: 466, node: nil, keyspaces: [])],
            rings: [:], cassandraMajor: 4, violations: [], failOnce: nil, killAfter: nil, counter: 0)
        for name in try corpusObjects() {
            let output = Kubectl.run(["--context", context, "apply", "-f", Repository.path("Tests/Fixtures/real/kubectl/objects/" + name)], stdin: { "" }, world: &world)
            #expect(output.status == 0, "applying \(name): \(output.stderr)")
            // A corpus object is what the API server returns, status included; apply (the real one
            // too) leaves a pod's status to the kubelet, so it is put back as recorded.
            let object = try YAMLReader.parse(try #require(FileBytes.readText(Repository.path("Tests/Fixtures/real/kubectl/objects/" + name))))
            if let status = object["status"], let (kind, objectName) = try? kindAndName(name) {
                let namespace = object[path: ["metadata", "namespace"]]?.string
                world.clusters[context]?.objects[World.key(Kubectl.kind(kind), Kubectl.isClusterScoped(Kubectl.kind(kind)) ? nil : namespace, objectName)]?["status"] = status
            }
        }
        return world
    }

    static func corpusObjects() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Repository.path("Tests/Fixtures/real/kubectl/objects")).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// Lines of a corpus file split at tabs.
    static func rows(_ file: String) throws -> [[String]] {
        let text = try #require(FileBytes.readText(Repository.path("Tests/Fixtures/real/kubectl/" + file)))
        return text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Kind and name of a corpus object, as a `kubectl get` names it.
    static func kindAndName(_ file: String) throws -> (String, String) {
        let text = try #require(FileBytes.readText(Repository.path("Tests/Fixtures/real/kubectl/objects/" + file)))
        let object = try YAMLReader.parse(text)
        let kind = try #require(object["kind"]?.string)
        let group = object["apiVersion"]?.string?.split(separator: "/").dropLast().first.map { "." + $0 } ?? ""
        return (kind.lowercased() + group, try #require(object[path: ["metadata", "name"]]?.string))
    }

    static func namespaceArguments(_ file: String) throws -> [String] {
        let text = try #require(FileBytes.readText(Repository.path("Tests/Fixtures/real/kubectl/objects/" + file)))
        return try YAMLReader.parse(text)[path: ["metadata", "namespace"]]?.string.map { ["--namespace", $0] } ?? []
    }

    @Test func nameOutputCarriesTheAPIGroupAsTheRealKubectlPrintsIt() throws {
        var world = try Self.worldWithCorpusObjects()
        let recorded = try Self.rows("names.txt")
        #expect(recorded.count == (try Self.corpusObjects()).count)
        for row in recorded {
            let (kind, name) = try Self.kindAndName(row[0])
            let output = Kubectl.run(["--context", Self.context] + (try Self.namespaceArguments(row[0])) + ["get", kind, name, "-o", "name"], stdin: { "" }, world: &world)
            #expect(output.stdout == row[1] + "\n", "\(row[0])")
        }
    }

    @Test func everyJsonpathReadOfTheLibraryAnswersAsTheRealKubectl() throws {
        var world = try Self.worldWithCorpusObjects()
        let recorded = try Self.rows("answers.txt")
        #expect(recorded.count >= 20)
        for row in recorded {
            let (kind, name) = try Self.kindAndName(row[0])
            let output = Kubectl.run(["--context", Self.context] + (try Self.namespaceArguments(row[0])) + ["get", kind, name, "-o", "jsonpath=" + row[1]], stdin: { "" }, world: &world)
            #expect(output.status == 0 && output.stdout == row[2], "\(row[0]) \(row[1]): \(output.stdout) \(output.stderr)")
        }
    }

    @Test func shortAndPluralNamesFindTheSameObject() throws {
        var world = try Self.worldWithCorpusObjects()
        for kind in ["sts", "statefulsets", "statefulset.apps", "statefulsets.apps", "StatefulSet"] {
            let output = Kubectl.run(["--context", Self.context, "--namespace", "db", "get", kind, "cassandra", "-o", "name"], stdin: { "" }, world: &world)
            #expect(output.stdout == "statefulset.apps/cassandra\n", "\(kind)")
        }
        let missing = Kubectl.run(["--context", Self.context, "--namespace", "db", "get", "sts", "absent", "-o", "name"], stdin: { "" }, world: &world)
        #expect(missing.status == 1 && missing.stderr == "Error from server (NotFound): statefulsets.apps \"absent\" not found\n")
    }

    @Test func contextsAreListedAsTheRealKubectlListsThem() throws {
        var world = try Self.worldWithCorpusObjects()
        world.clusters = ["old-cluster": world.clusters[Self.context]!, "eks-prod": world.clusters[Self.context]!]
        let output = Kubectl.run(["config", "get-contexts", "-o", "name"], stdin: { "" }, world: &world)
        #expect(output.stdout == (try #require(FileBytes.readText(Repository.path("Tests/Fixtures/real/kubectl/contexts.txt")))))
    }
}

import CMPlanSim
import Foundation
import Testing

/// Volume-adoption rehearsed with the real aws CLI against moto (issue 18, item 1): EC2's own
/// argument rules judge every aws call the runbook makes, and the simulated world must end in
/// agreement with EC2 on volumes, snapshots, zones and tags.
@Suite struct RealAWSRehearsalTests {
    /// A moto server of the test's own (each rehearsal starts from an empty EC2).
    static func moto() throws -> LocalServer {
        let server = try LocalServer.required("moto_server", hint: "scripts/test installs it into .tools/venv (scripts/requirements-test.txt)")
        return try LocalServer.started(name: "moto", command: [server, "-H", "127.0.0.1", "-p", "{port}"])
    }

    @Test func theVolumeAdoptionExampleRehearsesWithTheRealAWSCLIAgainstMoto() throws {
        let moto = try Self.moto()
        defer {
            moto.stop()
            #expect(!LocalServer.listening(port: moto.port), "moto still listens after stop()")
        }
        let outcome = try CLI.run(["rehearse", "Plans/ec2-to-eks.cmplan", "--real-aws", "http://127.0.0.1:\(moto.port)", "--twice", "--keep"])
        #expect(outcome.status == 0, "\(outcome.stdout.suffix(2500))\(outcome.stderr)")
        #expect(outcome.stdout.contains("verdict: PASS"))
        // The volumes the pods mount are EC2's, learned from the real answers.
        let made = outcome.stdout.split(separator: "\n").filter { $0.contains("EBS (real aws): volume vol-") }
        #expect(made.count == 3, "\(outcome.stdout.suffix(2500))")
        let folder = try #require(outcome.stdout.split(separator: "\n").first?.components(separatedBy: " in ").last)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let calls = try #require(FileBytes.readText(folder + "/calls.jsonl"))
        #expect(calls.contains("\"aws\",\"ec2\",\"create-volume\""))
        let world = try JSONDecoder().decode(World.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/world.json")))
        let handles = Set(
            world.clusters.values.flatMap { cluster in
                cluster.objects.filter { $0.key.hasPrefix("persistentvolume/") }.compactMap { $0.value[path: ["spec", "csi", "volumeHandle"]]?.string }
            })
        for line in made {
            let id = try #require(line.split(separator: " ").first { $0.hasPrefix("vol-") })
            #expect(handles.contains(String(id)), "no PersistentVolume names EC2's volume \(id): \(handles.sorted())")
        }
    }

    @Test func anAWSCallThatEC2RejectsStopsTheRehearsal() throws {
        let moto = try Self.moto()
        defer { moto.stop() }
        // `--iops` without `--volume-type`: the simulator would take it; EC2 (moto) refuses it.
        let outcome = try RehearsalTests().rehearseBrokenBuild(
            "Tests/Fixtures/build/adoption-racks.cmplan", extra: ["--real-aws", "http://127.0.0.1:\(moto.port)"]
        ) { text in
            text.replacingOccurrences(of: "options+=(--volume-type \"${type}\")", with: ": \"${type}\"")
        }
        #expect(outcome.status == 1, "\(outcome.stdout.suffix(2500))")
        #expect(outcome.stdout.contains("InvalidParameterDependency"), "\(outcome.stdout.suffix(2500))")
        #expect(outcome.stdout.contains("resume with"), "\(outcome.stdout.suffix(2500))")
    }

    @Test(arguments: [
        ["Plans/ec2-to-eks.cmplan", "--real-aws", "https://ec2.us-east-1.amazonaws.com"],
        ["Plans/ec2-to-eks.cmplan", "--real-aws", "http://10.0.0.1:5000"],
        ["Plans/ec2-snapshot-load.cmplan", "--real-aws", "http://127.0.0.1:9"],
    ])
    func theRealAWSModeTalksToNothingButALocalEC2(arguments: [String]) throws {
        let outcome = try CLI.run(["rehearse"] + arguments)
        #expect(outcome.status == 2, "\(outcome.stdout.suffix(500))\(outcome.stderr)")
        #expect(outcome.stderr.contains("--real-aws"), "\(outcome.stderr)")
        #expect(!outcome.stdout.contains("run 1"), "\(outcome.stdout.suffix(500))")
    }
}

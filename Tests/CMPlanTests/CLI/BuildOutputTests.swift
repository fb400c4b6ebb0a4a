import Foundation
import Testing

/// What `cmplanc build` leaves on disk: file modes, stale files removed, and a clear error
/// (with nothing half-written) when the output directory cannot be made.
@Suite struct BuildOutputTests {
    func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cmplanc-build-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    func permissions(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func runbookIsExecutableAndOtherFilesAreNot() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let built = try CLI.run(["build", "Plans/ec2-to-eks.cmplan", "--out", directory.path])
        #expect(built.status == 0, "\(built.stderr)")
        let plan = directory.appendingPathComponent("ec2-to-eks")
        #expect(try permissions(plan.appendingPathComponent("runbook.sh").path) == 0o755)
        #expect(try permissions(plan.appendingPathComponent("plan.json").path) & 0o111 == 0)
        let golden = try String(contentsOfFile: Repository.path("Generated/ec2-to-eks/runbook.sh"), encoding: .utf8)
        #expect(try String(contentsOf: plan.appendingPathComponent("runbook.sh"), encoding: .utf8) == golden)
    }

    @Test func rebuildingRemovesFilesTheBuildNoLongerWrites() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try CLI.run(["build", "Plans/ec2-to-eks.cmplan", "--out", directory.path]).status == 0)
        let stale = directory.appendingPathComponent("ec2-to-eks/manifests/stale.yaml")
        try Data("kind: Stale\n".utf8).write(to: stale)
        #expect(try CLI.run(["build", "Plans/ec2-to-eks.cmplan", "--out", directory.path]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("ec2-to-eks/runbook.sh").path))
    }

    @Test func anUnwritableOutputIsAClearErrorAndWritesNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let blocker = directory.appendingPathComponent("not-a-directory")
        try Data("a file where the output directory should go\n".utf8).write(to: blocker)
        let built = try CLI.run(["build", "Plans/ec2-to-eks.cmplan", "--out", blocker.path])
        #expect(built.status == 2)
        #expect(built.stderr.contains("cmplanc: error: cannot write \(blocker.path)/ec2-to-eks"))
        #expect(!built.stderr.contains("wrote "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["not-a-directory"])
    }
}

import CMPlan
import Foundation
import Testing

/// The `cmplanc` binary as a user runs it: exit codes, streams and formats (language.md §7).
@Suite(.serialized) struct CommandLineTests {
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Outcome {
        try CLI.run(arguments, environment: environment)
    }

    static var binary: String { CLI.binary }

    func temporaryCopy(of relative: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cmplanc-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let destination = directory.appendingPathComponent((relative as NSString).lastPathComponent).path
        try FileManager.default.copyItem(atPath: Repository.path(relative), toPath: destination)
        return destination
    }

    @Test func binaryExists() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build cmplanc first (scripts/test does)")
    }

    @Test func checkExampleplansSucceeds() throws {
        let outcome = try run(["check", "Plans/k8s-to-k8s.cmplan", "Plans/ec2-to-eks.cmplan"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Plans/ec2-to-eks.cmplan: ok"))
        #expect(outcome.stderr.contains("Plans/k8s-to-k8s.cmplan: 0 errors, 5 warnings"))
    }

    @Test func checkReportsErrorsWithExitOne() throws {
        let outcome = try run(["check", "Tests/CMPlanTests/Render/Golden/broken.cmplan"], environment: ["NO_COLOR": "1"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("error[unknown-unit]: unknown unit 'mb/s'"))
        #expect(!outcome.stderr.contains("\u{1B}["))
        #expect(outcome.stdout.isEmpty)
    }

    @Test func jsonAndSarifGoToStandardOutputAndParse() throws {
        let json = try run(["check", "--format", "json", "Tests/CMPlanTests/Render/Golden/broken.cmplan"])
        #expect(json.status == 1)
        let lines = json.stdout.split(separator: "\n")
        #expect(lines.count == 7)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["rule"] is String && object?["line"] is Int && object?["endColumn"] is Int)
        }
        let sarif = try run(["check", "--format=sarif", "Tests/CMPlanTests/Render/Golden/broken.cmplan", "Plans/k8s-to-k8s.cmplan"])
        #expect(sarif.status == 1)
        let log = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
        #expect(log?["version"] as? String == "2.1.0")
    }

    @Test func usageAndInputErrorsExitTwo() throws {
        #expect(try run(["check", "no/such/file.cmplan"]).status == 2)
        #expect(try run(["check", "Plans"]).status == 2)
        #expect(try run(["chek", "Plans/k8s-to-k8s.cmplan"]).stderr.contains("did you mean 'check'?"))
        #expect(try run([]).status == 2)
        #expect(try run(["check"]).status == 2)
        #expect(try run(["check", "--format", "yaml", "Plans/k8s-to-k8s.cmplan"]).status == 2)
        #expect(try run(["--bogus"]).status == 2)
    }

    @Test func helpAndVersion() throws {
        let version = try run(["--version"])
        #expect(version.status == 0 && version.stdout == "cmplanc \(CMPlanVersion.current)\n")
        let help = try run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("cmplanc check FILE..."))
        #expect(try run(["fmt", "--help"]).stdout.contains("--check"))
    }

    @Test func rulesAndExplain() throws {
        let rules = try run(["rules"])
        #expect(rules.status == 0)
        for rule in RuleName.allCases {
            #expect(rules.stdout.contains(rule.rawValue))
        }
        for rule in RuleName.allCases {
            let explain = try run(["explain", rule.rawValue])
            #expect(explain.status == 0)
            #expect(explain.stdout.contains("What it checks") && explain.stdout.contains("Why it matters"))
            #expect(explain.stdout.contains("How to fix it") && explain.stdout.contains("Before"))
        }
        let unknown = try run(["explain", "unknown-atribute"])
        #expect(unknown.status == 2 && unknown.stderr.contains("did you mean 'unknown-attribute'?"))
    }

    @Test func fmtCheckListsFilesThatWouldChange() throws {
        #expect(try run(["fmt", "--check", "Plans/k8s-to-k8s.cmplan", "Plans/ec2-to-eks.cmplan"]).status == 0)
        let messy = try temporaryCopy(of: "Tests/CMPlanTests/Syntax/Golden/messy-valid.cmplan")
        let before = try String(contentsOfFile: messy, encoding: .utf8)
        let check = try run(["fmt", "--check", messy])
        #expect(check.status == 1 && check.stdout == messy + "\n")
        #expect(try String(contentsOfFile: messy, encoding: .utf8) == before, "--check must not write")
        #expect(try run(["fmt", messy]).status == 0)
        let golden = try String(contentsOfFile: Repository.path("Tests/CMPlanTests/Syntax/Golden/messy-valid.golden.cmplan"), encoding: .utf8)
        #expect(try String(contentsOfFile: messy, encoding: .utf8) == golden)
        #expect(try run(["fmt", "--check", messy]).status == 0)
    }

    @Test func fmtLeavesFilesWithSyntaxErrorsAlone() throws {
        let broken = try temporaryCopy(of: "Tests/CMPlanTests/Syntax/Golden/messy.cmplan")
        let before = try Data(contentsOf: URL(fileURLWithPath: broken))
        let outcome = try run(["fmt", broken])
        #expect(outcome.status == 1 && outcome.stderr.contains("error[syntax]"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: broken)) == before)
    }

    @Test func mutatedPlansExitZeroOrOne() throws {
        let original = try #require(FileBytes.read(Repository.path("Plans/k8s-to-k8s.cmplan")))
        var generator = SplitMix64(seed: 2)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cmplanc-mutants-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var paths: [String] = []
        for round in 0..<200 {
            var bytes = original
            for _ in 0...(round % 3) { bytes = MutationTests.mutate(bytes, &generator) }
            let path = directory.appendingPathComponent("mutant-\(round).cmplan").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        for path in paths {
            let check = try run(["check", path])
            #expect(check.status == 0 || check.status == 1, "check \(path): \(check.status)")
            let format = try run(["fmt", "--check", path])
            #expect(format.status == 0 || format.status == 1, "fmt \(path): \(format.status)")
        }
    }
}

@testable import CMPlan
import Foundation
import Testing

/// What the plan's Cassandra version already settles is decided by the planner, which emits
/// the command for that version; the library takes no version to branch on at run time
/// (issue 13). 4.0 removed Thrift and a bare `clearsnapshot`; 3.x has no `clientstats`.
@Suite struct VersionCallTests {
    /// An example plan's runbook with its source version replaced.
    func runbook(_ plan: String, version: String, extra: String = "") throws -> Runbook {
        var text = try #require(FileBytes.readText(Repository.path(plan)))
        let line = try #require(text.split(separator: "\n").first { $0.contains("cassandra_version") })
        text = text.replacingOccurrences(of: String(line), with: "  cassandra_version = \"\(version)\"" + extra)
        let file = SourceFile(path: plan, text: text)
        let result = Frontend.run(file)
        let parsed = try #require(result.plan, "\(result.diagnostics.diagnostics.map(\.message))")
        return try RunbookCompiler.compile(parsed, source: file, warnings: []).get()
    }

    func helpers(_ runbook: Runbook) -> [Helper] {
        runbook.steps.flatMap { $0.action + $0.guardCalls + $0.check + $0.premise }.map(\.helper)
    }

    @Test func snapshotLoadStopsClientsAsEachVersionCan() throws {
        let old = helpers(try runbook("Plans/ec2-snapshot-load.cmplan", version: "3.0.10"))
        #expect(old.contains(.stopNativeAndThrift) && !old.contains(.stopClientTraffic))
        let new = helpers(try runbook("Plans/ec2-snapshot-load.cmplan", version: "4.0.11"))
        #expect(new.contains(.stopClientTraffic) && !new.contains(.stopNativeAndThrift))
    }

    @Test func clientsAreCountedOnlyWhereClientstatsExists() throws {
        let new = helpers(try runbook("Plans/k8s-extend.cmplan", version: "4.1.5"))
        #expect(new.contains(.expectNoClients))
        let old = try runbook("Plans/k8s-extend.cmplan", version: "3.11.6")
        #expect(!helpers(old).contains(.expectNoClients))
        #expect(old.steps.contains { $0.purpose.contains("has no nodetool clientstats") })
    }

    @Test func noLibraryCallCarriesAVersionToBranchOn() throws {
        for plan in ["Plans/ec2-snapshot-load.cmplan", "Plans/ec2-to-eks.cmplan", "Plans/k8s-extend.cmplan", "Plans/k8s-to-k8s.cmplan"] {
            let text = try #require(FileBytes.readText(Repository.path(plan)))
            let file = SourceFile(path: plan, text: text)
            let parsed = try #require(Frontend.run(file).plan)
            let runbook = try RunbookCompiler.compile(parsed, source: file, warnings: []).get()
            let version = parsed.source.cassandraVersion.value.description
            for step in runbook.steps {
                for call in step.action + step.guardCalls + step.check + step.premise where call.helper != .confirm {
                    #expect(!call.arguments.contains(version), "\(plan) \(step.id): \(call.helper.rawValue) is given the version \(version)")
                }
            }
        }
    }
}

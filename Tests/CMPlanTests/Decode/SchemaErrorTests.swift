import Foundation
import CMPlan
import Testing

/// Every front-end rule of the schema pass, at the offending text, with a useful help line.
@Suite struct SchemaErrorTests {
    @Test func unknownBlockSuggestsTheClosestName() {
        let diagnostics = expectDiagnostics(PlanFragments.handover(extra: "‸keyspaces \"x\" {\n  replication = { x1 = 1 }\n}"), [.unknownBlock])
        #expect(diagnostics[0].help == "did you mean 'keyspace'?")
    }

    @Test func nodeBlocksDoNotBelongInKubernetes() {
        let diagnostics = expectDiagnostics(PlanFragments.handover(newDC: "‸node \"a\" { address = \"x\" }"), [.unknownBlock])
        #expect(diagnostics[0].help?.contains("nodes = N") == true)
    }

    @Test func unknownAttributeSuggestsTheClosestName() {
        let diagnostics = expectDiagnostics(PlanFragments.handover(plan: "‸parallel_rebuild = 2"), [.unknownAttribute])
        #expect(diagnostics[0].help == "did you mean 'parallel_rebuilds'?")
    }

    @Test func unknownAttributeWithoutACloseMatchListsTheAllowedNames() {
        let diagnostics = expectDiagnostics(PlanFragments.handover(newDC: "‸flavour = 1"), [.unknownAttribute])
        #expect(diagnostics[0].help?.contains("nodes") == true)
    }

    @Test func statefulsetAttributesOnlyWithTheStatefulsetOperator() {
        let text = PlanFragments.handover().replacingOccurrences(
            of: "operator  = casskop", with: "operator  = casskop\n    ‸statefulset = \"cassandra\"")
        expectDiagnostics(text, [.unknownAttribute])
    }

    @Test func duplicateAttributePointsAtTheSecondWithANoteAtTheFirst() {
        let diagnostics = expectDiagnostics(PlanFragments.handover(newDC: "‸nodes = 4"), [.duplicateAttribute])
        #expect(diagnostics[0].notes.first?.range?.start.line != diagnostics[0].range.start.line)
    }

    @Test func duplicateReplicationKey() {
        expectDiagnostics(PlanFragments.handover(extra: "keyspace \"other\" {\n  replication = { x1 = 2, ‸x1 = 3 }\n}"), [.duplicateAttribute])
    }

    @Test func duplicateBlocks() {
        expectDiagnostics(PlanFragments.handover(extra: "keyspace ‸\"example\" {\n  replication = { x1 = 3 }\n}"), [.duplicateBlock])
        expectDiagnostics(PlanFragments.handover(extra: "‸plan \"again\" {\n}"), [.duplicateBlock])
        expectDiagnostics(PlanFragments.handover(new: "‸ssh { user = \"u\" }"), [.duplicateBlock])
        expectDiagnostics(PlanFragments.handover(new: "aws { region = \"a\" }\n‸aws { region = \"b\" }"), [.duplicateBlock])
    }

    @Test func missingRequiredAttributes() {
        let text = PlanFragments.handover().replacingOccurrences(of: "  downtime_budget = 3m\n", with: "")
        let diagnostics = expectDiagnostics(text.replacingOccurrences(of: "plan \"move\"", with: "‸plan \"move\""), [.missingAttribute])
        #expect(diagnostics[0].help?.contains("downtime_budget = 3m") == true)
    }

    @Test func consistencyIsRequiredForDatacenterStrategies() {
        let text = PlanFragments.handover().replacingOccurrences(of: "  consistency     = LOCAL_QUORUM\n", with: "")
        expectDiagnostics(text.replacingOccurrences(of: "plan \"move\"", with: "‸plan \"move\""), [.missingAttribute])
    }

    @Test func sourceNeedsClusterName() {
        let text = PlanFragments.handover().replacingOccurrences(of: "  cluster_name      = \"cassandra\"\n", with: "")
        expectDiagnostics(text.replacingOccurrences(of: "cluster \"old\"", with: "‸cluster \"old\""), [.missingAttribute])
    }

    @Test func kubernetesDatacenterNeedsNodes() {
        let text = PlanFragments.handover().replacingOccurrences(of: "datacenter \"x2\" {\n    nodes = 3", with: "‸datacenter \"x2\" {")
        expectDiagnostics(text, [.missingAttribute])
    }

    @Test func missingPlanBlock() {
        expectDiagnostics("‸cluster \"a\" {\n  ssh { user = \"u\" }\n  datacenter \"d\" {\n    node \"n\" { address = \"h\" }\n  }\n}\n", [.missingAttribute])
    }

    @Test func typeMismatches() {
        expectDiagnostics(PlanFragments.handover(newDisk: "disk = ‸800"), [.typeMismatch])
        expectDiagnostics(PlanFragments.handover(newDisk: "disk = ‸3m"), [.typeMismatch])
        expectDiagnostics(PlanFragments.handover(plan: "repair = ‸yes"), [.typeMismatch])
        expectDiagnostics(PlanFragments.handover(newDC: "storage_class = ‸gp3"), [.typeMismatch])
        expectDiagnostics(PlanFragments.handover(newDC: "zones = ‸\"a\""), [.typeMismatch])
        expectDiagnostics(PlanFragments.handover(plan: "parallel_rebuilds = ‸\"2\""), [.typeMismatch])
        expectDiagnostics(PlanFragments.handover(extra: "keyspace \"k\" {\n  replication = ‸3\n}"), [.typeMismatch])
        let diagnostics = expectDiagnostics(PlanFragments.handover(newDC: "storage = ‸\"local\""), [.typeMismatch])
        #expect(diagnostics[0].help == "write it without quotes: storage = local")
    }

    @Test func unknownUnitSuggestsTheRightSpelling() {
        let diagnostics = expectDiagnostics(PlanFragments.handover(plan: "stream_throughput = 24‸mb/s"), [.unknownUnit])
        #expect(diagnostics[0].help?.hasPrefix("did you mean 'MB/s'?") == true)
        expectDiagnostics(PlanFragments.handover(newDisk: "disk = 2‸TB/h"), [.unknownUnit])
    }

    @Test func invalidValues() {
        let diagnostics = expectDiagnostics(
            PlanFragments.handover().replacingOccurrences(of: "LOCAL_QUORUM", with: "‸LOCAL_QOURUM"), [.invalidValue])
        #expect(diagnostics[0].help == "did you mean 'LOCAL_QUORUM'?")
        expectDiagnostics(PlanFragments.handover(plan: "parallel_rebuilds = ‸0"), [.invalidValue])
        expectDiagnostics(PlanFragments.handover(plan: "stream_throughput = ‸0MiB/s"), [.invalidValue])
        expectDiagnostics(PlanFragments.handover(newDC: "racks = [\"a\", ‸\"a\"]"), [.invalidValue])
        expectDiagnostics(PlanFragments.handover(new: "cassandra_version = ‸\"four\""), [.invalidValue])
        expectDiagnostics(
            PlanFragments.handover().replacingOccurrences(of: "operator  = rook", with: "operator  = rook\n    pod_cidr = ‸\"10.0.0.0/33\""),
            [.invalidValue])
        expectDiagnostics(PlanFragments.handover(extra: "monitoring {\n  keep = [‸\"(unclosed\"]\n}"), [.invalidValue])
        expectDiagnostics(PlanFragments.adoption(dc: "nodes = ‸2.5"), [.invalidValue])
    }

    @Test func sourceAndTargetMustDiffer() {
        let text = PlanFragments.handover().replacingOccurrences(of: "target          = new", with: "target          = ‸old")
        expectDiagnostics(text, [.invalidValue])
    }

    @Test func machinesNodeCountMustMatchNodeBlocks() {
        expectDiagnostics(PlanFragments.adoption(dc: "nodes = ‸3"), [.invalidValue])
    }

    @Test func unknownReferences() {
        let target = PlanFragments.handover().replacingOccurrences(of: "target          = new", with: "target          = ‸nwe")
        let diagnostics = expectDiagnostics(target, [.unknownReference])
        #expect(diagnostics[0].help == "did you mean 'new'?")
        expectDiagnostics(PlanFragments.handover(newDC: "from = ‸x3"), [.unknownReference])
        expectDiagnostics(
            PlanFragments.adoption().replacingOccurrences(of: "rack    = r2", with: "rack    = ‸r3"), [.unknownReference])
    }

    @Test func fromIsRequiredWhenTheSourceHasSeveralDatacenters() {
        let text = PlanFragments.handover(old: "datacenter \"x9\" { nodes = 3 }")
            .replacingOccurrences(of: "datacenter \"x2\"", with: "‸datacenter \"x2\"")
        expectDiagnostics(text, [.missingAttribute])
    }
}

@testable import CMPlan
import Foundation
import Testing

/// The exporter's ConfigMap keeps exactly the families `keep` keeps: a rule per kept family,
/// none for the others (the JMX exporter publishes only what a rule matches).
@Suite struct ExporterConfigurationTests {
    func plan(_ path: String) throws -> Plan {
        let text = try #require(FileBytes.readText(Repository.path(path)))
        return try #require(Frontend.run(SourceFile(path: path, text: text)).plan)
    }

    @Test func everyFamilyOfTheCatalogueHasARule() {
        for family in MetricsEstimate.families {
            #expect(ExporterConfiguration.rules[family.name] != nil, "\(family.name) has no JMX rule")
        }
        #expect(ExporterConfiguration.rules.count == MetricsEstimate.families.count)
    }

    @Test func theConfigMapHoldsARuleForEachKeptFamilyOnly() throws {
        let plan = try plan("Plans/k8s-extend.cmplan")
        let monitoring = try #require(plan.monitoring)
        let kept = Set(MetricsEstimate.kept(monitoring).map(\.name))
        #expect(kept.contains("cassandra_clientrequest_latency") && !kept.contains("cassandra_table_latency"))
        let configMap = try #require(ExporterConfiguration.configMap(plan: plan, namespace: "cassandra", factory: ManifestFactory(planName: "x")))
        let text = configMap.text
        for family in MetricsEstimate.families {
            #expect(text.contains("name: \(family.name)\\n") == kept.contains(family.name), "\(family.name)")
        }
        #expect(text.contains("Estimated series: 3771 of max_series 120000"))
    }

    @Test func noExporterMeansNoConfigMap() throws {
        let plan = try plan("Plans/ec2-to-eks.cmplan")
        #expect(ExporterConfiguration.configMap(plan: plan, namespace: "default", factory: ManifestFactory(planName: "x")) == nil)
    }
}

/// What EC2's CreateVolume accepts for the volumes volume-adoption creates in the window
/// (`ebs-volume-invalid`).
enum EBSRules {
    static let all: [Rule] = [ebsVolumeInvalid]

    /// The IOPS each volume type accepts; types absent here take no `Iops` at all.
    ///
    /// SOURCE: the EC2 API reference for `Iops` (CreateVolume, EbsBlockDevice): "gp3: 3,000 -
    /// 16,000 IOPS, io1: 100 - 64,000 IOPS, io2: 100 - 256,000 IOPS ... This parameter is required
    /// for io1 and io2 volumes ... supported for io1, io2, and gp3 volumes only".
    static let iopsRange: [String: ClosedRange<Int>] = ["gp3": 3_000...16_000, "io1": 100...64_000, "io2": 100...256_000]

    /// Every volume type EC2 knows (gp2 is CreateVolume's default).
    static let volumeTypes: Set<String> = ["gp2", "gp3", "io1", "io2", "st1", "sc1", "standard"]

    static let ebsVolumeInvalid = Rule(
        RuleDescription(
            name: .ebsVolumeInvalid, severity: .error,
            summary: "a volume type and IOPS that EC2 refuses for the new volumes",
            checks: """
                volume-adoption creates the new volumes with `volume_type` and `iops` inside the \
                downtime window. The type must be one EC2 knows (gp2, gp3, io1, io2, st1, sc1, \
                standard; gp2 when unset); IOPS apply to gp3 (3,000-16,000), io1 (100-64,000) and \
                io2 (100-256,000) only, and io1 and io2 require them.
                """,
            why: """
                EC2 rejects the call (`iops` without a type that takes it fails with \
                InvalidParameterDependency) after the source has stopped: the window runs on \
                while someone edits the plan.
                """,
            fix: "Give a type that takes the IOPS (volume_type = \"gp3\" for 3,000-16,000), or drop iops.",
            before: """
                datacenter "dc1" {
                  iops = 6000
                }
                """,
            after: """
                datacenter "dc1" {
                  volume_type = "gp3"
                  iops        = 6000
                }
                """)
    ) { rule, context in
        guard context.strategy == .volumeAdoption else { return [] }
        var findings: [Diagnostic] = []
        for datacenter in context.plan.target.datacenters {
            let type = datacenter.volumeType?.value ?? "gp2"
            if let written = datacenter.volumeType, !volumeTypes.contains(written.value) {
                findings.append(
                    rule.finding(
                        "EC2 has no volume type \"\(written.value)\"", at: written.range,
                        help: "use one of \(volumeTypes.sorted().joined(separator: ", "))"))
                continue
            }
            let range = iopsRange[type]
            if let iops = datacenter.iops {
                if let range {
                    if !range.contains(iops.value) {
                        findings.append(
                            rule.finding(
                                "\(type) volumes take \(range.lowerBound)-\(range.upperBound) IOPS, not \(iops.value)", at: iops.range,
                                help: "set iops within \(range.lowerBound)-\(range.upperBound), or choose another volume_type"))
                    }
                } else {
                    findings.append(
                        rule.finding(
                            datacenter.volumeType == nil
                                ? "iops without volume_type: the volumes would be gp2, which takes no IOPS (EC2: InvalidParameterDependency)"
                                : "\(type) volumes take no IOPS", at: iops.range,
                            help: "set volume_type = \"gp3\" (3,000-16,000 IOPS), \"io1\" or \"io2\", or drop iops"))
                }
            } else if type == "io1" || type == "io2", let written = datacenter.volumeType {
                findings.append(
                    rule.finding(
                        "\(type) volumes need iops", at: written.range,
                        help: "add iops = ... (\(range.map { "\($0.lowerBound)-\($0.upperBound)" } ?? ""))"))
            }
        }
        return findings
    }
}

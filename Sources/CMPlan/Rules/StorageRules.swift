/// Storage and volumes: room for the data and its temporary copies, and volumes that can
/// really move where the plan sends them.
enum StorageRules {
    static let all: [Rule] = [diskTooSmall, sourceDiskTight, volumeNotPortable, volumeMissing, zoneUnavailable, kubernetesVersion]

    static let diskTooSmall = Rule(
        RuleDescription(
            name: .diskTooSmall, severity: .error,
            summary: "a target node's disk is smaller than its expected data (warning: than twice it)",
            checks: """
                For each target datacenter with a `disk`, the expected data per node (keyspace \
                sizes × target RF / source RF / nodes; docs/estimates.md) must fit: smaller than \
                the data is an error, smaller than twice the data a warning. With \
                datacenter-handover, which creates the target's volumes, `disk` is required.
                """,
            why: """
                A rebuild, a repair and every compaction write new sstables before they delete the \
                old ones: a node needs room for a keyspace's data again (seed 000: "temporary files \
                are created that are equal to keyspace in size"). A disk that fills mid-rebuild \
                stops the node, and the migration with it.
                """,
            fix: "Give the target datacenter bigger volumes (`disk`) or more nodes.",
            before: """
                datacenter "x2" {
                  nodes = 3
                  disk  = 500GiB
                }
                """,
            after: """
                datacenter "x2" {
                  nodes = 3
                  disk  = 2TiB
                }
                """)
    ) { rule, context in
        var findings: [Diagnostic] = []
        for (target, load) in zip(context.plan.target.datacenters, context.estimates.targetLoads) {
            if target.disk == nil, context.strategy == .datacenterHandover {
                findings.append(
                    rule.finding(
                        "datacenter \(target.name.value) has no disk: handover creates its volumes and must know their size",
                        at: target.name.range,
                        help: "add disk = <size of each new data volume> to datacenter \"\(target.name.value)\", e.g. disk = 2TiB"))
            }
            guard let disk = target.disk, let expected = load.perNode, expected.bytes > 0 else { continue }
            if disk.value < expected {
                findings.append(
                    rule.finding(
                        "disk \(disk.value) of datacenter \(target.name.value) is smaller than the \(expected) each node will hold",
                        at: disk.range, notes: [Note("estimated from \(load.basis)")],
                        help: "give each node at least \(Size(bytes: expected.bytes.multipliedClamped(by: 2))) (twice the data, for compaction and rebuild)"))
            } else if disk.value.bytes < expected.bytes.multipliedClamped(by: 2) {
                findings.append(
                    rule.warning(
                        "disk \(disk.value) of datacenter \(target.name.value) is less than twice the \(expected) each node will hold",
                        at: disk.range, notes: [Note("estimated from \(load.basis)")],
                        help: "rebuild and compaction need room for a second copy: use at least \(Size(bytes: expected.bytes.multipliedClamped(by: 2)))"))
            }
        }
        return findings
    }

    static let sourceDiskTight = Rule(
        RuleDescription(
            name: .sourceDiskTight, severity: .warning,
            summary: "source nodes have less free space than the largest keyspace's share; consider clear_snapshots",
            checks: """
                With datacenter-* strategies, for each source datacenter with `disk` and `load`, \
                the free space (disk - load) must hold the largest keyspace's per-node share; \
                otherwise, unless `clear_snapshots = true`, a warning.
                """,
            why: """
                Streaming and the compactions it triggers need temporary room on the source nodes. \
                Seed 000 ran out: the largest keyspace exceeded 350 GB with 200 GB free, and \
                `nodetool clearsnapshot` freed 500 GB that old snapshots had held.
                """,
            fix: "Set `clear_snapshots = true` (the runbook clears snapshots before streaming) or grow the source disks.",
            before: """
                plan "move" {
                  clear_snapshots = false
                }
                """,
            after: """
                plan "move" {
                  clear_snapshots = true
                }
                """)
    ) { rule, context in
        guard context.strategy.isDatacenterStrategy, !context.plan.settings.clearSnapshots.value else { return [] }
        var findings: [Diagnostic] = []
        for source in context.plan.source.datacenters {
            guard let disk = source.disk, let load = source.load else { continue }
            let free = disk.value.bytes > load.value.bytes ? disk.value.bytes - load.value.bytes : 0
            var largest: (name: String, share: UInt64)?
            for keyspace in context.plan.keyspaces {
                guard let factor = keyspace.factor(in: source.name.value)?.value,
                    let share = context.replication.bytesPerNode(of: keyspace, factor: factor, nodes: source.nodeCount.value)
                else { continue }
                if share > largest?.share ?? 0 { largest = (keyspace.name.value, share) }
            }
            guard let largest, free < largest.share else { continue }
            findings.append(
                rule.finding(
                    "source datacenter \(source.name.value) has \(Size(bytes: free)) free per node, less than the \(Size(bytes: largest.share)) of keyspace \(largest.name) on each",
                    at: disk.range, notes: [Note("load per node", at: load.range)],
                    help: "set clear_snapshots = true in the plan block (nodetool clearsnapshot before streaming), or grow the disks"))
        }
        return findings
    }

    static let volumeNotPortable = Rule(
        RuleDescription(
            name: .volumeNotPortable, severity: .error,
            summary: "volume-adoption from local storage",
            checks: "With volume-adoption, no source datacenter may have `storage = local`.",
            why: """
                volume-adoption moves data by snapshotting network volumes and creating new ones \
                in the target. Node-local disks have no snapshot to take and cannot be attached \
                elsewhere (seed 000: "Since the Cassandra-current cluster uses localstorage, you \
                cannot migrate its data to a new cluster directly").
                """,
            fix: "Use datacenter-handover or datacenter-extend, which stream the data instead.",
            before: """
                plan "move" { strategy = volume-adoption }
                datacenter "dc1" { storage = local }
                """,
            after: """
                plan "move" { strategy = datacenter-handover }
                datacenter "dc1" { storage = local }
                """)
    ) { rule, context in
        guard context.strategy == .volumeAdoption else { return [] }
        return context.plan.source.datacenters.filter { $0.storage.value == .local }.map { datacenter in
            rule.finding(
                "datacenter \(datacenter.name.value) keeps its data on local disks, which cannot be snapshotted or moved",
                at: datacenter.storage.range, notes: [Note("the strategy", at: context.plan.settings.strategy.range)],
                help: "use strategy = datacenter-handover, which streams the data to new volumes")
        }
    }

    static let volumeMissing = Rule(
        RuleDescription(
            name: .volumeMissing, severity: .error,
            summary: "volume-adoption: a source node without volume or zone",
            checks: "With volume-adoption, every source node block needs its data `volume` and that volume's `zone`.",
            why: """
                The runbook snapshots exactly the volumes the plan names and creates the new ones \
                in the zone where the pod will run. A node without a volume is left behind, and \
                its token ranges with it; without the zone, the new volume may be created where \
                its pod can never be scheduled.
                """,
            fix: "Add `volume = \"vol-...\"` and `zone = \"...\"` as `aws ec2 describe-volumes` shows them.",
            before: """
                node "cassandra-0" {
                  address = "10.0.1.10"
                }
                """,
            after: """
                node "cassandra-0" {
                  address = "10.0.1.10"
                  volume  = "vol-0a1b2c3d4e5f60010"
                  zone    = "us-east-1a"
                }
                """)
    ) { rule, context in
        guard context.strategy == .volumeAdoption else { return [] }
        return context.plan.source.datacenters.flatMap(\.nodes).compactMap { node in
            let missing = [node.volume == nil ? "volume" : nil, node.zone == nil ? "zone" : nil].compactMap { $0 }
            guard !missing.isEmpty else { return nil }
            return rule.finding(
                "node \(node.name.value) has no \(missing.joined(separator: " and ")): its data volume cannot be adopted",
                at: node.name.range,
                help: "add \(missing.map { $0 == "volume" ? "volume = \"vol-...\"" : "zone = \"us-east-1a\"" }.joined(separator: " and ")) to node \"\(node.name.value)\"")
        }
    }

    static let zoneUnavailable = Rule(
        RuleDescription(
            name: .zoneUnavailable, severity: .error,
            summary: "a volume's zone is not among the target's zones",
            checks: """
                With volume-adoption, when the target datacenter lists `zones`, every source \
                node's `zone` must be one of them.
                """,
            why: """
                An EBS volume lives in one availability zone and attaches only to instances there. \
                A PersistentVolume in a zone where the target has no nodes leaves its pod Pending \
                ("volume node affinity conflict") in the middle of the downtime window.
                """,
            fix: "Add the zone to the target's `zones` (and nodes there), or move the volume's snapshot to a listed zone.",
            before: """
                datacenter "dc1" {
                  zones = ["us-east-1a", "us-east-1b"]
                }
                """,
            after: """
                datacenter "dc1" {
                  zones = ["us-east-1a", "us-east-1b", "us-east-1c"]
                }
                """)
    ) { rule, context in
        guard context.strategy == .volumeAdoption else { return [] }
        var findings: [Diagnostic] = []
        for source in context.plan.source.datacenters {
            let target = context.plan.target.datacenter(named: source.name.value) ?? context.plan.target.datacenters.first
            guard let zones = target?.zones else { continue }
            let names = zones.value.map(\.value)
            for node in source.nodes {
                guard let zone = node.zone, !names.contains(zone.value) else { continue }
                findings.append(
                    rule.finding(
                        "node \(node.name.value)'s volume is in \(zone.value), where the target runs no pods", at: zone.range,
                        notes: [Note("the target's zones", at: zones.range)],
                        help: "add \"\(zone.value)\" to the target datacenter's zones"))
            }
        }
        return findings
    }

    static let kubernetesVersion = Rule(
        RuleDescription(
            name: .kubernetesVersion, severity: .error,
            summary: "a target Kubernetes version the generated manifests do not support",
            checks: "A target cluster in Kubernetes must run version 1.25 or later.",
            why: """
                The manifests use CSI volumes (`ebs.csi.aws.com`) and current API versions. The \
                in-tree `awsElasticBlockStore` source seed 004 used was deprecated and removed in \
                Kubernetes 1.27, and clusters before 1.25 lack the APIs the manifests rely on.
                """,
            fix: "Upgrade the target cluster to 1.25 or later first, and set `version` to what `kubectl version` reports.",
            before: """
                kubernetes {
                  version = "1.21"
                }
                """,
            after: """
                kubernetes {
                  version = "1.30"
                }
                """)
    ) { rule, context in
        guard let kubernetes = context.plan.target.kubernetes,
            kubernetes.version.value < KubernetesVersion(major: 1, minor: 25)
        else { return [] }
        return [
            rule.finding(
                "target Kubernetes \(kubernetes.version.value) is older than 1.25, the oldest the manifests support",
                at: kubernetes.version.range, help: "upgrade the target cluster to 1.25 or later before migrating")
        ]
    }
}

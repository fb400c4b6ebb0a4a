/// The stable name of every rule a diagnostic can carry.
///
/// These strings are public API: CI configurations, suppressions and tests refer to them.
/// Add names; never rename one.
public enum RuleName: String, Sendable, Hashable, CaseIterable, Comparable {
    // Front end (language.md section 5, "Front end").
    /// Text that does not follow the grammar.
    case syntax
    /// A block type that does not belong where it is.
    case unknownBlock = "unknown-block"
    /// An attribute name the block does not have.
    case unknownAttribute = "unknown-attribute"
    /// An attribute set twice in one block.
    case duplicateAttribute = "duplicate-attribute"
    /// A block declared twice (same type and label) or a single block given twice.
    case duplicateBlock = "duplicate-block"
    /// A required attribute or block that is absent.
    case missingAttribute = "missing-attribute"
    /// A value of the wrong kind (a string where a size belongs).
    case typeMismatch = "type-mismatch"
    /// A quantity whose unit is not one the language knows.
    case unknownUnit = "unknown-unit"
    /// A value of the right kind that is not allowed (an unknown enum member, a negative count).
    case invalidValue = "invalid-value"
    /// A `source`, `target`, `from` or `rack` that names nothing declared.
    case unknownReference = "unknown-reference"

    // Identity and topology.
    /// The target's `cluster_name` differs from the source's.
    case clusterNameMismatch = "cluster-name-mismatch"
    /// datacenter-*: a target DC has a source DC's name.
    case datacenterNameClash = "datacenter-name-clash"
    /// volume-adoption: a target DC name differs from the source's.
    case datacenterRenamed = "datacenter-renamed"
    /// volume-adoption: a node's rack is not kept.
    case rackRenamed = "rack-renamed"
    /// volume-adoption: not one pod per source node.
    case nodeCountMismatch = "node-count-mismatch"
    /// A name that cannot safely reach a shell command, CQL statement or manifest.
    case invalidName = "invalid-name"
    /// A cluster_name the official image's entrypoint cannot write into cassandra.yaml.
    case clusterNameUnsafe = "cluster-name-unsafe"
    /// An image that keeps its data elsewhere than where cmplanc mounts the data volume.
    case imageDataPath = "image-data-path"
    /// A name the target operator cannot use.
    case operatorNaming = "operator-naming"
    /// CassKop would run another number of pods than the plan's nodes (one count for every rack).
    case operatorRackSplit = "operator-rack-split"
    /// The target operator's documented install would not watch the target namespace.
    case operatorWatchNamespace = "operator-watch-namespace"
    /// A volume type and IOPS that EC2 refuses for the new volumes.
    case ebsVolumeInvalid = "ebs-volume-invalid"
    /// A cluster runs where the strategy cannot take or put it.
    case strategyPlacement = "strategy-placement"
    /// The strategy builds one target datacenter; the plan declares several.
    case targetDatacenters = "target-datacenters"
    /// A new target datacenter has no disk size.
    case targetDiskMissing = "target-disk-missing"
    /// A source datacenter no target datacenter moves, without saying whether it stays.
    case sourceDatacenterFate = "source-datacenter-fate"
    /// A cluster of plain StatefulSets with several datacenters.
    case statefulSetDatacenters = "statefulset-datacenters"
    /// volume-adoption with another num_tokens than the adopted disks recorded.
    case numTokensChanged = "num-tokens-changed"
    /// An operator that cannot be a target.
    case operatorUnsupported = "operator-unsupported"
    /// A seed given as an IP address in Kubernetes.
    case seedIsIP = "seed-is-ip"
    /// Source and target differ in Cassandra major.minor.
    case versionMismatch = "version-mismatch"
    /// A `credentials` block where its login cannot be read or used.
    case credentialsPlacement = "credentials-placement"
    /// A `tls` block cmplanc cannot carry to the new nodes.
    case tlsPlacement = "tls-placement"

    // Replication and consistency.
    /// datacenter-*: clients do not use a LOCAL_* consistency level.
    case consistencyNotLocal = "consistency-not-local"
    /// LOCAL_QUORUM with replication factor 2.
    case quorumNeedsAllReplicas = "quorum-needs-all-replicas"
    /// A keyspace replicates to a DC the source does not have.
    case replicationUnknownDatacenter = "replication-unknown-datacenter"
    /// A keyspace has no replica in the DC a target DC rebuilds from.
    case keyspaceNotReplicated = "keyspace-not-replicated"
    /// A replication factor above the DC's node count.
    case replicationExceedsNodes = "replication-exceeds-nodes"
    /// `system`, `system_schema` or a virtual keyspace is declared.
    case systemKeyspaceDeclared = "system-keyspace-declared"
    /// `system_auth` below RF 3 in a DC of three or more nodes.
    case systemAuthFragile = "system-auth-fragile"
    /// A SimpleStrategy keyspace in a source with several datacenters.
    case simpleStrategyDatacenters = "simple-strategy-datacenters"

    // Storage and volumes.
    /// A target disk smaller than (twice) its expected data.
    case diskTooSmall = "disk-too-small"
    /// Source nodes short of free space for the largest keyspace's share.
    case sourceDiskTight = "source-disk-tight"
    /// volume-adoption from local storage.
    case volumeNotPortable = "volume-not-portable"
    /// volume-adoption: a node without volume or zone.
    case volumeMissing = "volume-missing"
    /// A volume's zone is not among the target's zones.
    case zoneUnavailable = "zone-unavailable"
    /// A target Kubernetes version the manifests do not support.
    case kubernetesVersion = "kubernetes-version"

    // Network, time and monitoring.
    /// datacenter-extend: pod networks overlap or are not declared.
    case podCIDROverlap = "pod-cidr-overlap"
    /// datacenter-extend: the source's seeds are derived under a DNS domain the target resolves itself.
    case seedDomainShared = "seed-domain-shared"
    /// The estimated outage exceeds the downtime budget.
    case downtimeOverBudget = "downtime-over-budget"
    /// More parallel rebuilds than target nodes.
    case parallelRebuildsExceedNodes = "parallel-rebuilds-exceed-nodes"
    /// The estimated series count exceeds the Prometheus budget.
    case metricsOverBudget = "metrics-over-budget"

    /// Rules order by name, so listings are alphabetical and stable.
    public static func < (lhs: RuleName, rhs: RuleName) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

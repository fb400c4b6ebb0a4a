/// How the cluster moves (language.md section 4).
public enum Strategy: String, Sendable, Hashable, CaseIterable {
    /// Seed 000: a temporary DC beside the source on the target's disks, then handed over.
    case datacenterHandover = "datacenter-handover"
    /// A new DC in the target cluster joins over the network; the source DC is retired.
    case datacenterExtend = "datacenter-extend"
    /// Seed 004: machines' EBS volumes become the StatefulSet's volumes.
    case volumeAdoption = "volume-adoption"
    /// Seed 004's first attempt: snapshot, then sstableloader into the target.
    case snapshotLoad = "snapshot-load"

    /// Whether the strategy runs two datacenters of one cluster side by side.
    public var isDatacenterStrategy: Bool {
        self == .datacenterHandover || self == .datacenterExtend
    }
}

/// Cassandra consistency levels, as clients name them.
public enum ConsistencyLevel: String, Sendable, Hashable, CaseIterable {
    /// ANY
    case any = "ANY"
    /// ONE
    case one = "ONE"
    /// TWO
    case two = "TWO"
    /// THREE
    case three = "THREE"
    /// QUORUM
    case quorum = "QUORUM"
    /// ALL
    case all = "ALL"
    /// LOCAL_ONE
    case localOne = "LOCAL_ONE"
    /// LOCAL_QUORUM
    case localQuorum = "LOCAL_QUORUM"
    /// EACH_QUORUM
    case eachQuorum = "EACH_QUORUM"
}

/// What manages Cassandra in a Kubernetes cluster.
public enum OperatorKind: String, Sendable, Hashable, CaseIterable {
    /// Rook's Cassandra operator (removed from Rook in 1.8).
    case rook
    /// Orange's CassKop (`CassandraCluster`).
    case casskop
    /// DataStax/k8ssandra cass-operator (`CassandraDatacenter`).
    case cassOperator = "cass-operator"
    /// A plain StatefulSet, no operator.
    case statefulset
}

/// The authorizer a cluster with a login runs (cassandra.yaml `authorizer`).
public enum Authorizer: String, Sendable, Hashable, CaseIterable {
    /// Permissions from system_auth.role_permissions.
    case cassandraAuthorizer = "CassandraAuthorizer"
    /// Every role may do everything.
    case allowAllAuthorizer = "AllowAllAuthorizer"
}

/// Where a datacenter's data lives.
public enum StorageKind: String, Sendable, Hashable, CaseIterable {
    /// Node-local disks that cannot move between clusters.
    case local
    /// Network volumes (EBS, Persistent Disk, Ceph...).
    case network
}

/// The Prometheus exporter that publishes Cassandra's metrics.
public enum ExporterKind: String, Sendable, Hashable, CaseIterable {
    /// CassKop's built-in JMX exporter.
    case casskopJMX = "casskop-jmx"
    /// The Prometheus JMX exporter agent.
    case jmxExporter = "jmx-exporter"
    /// No exporter.
    case none
}

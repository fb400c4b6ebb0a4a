/// A Cassandra datacenter of one cluster.
public struct Datacenter: Sendable {
    /// The datacenter's name as Cassandra knows it.
    public var name: Located<String>
    /// Number of nodes (in Kubernetes as written; on machines the number of node blocks).
    public var nodeCount: Located<Int>
    /// Rack names; nodes are spread over them round-robin (default `["rack1"]`).
    public var racks: Located<[Located<String>]>
    /// For a target DC of a datacenter-* plan: the source DC it rebuilds from.
    public var from: Located<String>?
    /// Data per node today.
    public var load: Located<Size>?
    /// Data volume capacity per node.
    public var disk: Located<Size>?
    /// Local or network storage (default network).
    public var storage: Located<StorageKind>
    /// StorageClass of new volumes (Kubernetes targets).
    public var storageClass: Located<String>?
    /// Zones pods may run in (Kubernetes targets).
    public var zones: Located<[Located<String>]>?
    /// EBS volume type of new volumes (volume-adoption targets), e.g. gp3.
    public var volumeType: Located<String>?
    /// Provisioned IOPS of new volumes (volume-adoption targets).
    public var iops: Located<Int>?
    /// For a source DC of datacenter-extend or datacenter-handover that no target DC rebuilds
    /// from: true leaves it running as it is, false retires it with the moved ones.
    public var keep: Located<Bool>?
    /// Machines, for clusters on machines.
    public var nodes: [Node]
    /// The block's header.
    public var range: SourceRange

    /// Creates the value from all of its parts.
    public init(name: Located<String>, nodeCount: Located<Int>, racks: Located<[Located<String>]>, from: Located<String>?, load: Located<Size>?, disk: Located<Size>?, storage: Located<StorageKind>, storageClass: Located<String>?, zones: Located<[Located<String>]>?, volumeType: Located<String>?, iops: Located<Int>?, nodes: [Node], range: SourceRange, keep: Located<Bool>? = nil) {
        self.name = name
        self.nodeCount = nodeCount
        self.racks = racks
        self.from = from
        self.load = load
        self.disk = disk
        self.storage = storage
        self.storageClass = storageClass
        self.zones = zones
        self.volumeType = volumeType
        self.iops = iops
        self.nodes = nodes
        self.range = range
        self.keep = keep
    }
}

/// One machine of a datacenter on machines.
public struct Node: Sendable {
    /// The node's label.
    public var name: Located<String>
    /// Host name or address to reach it by ssh.
    public var address: Located<String>
    /// Its rack (default: the datacenter's first rack).
    public var rack: Located<String>
    /// Its EBS data volume (volume-adoption).
    public var volume: Located<String>?
    /// The volume's availability zone (volume-adoption).
    public var zone: Located<String>?
    /// The block's header.
    public var range: SourceRange

    /// Creates the value from all of its parts.
    public init(name: Located<String>, address: Located<String>, rack: Located<String>, volume: Located<String>?, zone: Located<String>?, range: SourceRange) {
        self.name = name
        self.address = address
        self.rack = rack
        self.volume = volume
        self.zone = zone
        self.range = range
    }
}

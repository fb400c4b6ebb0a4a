import CMPlanModel

/// What storage each simulated Kubernetes cluster has: Nodes labelled with their zone, the CSI
/// drivers registered there, and what its default provisioner makes. `rehearse --shared-storage`
/// breaks the sharing a datacenter-handover relies on in one of the ways real clusters do.
///
/// Facts, with where they were read:
/// - A CSI driver's node plugin reports its topology keys and kubelet copies them onto the Node's
///   labels (CSINode); the EBS CSI driver's key is `topology.ebs.csi.aws.com/zone` (real EKS nodes
///   carry it beside `topology.kubernetes.io/zone`), and its PersistentVolumes' nodeAffinity uses it.
/// - kubelet mounting a CSI volume whose driver is not registered on the node fails with "driver
///   name X not found in the list of registered CSI drivers" (kubernetes pkg/volume/csi/csi_client.go,
///   newCsiDriverClient), shown as a FailedMount event.
/// - The scheduler leaves a pod Pending whose PersistentVolume's nodeAffinity no node matches, its
///   PodScheduled condition saying "0/N nodes are available: N node(s) had volume node affinity
///   conflict." (pkg/scheduler/framework/plugins/volumebinding, ErrReasonNodeConflict).
/// - rancher/local-path-provisioner makes hostPath PersistentVolumes pinned to one node by
///   `kubernetes.io/hostname` (node-local storage): no CSI driver, no other node can mount them.
public enum SharedStorage: String, CaseIterable, Sendable {
    /// Both clusters run the EBS CSI driver in one zone: the target's disks mount in the source.
    case csi
    /// The source cluster does not run the target's CSI driver.
    case missingDriver = "missing-driver"
    /// The source cluster's nodes are in another zone than the target's disks.
    case otherZone = "other-zone"
    /// The target's StorageClass makes node-local volumes.
    case nodeLocal = "node-local"
}

extension World {
    /// The CSI driver every simulated cluster runs unless told otherwise.
    static let ebsDriver = "ebs.csi.aws.com"
    /// The node-local provisioner `--shared-storage node-local` gives the target.
    static let localProvisioner = "rancher.io/local-path"
    /// The zone label the EBS CSI driver's node plugin puts on its nodes.
    static let ebsZoneKey = "topology.ebs.csi.aws.com/zone"

    /// Three Nodes or more, spread over the zones, and, when it runs one, the CSI driver with its
    /// zone label on every Node.
    static func storageObjects(context: String, zones: [String], driver: String?) -> [String: Tree] {
        var objects: [String: Tree] = [:]
        let zones = zones.isEmpty ? ["zone-a"] : zones
        for index in 1...Swift.max(3, zones.count) {
            let name = "\(context)-node-\(index)"
            let zone = zones[(index - 1) % zones.count]
            var labels: [String: Tree] = ["kubernetes.io/hostname": .string(name), "topology.kubernetes.io/zone": .string(zone)]
            if driver == ebsDriver { labels[ebsZoneKey] = .string(zone) }
            objects[key("node", nil, name)] = .map(["kind": .string("Node"), "metadata": .map(["name": .string(name), "labels": .map(labels)])])
        }
        if let driver {
            objects[key("csidriver", nil, driver)] = .map(["kind": .string("CSIDriver"), "metadata": .map(["name": .string(driver)])])
        }
        return objects
    }

    /// Replaces a cluster's Nodes and CSI drivers with ones in `zones` running `driver`; new disks
    /// are made in the first zone.
    mutating func setStorage(context: String, zones: [String], driver: String?) {
        guard var cluster = clusters[context] else { return }
        cluster.objects = cluster.objects.filter { !$0.key.hasPrefix("node/") && !$0.key.hasPrefix("csidriver/") }
        cluster.objects.merge(Self.storageObjects(context: context, zones: zones, driver: driver)) { _, new in new }
        cluster.zone = zones.first ?? cluster.zone
        clusters[context] = cluster
    }

    /// Breaks the storage sharing between a source and a target cluster as `mode` says.
    public mutating func shareStorage(_ mode: SharedStorage, plan: Plan) {
        guard let source = plan.source.kubernetes?.context.value, let target = plan.target.kubernetes?.context.value, source != target else { return }
        let zone = clusters[source]?.zone ?? "zone-a"
        switch mode {
        case .csi:
            break
        case .missingDriver:
            setStorage(context: source, zones: [zone], driver: nil)
        case .otherZone:
            setStorage(context: source, zones: [zone + "-other"], driver: Self.ebsDriver)
        case .nodeLocal:
            clusters[target]?.provisioner = Self.localProvisioner
        }
    }
}

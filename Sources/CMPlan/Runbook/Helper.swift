/// The operations a runbook step can call. Each is a bash function of the runbook's library
/// (Emit/Library/*.sh); read-only ones serve guards, checks and preflight.
public enum Helper: String, Sendable, Hashable, CaseIterable {
    /// A command is on PATH: `require_tool NAME`.
    case requireTool = "require_tool"
    /// A kubeconfig context exists and its API server answers: `CONTEXT`.
    case requireContext = "require_context"
    /// A namespace exists: `CONTEXT NAMESPACE`.
    case requireNamespace = "require_namespace"
    /// An operator's workload exists: `CONTEXT KIND NAMESPACE/NAME` (KIND deployment or statefulset).
    case requireOperator = "require_operator"
    /// `nodetool describecluster` names the cluster and shows one schema version: `CONTEXT NS POD CONTAINER NAME`.
    case expectClusterName = "expect_cluster_name"
    /// `nodetool status` shows a datacenter with exactly COUNT nodes, all UN: `CONTEXT NS POD CONTAINER DC COUNT`.
    case expectDatacenterUp = "expect_datacenter_up"
    /// The live non-system keyspaces and their replication are exactly SPEC: `CONTEXT NS POD CONTAINER SPEC`.
    case expectKeyspaces = "expect_keyspaces"
    /// Names resolve inside a pod: `CONTEXT NS POD CONTAINER NAME...`.
    case expectNamesResolve = "expect_names_resolve"
    /// An object is absent, or carries this plan's label: `CONTEXT NS KIND NAME`.
    case expectNotForeign = "expect_not_foreign"
    /// An object exists: `CONTEXT NS KIND NAME`.
    case objectExists = "object_exists"
    /// An object is absent: `CONTEXT NS KIND NAME`.
    case objectAbsent = "object_absent"
    /// A CassandraDatacenter names no additionalSeeds: `CONTEXT NS NAME`.
    case additionalSeedsEmpty = "additional_seeds_empty"
    /// Removes a CassandraDatacenter's additionalSeeds (merge patch): `CONTEXT NS NAME`.
    case forgetAdditionalSeeds = "forget_additional_seeds"
    /// Claims are Bound: `CONTEXT NS CLAIM...`.
    case claimsBound = "claims_bound"
    /// The volumes behind claims have reclaim policy Retain: `CONTEXT NS CLAIM...`.
    case volumesRetained = "volumes_retained"
    /// A workload's replicas: `CONTEXT NS KIND NAME COUNT`.
    case replicasAre = "replicas_are"
    /// An operator's WATCH_NAMESPACE covers a namespace: `CONTEXT KIND NAMESPACE/NAME WATCHED`.
    case operatorWatches = "operator_watches"
    /// An operator's workload has no replicas: `CONTEXT KIND NAMESPACE/NAME`.
    case operatorHeld = "operator_held"
    /// A keyspace's replication is exactly SPEC (`dc:rf,...`): `CONTEXT NS POD CONTAINER KEYSPACE SPEC`.
    case replicationIs = "replication_is"
    /// A keyspace has no replicas in a datacenter: `CONTEXT NS POD CONTAINER KEYSPACE DC`.
    case replicationLacks = "replication_lacks"
    /// A keyspace has replicas in a datacenter: `CONTEXT NS POD CONTAINER KEYSPACE DC`.
    case replicationHas = "replication_has"
    /// A NetworkTopologyStrategy keyspace has exactly RF replicas in a datacenter:
    /// `CONTEXT NS POD CONTAINER KEYSPACE DC RF`.
    case replicationFactorIs = "replication_factor_is"
    /// `nodetool status` shows no node of a datacenter: `CONTEXT NS POD CONTAINER DC`.
    case datacenterAbsent = "datacenter_absent"
    /// Every node of a datacenter shows at least BYTES of Load in `nodetool status` (a rebuild
    /// that copied nothing shows up here): `CONTEXT NS POD CONTAINER DC BYTES`.
    case expectDatacenterLoad = "expect_datacenter_load"
    /// `vm.max_map_count` seen inside a pod is at least MIN: `CONTEXT NS POD CONTAINER MIN`.
    case expectMaxMapCount = "expect_max_map_count"
    /// A path inside a pod has at least BYTES available: `CONTEXT NS POD CONTAINER PATH BYTES`.
    case expectFreeDisk = "expect_free_disk"
    /// No streaming sessions and one schema version: `CONTEXT NS POD CONTAINER`.
    case streamingIdle = "streaming_idle"
    /// Applies a manifest file (relative to the runbook): `CONTEXT FILE`.
    case applyManifest = "apply_manifest"
    /// Fills a PersistentVolume template from the target's volume and applies it:
    /// `CONTEXT TEMPLATE TARGET_CONTEXT TARGET_NS TARGET_CLAIM`.
    case applyVolumeTemplate = "apply_volume_template"
    /// Scales an operator's workload to zero, remembering its replicas: `CONTEXT KIND NAMESPACE/NAME`.
    case holdOperator = "hold_operator"
    /// Scales an operator's workload back to the replicas it had: `CONTEXT KIND NAMESPACE/NAME`.
    case releaseOperator = "release_operator"
    /// Scales a workload: `CONTEXT NS KIND NAME COUNT`.
    case scale = "scale"
    /// Scales a workload that may not exist yet (a rollback before it was made), but never
    /// takes an unreadable cluster for an absent one: `CONTEXT NS KIND NAME COUNT`.
    case scaleIfPresent = "scale_if_present"
    /// Waits until claims are Bound: `CONTEXT NS CLAIM...`.
    case waitClaimsBound = "wait_claims_bound"
    /// Waits until a DaemonSet or StatefulSet has rolled out: `CONTEXT NS KIND NAME`.
    case waitRollout = "wait_rollout"
    /// Waits until pods are gone: `CONTEXT NS POD...`.
    case waitPodsGone = "wait_pods_gone"
    /// Waits until a datacenter shows COUNT nodes UN: `CONTEXT NS POD CONTAINER DC COUNT`.
    case waitDatacenterUp = "wait_datacenter_up"
    /// Sets reclaim policy Retain on the volumes behind claims: `CONTEXT NS CLAIM...`.
    case retainVolumes = "retain_volumes"
    /// `nodetool drain` on each pod, then nothing more is written: `CONTEXT NS POD/CONTAINER...`.
    case drain = "drain"
    /// `nodetool clearsnapshot` on each pod, every snapshot on 3.x: `CONTEXT NS POD/CONTAINER...`.
    case clearSnapshots = "clear_snapshots"
    /// `nodetool clearsnapshot --all` on each pod (4.0+ refuses it without): `CONTEXT NS POD/CONTAINER...`.
    case clearAllSnapshots = "clear_all_snapshots"
    /// `ALTER KEYSPACE` to exactly SPEC, DC names quoted: `CONTEXT NS POD CONTAINER KEYSPACE SPEC`.
    case alterReplication = "alter_replication"
    /// Adds a datacenter to a system keyspace with the RF it has in another (at most MAX):
    /// `CONTEXT NS POD CONTAINER KEYSPACE FROM_DC TO_DC MAX`.
    case extendReplication = "extend_replication"
    /// Removes a datacenter from a keyspace's replication: `CONTEXT NS POD CONTAINER KEYSPACE DC`.
    case dropReplication = "drop_replication"
    /// `nodetool rebuild -- SOURCE_DC` on each pod, at most PARALLEL at once:
    /// `CONTEXT NS SOURCE_DC PARALLEL POD/CONTAINER...`.
    case rebuild = "rebuild"
    /// `nodetool repair --full` on each pod, one at a time: `CONTEXT NS POD/CONTAINER...`.
    case repairFull = "repair_full"
    /// `nodetool removenode` for every host id `nodetool status` lists under DC, read at run
    /// time: `CONTEXT NS POD CONTAINER DC`.
    case removeDatacenterNodes = "remove_datacenter_nodes"
    /// Deletes an object: `CONTEXT NS KIND NAME`.
    case deleteObject = "delete_object"
    /// `/var/lib/cassandra` is a mounted volume on a machine: `USER ADDRESS OPTIONS`.
    case expectDataMount = "expect_data_mount"
    /// The aws CLI reaches EC2 in a region: `REGION`.
    case requireRegion = "require_region"
    /// A CSI driver is installed: `CONTEXT DRIVER`.
    case requireCSIDriver = "require_csi_driver"
    /// An EBS volume exists in its zone, attached, at least MIN GiB: `REGION VOLUME ZONE MIN_GIB`.
    case expectVolume = "expect_volume"
    /// Records a machine's host id in the state dir: `USER ADDRESS OPTIONS NODE`.
    case recordHostId = "record_host_id"
    /// Every node of a datacenter owns num_tokens tokens (nodetool status): `ANCHOR... DC COUNT`.
    case expectTokenCount = "expect_token_count"
    /// The node's login as a Secret (keys username, password) applied from standard input: `CONTEXT NS NAME`.
    case applyLoginSecret = "apply_login_secret"
    /// A Secret exists and holds every key: `CONTEXT NS NAME KEY...`.
    case expectSecretKeys = "expect_secret_keys"
    /// A node's clients must, or need not, use TLS: `CONTEXT NS POD CONTAINER required|none`.
    case expectClientTLS = "expect_client_tls"
    /// A node authenticates and authorizes as the plan says: `CONTEXT NS POD CONTAINER login|none AUTHORIZER`.
    case expectAuthentication = "expect_authentication"
    /// Records the host id a pod runs (nodetool info): `ANCHOR... LABEL`.
    case recordPodHostId = "record_pod_host_id"
    /// Records the filesystem of a machine's data volume (findmnt): `USER ADDRESS OPTIONS NODE`.
    case recordFilesystem = "record_filesystem"
    /// Every node's data filesystem is recorded: `NODE...`.
    case filesystemsRecorded = "filesystems_recorded"
    /// Host ids are recorded for nodes: `NODE...`.
    case hostIdsRecorded = "host_ids_recorded"
    /// Snapshots tagged with the plan, stage and node exist: `REGION STAGE NODE...`.
    case snapshotsTaken = "snapshots_taken"
    /// Starts a volume's snapshot (found again by tag, never duplicated), without waiting: `REGION VOLUME NODE STAGE`.
    case startSnapshot = "start_snapshot"
    /// Waits for every node's snapshot of a stage to complete: `REGION STAGE NODE...`.
    case waitSnapshots = "wait_snapshots"
    /// Drains and stops Cassandra on machines: `USER OPTIONS ADDRESS...`.
    case stopCassandra = "stop_cassandra"
    /// Starts Cassandra on machines (the rollback): `USER OPTIONS ADDRESS...`.
    case startCassandra = "start_cassandra"
    /// Cassandra is stopped on machines: `USER OPTIONS ADDRESS...`.
    case cassandraStopped = "cassandra_stopped"
    /// Volumes created from the final snapshots exist: `REGION NODE...`.
    case volumesCreated = "volumes_created"
    /// Creates a node's volume from its final snapshot in a zone: `REGION NODE ZONE TYPE IOPS`.
    case createVolume = "create_volume"
    /// Fills and applies a PersistentVolume for a node's new volume: `CONTEXT TEMPLATE REGION NODE`.
    case applyAdoptedVolume = "apply_adopted_volume"
    /// A pod runs the host id recorded for a node: `CONTEXT NS POD CONTAINER NODE`.
    case expectHostId = "expect_host_id"
    /// A one-off pod reaches each name on a port: `CONTEXT NS POD IMAGE PORT NAME...`.
    case expectReachableFrom = "expect_reachable_from"
    /// Records each node's stream limits once, then sets both to RATE: `CONTEXT NS UNIT RATE POD/CONTAINER...`.
    case throttleStreaming = "throttle_streaming"
    /// Every node's stream limits are RATE, their values before recorded: `CONTEXT NS UNIT RATE POD/CONTAINER...`.
    case streamingThrottled = "streaming_throttled"
    /// Puts back each node's recorded stream limits: `CONTEXT NS UNIT POD/CONTAINER...`.
    case restoreStreaming = "restore_streaming"
    /// The stream limits were put back and are what they were: `CONTEXT NS UNIT POD/CONTAINER...`.
    case streamingRestored = "streaming_restored"
    /// Waits until a pod runs, saying why when it never does: `CONTEXT NS POD`.
    case waitPodRunning = "wait_pod_running"
    /// A target claim's volume can be lent to a cluster: a CSI volume whose driver runs there, with
    /// a node in its zone: `CONTEXT TARGET_CONTEXT TARGET_NS TARGET_CLAIM`.
    case expectVolumeMountable = "expect_volume_mountable"
    /// The storage probe's source pod ran with the borrowed disk mounted (recorded): no arguments.
    case storageProbePassed = "storage_probe_passed"
    /// Waits until the storage probe's source pod runs, then records it: `CONTEXT NS POD`.
    case waitStorageProbe = "wait_storage_probe"
    /// No CQL client is connected to the nodes (nodetool clientstats, 4.0+ only): `CONTEXT NS POD/CONTAINER...`.
    case expectNoClients = "expect_no_clients"
    /// `nodetool decommission` on each node still in the ring, one at a time, with `--force` when
    /// FORCE is `--force` (`-` for none): `CONTEXT NS FORCE POD/CONTAINER...`.
    case decommissionNodes = "decommission_nodes"
    /// The target holds a keyspace with SPEC and the source's tables: `SOURCE(4) TARGET(4) KEYSPACE SPEC`.
    case schemaCopied = "schema_copied"
    /// Copies a keyspace's schema (DESCRIBE out, applied in) with the target's replication: `SOURCE(4) TARGET(4) KEYSPACE SPEC`.
    case copySchema = "copy_schema"
    /// Checks no client is connected (4.0+), then disables native transport: `NODE(4)`.
    case stopClientTraffic = "stop_client_traffic"
    /// Disables native transport and Thrift (3.x, which has no clientstats): `NODE(4)`.
    case stopNativeAndThrift = "stop_native_and_thrift"
    /// Native transport is off on a node: `NODE(4)`.
    case clientTrafficStopped = "client_traffic_stopped"
    /// The rollback's undoing of the freeze: native transport (and Thrift when THRIFT is yes) on
    /// again on a node: `NODE(4) THRIFT`.
    case reopenClientTraffic = "reopen_client_traffic"
    /// Native transport runs on a node: `NODE(4)`.
    case clientTrafficOpen = "client_traffic_open"
    /// `nodetool flush` and `nodetool snapshot -t TAG` unless the snapshot exists: `NODE(4) TAG`.
    case snapshotNode = "snapshot_node"
    /// A node has snapshot TAG: `NODE(4) TAG`.
    case nodeHasSnapshot = "node_has_snapshot"
    /// Reads the target pods' addresses for sstableloader: `CONTEXT NS POD...`.
    case targetAddresses = "target_addresses"
    /// Starts a node's sstableloader run in the background: `NODE(4) TAG MBITS KEYSPACE...`.
    case startLoader = "start_loader"
    /// Waits for every loader started in this step: no arguments.
    case waitLoaders = "wait_loaders"
    /// Every node loaded every keyspace (state-dir markers): `KEYSPACES(comma) NODE...`.
    case snapshotsLoaded = "snapshots_loaded"
    /// A keyspace's first table counts the same rows on source and target: `SOURCE(4) TARGET(4) KEYSPACE TIMEOUT_SECONDS`.
    case expectSameRows = "expect_same_rows"
    /// `nodetool clearsnapshot -t TAG` and the staging directory removed: `NODE(4) TAG`.
    case clearNodeSnapshot = "clear_node_snapshot"
    /// A node no longer has snapshot TAG: `NODE(4) TAG`.
    case snapshotCleared = "snapshot_cleared"
    /// Asks the person running the runbook to confirm something done outside it, and records
    /// the answer in the target cluster: `KEY MESSAGE`.
    case confirm = "confirm"
    /// A confirmation was recorded (by this run or an earlier one): `KEY`.
    case confirmed = "confirmed"
    /// No run confirmed KEY (a rollback's premise); an unreadable record fails: `KEY WHY`.
    case notConfirmed = "not_confirmed"

    /// Whether the helper only reads (usable in guards, checks and dry runs).
    public var isReadOnly: Bool {
        switch self {
        case .requireTool, .requireContext, .requireNamespace, .requireOperator, .operatorWatches, .expectClusterName, .expectDatacenterUp,
            .expectKeyspaces, .expectNamesResolve, .expectNotForeign, .objectExists, .objectAbsent, .additionalSeedsEmpty, .claimsBound,
            .volumesRetained, .replicasAre, .operatorHeld, .replicationIs, .replicationLacks, .replicationHas, .replicationFactorIs,
            .datacenterAbsent, .streamingIdle, .expectMaxMapCount, .expectFreeDisk, .expectDatacenterLoad, .expectDataMount,
            .requireRegion, .requireCSIDriver, .expectVolume, .expectTokenCount, .expectAuthentication, .expectClientTLS, .expectSecretKeys, .hostIdsRecorded, .filesystemsRecorded, .snapshotsTaken, .cassandraStopped,
            .volumesCreated, .expectHostId, .expectNoClients, .schemaCopied, .clientTrafficStopped, .clientTrafficOpen, .nodeHasSnapshot,
            .snapshotsLoaded, .expectSameRows, .snapshotCleared, .confirmed, .notConfirmed, .expectVolumeMountable, .storageProbePassed,
            .streamingThrottled, .streamingRestored:
            return true
        case .applyManifest, .applyVolumeTemplate, .holdOperator, .releaseOperator, .scale, .scaleIfPresent, .waitPodsGone,
            .waitClaimsBound, .waitRollout,
            .waitDatacenterUp, .retainVolumes, .drain, .clearSnapshots, .clearAllSnapshots, .alterReplication, .extendReplication,
            .dropReplication, .forgetAdditionalSeeds, .rebuild, .repairFull, .removeDatacenterNodes, .deleteObject, .confirm, .recordHostId, .recordPodHostId, .recordFilesystem,
            .startSnapshot, .waitSnapshots, .stopCassandra, .startCassandra, .createVolume, .applyAdoptedVolume, .expectReachableFrom, .decommissionNodes,
            .copySchema, .stopClientTraffic, .stopNativeAndThrift, .reopenClientTraffic, .snapshotNode, .targetAddresses, .startLoader, .waitLoaders, .clearNodeSnapshot,
            .waitPodRunning, .waitStorageProbe, .throttleStreaming, .restoreStreaming, .applyLoginSecret:
            return false
        }
    }
}

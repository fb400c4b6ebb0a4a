/// The compiled procedure: phases of steps and the manifests they apply. Planners build it,
/// emitters only render it (bash, YAML, PLAN.md, plan.json); no emitter decides what happens.
public struct Runbook: Sendable {
    /// The plan's name.
    public var planName: String
    /// SHA-256 of the plan source: ties what runs to what was reviewed.
    public var planHash: String
    /// The plan's strategy.
    public var strategy: Strategy
    /// The longest outage allowed.
    public var downtimeBudget: Duration
    /// The steps in order.
    public var steps: [Step]
    /// Every object the runbook applies, per cluster in apply order.
    public var manifests: [Manifest]
    /// The plan's estimates, for the review document.
    public var estimates: Estimates
    /// Warnings the plan compiled with, rendered for the review document.
    public var warnings: [String]
    /// The clusters involved: label, context and namespace, for the review document.
    public var clusters: [ClusterSummary]
    /// Where cqlsh's login comes from on each cluster's nodes (the header's CQL_LOGINS).
    public var logins: [(key: String, spec: String)] = []
    /// The nodes whose nodetool logs in over JMX with that login (the header's JMX_LOGINS).
    public var jmxLogins: [(key: String, spec: String)] = []
    /// `logins` by node key, as CommandPreview looks them up.
    public var loginsByKey: [String: String] { Dictionary(logins.map { ($0.key, $0.spec) }, uniquingKeysWith: { first, _ in first }) }
    /// `jmxLogins` by node key.
    public var jmxLoginsByKey: [String: String] { Dictionary(jmxLogins.map { ($0.key, $0.spec) }, uniquingKeysWith: { first, _ in first }) }
    /// The nodes (`context/namespace`, `@ssh`) whose clients must use TLS (the header's CQL_TLS).
    public var clientTLS: [String] = []
    /// How to go back from each phase, for the review document: (phase, how, what is lost).
    public var wayBack: [(phase: String, how: String, lost: String)] = []
    /// Topology before, during and after, for the review document's diagrams.
    public var topology: [TopologyStage]
    /// What the review document lists under the estimates' assumptions.
    public var notes: [String]
    /// Which disk goes to which pod in which zone (volume-adoption).
    public var volumeMapping: [VolumeMapping] = []
    /// Where the runbook keeps what a resume must know (see `ProgressRecord`).
    public var record: ProgressRecord
    /// Every keyspace's replication before and after the migration, for the review document.
    public var replication: [KeyspaceReplication] = []
    /// Each new datacenter's disk as the plan writes it and as the manifests request it.
    public var disks: [DiskRequest] = []
}

/// A keyspace's replication before the migration and when it is over.
public struct KeyspaceReplication: Sendable, Hashable {
    /// The keyspace.
    public var keyspace: String
    /// `{dc: rf, ...}` today.
    public var before: String
    /// `{dc: rf, ...}` after, or how the runbook decides it.
    public var after: String
}

/// A datacenter's disk: the plan's size and the quantity its claims request (whole GiB,
/// rounded up: 500GB is 465.66GiB, requested as 466Gi).
public struct DiskRequest: Sendable, Hashable {
    /// The datacenter.
    public var datacenter: String
    /// The size as the plan wrote it.
    public var planned: String
    /// The Kubernetes quantity the claims ask for.
    public var requested: String
}

/// The ConfigMap in the target cluster that holds the facts a resume needs (a node rebuilt, a
/// keyspace loaded, a host id, a confirmation), so a run that lost its state dir, or runs from
/// another machine, still knows them.
public struct ProgressRecord: Sendable, Hashable {
    /// The target's kubeconfig context.
    public var context: String
    /// The target's namespace.
    public var namespace: String
    /// The ConfigMap's name: `cmplan-<plan>-progress`.
    public var name: String
}

/// One source machine's disk and the pod that adopts a copy of it.
public struct VolumeMapping: Sendable, Hashable {
    /// The node's label in the plan.
    public var node: String
    /// Its address.
    public var address: String
    /// Its EBS volume.
    public var volume: String
    /// The zone of the volume, the new volume and the pod.
    public var zone: String
    /// The rack kept.
    public var rack: String
    /// The pod.
    public var pod: String
    /// The claim.
    public var claim: String
}

/// One of the five phases of runbook.md.
public enum Phase: String, Sendable, Hashable, CaseIterable {
    /// Read-only assertions against the live systems.
    case preflight
    /// Everything that can be built while clients use the source undisturbed.
    case prepare
    /// Data moves to the new datacenter; clients still undisturbed.
    case migrate
    /// The downtime window: the switch.
    case cutover
    /// The old datacenter leaves; temporary objects go.
    case retire
}

/// One step: a purpose, a guard that asks the live system whether it is already done, the
/// action, and a check that the action took effect.
public struct Step: Sendable, Hashable {
    /// Stable id `NN-verb-object`, e.g. `21-alter-keyspace-example`.
    public var id: String
    /// The `verb-object` part of its id, the same whatever its number.
    public var name: String { String(id.drop { $0 != "-" }.dropFirst()) }
    /// Its phase.
    public var phase: Phase
    /// One line: what it does and why.
    public var purpose: String
    /// The label of the cluster it acts on (nil: none, e.g. a confirmation).
    public var cluster: String?
    /// Read-only calls that all succeed when the step is already done (empty: no live
    /// evidence; the journal decides).
    public var guardCalls: [Call]
    /// What the step does.
    public var action: [Call]
    /// Read-only calls that must succeed afterwards.
    public var check: [Call]
    /// Read-only calls that must succeed right before the action, whatever `--from` or
    /// `--only` skipped: what makes a destructive step safe (the new datacenter holds the
    /// data, the source left replication, the clients were stopped).
    public var premise: [Call] = []
    /// Whether it destroys or stops something (asks for the plan name unless --yes).
    public var destructive: Bool
    /// Whether it runs inside the downtime window.
    public var inDowntime: Bool
    /// Whether it runs only when named with `--only` (a rollback), never in the normal flow.
    public var manualOnly: Bool = false
    /// Whether its guard marks progress: it holds only once this step ran and stays true for
    /// the rest of the run, so when it holds the live system is past every earlier step (whose
    /// own guards may no longer hold: the source stopped, replication changed). A run that
    /// lost its journal asks these guards, latest first, where it stands.
    public var marksProgress: Bool = false
}

/// One call of a runbook helper with its arguments (plain values; the emitter quotes them).
public struct Call: Sendable, Hashable {
    /// The helper.
    public var helper: Helper
    /// Its arguments, in order.
    public var arguments: [String]

    /// Creates a call.
    public init(_ helper: Helper, _ arguments: [String]) {
        self.helper = helper
        self.arguments = arguments
    }
}

/// One Kubernetes object to apply, in a cluster, in order.
public struct Manifest: Sendable, Hashable {
    /// The label of the cluster it is applied to.
    public var cluster: String
    /// Position in the cluster's apply order (1-based).
    public var order: Int
    /// Its kind (`StatefulSet`).
    public var kind: String
    /// Its name.
    public var name: String
    /// Whether it holds placeholders the runbook fills from the live system.
    public var isTemplate: Bool
    /// The object.
    public var document: YAML

    /// `manifests/<cluster>/NN-<kind>-<name>[.template].yaml`.
    public var path: String {
        let number = order < 10 ? "0\(order)" : "\(order)"
        return "manifests/\(cluster)/\(number)-\(kind.lowercased())-\(name)\(isTemplate ? ".template" : "").yaml"
    }
}

/// A cluster as the review document names it.
public struct ClusterSummary: Sendable, Hashable {
    /// The plan's label.
    public var label: String
    /// Where it runs: a kubeconfig context and namespace, or machines.
    public var location: String
    /// Its role: source, target.
    public var role: String
    /// The Kubernetes version its manifests must suit (nil on machines).
    public var kubernetesVersion: String?
    /// Its kubeconfig context (nil on machines).
    public var context: String? = nil
}

/// The topology at one moment, for a Mermaid diagram.
public struct TopologyStage: Sendable, Hashable {
    /// "Before", "During", "After".
    public var title: String
    /// Groups (clusters) with their datacenters' descriptions.
    public var groups: [(name: String, members: [String])]
    /// Arrows between members: (from, to, label).
    public var links: [(from: String, to: String, label: String)]

    /// Stages compare by their rendered content.
    public static func == (lhs: TopologyStage, rhs: TopologyStage) -> Bool {
        lhs.title == rhs.title && lhs.groups.map(\.name) == rhs.groups.map(\.name)
            && lhs.groups.map(\.members) == rhs.groups.map(\.members) && lhs.links.map(\.label) == rhs.links.map(\.label)
    }

    /// Hashes the title and group names.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(title)
        hasher.combine(groups.map(\.name))
    }
}

/// One Cassandra installation: in Kubernetes or on machines, with its datacenters.
public struct Cluster: Sendable {
    /// The block label that `source` and `target` refer to.
    public var label: Located<String>
    /// Cassandra's `cluster_name` (a target defaults to the source's).
    public var clusterName: Located<String>
    /// Cassandra's version (a target defaults to the source's).
    public var cassandraVersion: Located<CassandraVersion>
    /// The container image (default `cassandra:<cassandra_version>`).
    public var image: Located<String>
    /// Seed addresses, when given; otherwise derived from the operator's pod DNS names.
    public var seeds: Located<[Located<String>]>?
    /// Tokens per node (`num_tokens`): the source's as it runs (default: the shipped
    /// cassandra.yaml's, 256 before 4.0 and 16 from 4.0); the target's default is the source's.
    public var numTokens: Located<Int>
    /// Where the cluster runs.
    public var placement: Placement
    /// The AWS settings, for EBS volumes.
    public var aws: AWSSettings?
    /// Where the cqlsh login of a cluster with PasswordAuthenticator lives (`credentials`).
    public var credentials: CredentialsSource? = nil
    /// The encryption its nodes run (`tls`), which new nodes of its ring must run too.
    public var tls: TLSSettings? = nil
    /// The datacenters, in declaration order.
    public var datacenters: [Datacenter]
    /// The `cluster` block's header.
    public var range: SourceRange

    /// The Kubernetes settings, when the cluster runs in Kubernetes.
    public var kubernetes: KubernetesPlacement? {
        if case .kubernetes(let settings) = placement { return settings }
        return nil
    }

    /// The datacenter with a name, if any.
    public func datacenter(named name: String) -> Datacenter? {
        datacenters.first { $0.name.value == name }
    }

    /// Creates the value from all of its parts.
    public init(label: Located<String>, clusterName: Located<String>, cassandraVersion: Located<CassandraVersion>, image: Located<String>, seeds: Located<[Located<String>]>?, numTokens: Located<Int>, placement: Placement, aws: AWSSettings?, datacenters: [Datacenter], range: SourceRange) {
        self.label = label
        self.clusterName = clusterName
        self.cassandraVersion = cassandraVersion
        self.image = image
        self.seeds = seeds
        self.numTokens = numTokens
        self.placement = placement
        self.aws = aws
        self.datacenters = datacenters
        self.range = range
    }
}

/// The `credentials` block: where the runbook reads a cluster's cqlsh login (never from the
/// plan's text).
public struct CredentialsSource: Sendable {
    /// The two places a login can be kept.
    public enum Kind: Sendable, Equatable {
        /// A Kubernetes Secret in the cluster's namespace, with keys `username` and `password`.
        case secret(String)
        /// A cqlsh credentials file (`[PlainTextAuthProvider]` with `username` and `password`)
        /// on the machine that runs the runbook; `~/` is its user's home.
        case file(String)
    }

    /// Where the login lives.
    public var kind: Located<Kind>
    /// Whether nodetool's JMX wants the same login (`jmx = true`; default false).
    public var jmx: Located<Bool>?
    /// The authorizer the cluster runs beside PasswordAuthenticator; new nodes run the same.
    public var authorizer: Located<Authorizer>
    /// The block's header.
    public var range: SourceRange

    /// Creates the value from all of its parts.
    public init(kind: Located<Kind>, jmx: Located<Bool>? = nil, authorizer: Located<Authorizer>, range: SourceRange) {
        self.kind = kind
        self.jmx = jmx
        self.authorizer = authorizer
        self.range = range
    }

    /// Whether nodetool must log in with it.
    public var forJMX: Bool { jmx?.value ?? false }
}

/// The `tls` block: client-to-node and internode encryption, with the keystores new nodes use.
public struct TLSSettings: Sendable {
    /// Whether clients must use TLS (client_encryption_options: enabled, not optional).
    public var client: Located<Bool>
    /// server_encryption_options.internode_encryption.
    public var internode: Located<InternodeEncryption>
    /// The Secret holding keystore.jks, truststore.jks, keystore-password and truststore-password,
    /// in every namespace where the runbook starts new nodes.
    public var secret: Located<String>
    /// The block's header.
    public var range: SourceRange

    /// Creates the value from all of its parts.
    public init(client: Located<Bool>, internode: Located<InternodeEncryption>, secret: Located<String>, range: SourceRange) {
        self.client = client
        self.internode = internode
        self.secret = secret
        self.range = range
    }
}

/// Which internode connections are encrypted (cassandra.yaml `internode_encryption`).
public enum InternodeEncryption: String, Sendable, Hashable, CaseIterable {
    /// None.
    case none
    /// Between datacenters.
    case dc
    /// Between racks.
    case rack
    /// All.
    case all
}

/// Where a cluster runs: exactly one of the `kubernetes` and `ssh` blocks.
public enum Placement: Sendable {
    /// In a Kubernetes cluster.
    case kubernetes(KubernetesPlacement)
    /// On machines reached by ssh.
    case machines(SSHAccess)
}

/// The `kubernetes` block.
public struct KubernetesPlacement: Sendable {
    /// The kubeconfig context.
    public var context: Located<String>
    /// The namespace Cassandra runs in.
    public var namespace: Located<String>
    /// What manages Cassandra there.
    public var operatorKind: Located<OperatorKind>
    /// The Kubernetes version (default 1.30).
    public var version: Located<KubernetesVersion>
    /// The cluster DNS domain (default `cluster.local`).
    public var domain: Located<String>
    /// The pod network, when given.
    public var podCIDR: Located<CIDR>?
    /// The StatefulSet name, operator statefulset (default `cassandra`).
    public var statefulSet: Located<String>
    /// The volume claim template name, operator statefulset (default `cassandra-data`).
    public var claimTemplate: Located<String>
    /// The operator's workload (`operator_deployment` or `operator_statefulset`, else the
    /// operator's documented install); nil for a plain StatefulSet.
    public var operatorWorkload: Located<OperatorWorkload>?
    /// The block's header.
    public var range: SourceRange

    /// Creates the value from all of its parts.
    public init(context: Located<String>, namespace: Located<String>, operatorKind: Located<OperatorKind>, version: Located<KubernetesVersion>, domain: Located<String>, podCIDR: Located<CIDR>?, statefulSet: Located<String>, claimTemplate: Located<String>, operatorWorkload: Located<OperatorWorkload>?, range: SourceRange) {
        self.context = context
        self.namespace = namespace
        self.operatorKind = operatorKind
        self.version = version
        self.domain = domain
        self.podCIDR = podCIDR
        self.statefulSet = statefulSet
        self.claimTemplate = claimTemplate
        self.operatorWorkload = operatorWorkload
        self.range = range
    }
}

/// The `ssh` block.
public struct SSHAccess: Sendable {
    /// The remote user.
    public var user: Located<String>
    /// Extra ssh options, when given.
    public var options: Located<String>?
    /// The block's header.
    public var range: SourceRange

    /// Creates the value from all of its parts.
    public init(user: Located<String>, options: Located<String>?, range: SourceRange) {
        self.user = user
        self.options = options
        self.range = range
    }
}

/// The `aws` block.
public struct AWSSettings: Sendable {
    /// The region the EBS volumes live in.
    public var region: Located<String>
    /// The block's header.
    public var range: SourceRange

    /// Creates the value from all of its parts.
    public init(region: Located<String>, range: SourceRange) {
        self.region = region
        self.range = range
    }
}

/// The workload an operator runs as, which the runbook checks at preflight and holds at zero
/// replicas while it edits what the operator owns: a Deployment (CassKop, cass-operator) or a
/// StatefulSet (Rook's Cassandra operator).
public struct OperatorWorkload: Sendable, Hashable {
    /// The workload's kind.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `apps/v1` Deployment.
        case deployment
        /// `apps/v1` StatefulSet.
        case statefulset
    }

    /// Deployment or StatefulSet.
    public var kind: Kind
    /// Its namespace.
    public var namespace: String
    /// Its name.
    public var name: String

    /// Creates a workload reference.
    public init(kind: Kind, namespace: String, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// `namespace/name`, as the plan writes it.
    public var reference: String { "\(namespace)/\(name)" }
}

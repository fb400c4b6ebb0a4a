/// A cluster as written, before the source's defaults are filled in.
struct ClusterDraft {
    var label: Located<String>
    var clusterName: Located<String>?
    var cassandraVersion: Located<CassandraVersion>?
    var image: Located<String>?
    var seeds: Located<[Located<String>]>?
    var numTokens: Located<Int>?
    var placement: Placement
    var aws: AWSSettings?
    var credentials: CredentialsSource?
    var tls: TLSSettings?
    var datacenters: [Datacenter]
    var range: SourceRange
}

extension SchemaDecoder {
    mutating func decodeCluster(_ block: Block, label: Located<String>) -> ClusterDraft? {
        var body = reader(for: block)
        let clusterName = string(&body, "cluster_name")
        let version = cassandraVersion(&body)
        let image = string(&body, "image")
        let seeds = stringList(&body, "seeds", nonEmpty: true)
        let numTokens = integer(&body, "num_tokens", minimum: 1)
        let kubernetesBlock = single(body.blocks("kubernetes"), kind: "kubernetes")
        let sshBlock = single(body.blocks("ssh"), kind: "ssh")
        let awsBlock = single(body.blocks("aws"), kind: "aws")
        let credentialsBlock = single(body.blocks("credentials"), kind: "credentials")
        let tlsBlock = single(body.blocks("tls"), kind: "tls")
        let datacenterBlocks = body.blocks("datacenter")
        finish(body)

        var placement: Placement?
        switch (kubernetesBlock, sshBlock) {
        case (let kubernetes?, let ssh?):
            report(
                .error(
                    .duplicateBlock, "cluster \"\(label.value)\" has both a kubernetes and an ssh block", at: ssh.headerRange,
                    notes: [Note("kubernetes block here", at: kubernetes.headerRange)],
                    help: "a cluster runs either in Kubernetes or on machines: keep the block that is true"))
        case (let kubernetes?, nil):
            placement = decodeKubernetes(kubernetes).map(Placement.kubernetes)
        case (nil, let ssh?):
            placement = decodeSSH(ssh).map(Placement.machines)
        case (nil, nil):
            report(
                .error(
                    .missingAttribute, "cluster \"\(label.value)\" needs a kubernetes or an ssh block", at: block.headerRange,
                    help: "add kubernetes { context = ..., namespace = ..., operator = ... } or ssh { user = ... }"))
        }
        let aws = awsBlock.flatMap { decodeAWS($0) }
        let credentials = credentialsBlock.flatMap { decodeCredentials($0) }
        let tls = tlsBlock.flatMap { decodeTLS($0) }
        let onKubernetes: Bool? = kubernetesBlock != nil && sshBlock == nil ? true : (sshBlock != nil && kubernetesBlock == nil ? false : nil)
        let datacenters = labeled(datacenterBlocks, kind: "datacenter", example: "datacenter \"dc1\" { ... }").compactMap {
            decodeDatacenter($0.block, name: $0.label, onKubernetes: onKubernetes)
        }
        if datacenterBlocks.isEmpty {
            report(
                .error(
                    .missingAttribute, "cluster \"\(label.value)\" needs at least one datacenter block", at: block.headerRange,
                    help: "add datacenter \"dc1\" { nodes = 3 } with the name `nodetool status` shows"))
        }
        guard let placement else { return nil }
        return ClusterDraft(
            label: label, clusterName: clusterName, cassandraVersion: version, image: image, seeds: seeds, numTokens: numTokens,
            placement: placement, aws: aws, credentials: credentials, tls: tls, datacenters: datacenters, range: block.headerRange)
    }

    private mutating func cassandraVersion(_ body: inout BodyReader) -> Located<CassandraVersion>? {
        guard let text = string(&body, "cassandra_version") else { return nil }
        guard let version = CassandraVersion(text.value) else {
            report(
                .error(
                    .invalidValue, "'cassandra_version' must be a version like \"4.1.3\", not \"\(text.value)\"", at: text.range,
                    help: "write the version `nodetool version` prints, e.g. \"3.0.10\""))
            return nil
        }
        return text.map { _ in version }
    }

    private mutating func decodeKubernetes(_ block: Block) -> KubernetesPlacement? {
        var body = reader(for: block)
        let header = block.headerRange
        let context = string(&body, "context", required: "context = \"my-kube-context\" (see kubectl config get-contexts)")
        let namespace = string(&body, "namespace", required: "namespace = \"cassandra\"")
        let operatorKind = enumeration(&body, "operator", OperatorKind.self, required: "operator = casskop")
        var version = Located(KubernetesVersion(major: 1, minor: 30), at: header, isExplicit: false)
        if let text = string(&body, "version") {
            if let parsed = KubernetesVersion(text.value) {
                version = text.map { _ in parsed }
            } else {
                report(
                    .error(
                        .invalidValue, "'version' must be a Kubernetes version like \"1.30\", not \"\(text.value)\"",
                        at: text.range, help: "write major.minor as `kubectl version` prints the server's"))
            }
        }
        let domain = string(&body, "domain") ?? Located("cluster.local", at: header, isExplicit: false)
        var podCIDR: Located<CIDR>?
        if let text = string(&body, "pod_cidr") {
            if let cidr = CIDR(text.value) {
                podCIDR = text.map { _ in cidr }
            } else {
                report(
                    .error(
                        .invalidValue, "'pod_cidr' must be a network like \"10.244.0.0/16\", not \"\(text.value)\"",
                        at: text.range, help: "write the cluster's pod network in CIDR notation"))
            }
        }
        var operatorWorkload: Located<OperatorWorkload>?
        if let kind = operatorKind?.value, let fallback = Self.defaultOperatorWorkload(kind, namespace: namespace?.value) {
            let deployment = string(&body, "operator_deployment")
            let statefulSet = string(&body, "operator_statefulset")
            operatorWorkload = Located(fallback, at: header, isExplicit: false)
            if let deployment, let statefulSet {
                report(
                    .error(
                        .duplicateAttribute, "'operator_deployment' and 'operator_statefulset' both name the operator's workload",
                        at: statefulSet.range, notes: [Note("operator_deployment", at: deployment.range)],
                        help: "keep the one that matches how the operator runs (kubectl get deployment,statefulset -A)"))
            }
            for (written, workloadKind) in [(deployment, OperatorWorkload.Kind.deployment), (statefulSet, .statefulset)] {
                guard let written else { continue }
                let parts = written.value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2 else {
                    report(
                        .error(
                            .invalidValue, "'operator_\(workloadKind.rawValue)' must be namespace/name, not \"\(written.value)\"",
                            at: written.range, help: "write the operator's \(workloadKind.rawValue) as kubectl shows it, e.g. \"casskop/casskop-cassandra-operator\""))
                    operatorWorkload = nil
                    continue
                }
                operatorWorkload = written.map { _ in OperatorWorkload(kind: workloadKind, namespace: parts[0], name: parts[1]) }
            }
        } else if operatorKind == nil {
            _ = string(&body, "operator_deployment")
            _ = string(&body, "operator_statefulset")
        } else if operatorKind?.value == .statefulset {
            body.reject("operator_deployment", because: "a plain StatefulSet has no operator to hold; remove operator_deployment")
            body.reject("operator_statefulset", because: "a plain StatefulSet has no operator to hold; remove operator_statefulset")
        }
        var statefulSet = Located("cassandra", at: header, isExplicit: false)
        var claimTemplate = Located("cassandra-data", at: header, isExplicit: false)
        if operatorKind == nil || operatorKind?.value == .statefulset {
            statefulSet = string(&body, "statefulset") ?? statefulSet
            claimTemplate = string(&body, "claim_template") ?? claimTemplate
        } else if let kind = operatorKind?.value.rawValue {
            let reason = "the \(kind) operator names its own StatefulSets and claims; statefulset and claim_template apply only to operator = statefulset"
            body.reject("statefulset", because: reason)
            body.reject("claim_template", because: reason)
        }
        finish(body)
        guard let context, let namespace, let operatorKind else { return nil }
        return KubernetesPlacement(
            context: context, namespace: namespace, operatorKind: operatorKind, version: version, domain: domain,
            podCIDR: podCIDR, statefulSet: statefulSet, claimTemplate: claimTemplate,
            operatorWorkload: operatorWorkload, range: header)
    }

    /// Where each operator runs in its documented install; the runbook checks at preflight
    /// that it is there, and `operator_deployment` or `operator_statefulset` overrides it.
    ///
    /// SOURCE: rook/cassandra `cluster/examples/kubernetes/cassandra/operator.yaml` (a
    /// StatefulSet `rook-cassandra-operator` in `rook-cassandra-system`); Orange-OpenSource/casskop
    /// `helm/cassandra-operator` (release `casskop` of chart `cassandra-operator`: the Deployment
    /// `casskop-cassandra-operator`, installed in the namespace it watches, WATCH_NAMESPACE its
    /// own); k8ssandra/cass-operator `config/deployments/default` (namespace `cass-operator`,
    /// prefix `cass-operator-` on `config/manager`'s Deployment `controller-manager`).
    static func defaultOperatorWorkload(_ kind: OperatorKind, namespace: String?) -> OperatorWorkload? {
        switch kind {
        case .rook: return OperatorWorkload(kind: .statefulset, namespace: "rook-cassandra-system", name: "rook-cassandra-operator")
        case .casskop: return OperatorWorkload(kind: .deployment, namespace: namespace ?? "default", name: "casskop-cassandra-operator")
        case .cassOperator: return OperatorWorkload(kind: .deployment, namespace: "cass-operator", name: "cass-operator-controller-manager")
        case .statefulset: return nil
        }
    }

    private mutating func decodeSSH(_ block: Block) -> SSHAccess? {
        var body = reader(for: block)
        let user = string(&body, "user", required: "user = \"ubuntu\"")
        let options = string(&body, "options")
        finish(body)
        guard let user else { return nil }
        return SSHAccess(user: user, options: options, range: block.headerRange)
    }

    /// `tls { client = <bool>, internode = none|dc|rack|all, secret = "..." }`.
    private mutating func decodeTLS(_ block: Block) -> TLSSettings? {
        var body = reader(for: block)
        let client = boolean(&body, "client") ?? Located(false, at: block.headerRange, isExplicit: false)
        let internode = enumeration(&body, "internode", InternodeEncryption.self)
            ?? Located(InternodeEncryption.none, at: block.headerRange, isExplicit: false)
        let secret = string(&body, "secret", required: "secret = \"cassandra-tls\" (keys keystore.jks, truststore.jks, keystore-password, truststore-password)")
        finish(body)
        guard let secret else { return nil }
        if !client.value && internode.value == .none {
            report(
                .error(
                    .missingAttribute, "the tls block encrypts nothing", at: block.headerRange,
                    help: "say what the source encrypts: client = true (clients must use TLS) and/or internode = all (or dc, rack)"))
            return nil
        }
        return TLSSettings(client: client, internode: internode, secret: secret, range: block.headerRange)
    }

    /// `credentials { secret = "..." }` or `credentials { file = "..." }`: exactly one.
    private mutating func decodeCredentials(_ block: Block) -> CredentialsSource? {
        var body = reader(for: block)
        let secret = string(&body, "secret")
        let file = string(&body, "file")
        let jmx = boolean(&body, "jmx")
        let authorizer = enumeration(
            &body, "authorizer", Authorizer.self, required: "authorizer = CassandraAuthorizer (as the source's cassandra.yaml says; new nodes run the same)")
        finish(body)
        guard let authorizer else { return nil }
        switch (secret, file) {
        case (let secret?, nil):
            return CredentialsSource(kind: secret.map { .secret($0) }, jmx: jmx, authorizer: authorizer, range: block.headerRange)
        case (nil, let file?):
            return CredentialsSource(kind: file.map { .file($0) }, jmx: jmx, authorizer: authorizer, range: block.headerRange)
        case (let secret?, let file?):
            report(
                .error(
                    .duplicateAttribute, "'secret' and 'file' both name where the login lives", at: file.range,
                    notes: [Note("secret", at: secret.range)],
                    help: "keep one: a Kubernetes Secret in the cluster's namespace, or a cqlsh credentials file on the machine that runs the runbook"))
        case (nil, nil):
            report(
                .error(
                    .missingAttribute, "the credentials block names no login", at: block.headerRange,
                    help: "add secret = \"cassandra-superuser\" (keys username and password) or file = \"~/.cassandra/credentials\""))
        }
        return nil
    }

    private mutating func decodeAWS(_ block: Block) -> AWSSettings? {
        var body = reader(for: block)
        let region = string(&body, "region", required: "region = \"us-east-1\"")
        finish(body)
        guard let region else { return nil }
        return AWSSettings(region: region, range: block.headerRange)
    }
}

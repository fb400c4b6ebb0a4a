/// What authentication and authorization the source's nodes run, which every node the runbook
/// adds to its ring must run too: a node with AllowAllAuthenticator in a ring whose roles need a
/// login lets anyone read everything through it; one with AllowAllAuthorizer ignores every grant.
struct NodeSecurity: Sendable {
    /// cassandra.yaml `authenticator`.
    var authenticator: String
    /// cassandra.yaml `authorizer`.
    var authorizer: String
    /// The encryption new nodes run, with the Secret of their keystores (nil: none).
    var tls: TLSSettings? = nil

    /// A source with a login runs PasswordAuthenticator and the plan's authorizer; one without,
    /// the shipped cassandra.yaml's AllowAllAuthenticator and AllowAllAuthorizer (preflight's
    /// expect_authentication proves which, on the live source).
    init(_ plan: Plan) {
        tls = plan.source.tls
        if let credentials = plan.source.credentials {
            authenticator = "PasswordAuthenticator"
            authorizer = credentials.authorizer.value.rawValue
        } else {
            authenticator = "AllowAllAuthenticator"
            authorizer = Authorizer.allowAllAuthorizer.rawValue
        }
    }

    /// What the nodes a plan adds run: the source's in one ring (handover, extend, adoption); in
    /// snapshot-load's separate cluster the shipped defaults, since sstableloader could load it
    /// only with its password on a command line (credentials-placement; PLAN.md says so).
    static func newNodes(_ plan: Plan) -> NodeSecurity {
        var security = NodeSecurity(plan)
        if plan.settings.strategy.value == .snapshotLoad {
            security.authenticator = "AllowAllAuthenticator"
            security.authorizer = Authorizer.allowAllAuthorizer.rawValue
            security.tls = nil
        }
        return security
    }

    /// Whether a login is required.
    var requiresLogin: Bool { authenticator == "PasswordAuthenticator" }

    /// The arguments of expect_authentication after the node: `login|none AUTHORIZER`.
    var expectation: [String] { [requiresLogin ? "login" : "none", authorizer] }

    /// The keys the tls Secret must hold where new nodes mount it.
    static let tlsKeys = ["keystore.jks", "truststore.jks", "keystore-password", "truststore-password"]

    /// That the tls Secret holds its keys in a namespace where new nodes will mount it.
    func secretCheck(context: String, namespace: String) -> [Call] {
        guard let tls else { return [] }
        return [Call(.expectSecretKeys, [context, namespace, tls.secret.value] + Self.tlsKeys)]
    }

    /// The checks that a node at `anchor` (its four words) authenticates, authorizes and takes
    /// clients as the plan says the source's nodes do.
    func checks(_ anchor: [String]) -> [Call] {
        [Call(.expectAuthentication, anchor + expectation), Call(.expectClientTLS, anchor + [tls?.client.value == true ? "required" : "none"])]
    }

    /// The keys an operator renders into cassandra.yaml (`config.cassandra-yaml`).
    var cassandraYAML: [(String, String)] { [("authenticator", authenticator), ("authorizer", authorizer)] }

    /// The container command of a plain StatefulSet with the official image when the image's
    /// defaults (AllowAll) are not these: it rewrites the two keys of cassandra.yaml, whether
    /// written as a value (`authenticator: X`, before 5.0) or a block (`authenticator:` then
    /// indented `class_name: X`, trunk's form), then runs the image's own entrypoint as its
    /// default command does. The value it writes is accepted by either: where Config's
    /// `authenticator` is a ParameterizedClass (5.0's cidr_authorizer and crypto_provider beside
    /// it), ParameterizedClass has a constructor of one String, which snakeyaml uses for a scalar
    /// when a class has several one-argument constructors (Constructor.ConstructScalar:
    /// getDeclaredConstructor(String.class)); before, the field is a String (apache/cassandra
    /// Config.java and ParameterizedClass.java, snakeyaml's Constructor.java, read). SOURCE: docker-library/cassandra Dockerfile (`ENTRYPOINT
    /// ["docker-entrypoint.sh"]`, `CMD ["cassandra", "-f"]`, the configuration in
    /// `$CASSANDRA_CONF`, once `$CASSANDRA_CONFIG`, both /etc/cassandra); apache/cassandra
    /// conf/cassandra.yaml. nil when the image's defaults already match.
    var imageCommand: [String]? {
        let auth = requiresLogin || authorizer != Authorizer.allowAllAuthorizer.rawValue
        guard auth || tls != nil else { return nil }
        var rules: [String] = []
        if auth {
            rules.append(#"/^authenticator:/ { print "authenticator: \#(authenticator)"; skip = 1; next }"#)
            rules.append(#"/^authorizer:/ { print "authorizer: \#(authorizer)"; skip = 1; next }"#)
        }
        var environment = ""
        if let tls {
            let dir = Self.tlsMount
            environment = "KEYSTORE_PASSWORD=\"$(cat \(dir)/keystore-password)\" TRUSTSTORE_PASSWORD=\"$(cat \(dir)/truststore-password)\" "
            rules.append(
                #"/^server_encryption_options:/ { print "server_encryption_options:"; print "  internode_encryption: \#(tls.internode.value.rawValue)"; "#
                    + #"print "  keystore: \#(dir)/keystore.jks"; print "  keystore_password: " quoted(ENVIRON["KEYSTORE_PASSWORD"]); "#
                    + #"print "  truststore: \#(dir)/truststore.jks"; print "  truststore_password: " quoted(ENVIRON["TRUSTSTORE_PASSWORD"]); skip = 1; next }"#)
            if tls.client.value {
                rules.append(
                    #"/^client_encryption_options:/ { print "client_encryption_options:"; print "  enabled: true"; print "  optional: false"; "#
                        + #"print "  keystore: \#(dir)/keystore.jks"; print "  keystore_password: " quoted(ENVIRON["KEYSTORE_PASSWORD"]); skip = 1; next }"#)
            }
        }
        // Passwords reach awk through its environment (never its arguments) and YAML as
        // single-quoted strings (`'` doubled; \047 keeps the shell's own quotes intact).
        let script = """
            conf="${CASSANDRA_CONF:-${CASSANDRA_CONFIG:-/etc/cassandra}}/cassandra.yaml"
            \(environment)awk '
            \(Self.quotedFunction)
            \(rules.joined(separator: "\n"))
            skip && /^[[:space:]]/ { next }
            { skip = 0; print }
            ' "$conf" >"$conf.cmplan" || exit 1
            cat "$conf.cmplan" >"$conf" && rm -f "$conf.cmplan" || exit 1
            exec docker-entrypoint.sh cassandra -f
            """
        return ["sh", "-c", script]
    }

    /// awk's YAML single-quoting of a value.
    static let quotedFunction = #"function quoted(text) { gsub(/\047/, "\047\047", text); return "\047" text "\047" }"#

    /// Where the tls Secret's files are mounted in a new node's container.
    static let tlsMount = "/etc/cassandra-tls"

    /// The Secret holding the source's login that a cass-operator target names as its
    /// superuser (`superuserSecretName`), so the role cass-operator upserts is the existing one;
    /// nil when the target is no cass-operator or the source has no login.
    ///
    /// SOURCE: k8ssandra/cass-operator pkg/reconciliation/secrets.go (without the field the
    /// operator makes `<cluster>-superuser` with a random password) and reconcile_racks.go
    /// (CreateUsers/upsertUser: POST /api/v0/ops/auth/role on the datacenter's first pod, with
    /// is_superuser, into the system_auth the new datacenter shares with the source).
    static func superuserSecret(_ plan: Plan) -> String? {
        guard plan.settings.strategy.value.isDatacenterStrategy, plan.source.credentials != nil,
            plan.target.kubernetes?.operatorKind.value == .cassOperator
        else { return nil }
        return "cmplan-\(plan.name.value)-superuser"
    }

    /// What PLAN.md says of logins on the new nodes.
    static func note(_ plan: Plan) -> String {
        let security = NodeSecurity(plan)
        if plan.settings.strategy.value == .snapshotLoad {
            let source = security.requiresLogin ? " while the source requires a login: until you enable PasswordAuthenticator there and create the roles again, anyone who reaches it reads the loaded data" : ""
            return "Logins: the new cluster starts with the image's AllowAllAuthenticator and AllowAllAuthorizer and none of the source's roles (system_auth is not loaded; sstableloader could log in only with a password on its command line)\(source)."
        }
        var operatorRole = ""
        if plan.settings.strategy.value.isDatacenterStrategy, plan.target.kubernetes?.operatorKind.value == .cassOperator {
            operatorRole = superuserSecret(plan).map {
                " cass-operator's superuser is the source's login: the runbook copies it into the Secret \($0) in the target namespace, which the CassandraDatacenter names (superuserSecretName) and which stays as long as it does, so the role cass-operator upserts is the existing one with its password."
            } ?? " cass-operator, given no superuser Secret, makes `<cluster>-superuser` with a random password in the target namespace and upserts that superuser role into the system_auth the new datacenter shares with the source: it stays after the migration, a login that works once authentication is enabled."
        }
        if security.requiresLogin {
            return "Logins: the new nodes join the source's ring (or start on its disks) and carry its system_auth, so every role and password of the source logs in on them and no other; they run PasswordAuthenticator and \(security.authorizer) as the source's nodes do (plain StatefulSets: a command that sets both in cassandra.yaml before the image's entrypoint; operators: config.cassandra-yaml), which preflight proves on the source and a check proves on each new node once it runs (a client without a login is turned away; LIST PERMISSIONS answers as \(security.authorizer) does).\(operatorRole)"
        }
        return "Logins: the source answers clients without a login (preflight proves it), and the new nodes run AllowAllAuthenticator and AllowAllAuthorizer like it (the image's defaults; operators get them in config.cassandra-yaml), checked on each new node once it runs. A source that requires a login must say so with a credentials block.\(operatorRole)"
    }
}

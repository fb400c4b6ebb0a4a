/// What the official Cassandra image does with the volume and environment the plain
/// StatefulSets here give it (`image-data-path`, `cluster-name-unsafe`).
enum ImageRules {
    static let all: [Rule] = [clusterNameUnsafe, imageDataPath]

    /// Characters the entrypoint's unescaped `sed` replacement cannot carry: `/` ends the `s`
    /// command, `&` stands for the matched text, `\` escapes.
    static let sedBreakers: Set<Character> = ["/", "&", "\\"]
    /// Characters that may not begin a YAML plain scalar (YAML 1.1/1.2 indicators).
    static let yamlIndicators: Set<Character> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`"]

    /// Why `cassandra.yaml` would not carry the name intact after the entrypoint writes it
    /// unquoted (`cluster_name: NAME`); nil when it would.
    static func problem(with name: String) -> String? {
        if let character = name.first(where: sedBreakers.contains) {
            return "its '\(character)' breaks the entrypoint's sed (the container exits, or the name is mangled)"
        }
        if let first = name.first, yamlIndicators.contains(first) {
            return "YAML reads a value starting with '\(first)' as something other than the name"
        }
        if name.contains(": ") || name.contains(" #") || name.contains("\t") || name.hasSuffix(" ") || name.hasPrefix(" ") {
            return "YAML reads an unquoted value with ': ', ' #', a tab or outer spaces as something other than the name"
        }
        return nil
    }

    /// Whether cmplanc runs the plan's image in a plain StatefulSet of its own (the temporary
    /// pods of datacenter-handover, a `statefulset` target, volume-adoption).
    static func runsPlainStatefulSets(_ plan: Plan) -> Bool {
        let strategy = plan.settings.strategy.value
        return strategy == .datacenterHandover || strategy == .volumeAdoption || plan.target.kubernetes?.operatorKind.value == .statefulset
    }

    /// An image reference without its tag or digest (`docker.io/library/cassandra`).
    static func repository(of image: String) -> String {
        var name = image
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") { name = String(name[..<colon]) }
        return name
    }

    /// The official image's repository as Docker Hub resolves it (docker-library/cassandra).
    static let officialRepositories: Set<String> = ["cassandra", "library/cassandra", "docker.io/cassandra", "docker.io/library/cassandra"]

    /// Repositories known to keep their data elsewhere than /var/lib/cassandra, and where.
    ///
    /// SOURCE: kubernetes/website `content/en/examples/application/cassandra/cassandra-statefulset.yaml`
    /// (image gcr.io/google-samples/cassandra:v13, `mountPath: /cassandra_data`).
    static let knownDataPaths: [String: String] = [
        "gcr.io/google-samples/cassandra": "/cassandra_data", "gcr.io/google_containers/cassandra": "/cassandra_data",
    ]

    static let imageDataPath = Rule(
        RuleDescription(
            name: .imageDataPath, severity: .error,
            summary: "an image that keeps its data elsewhere than /var/lib/cassandra, where cmplanc mounts the data volume",
            checks: """
                Where cmplanc runs the plan's `image` in a plain StatefulSet (datacenter-handover's \
                temporary pods, a `statefulset` target, volume-adoption), it mounts the data volume \
                at /var/lib/cassandra, the official image's data path (docker-library/cassandra: \
                `VOLUME /var/lib/cassandra`). An image known to keep its data elsewhere (the \
                Kubernetes example's gcr.io/google-samples/cassandra: /cassandra_data) is refused; \
                any other image than the official one is a warning to check.
                """,
            why: """
                Cassandra would write to the container's own filesystem while the volume sits \
                empty beside it: the new nodes look healthy, and their data is gone with the next \
                restart of the pod.
                """,
            fix: "Set `image = \"cassandra:<version>\"` (the official image, or a mirror of it), whose data path is /var/lib/cassandra.",
            before: """
                cluster "new" {
                  image = "gcr.io/google-samples/cassandra:v13"
                }
                """,
            after: """
                cluster "new" {
                  image = "cassandra:3.11.6"
                }
                """)
    ) { rule, context in
        let plan = context.plan
        guard runsPlainStatefulSets(plan) else { return [] }
        let image = plan.target.image
        let repository = repository(of: image.value)
        if let path = knownDataPaths[repository] {
            return [
                rule.finding(
                    "image \(image.value) keeps its data in \(path), but cmplanc mounts the data volume at /var/lib/cassandra",
                    at: image.range, help: "use the official image, image = \"cassandra:\(plan.target.cassandraVersion.value)\"")
            ]
        }
        guard !officialRepositories.contains(repository) else { return [] }
        return [
            rule.warning(
                "image \(image.value) is not the official cassandra image: cmplanc mounts the data volume at /var/lib/cassandra and sets the official entrypoint's environment",
                at: image.range, help: "check that \(repository) keeps its data in /var/lib/cassandra and reads CASSANDRA_SEEDS, CASSANDRA_DC and CASSANDRA_RACK like the official image")
        ]
    }

    static let clusterNameUnsafe = Rule(
        RuleDescription(
            name: .clusterNameUnsafe, severity: .error,
            summary: "a cluster_name the official image's entrypoint cannot write into cassandra.yaml",
            checks: """
                Where cmplanc runs Cassandra in a plain StatefulSet (the temporary pods of \
                datacenter-handover, a target with `operator = statefulset`, volume-adoption), \
                the official image's entrypoint writes `CASSANDRA_CLUSTER_NAME` into \
                cassandra.yaml with `sed -r 's/^(# )?(cluster_name:).*/\\2 '"$val"'/'`: no \
                escaping, no quotes. A name holding `/`, `&` or `\\`, starting with a YAML \
                indicator, or holding `: ` or ` #`, does not arrive intact.
                """,
            why: """
                A node whose cassandra.yaml names another cluster refuses to start on a disk \
                that recorded the real name ("Saved cluster name ... != configured name"), inside \
                the downtime window with the source already stopped; a `/` makes sed fail and the \
                container exit before Cassandra starts at all. \
                (SOURCE: docker-library/cassandra docker-entrypoint.sh, the `for yaml in ... \
                cluster_name ...` loop.)
                """,
            fix: """
                Use an operator that renders cassandra.yaml itself (cass-operator or CassKop) for \
                the target, or an image whose entrypoint quotes the name; the cluster's name itself \
                cannot change.
                """,
            before: """
                cluster "old" {
                  cluster_name = "prod/eu"
                }
                """,
            after: """
                cluster "old" {
                  cluster_name = "prod-eu"
                }
                """)
    ) { rule, context in
        let plan = context.plan
        let strategy = plan.settings.strategy.value
        let plainTarget = plan.target.kubernetes?.operatorKind.value == .statefulset
        guard runsPlainStatefulSets(plan) else { return [] }
        let name = plan.target.clusterName
        guard let problem = problem(with: name.value) else { return [] }
        let runner = strategy == .datacenterHandover && !plainTarget
            ? "the temporary pods of datacenter-handover run the official image" : "the target's StatefulSet runs the official image"
        return [
            rule.finding(
                "cluster_name \"\(Lexer.shown(name.value))\" would not reach cassandra.yaml intact: \(problem)",
                at: name.isExplicit ? name.range : plan.source.clusterName.range,
                notes: [Note(runner, at: plan.settings.strategy.range)],
                help: strategy == .datacenterHandover
                    ? "datacenter-handover needs the official image for its temporary pods; migrate with datacenter-extend or snapshot-load into cass-operator or CassKop"
                    : "run the target with cass-operator or CassKop, which write cassandra.yaml themselves")
        ]
    }
}

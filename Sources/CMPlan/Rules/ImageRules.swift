/// What the official Cassandra image's entrypoint does with the environment the plain
/// StatefulSets here give it (`cluster-name-unsafe`).
enum ImageRules {
    static let all: [Rule] = [clusterNameUnsafe]

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
        guard strategy == .datacenterHandover || strategy == .volumeAdoption || plainTarget else { return [] }
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

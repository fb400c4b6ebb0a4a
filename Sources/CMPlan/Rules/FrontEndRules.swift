/// The rules the lexer, parser and schema decoder report: the shape of the text itself.
enum FrontEndRules {
    /// The names of the front-end rules.
    static let names: Set<RuleName> = Set(all.map(\.name))

    static let all: [RuleDescription] = [
        RuleDescription(
            name: .syntax, severity: .error,
            summary: "the text does not follow the cmplan grammar",
            checks: """
                The lexer and parser read the file as blocks (`type "label" { ... }`) holding \
                attributes (`name = value`, one per line). Anything else is a syntax error: an \
                unterminated string, a stray character, a missing `=` or `}`, a block label on the \
                wrong line, nesting deeper than the schema could ever need, bytes that are not UTF-8.
                """,
            why: """
                A plan is reviewed and then compiled into commands that run against production data. \
                Guessing what a malformed line meant would turn a typo into a command nobody reviewed, \
                so the compiler refuses the file and points at every mistake at once, recovering at \
                the next line or block so one run lists them all.
                """,
            fix: """
                Go to the line and column shown and make the text match the grammar of \
                docs/language.md. Strings use double quotes; quantities have no space before the \
                unit; each attribute stands on its own line; a block's `{` is on its header line.
                """,
            before: """
                plan "move" {
                  downtime_budget = 3 m
                }
                """,
            after: """
                plan "move" {
                  downtime_budget = 3m
                }
                """),
        RuleDescription(
            name: .unknownBlock, severity: .error,
            summary: "a block type that does not belong where it stands",
            checks: """
                Each place in a plan allows certain blocks: the top level holds `plan`, `cluster`, \
                `keyspace` and `monitoring`; a cluster holds `kubernetes`, `ssh`, `aws` and \
                `datacenter`; a datacenter of a cluster on machines holds `node`. Any other block, \
                or a block in the wrong place, is reported, with the closest known name.
                """,
            why: """
                A misspelt block is silently ignored by tools that are lenient, and what it says \
                never happens: a `keyspaces "payments"` block would leave the keyspace out of the \
                migration, and its data with it.
                """,
            fix: """
                Correct the spelling (the help line suggests the nearest name) or move the block \
                where the schema in docs/language.md puts it. `node` blocks describe machines; in \
                Kubernetes set `nodes = N` on the datacenter instead.
                """,
            before: """
                keyspaces "payments" {
                  replication = { dc1 = 3 }
                }
                """,
            after: """
                keyspace "payments" {
                  replication = { dc1 = 3 }
                }
                """),
        RuleDescription(
            name: .unknownAttribute, severity: .error,
            summary: "an attribute the block does not have",
            checks: """
                Every block has a fixed set of attributes (docs/language.md section 3). An attribute \
                outside that set is reported with "did you mean" when a known name is close, or the \
                list of names the block takes. Attributes that exist but do not apply (such as \
                `statefulset` with an operator other than `statefulset`) are reported the same way.
                """,
            why: """
                A misspelt attribute is a setting that silently does not happen: `parallel_rebuild = 3` \
                would leave rebuilds at one node at a time and the estimate wrong; `stream_troughput` \
                would leave streaming at the default rate the downtime estimate does not expect.
                """,
            fix: "Use the suggested name, or remove the attribute if it does not apply to this block.",
            before: """
                datacenter "x2" {
                  node = 3
                }
                """,
            after: """
                datacenter "x2" {
                  nodes = 3
                }
                """),
        RuleDescription(
            name: .duplicateAttribute, severity: .error,
            summary: "an attribute set twice in one block, or a map key given twice",
            checks: """
                Within one block each attribute may be set once, and within a replication map each \
                datacenter may be named once. The second occurrence is reported, with a note at the \
                first.
                """,
            why: """
                Two values for one setting mean the reviewer and the compiler may each believe a \
                different one. For replication it is worse: `{ x1 = 2, x1 = 3 }` hides which \
                replication factor the keyspace really has, and the rebuild and disk estimates \
                depend on it.
                """,
            fix: "Keep the line that is true and delete the other.",
            before: """
                datacenter "x1" {
                  nodes = 3
                  nodes = 4
                }
                """,
            after: """
                datacenter "x1" {
                  nodes = 3
                }
                """),
        RuleDescription(
            name: .duplicateBlock, severity: .error,
            summary: "a block declared twice, or two blocks that exclude each other",
            checks: """
                Clusters, keyspaces, datacenters and nodes are identified by their labels, which must \
                be unique where they stand; `plan`, `kubernetes`, `ssh`, `aws` and `monitoring` \
                appear at most once. A cluster has either a `kubernetes` or an `ssh` block, never both.
                """,
            why: """
                Two keyspace blocks with one name would give the compiler two replication settings \
                for one keyspace; two clusters with one label make `source` and `target` ambiguous. \
                The compiler will not pick one for you.
                """,
            fix: "Merge the two blocks into one, or rename one of them.",
            before: """
                keyspace "example" { replication = { x1 = 2 } }
                keyspace "example" { replication = { x1 = 3 } }
                """,
            after: """
                keyspace "example" {
                  replication = { x1 = 2 }
                }
                """),
        RuleDescription(
            name: .missingAttribute, severity: .error,
            summary: "a required attribute or block is absent",
            checks: """
                Some settings have no safe default: the plan's strategy, source, target and downtime \
                budget; the source cluster's `cluster_name` and `cassandra_version`; a Kubernetes \
                cluster's context, namespace and operator; a datacenter's node count in Kubernetes; \
                a keyspace's replication; `consistency` for datacenter-* strategies; `from` when the \
                source has several datacenters.
                """,
            why: """
                Each of these decides what the runbook does to a live cluster. A guessed cluster \
                name makes new nodes refuse to start ("Saved cluster name X != configured name Y"); \
                a guessed replication factor makes the disk and rebuild estimates meaningless.
                """,
            fix: "Add the attribute; the help line shows its form and where to read the real value.",
            before: """
                cluster "old" {
                  cassandra_version = "3.11.4"
                }
                """,
            after: """
                cluster "old" {
                  cluster_name      = "cassandra"
                  cassandra_version = "3.11.4"
                }
                """),
        RuleDescription(
            name: .typeMismatch, severity: .error,
            summary: "a value of the wrong kind",
            checks: """
                Each attribute has one kind of value: a string, a whole number, a boolean, a size, a \
                duration, a rate, a name from a fixed set, a list of strings or a replication map. A \
                value of another kind is reported with the form it needs, including a quantity in the \
                wrong dimension (a size where a duration belongs) and a number without its unit.
                """,
            why: """
                `disk = 800` could be bytes, megabytes or gigabytes; `downtime_budget = 3` could be \
                minutes or hours. Units are where estimates go wrong by factors of a thousand, so the \
                language never assumes one.
                """,
            fix: "Write the value in the form the help line shows: `800GiB`, `3m`, `24MiB/s`, `\"text\"`, `true`.",
            before: """
                datacenter "x2" {
                  disk = 800
                }
                """,
            after: """
                datacenter "x2" {
                  disk = 800GiB
                }
                """),
        RuleDescription(
            name: .unknownUnit, severity: .error,
            summary: "a quantity with a unit the language does not know",
            checks: """
                Sizes use B, KB, MB, GB, TB, PB (powers of 1000) or KiB, MiB, GiB, TiB, PiB (powers \
                of 1024); durations ms, s, m, h, d; rates a size unit or Mbit/Gbit followed by `/s`. \
                Units are case-sensitive. Anything else is reported with the closest known unit.
                """,
            why: """
                `mb` might mean megabytes or millibits and `Gb` gigabits or gigabytes: a factor of \
                eight in a throughput turns an estimate of hours into days. Seed 004's transfer ran at \
                "one million bytes every second"; the difference between 1MB/s and 1Mbit/s is the \
                difference between months and years.
                """,
            fix: "Use one of the units listed above, spelt exactly.",
            before: """
                plan "move" {
                  stream_throughput = 24mb/s
                }
                """,
            after: """
                plan "move" {
                  stream_throughput = 24MB/s
                }
                """),
        RuleDescription(
            name: .invalidValue, severity: .error,
            summary: "a value of the right kind that is not allowed",
            checks: """
                Values are checked against what they mean: enum members (strategy, operator, \
                consistency, storage, exporter) with "did you mean"; counts that must be at least one; \
                versions that must look like `4.1.3` or `1.30`; CIDR networks; regular expressions; \
                racks listed twice; a rate of zero; `nodes` disagreeing with the node blocks; source \
                and target naming the same cluster.
                """,
            why: """
                These values become commands and manifests. A consistency level spelt `LOCAL_QOURUM` \
                or a rate of zero (which nodetool reads as "unthrottled") would change what the \
                runbook does to the cluster, or make it fail half-way through.
                """,
            fix: "Use one of the values the help line lists.",
            before: """
                plan "move" {
                  consistency = LOCAL_QOURUM
                }
                """,
            after: """
                plan "move" {
                  consistency = LOCAL_QUORUM
                }
                """),
        RuleDescription(
            name: .unknownReference, severity: .error,
            summary: "a source, target, from or rack that names nothing declared",
            checks: """
                `source` and `target` must name cluster blocks; a target datacenter's `from` must name \
                a datacenter of the source cluster; a node's `rack` must be one of its datacenter's \
                `racks`. A name that matches nothing is reported with the closest declared name.
                """,
            why: """
                `from` is the datacenter a rebuild streams from. `nodetool rebuild` without the right \
                source datacenter "succeeds" while copying nothing, and the runbook would then drop \
                the only complete copy of the data. A dangling name must stop the compile, not the \
                migration.
                """,
            fix: "Name a block that exists; the help line lists the declared names.",
            before: """
                datacenter "x2" {
                  nodes = 3
                  from  = x3
                }
                """,
            after: """
                datacenter "x2" {
                  nodes = 3
                  from  = x1
                }
                """),
    ]
}

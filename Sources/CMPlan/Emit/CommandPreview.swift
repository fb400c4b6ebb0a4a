/// What a step's action runs, as the runbook library builds each command (Emit/Library/*.sh):
/// the kubectl, nodetool and CQL command lines a reviewer reads in PLAN.md instead of helper
/// names. A value the runbook reads at run time (a host id, a volume, a replication factor) is
/// shown as `<what>`, and such a line has no exact argv. Credentials never appear: a cluster
/// with a login runs cqlsh through a shell that gives it a 0600 file (42-cql-login.sh), shown
/// by where the login comes from.
public enum CommandPreview {
    /// One command line.
    public struct Line: Sendable, Hashable {
        /// The words run, when every one is known before the run.
        public var argv: [String]?
        /// The line as a reader sees it, words quoted where the shell needs it.
        public var text: String
    }

    /// The command lines of one call; empty for a helper that only reads or whose effect is
    /// its name (waits, records, confirmations).
    /// `logins` maps a node's `context/namespace` to its login spec (the header's CQL_LOGINS),
    /// `jmx` the same for nodetool's JMX login (JMX_LOGINS).
    public static func lines(_ call: Call, logins: [String: String] = [:], jmx: [String: String] = [:]) -> [Line] {
        let a = call.arguments
        let eachNode = { (skip: Int, command: () -> [String]) in Self.eachNode(a, skip: skip, jmx: jmx, command) }
        switch call.helper {
        case .alterReplication where a.count >= 6 && a[0] != "@ssh":
            let words = cqlsh(a, logins)
            let line = words.argv.map { $0 + [alterStatement(keyspace: a[4], spec: a[5])] }
            return [line.map(exact) ?? runtime(words.shown + [shellWord(alterStatement(keyspace: a[4], spec: a[5]))])]
        case .dropReplication where a.count >= 6 && a[0] != "@ssh":
            return [
                runtime(
                    cqlsh(a, logins).shown
                        + ["\"ALTER KEYSPACE \\\"\(a[4])\\\" WITH replication = <its replication read now, without \(a[5...].map { "'\($0)'" }.joined(separator: ", "))>;\""])
            ]
        case .extendReplication where a.count >= 8 && a[0] != "@ssh":
            return [
                runtime(
                    cqlsh(a, logins).shown
                        + ["\"ALTER KEYSPACE \\\"\(a[4])\\\" WITH replication = <its replication read now, plus '\(a[6])': its factor in '\(a[5])', at most \(a[7])\(a.count > 8 ? "; from SimpleStrategy also " + a[8...].map { "'\($0.split(separator: ":").first ?? "")'" }.joined(separator: ", ") + " at its factor" : "")>;\""])
            ]
        case .scale where a.count >= 5, .scaleIfPresent where a.count >= 5:
            return [exact(kube(a[0], a[1], ["scale", a[2], a[3], "--replicas=\(a[4])"]))]
        case .holdOperator where a.count >= 3:
            let (namespace, name) = split(a[2])
            return [exact(kube(a[0], namespace, ["scale", a[1], name, "--replicas=0"]))]
        case .releaseOperator where a.count >= 3:
            let (namespace, name) = split(a[2])
            return [runtime(words(kube(a[0], namespace, ["scale", a[1], name])) + ["--replicas=<the replicas it had, recorded when held>"])]
        case .applyLoginSecret where a.count >= 3:
            return [runtime(words(kube(a[0], a[1], ["apply", "-f", "-"])) + ["<the Secret \(a[2]): the login's username and password, base64, on its input>"])]
        case .applyManifest where a.count >= 2:
            return [exact(kube(a[0], "-", ["apply", "-f", a[1]]))]
        case .applyVolumeTemplate where a.count >= 2:
            return [runtime(words(kube(a[0], "-", ["apply", "-f", "-"])) + ["<", a[1], "(driver, handle, size and zone from the target's volume)"])]
        case .forgetAdditionalSeeds where a.count >= 3:
            return [exact(kube(a[0], a[1], ["patch", "cassandradatacenter", a[2], "--type", "merge", "-p", "{\"spec\":{\"additionalSeeds\":null}}"]))]
        case .deleteObject where a.count >= 4:
            return [exact(kube(a[0], a[1], ["delete", a[2], a[3], "--ignore-not-found", "--wait=true"]))]
        case .retainVolumes where a.count >= 3:
            return a.dropFirst(2).map { claim in
                runtime(
                    words(kube(a[0], "-", ["patch", "pv"])) + ["<the volume of claim \(claim)>", "-p", shellWord("{\"spec\":{\"persistentVolumeReclaimPolicy\":\"Retain\"}}")])
            }
        case .drain:
            return eachNode(2) { ["drain"] }
        case .clearSnapshots:
            return eachNode(2) { ["clearsnapshot"] }
        case .clearAllSnapshots:
            return eachNode(2) { ["clearsnapshot", "--all"] }
        case .rebuild where a.count >= 4:
            return eachNode(4) { ["rebuild", "--", a[2]] }
        case .repairFull:
            return eachNode(2) { ["repair", "--full"] }
        case .decommissionNodes where a.count >= 3:
            let force = a[2] == "--force" ? ["--force"] : []
            return eachNode(3) { ["decommission"] + force }
        case .throttleStreaming where a.count >= 4:
            let unit = a[2] == "MiB" ? ["-m"] : []
            return eachNode(4) { ["setstreamthroughput"] + unit + [a[3]] }
                + eachNode(4) { ["setinterdcstreamthroughput"] + unit + [a[3]] }
        case .restoreStreaming where a.count >= 3:
            let unit = a[2] == "MiB" ? ["-m"] : []
            return a.dropFirst(3).flatMap { target -> [Line] in
                let (pod, container) = split(target)
                return ["setstreamthroughput", "setinterdcstreamthroughput"].map {
                    runtime(nodetool(a[0], a[1], pod, container, [$0] + unit, jmx).shown + ["<the value recorded before>"])
                }
            }
        case .removeDatacenterNodes where a.count >= 5 && a[0] != "@ssh":
            return [runtime(nodetool(a[0], a[1], a[2], a[3], ["removenode"], jmx).shown + ["<each host id nodetool status lists under \(a[4]), read now>"])]
        default:
            return []
        }
    }

    /// `ALTER KEYSPACE "ks" WITH replication = {...};` from `dc:rf,...`, as alter_replication
    /// and replication_map build it.
    static func alterStatement(keyspace: String, spec: String) -> String {
        let entries = spec.split(separator: ",").map { pair -> String in
            let parts = pair.split(separator: ":", maxSplits: 1).map(String.init)
            return ", '\(parts.first ?? "")': \(parts.count > 1 ? parts[1] : "")"
        }.joined()
        return "ALTER KEYSPACE \"\(keyspace)\" WITH replication = {'class': 'NetworkTopologyStrategy'\(entries)};"
    }

    /// kubectl in a context and namespace (`-`: none), as kube_with builds it.
    static func kube(_ context: String, _ namespace: String, _ rest: [String]) -> [String] {
        ["kubectl", "--context", context] + (namespace == "-" ? [] : ["--namespace", namespace]) + rest
    }

    /// cqlsh up to `-e` in the pod `a[0..3]` names, as cql builds it: `kubectl exec -i` (the
    /// login, if any, arrives on standard input) and, with a login from the plan, the shell that
    /// hands it over in a 0600 file; `argv` only when every word is known (no plan login).
    static func cqlsh(_ a: [String], _ logins: [String: String]) -> (argv: [String]?, shown: [String]) {
        let pod = kube(a[0], a[1], ["exec", "-i", a[2]] + (a[3] == "-" ? [] : ["--container", a[3]]) + ["--"])
        let spec = (logins["\(a[0])/\(a[1])"] ?? "").split(separator: " ", maxSplits: 2).map(String.init)
        guard spec.count >= 2, spec[1] != "environment" else {
            return (pod + ["cqlsh", "-e"], words(pod) + ["cqlsh", "-e"])
        }
        return (nil, words(pod) + ["sh", "-c", "<a 0600 file with the login from \(loginPlace(spec.joined(separator: " "))), removed after>", "cqlsh", "--\(spec[0])", "-e"])
    }

    /// A command in a pod's container, as cass_with and exec_args build it.
    static func exec(_ context: String, _ namespace: String, _ pod: String, _ container: String, _ command: [String]) -> [String] {
        kube(context, namespace, ["exec", pod] + (container == "-" ? [] : ["--container", container]) + ["--"] + command)
    }

    /// nodetool with `words` in a pod, as cass_with builds it: with a JMX login, `kubectl exec -i`
    /// and the shell that gives nodetool `-u USER -pwf FILE` (only `shown`: the user is read at run
    /// time); without, the plain command (`argv`).
    static func nodetool(
        _ context: String, _ namespace: String, _ pod: String, _ container: String, _ words: [String], _ jmx: [String: String]
    ) -> (argv: [String]?, shown: [String]) {
        guard let spec = jmx["\(context)/\(namespace)"] else {
            let argv = exec(context, namespace, pod, container, ["nodetool"] + words)
            return (argv, Self.words(argv))
        }
        let command = kube(context, namespace, ["exec", "-i", pod] + (container == "-" ? [] : ["--container", container]) + ["--"])
        return (nil, Self.words(command) + ["sh", "-c", "<a 0600 -pwf file with the JMX login from \(loginPlace(spec)), removed after>", "nodetool", "<its user>"] + words.map(shellWord))
    }

    /// Where a login spec reads the login: "the Secret NAME" or "the file PATH".
    static func loginPlace(_ spec: String) -> String {
        let parts = spec.split(separator: " ", maxSplits: 2).map(String.init)
        guard parts.count > 2 else { return "the environment" }
        return parts[1] == "secret" ? "the Secret \(parts[2].split(separator: " ").last.map(String.init) ?? "")" : "the file \(parts[2])"
    }

    /// One nodetool line per `POD/CONTAINER` argument after `skip` others (pods only: machines
    /// are reached through ssh, shown by the helper's name).
    static func eachNode(_ arguments: [String], skip: Int, jmx: [String: String], _ command: () -> [String]) -> [Line] {
        guard arguments.count > skip, arguments[0] != "@ssh" else { return [] }
        return arguments.dropFirst(skip).map { target in
            let (pod, container) = split(target)
            let line = nodetool(arguments[0], arguments[1], pod, container, command(), jmx)
            return line.argv.map(exact) ?? runtime(line.shown)
        }
    }

    static func split(_ text: String) -> (String, String) {
        guard let slash = text.firstIndex(of: "/") else { return (text, "-") }
        return (String(text[..<slash]), String(text[text.index(after: slash)...]))
    }

    static func exact(_ argv: [String]) -> Line {
        Line(argv: argv, text: argv.map(shellWord).joined(separator: " "))
    }

    static func runtime(_ words: [String]) -> Line {
        Line(argv: nil, text: words.joined(separator: " "))
    }

    static func words(_ argv: [String]) -> [String] {
        argv.map(shellWord)
    }

    /// A word as a shell reads it back: bare when it can be, else single-quoted.
    static func shellWord(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._/:=,@%+-".unicodeScalars.contains($0)
        }
        if plain { return word }
        if !word.contains("'") { return "'" + word + "'" }
        // CQL's quotes read best inside double quotes, where only these four are special.
        if !word.contains(where: { "$`\\!".contains($0) }) { return "\"" + word.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

import CMPlanModel
import Foundation

/// The simulated `kubectl`: the verbs and output forms the runbooks use, against the World.
public enum Kubectl {
    /// What one invocation printed and how it ended.
    public struct Output: Sendable {
        /// Exit status.
        public var status: Int32 = 0
        /// Standard output.
        public var stdout = ""
        /// Standard error.
        public var stderr = ""
        /// What changed, for the rehearsal's timeline.
        public var events: [String] = []

        /// An empty output (exit 0).
        public init() {}
    }

    /// The simulator's key for a kind named on the command line or in a manifest: the
    /// resource's singular name (KubectlResources), or the name itself when unknown.
    static func kind(_ text: String) -> String {
        KubectlResources.resource(text)?.singular ?? text.lowercased()
    }

    /// Whether objects of a kind (the simulator's key) live outside namespaces.
    static func isClusterScoped(_ kind: String) -> Bool {
        KubectlResources.resource(kind)?.clusterScoped == true
    }

    /// The API server's answer for a missing object, `statefulsets.apps "NAME" not found`
    /// (apimachinery's NewNotFound prints the plural resource qualified by its group).
    static func notFound(_ kind: String, _ name: String) -> String {
        let resource = KubectlResources.resource(kind)
        let plural = resource.map { $0.group.isEmpty ? $0.plural : "\($0.plural).\($0.group)" } ?? kind
        return "Error from server (NotFound): \(plural) \"\(name)\" not found\n"
    }

    /// What the real kubectl prints for an object with `-o name` and in its verbs' messages:
    /// `statefulset.apps/NAME`, `pod/NAME`.
    static func objectName(_ kind: String, _ name: String) -> String {
        "\(KubectlResources.resource(kind)?.qualified ?? kind)/\(name)"
    }

    /// Runs one command line (arguments after `kubectl`), reading `stdin` for `apply -f -`.
    public static func run(_ arguments: [String], stdin: () -> String, world: inout World) -> Output {
        var output = Output()
        var context: String?
        var namespace: String?
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--context", index + 1 < arguments.count {
                context = arguments[index + 1]
                index += 2
            } else if (argument == "--namespace" || argument == "-n"), index + 1 < arguments.count {
                namespace = arguments[index + 1]
                index += 2
            } else {
                rest.append(argument)
                index += 1
            }
        }
        guard let verb = rest.first else { return failure("kubectl: no command", &output) }
        if verb == "config" {
            output.stdout = world.clusters.keys.sorted().joined(separator: "\n") + "\n"
            return output
        }
        guard let context, world.clusters[context] != nil else {
            return failure("error: context \"\(context ?? "")\" does not exist", &output)
        }
        let command = Command(context: context, namespace: namespace ?? "default", arguments: Array(rest.dropFirst()))
        switch verb {
        case "get": command.get(&world, &output)
        case "apply": command.apply(&world, &output, stdin: stdin)
        case "scale": command.scale(&world, &output)
        case "patch": command.patch(&world, &output)
        case "create": command.create(&world, &output)
        case "delete": command.delete(&world, &output)
        case "rollout": command.rollout(&world, &output)
        case "exec": command.exec(&world, &output, stdin: stdin)
        case "run": command.probe(&world, &output)
        default: return failure("kubectl: unknown command \(verb) (the simulator models what runbooks use)", &output)
        }
        var reconciler = Reconciler(world: world)
        reconciler.run()
        world = reconciler.world
        output.events += reconciler.events
        return output
    }

    static func failure(_ message: String, _ output: inout Output) -> Output {
        output.stderr += message + "\n"
        output.status = 1
        return output
    }

    /// One parsed invocation in a context.
    struct Command {
        let context: String
        let namespace: String
        var arguments: [String]

        func option(_ name: String) -> String? {
            for (index, argument) in arguments.enumerated() {
                if argument == name, index + 1 < arguments.count { return arguments[index + 1] }
                if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
            }
            return nil
        }

        var positional: [String] {
            var result: [String] = []
            var skip = false
            for argument in arguments {
                if skip { skip = false; continue }
                if ["-o", "-f", "-p", "-l", "--timeout", "--replicas"].contains(argument) { skip = true; continue }
                if argument.hasPrefix("-") { continue }
                result.append(argument)
            }
            return result
        }

        func key(_ kind: String, _ name: String) -> String {
            let kind = Kubectl.kind(kind)
            return World.key(kind, Kubectl.isClusterScoped(kind) ? nil : namespace, name)
        }

        func get(_ world: inout World, _ output: inout Output) {
            if arguments.contains("--raw") {
                output.stdout = "{\"major\":\"1\",\"minor\":\"30\"}\n"
                return
            }
            let words = positional
            if words.count == 1, let selector = option("-l") {
                list(Kubectl.kind(words[0]), selector: selector, world, &output)
                return
            }
            guard words.count >= 2 else {
                output.stderr = "error: get needs a kind and a name\n"
                output.status = 1
                return
            }
            let kind = Kubectl.kind(words[0])
            let found: Tree?
            if kind == "namespace" {
                found = world.clusters[context]?.namespaces.contains(words[1]) == true ? .map(["metadata": .map(["name": .string(words[1])])]) : nil
            } else {
                found = world.clusters[context]?.objects[key(words[0], words[1])]
            }
            guard let object = found else {
                if !arguments.contains("--ignore-not-found") {
                    output.stderr = Kubectl.notFound(kind, words[1])
                    output.status = 1
                }
                return
            }
            let format = option("-o") ?? ""
            if format.hasPrefix("jsonpath=") {
                output.stdout = object.jsonPathText(String(format.dropFirst("jsonpath=".count))) ?? ""
            } else {
                output.stdout = Kubectl.objectName(kind, words[1]) + "\n"
            }
        }

        /// `get KIND -l KEY=VALUE[,KEY=VALUE] -o name`: the objects whose labels match, one per line
        /// (nothing, and success, when none does, as the real kubectl prints "No resources found"
        /// to stderr only).
        func list(_ kind: String, selector: String, _ world: World, _ output: inout Output) {
            var wanted: [(String, String)] = []
            for term in selector.split(separator: ",") {
                let pair = term.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else {
                    output.stderr = "error: the simulator takes only KEY=VALUE selectors, not '\(term)'\n"
                    output.status = 1
                    return
                }
                wanted.append((pair[0], pair[1]))
            }
            let prefix = Kubectl.isClusterScoped(kind) ? "\(kind)/-/" : "\(kind)/\(namespace)/"
            let names = (world.clusters[context]?.objects ?? [:]).filter { entry in
                entry.key.hasPrefix(prefix) && wanted.allSatisfy { entry.value[path: ["metadata", "labels", $0.0]]?.string == $0.1 }
            }.keys.map { String($0.dropFirst(prefix.count)) }.sorted()
            if names.isEmpty {
                output.stderr = "No resources found\n"
            } else {
                output.stdout = names.map { Kubectl.objectName(kind, $0) + "\n" }.joined()
            }
        }

        func apply(_ world: inout World, _ output: inout Output, stdin: () -> String) {
            guard let file = option("-f") else {
                output.stderr = "error: apply needs -f\n"
                output.status = 1
                return
            }
            let text: String
            if file == "-" {
                text = stdin()
            } else if let data = FileManager.default.contents(atPath: file) {
                text = String(decoding: data, as: UTF8.self)
            } else {
                output.stderr = "error: the path \"\(file)\" does not exist\n"
                output.status = 1
                return
            }
            let object: Tree
            do {
                object = try YAMLReader.parse(text)
            } catch {
                output.stderr = "error: error parsing \(file): \(error.message)\n"
                output.status = 1
                return
            }
            guard let kindName = object["kind"]?.string, let name = object[path: ["metadata", "name"]]?.string else {
                output.stderr = "error: \(file): no kind or name\n"
                output.status = 1
                return
            }
            let kind = Kubectl.kind(kindName)
            let objectNamespace = Kubectl.isClusterScoped(kind) ? nil : (object[path: ["metadata", "namespace"]]?.string ?? namespace)
            if let objectNamespace, world.clusters[context]?.namespaces.contains(objectNamespace) != true {
                output.stderr = "Error from server (NotFound): namespaces \"\(objectNamespace)\" not found\n"
                output.status = 1
                return
            }
            if object.description.contains("__CMPLAN_") {
                output.stderr = "error: \(file) still holds an unfilled placeholder\n"
                output.status = 1
                return
            }
            let objectKey = World.key(kind, objectNamespace, name)
            var stored = object
            if kind == "pod" { stored["status"] = .map(["phase": .string("Pending")]) }
            if let existing = world.clusters[context]?.objects[objectKey] {
                // apply's three-way merge keeps what controllers set and the manifest never
                // named (a bound claim's spec.volumeName); the same manifest again changes nothing.
                stored = Self.merged(existing, object)
                stored["status"] = existing["status"]
                output.stdout = Kubectl.objectName(kind, name) + " configured\n"
            } else {
                output.stdout = Kubectl.objectName(kind, name) + " created\n"
                output.events.append("\(context): \(kindName) \(name) created")
            }
            if kind == "persistentvolume", let handle = stored[path: ["spec", "csi", "volumeHandle"]]?.string, world.volumes[handle] == nil {
                output.stderr = "error: volume \(handle) does not exist in this zone\n"
                output.status = 1
                return
            }
            world.clusters[context]?.objects[objectKey] = stored
        }

        func scale(_ world: inout World, _ output: inout Output) {
            let words = positional
            guard words.count >= 2, let replicas = option("--replicas").flatMap(Int.init) else {
                output.stderr = "error: scale needs a kind, a name and --replicas\n"
                output.status = 1
                return
            }
            guard let objectKey = existing(words[0], words[1], world, &output) else { return }
            world.clusters[context]?.objects[objectKey]?[path: ["spec", "replicas"]] = .integer(replicas)
            output.stdout = Kubectl.objectName(Kubectl.kind(words[0]), words[1]) + " scaled\n"
            output.events.append("\(context): \(words[0]) \(words[1]) scaled to \(replicas)")
        }

        func patch(_ world: inout World, _ output: inout Output) {
            let words = positional
            guard words.count >= 2, let patch = option("-p") else {
                output.stderr = "error: patch needs a kind, a name and -p\n"
                output.status = 1
                return
            }
            guard let objectKey = existing(words[0], words[1], world, &output),
                var object = world.clusters[context]?.objects[objectKey]
            else { return }
            let before = object
            guard Self.mergePatch(&object, json: patch) else {
                output.stderr = "error: unable to parse \"\(patch)\": the patch is not JSON\n"
                output.status = 1
                return
            }
            world.clusters[context]?.objects[objectKey] = object
            for policy in ["Retain", "Delete"] where patch.contains("\"persistentVolumeReclaimPolicy\":\"\(policy)\"") {
                output.events.append("\(context): volume \(words[1]) reclaim policy \(policy)")
            }
            output.stdout = Kubectl.objectName(Kubectl.kind(words[0]), words[1]) + " patched\(before == object ? " (no change)" : "")\n"
        }

        /// The key of an object that exists, or nil after reporting NotFound as kubectl does.
        func existing(_ kind: String, _ name: String, _ world: World, _ output: inout Output) -> String? {
            let objectKey = key(kind, name)
            guard world.clusters[context]?.objects[objectKey] != nil else {
                output.stderr = Kubectl.notFound(kind, name)
                output.status = 1
                return nil
            }
            return objectKey
        }

        func rollout(_ world: inout World, _ output: inout Output) {
            let target = positional.dropFirst().first ?? ""
            let parts = target.split(separator: "/").map(String.init)
            guard parts.count == 2, world.clusters[context]?.objects[key(parts[0], parts[1])] != nil else {
                output.stderr = Kubectl.notFound(parts.first ?? target, parts.last ?? "")
                output.status = 1
                return
            }
            output.stdout = "\(target) successfully rolled out\n"
        }

        func delete(_ world: inout World, _ output: inout Output) {
            let words = positional
            guard words.count >= 2 else {
                output.stderr = "error: delete needs a kind and a name\n"
                output.status = 1
                return
            }
            let kind = Kubectl.kind(words[0])
            let objectKey = key(words[0], words[1])
            guard let object = world.clusters[context]?.objects[objectKey] else {
                if !arguments.contains("--ignore-not-found") {
                    output.stderr = Kubectl.notFound(kind, words[1])
                    output.status = 1
                }
                return
            }
            switch kind {
            case "persistentvolumeclaim":
                if let volumeName = object[path: ["spec", "volumeName"]]?.string {
                    let volumeKey = World.key("persistentvolume", nil, volumeName)
                    if let volume = world.clusters[context]?.objects[volumeKey] {
                        let handle = volume[path: ["spec", "csi", "volumeHandle"]]?.string ?? volume[path: ["spec", "hostPath", "path"]]?.string ?? ""
                        if let mounted = world.volumes[handle]?.mountedBy {
                            world.violate("claim \(words[1]) was deleted while \(mounted) still mounted disk \(handle)")
                        }
                        if volume[path: ["spec", "persistentVolumeReclaimPolicy"]]?.string == "Delete" {
                            destroy(handle: handle, volumeKey: volumeKey, &world, &output)
                        } else {
                            world.clusters[context]?.objects[volumeKey]?[path: ["status", "phase"]] = .string("Released")
                        }
                    }
                }
            case "pod":
                // Its disk is unmounted (a probe pod; a StatefulSet's pod comes back, its reconciler's business).
                let podPath = "\(context)/\(namespace)/\(words[1])"
                for (handle, volume) in world.volumes where volume.mountedBy == podPath { world.volumes[handle]?.mountedBy = nil }
            case "persistentvolume":
                let handle = object[path: ["spec", "csi", "volumeHandle"]]?.string ?? object[path: ["spec", "hostPath", "path"]]?.string ?? ""
                if let mounted = world.volumes[handle]?.mountedBy, mounted.hasPrefix(context + "/") {
                    world.violate("volume \(words[1]) was deleted while \(mounted) still mounted disk \(handle)")
                }
                if object[path: ["spec", "persistentVolumeReclaimPolicy"]]?.string == "Delete" {
                    destroy(handle: handle, volumeKey: objectKey, &world, &output)
                }
            default:
                break
            }
            world.clusters[context]?.objects[objectKey] = nil
            output.stdout = "\(kind) \"\(words[1])\" deleted\n"
            output.events.append("\(context): \(kind) \(words[1]) deleted")
        }

        func destroy(handle: String, volumeKey: String, _ world: inout World, _ output: inout Output) {
            if let volume = world.volumes[handle], volume.node != nil || !volume.keyspaces.isEmpty {
                world.violate("disk \(handle) holding Cassandra data was deleted with its volume (reclaim policy Delete)")
            }
            world.volumes[handle] = nil
            output.events.append("\(context): disk \(handle) deleted")
        }

        /// `kubectl run NAME --rm -i --command -- timeout S bash -c ': </dev/tcp/"$0"/"$1"' HOST PORT`:
        /// a one-off pod that connects to a host's port and is gone again.
        func probe(_ world: inout World, _ output: inout Output) {
            guard let separator = arguments.firstIndex(of: "--"), arguments.contains("--rm") else {
                output.stderr = "error: the simulator runs only one-off probe pods (--rm ... -- timeout S bash -c SCRIPT HOST PORT)\n"
                output.status = 1
                return
            }
            let command = Array(arguments[(separator + 1)...])
            guard command.count >= 2, let host = command.dropLast().last else {
                output.stderr = "error: the probe names no host\n"
                output.status = 1
                return
            }
            guard let pod = DNS.resolve(host, in: world, context: context) else {
                output.stderr = "bash: \(host): Name or service not known\npod \(namespace)/probe terminated (Error)\n"
                output.status = 1
                return
            }
            let listening = world.rings.values.contains { $0.members.values.contains { $0.pod == pod && $0.up } }
            guard listening else {
                output.stderr = "bash: connect: Connection refused\npod \(namespace)/probe terminated (Error)\n"
                output.status = 1
                return
            }
            output.events.append("\(context): a probe pod reached \(host) (\(pod))")
        }

        func exec(_ world: inout World, _ output: inout Output, stdin: () -> String) {
            guard let separator = arguments.firstIndex(of: "--") else {
                output.stderr = "error: exec needs -- before the command\n"
                output.status = 1
                return
            }
            let before = Array(arguments[..<separator])
            let command = Array(arguments[(separator + 1)...])
            guard let pod = before.first(where: { !$0.hasPrefix("-") && $0 != option("--container") }) else {
                output.stderr = "error: exec needs a pod\n"
                output.status = 1
                return
            }
            let podKey = World.key("pod", namespace, pod)
            guard let object = world.clusters[context]?.objects[podKey] else {
                output.stderr = "Error from server (NotFound): pods \"\(pod)\" not found\n"
                output.status = 1
                return
            }
            guard object[path: ["status", "phase"]]?.string == "Running" else {
                output.stderr = "error: unable to upgrade connection: container not found (\"cassandra\"); pod \(pod) is not running\n"
                output.status = 1
                return
            }
            // Only -i (--stdin) passes kubectl's standard input to the command (kubectl exec --help).
            let input = before.contains("-i") || before.contains("--stdin") ? stdin() : ""
            var shell = PodShell(context: context, namespace: namespace, pod: pod)
            shell.run(command, &world, &output, input: input)
        }
    }
}

extension Tree: CustomStringConvertible {
    /// A compact text form (used to spot unfilled placeholders).
    public var description: String {
        switch self {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .bool(let flag): return String(flag)
        case .null: return "null"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ",") + "]"
        case .map(let members): return "{" + members.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",") + "}"
        }
    }
}

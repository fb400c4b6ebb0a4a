import CMPlanModel
import Foundation

/// `kubectl create configmap NAME` and `kubectl patch KIND NAME --type merge -p JSON` as the
/// real kubectl answers them (RFC 7386 merge patch: maps merge, `null` removes a key, any
/// other value replaces), which the runbook's progress record uses.
extension Kubectl.Command {
    func create(_ world: inout World, _ output: inout Kubectl.Output) {
        let words = positional
        guard words.count >= 2, Kubectl.kind(words[0]) == "configmap" else {
            output.stderr = "error: the simulator creates only ConfigMaps (kubectl create configmap NAME)\n"
            output.status = 1
            return
        }
        let objectKey = key("configmap", words[1])
        guard world.clusters[context]?.objects[objectKey] == nil else {
            output.stderr = "Error from server (AlreadyExists): configmaps \"\(words[1])\" already exists\n"
            output.status = 1
            return
        }
        world.clusters[context]?.objects[objectKey] = .map([
            "apiVersion": .string("v1"), "kind": .string("ConfigMap"),
            "metadata": .map(["name": .string(words[1]), "namespace": .string(namespace)]),
        ])
        output.stdout = Kubectl.objectName("configmap", words[1]) + " created\n"
        output.events.append("\(context): ConfigMap \(words[1]) created")
    }

    /// Applies a JSON merge patch to an object; false when the patch is not JSON.
    static func mergePatch(_ object: inout Tree, json: String) -> Bool {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) else { return false }
        object = merged(object, Self.tree(parsed))
        return true
    }

    static func merged(_ target: Tree, _ patch: Tree) -> Tree {
        guard case .map(let changes) = patch else { return patch }
        var result: [String: Tree] = [:]
        if case .map(let members) = target { result = members }
        for (key, value) in changes {
            if value == .null {
                result[key] = nil
            } else {
                result[key] = merged(result[key] ?? .null, value)
            }
        }
        return .map(result)
    }

    static func tree(_ value: Any) -> Tree {
        switch value {
        case let text as String: return .string(text)
        case let number as NSNumber:
            let type = String(cString: number.objCType)
            if type == "c" || type == "B" { return .bool(number.boolValue) }
            return .integer(number.intValue)
        case let list as [Any]: return .list(list.map(tree))
        case let map as [String: Any]: return .map(map.mapValues(tree))
        default: return .null
        }
    }
}

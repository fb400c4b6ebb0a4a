import CMPlanModel
import Foundation
/// A Kubernetes object as the simulator keeps it: a JSON-like tree, queried with the small
/// jsonpath subset the runbook uses (`{.spec.replicas}`, `[0]`, `[*]`, `[?(@.name=="X")]`,
/// `\.` in label keys).
public indirect enum Tree: Codable, Sendable, Hashable {
    /// A string.
    case string(String)
    /// An integer.
    case integer(Int)
    /// A boolean.
    case bool(Bool)
    /// No value.
    case null
    /// A sequence.
    case list([Tree])
    /// A mapping.
    case map([String: Tree])

    /// A member of a mapping.
    public subscript(key: String) -> Tree? {
        get { if case .map(let members) = self { return members[key] } else { return nil } }
        set {
            guard case .map(var members) = self else { return }
            members[key] = newValue
            self = .map(members)
        }
    }

    /// The value at a dotted path of keys (`["spec", "replicas"]`), creating maps on the way when set.
    public subscript(path path: [String]) -> Tree? {
        get {
            var node: Tree? = self
            for key in path { node = node?[key] }
            return node
        }
        set {
            guard let first = path.first else {
                if let newValue { self = newValue }
                return
            }
            var child = self[first] ?? .map([:])
            child[path: Array(path.dropFirst())] = newValue
            self[first] = path.count == 1 ? newValue : child
        }
    }

    /// The scalar as kubectl's jsonpath prints it.
    public var scalarText: String? {
        switch self {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null, .list, .map: return nil
        }
    }

    /// The string value, if any.
    public var string: String? { if case .string(let text) = self { return text } else { return nil } }
    /// The integer value (integers or numeric strings).
    public var integer: Int? {
        switch self {
        case .integer(let number): return number
        case .string(let text): return Int(text)
        default: return nil
        }
    }
    /// The list's elements.
    public var elements: [Tree] { if case .list(let items) = self { return items } else { return [] } }

    /// The one value a kubectl jsonpath expression selects (nil when it selects none or several).
    public func jsonPath(_ expression: String) -> Tree? {
        let found = jsonPathAll(expression)
        return found?.count == 1 ? found?.first : nil
    }

    /// What `kubectl -o jsonpath=` prints for an expression: every selected scalar, joined by a
    /// space as kubectl joins the results of `[*]` and filters; nil when the expression is not
    /// one this simulator reads. Supported: `.key` (with `\.` inside a key), `[N]`, `[*]` and
    /// `[?(@.key=="value")]` (the forms the runbook library uses).
    public func jsonPathText(_ expression: String) -> String? {
        jsonPathAll(expression).map { $0.compactMap { $0.scalarText ?? $0.goJSON }.joined(separator: " ") }
    }

    /// A map or list as kubectl's jsonpath prints it: Go's encoding/json, compact, map keys
    /// sorted, `<`, `>` and `&` escaped (recorded in Tests/Fixtures/real/kubectl/answers.txt).
    var goJSON: String? {
        switch self {
        case .map(let members):
            return "{" + members.keys.sorted().map { Self.goString($0) + ":" + (members[$0]?.goJSONValue ?? "null") }.joined(separator: ",") + "}"
        case .list(let items):
            return "[" + items.map(\.goJSONValue).joined(separator: ",") + "]"
        default:
            return nil
        }
    }

    private var goJSONValue: String {
        switch self {
        case .string(let text): return Self.goString(text)
        case .integer(let number): return String(number)
        case .bool(let flag): return String(flag)
        case .null: return "null"
        case .map, .list: return goJSON ?? "null"
        }
    }

    private static func goString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<", ">", "&": result += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 { result += String(format: "\\u%04x", scalar.value) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }

    /// Every value an expression selects, in document order.
    func jsonPathAll(_ expression: String) -> [Tree]? {
        var text = Substring(expression)
        if text.hasPrefix("{") && text.hasSuffix("}") { text = text.dropFirst().dropLast() }
        guard text.hasPrefix(".") else { return nil }
        text = text.dropFirst()
        var nodes: [Tree] = [self]
        var key = ""
        var index = text.startIndex
        func flush() {
            if !key.isEmpty { nodes = nodes.compactMap { $0[key] } }
            key = ""
        }
        while index < text.endIndex {
            let character = text[index]
            if character == "\\", text.index(after: index) < text.endIndex {
                key.append(text[text.index(after: index)])
                index = text.index(index, offsetBy: 2)
                continue
            }
            if character == "." {
                flush()
            } else if character == "[" {
                flush()
                guard let close = text[index...].firstIndex(of: "]") else { return nil }
                let selector = text[text.index(after: index)..<close]
                if selector == "*" {
                    nodes = nodes.flatMap(\.elements)
                } else if let position = Int(selector) {
                    nodes = nodes.compactMap { node in position < node.elements.count ? node.elements[position] : nil }
                } else if selector.hasPrefix("?(@."), selector.hasSuffix(")"),
                    let equals = selector.range(of: "==")
                {
                    let field = String(selector[selector.index(selector.startIndex, offsetBy: 4)..<equals.lowerBound])
                    let wanted = selector[equals.upperBound..<selector.index(before: selector.endIndex)].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                    nodes = nodes.flatMap(\.elements).filter { $0[field]?.scalarText == wanted }
                } else {
                    return nil
                }
                index = close
            } else {
                key.append(character)
            }
            index = text.index(after: index)
        }
        flush()
        return nodes
    }

}

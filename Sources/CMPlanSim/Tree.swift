import CMPlanModel
/// A Kubernetes object as the simulator keeps it: a JSON-like tree, queried with the small
/// jsonpath subset the runbook uses (`{.spec.replicas}`, `[0]`, `\.` in label keys).
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

    /// Evaluates `{.a.b[0].c}` (with `\.` inside keys); nil when a step is missing.
    public func jsonPath(_ expression: String) -> Tree? {
        var text = Substring(expression)
        if text.hasPrefix("{") && text.hasSuffix("}") { text = text.dropFirst().dropLast() }
        guard text.hasPrefix(".") else { return nil }
        text = text.dropFirst()
        var node: Tree? = self
        var key = ""
        var index = text.startIndex
        func flush() {
            if !key.isEmpty { node = node?[key] }
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
                guard let close = text[index...].firstIndex(of: "]"), let position = Int(text[text.index(after: index)..<close]) else { return nil }
                let items = node?.elements ?? []
                node = position < items.count ? items[position] : nil
                index = close
            } else {
                key.append(character)
            }
            index = text.index(after: index)
        }
        flush()
        return node
    }

}

/// Decodes the generic syntax tree into the typed `Plan` (language.md section 3), reporting
/// every schema mistake with its rule: unknown, duplicate and missing names, wrong types,
/// unknown units, invalid values and dangling references.
public struct SchemaDecoder {
    var sink = DiagnosticSink()

    /// Decodes a parsed file. The plan is nil when any error was found.
    public static func decode(_ tree: SyntaxFile, file: SourceFile) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        let (plan, sink) = decodeCollecting(tree, file: file)
        return (plan, sink.finished(endOfFile: file.position(at: file.bytes.count)))
    }

    /// Decodes, returning the capped diagnostics unfinished so the caller can merge stages.
    static func decodeCollecting(_ tree: SyntaxFile, file: SourceFile) -> (plan: Plan?, sink: DiagnosticSink) {
        var decoder = SchemaDecoder()
        let plan = decoder.decodeFile(tree, file: file)
        return (decoder.sink.hasErrors ? nil : plan, decoder.sink)
    }

    mutating func report(_ diagnostic: Diagnostic) {
        sink.add(diagnostic)
    }

    // MARK: attribute access with type conversion

    /// Reports a required attribute that is absent.
    mutating func missing(_ name: String, in reader: BodyReader, example: String) {
        report(
            .error(
                .missingAttribute, "\(reader.owner) needs '\(name)'", at: reader.ownerRange,
                help: "add \(example) to \(reader.owner)"))
    }

    /// A string attribute.
    mutating func string(_ reader: inout BodyReader, _ name: String, required example: String? = nil) -> Located<String>? {
        guard let attribute = reader.take(name) else {
            if let example { missing(name, in: reader, example: example) }
            return nil
        }
        return string(attribute.value, what: "'\(name)'")
    }

    /// A string value.
    mutating func string(_ value: Value, what: String) -> Located<String>? {
        switch value.kind {
        case .string(let text):
            return Located(text, at: value.range)
        case .identifier(let name):
            mismatch(value, expected: "a string", what: what, help: "put the text in double quotes: \"\(name)\"")
        case .number(let text), .quantity(number: let text, unit: _, unitRange: _):
            let written = valueText(value) ?? text
            mismatch(value, expected: "a string", what: what, help: "put the text in double quotes: \"\(written)\"")
        case .invalid:
            break
        default:
            mismatch(value, expected: "a string", what: what, help: "write the value in double quotes")
        }
        return nil
    }

    /// A whole number attribute, at least `minimum`.
    mutating func integer(
        _ reader: inout BodyReader, _ name: String, minimum: Int, required example: String? = nil
    ) -> Located<Int>? {
        guard let attribute = reader.take(name) else {
            if let example { missing(name, in: reader, example: example) }
            return nil
        }
        return integer(attribute.value, what: "'\(name)'", minimum: minimum)
    }

    /// A whole number value, at least `minimum`.
    mutating func integer(_ value: Value, what: String, minimum: Int) -> Located<Int>? {
        switch value.kind {
        case .number(let text):
            guard !text.contains(".") else {
                report(
                    .error(
                        .invalidValue, "\(what) must be a whole number, not \(text)", at: value.range,
                        help: "write a whole number such as \(text.split(separator: ".").first ?? "1")"))
                return nil
            }
            guard let number = Int(text), number <= 1_000_000_000 else {
                report(.error(.invalidValue, "\(what) is too large: \(text)", at: value.range, help: "write a realistic count"))
                return nil
            }
            guard number >= minimum else {
                report(
                    .error(
                        .invalidValue, "\(what) must be at least \(minimum), not \(number)", at: value.range,
                        help: "write a number of \(minimum) or more"))
                return nil
            }
            return Located(number, at: value.range)
        case .invalid:
            return nil
        case .string(let text) where Int(text) != nil:
            mismatch(value, expected: "a number", what: what, help: "remove the quotes: \(text)")
        default:
            mismatch(value, expected: "a number", what: what, help: "write a whole number such as 3")
        }
        return nil
    }

    /// A boolean attribute.
    mutating func boolean(_ reader: inout BodyReader, _ name: String) -> Located<Bool>? {
        guard let attribute = reader.take(name) else { return nil }
        let value = attribute.value
        switch value.kind {
        case .bool(let flag):
            return Located(flag, at: value.range)
        case .invalid:
            return nil
        default:
            mismatch(value, expected: "true or false", what: "'\(name)'", help: "write \(name) = true or \(name) = false")
            return nil
        }
    }

    /// A quantity attribute of one dimension, converted exactly.
    mutating func quantity(
        _ reader: inout BodyReader, _ name: String, _ dimension: QuantityUnits.Dimension, allowZero: Bool = true,
        required example: String? = nil
    ) -> Located<UInt64>? {
        guard let attribute = reader.take(name) else {
            if let example { missing(name, in: reader, example: example) }
            return nil
        }
        let value = attribute.value
        let what = "'\(name)'"
        switch value.kind {
        case .quantity(let number, let unit, let unitRange):
            guard let (actual, factor) = QuantityUnits.lookup(unit) else {
                let suggestion = Suggestion.closest(to: unit, in: QuantityUnits.allUnits)
                report(
                    .error(
                        .unknownUnit, "unknown unit '\(unit)'", at: unitRange,
                        help: suggestion.map { "did you mean '\($0)'? (\(number)\($0))" }
                            ?? "write \(dimension.example); units are case-sensitive"))
                return nil
            }
            guard actual == dimension else {
                mismatch(value, expected: dimension.noun, what: what, found: actual.noun, help: "write \(dimension.example)")
                return nil
            }
            switch QuantityUnits.convert(number, factor: factor) {
            case .success(let amount):
                if !allowZero && amount == 0 {
                    report(
                        .error(
                            .invalidValue, "\(what) must be more than zero", at: value.range,
                            help: "write the rate you expect, e.g. 24MiB/s; nodetool reads 0 as unthrottled"))
                    return nil
                }
                return Located(amount, at: value.range)
            case .failure:
                report(.error(.invalidValue, "\(what) is too large: \(number)\(unit)", at: value.range, help: "write a realistic amount"))
                return nil
            }
        case .number(let text):
            report(
                .error(
                    .typeMismatch, "\(what) needs a unit: \(text) alone is not \(dimension.noun)",
                    at: value.range, help: "write the unit right after the number, no space: \(Self.unitExample(text, dimension))"))
        case .invalid:
            break
        default:
            mismatch(value, expected: dimension.example, what: what, help: "write \(dimension.example)")
        }
        return nil
    }

    static func unitExample(_ number: String, _ dimension: QuantityUnits.Dimension) -> String {
        switch dimension {
        case .size: return "\(number)GiB"
        case .duration: return "\(number)m"
        case .rate: return "\(number)MiB/s"
        }
    }

    /// An enum attribute (a bare identifier naming a case).
    mutating func enumeration<E: RawRepresentable & CaseIterable>(
        _ reader: inout BodyReader, _ name: String, _ type: E.Type, required example: String? = nil
    ) -> Located<E>? where E.RawValue == String {
        guard let attribute = reader.take(name) else {
            if let example { missing(name, in: reader, example: example) }
            return nil
        }
        let value = attribute.value
        let allowed = E.allCases.map(\.rawValue)
        switch value.kind {
        case .identifier(let word):
            if let member = E(rawValue: word) { return Located(member, at: value.range) }
            let suggestion = Suggestion.closest(to: word, in: allowed)
            report(
                .error(
                    .invalidValue, "'\(word)' is not a valid \(name)", at: value.range,
                    help: suggestion.map { "did you mean '\($0)'?" } ?? "\(name) is one of: \(allowed.joined(separator: ", "))"))
        case .string(let text) where E(rawValue: text) != nil:
            mismatch(value, expected: "a name", what: "'\(name)'", help: "write it without quotes: \(name) = \(text)")
        case .invalid:
            break
        default:
            mismatch(value, expected: "one of \(allowed.joined(separator: ", "))", what: "'\(name)'", help: "write \(name) = \(allowed[0])")
        }
        return nil
    }

    /// A reference to a declared name (bare identifier or string).
    mutating func reference(_ reader: inout BodyReader, _ name: String, required example: String? = nil) -> Located<String>? {
        guard let attribute = reader.take(name) else {
            if let example { missing(name, in: reader, example: example) }
            return nil
        }
        let value = attribute.value
        switch value.kind {
        case .identifier(let word), .string(let word):
            return Located(word, at: value.range)
        case .invalid:
            return nil
        default:
            mismatch(value, expected: "a name", what: "'\(name)'", help: "write the label of what it refers to: \(name) = old")
            return nil
        }
    }

    /// A list of strings.
    mutating func stringList(_ reader: inout BodyReader, _ name: String, nonEmpty: Bool = false) -> Located<[Located<String>]>? {
        guard let attribute = reader.take(name) else { return nil }
        let value = attribute.value
        switch value.kind {
        case .list(let list):
            var strings: [Located<String>] = []
            var failed = false
            for element in list.elements {
                if let string = string(element.value, what: "each element of '\(name)'") {
                    strings.append(string)
                } else {
                    failed = true
                }
            }
            if failed { return nil }
            if nonEmpty && strings.isEmpty {
                report(.error(.invalidValue, "'\(name)' must not be empty", at: value.range, help: "list at least one name"))
                return nil
            }
            return Located(strings, at: value.range)
        case .string(let text):
            mismatch(value, expected: "a list", what: "'\(name)'", help: "write a list, even of one: \(name) = [\"\(text)\"]")
        case .invalid:
            break
        default:
            mismatch(value, expected: "a list of strings", what: "'\(name)'", help: "write \(name) = [\"a\", \"b\"]")
        }
        return nil
    }

    /// Reports a value of the wrong kind.
    mutating func mismatch(_ value: Value, expected: String, what: String, found: String? = nil, help: String) {
        report(
            .error(
                .typeMismatch, "\(what) must be \(expected), found \(found ?? value.kind.description)", at: value.range,
                help: help))
    }

    /// The literal text of a scalar value, for help lines.
    func valueText(_ value: Value) -> String? {
        switch value.kind {
        case .number(let text): return text
        case .quantity(let number, let unit, _): return number + unit
        case .identifier(let name): return name
        default: return nil
        }
    }
}

/// One block body being decoded: its attributes by name, its nested blocks, and which
/// names the schema asked for, so that whatever is left over is reported as unknown.
struct BodyReader {
    /// How the block is named in messages (`datacenter "x1"`).
    let owner: String
    /// Where block-level diagnostics point (the block header).
    let ownerRange: SourceRange
    /// The first occurrence of each attribute.
    private(set) var attributes: [String: Attribute] = [:]
    /// Attributes in written order (for reporting unknown ones in order).
    private(set) var attributeOrder: [Attribute] = []
    /// Nested blocks in written order.
    let blocks: [Block]
    /// Attribute names the schema knows for this block.
    private(set) var knownAttributes: [String] = []
    /// Block types the schema knows for this block.
    private(set) var knownBlocks: [String] = []
    /// Names allowed here in general but rejected in this context, with the reason.
    private(set) var misplaced: [String: String] = [:]

    /// Reads a body, reporting attributes set twice.
    init(items: [BodyItem], owner: String, ownerRange: SourceRange, sink: inout DiagnosticSink) {
        self.owner = owner
        self.ownerRange = ownerRange
        var blocks: [Block] = []
        for item in items {
            switch item {
            case .attribute(let attribute):
                if let first = attributes[attribute.name.name] {
                    sink.add(
                        .error(
                            .duplicateAttribute, "'\(attribute.name.name)' is set twice in \(owner)",
                            at: attribute.name.range,
                            notes: [Note("first set here", at: first.name.range)],
                            help: "keep one of the two lines"))
                } else {
                    attributes[attribute.name.name] = attribute
                    attributeOrder.append(attribute)
                }
            case .block(let block):
                blocks.append(block)
            case .comments:
                break
            }
        }
        self.blocks = blocks
    }

    /// Whether the attribute is written at all (even with an invalid value).
    func has(_ name: String) -> Bool {
        attributes[name] != nil
    }

    /// Takes an attribute, marking its name as part of this block's schema.
    mutating func take(_ name: String) -> Attribute? {
        if !knownAttributes.contains(name) { knownAttributes.append(name) }
        return attributes[name]
    }

    /// Takes the nested blocks of a type, marking the type as part of this block's schema.
    mutating func blocks(_ type: String) -> [Block] {
        if !knownBlocks.contains(type) { knownBlocks.append(type) }
        return blocks.filter { $0.type.name == type }
    }

    /// Marks a name as known in general but not allowed here, and says why.
    mutating func reject(_ name: String, because reason: String) {
        misplaced[name] = reason
    }

    /// Reports every attribute and block the schema did not ask for.
    func finish(sink: inout DiagnosticSink) {
        for attribute in attributeOrder where !knownAttributes.contains(attribute.name.name) {
            let name = attribute.name.name
            if let reason = misplaced[name] {
                sink.add(
                    .error(.unknownAttribute, "'\(name)' is not allowed in \(owner)", at: attribute.name.range, help: reason))
                continue
            }
            sink.add(
                .error(
                    .unknownAttribute, "unknown attribute '\(name)' in \(owner)", at: attribute.name.range,
                    help: Suggestion.help(for: name, among: knownAttributes, what: "\(owner) takes")))
        }
        for block in blocks where !knownBlocks.contains(block.type.name) {
            let type = block.type.name
            if let reason = misplaced[type] {
                sink.add(.error(.unknownBlock, "a \(type) block is not allowed in \(owner)", at: block.headerRange, help: reason))
                continue
            }
            let help =
                knownBlocks.isEmpty
                ? "\(owner) holds no blocks; remove this one or move it where it belongs"
                : Suggestion.help(for: type, among: knownBlocks, what: "\(owner) holds the blocks")
            sink.add(.error(.unknownBlock, "unknown block '\(type)' in \(owner)", at: block.type.range, help: help))
        }
    }
}

extension SchemaDecoder {
    /// Blocks that must carry a label, unique among themselves (clusters, keyspaces...).
    /// Reports unlabeled blocks and repeated labels; returns the first of each label.
    mutating func labeled(_ blocks: [Block], kind: String, example: String) -> [(label: Located<String>, block: Block)] {
        var seen: [String: Block] = [:]
        var result: [(label: Located<String>, block: Block)] = []
        for block in blocks {
            guard let label = block.label else {
                report(
                    .error(
                        .syntax, "a \(kind) block needs a label", at: block.headerRange,
                        help: "name it: \(example)"))
                continue
            }
            if let first = seen[label.value] {
                report(
                    .error(
                        .duplicateBlock, "\(kind) \"\(label.value)\" is declared twice", at: label.range,
                        notes: [Note("first declared here", at: first.headerRange)],
                        help: "merge the two blocks, or give one of them another name"))
                continue
            }
            seen[label.value] = block
            result.append((Located(label.value, at: label.range), block))
        }
        return result
    }

    /// A block that appears at most once and takes no label (kubernetes, ssh, aws, monitoring).
    mutating func single(_ blocks: [Block], kind: String) -> Block? {
        guard let first = blocks.first else { return nil }
        for extra in blocks.dropFirst() {
            report(
                .error(
                    .duplicateBlock, "\(kind) is declared twice", at: extra.headerRange,
                    notes: [Note("first declared here", at: first.headerRange)],
                    help: "keep one \(kind) block and merge what the other says into it"))
        }
        if let label = first.label {
            report(
                .error(
                    .syntax, "a \(kind) block takes no label", at: label.range,
                    help: "write \(kind) { ... } without the \"\(label.value)\""))
        }
        return first
    }

    /// A reader for a block's body, named for messages.
    mutating func reader(for block: Block) -> BodyReader {
        BodyReader(items: block.items, owner: block.displayName, ownerRange: block.headerRange, sink: &sink)
    }

    /// Reports the leftovers of a reader.
    mutating func finish(_ reader: BodyReader) {
        reader.finish(sink: &sink)
    }
}

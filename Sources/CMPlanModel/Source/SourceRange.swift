/// A half-open span of source text, `start..<end`, that a diagnostic or a syntax node points at.
public struct SourceRange: Hashable, Sendable {
    /// The first character of the span.
    public var start: SourcePosition
    /// Just past the last character of the span.
    public var end: SourcePosition

    /// Creates a span between two positions.
    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// An empty span at one position (used for "expected X here" at end of input).
    public init(at position: SourcePosition) {
        self.init(start: position, end: position)
    }

    /// The smallest span covering both spans.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: Swift.min(start, other.start), end: Swift.max(end, other.end))
    }

    /// Length in bytes.
    public var byteCount: Int { end.offset - start.offset }
}

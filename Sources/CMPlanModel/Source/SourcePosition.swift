/// A point in a source file: byte offset plus the 1-based line and column a person sees.
///
/// Columns count Unicode scalars, not bytes, so a caret lines up under non-ASCII text.
public struct SourcePosition: Hashable, Sendable, Comparable {
    /// Byte offset from the start of the file (0-based).
    public var offset: Int
    /// Line number, 1-based.
    public var line: Int
    /// Column number in Unicode scalars, 1-based.
    public var column: Int

    /// Creates a position from its three coordinates.
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The first byte of a file.
    public static let start = SourcePosition(offset: 0, line: 1, column: 1)

    /// Positions order by byte offset.
    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        lhs.offset < rhs.offset
    }
}

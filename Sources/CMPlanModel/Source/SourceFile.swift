/// The text of one plan file as bytes, with its path and a line table for rendering.
///
/// The compiler works on bytes so that invalid UTF-8, NUL bytes or binary input can be
/// pointed at instead of crashing a decoder.
public struct SourceFile: Sendable {
    /// The path as the user gave it (shown in diagnostics).
    public let path: String
    /// The raw bytes of the file.
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    /// Creates a source file from raw bytes.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 24 + 1)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        self.lineStarts = starts
    }

    /// Creates a source file from a string (tests and tools).
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The 1-based line containing a byte offset.
    public func line(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The full position (line and scalar column) of a byte offset.
    public func position(at offset: Int) -> SourcePosition {
        let clamped = Swift.max(0, Swift.min(offset, bytes.count))
        let line = line(containing: clamped)
        var column = 1
        var index = lineStarts[line - 1]
        while index < clamped {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourcePosition(offset: clamped, line: line, column: column)
    }

    /// The bytes of a 1-based line without its line terminator.
    public func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 1, line <= lineStarts.count else { return [] }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes[start..<Swift.max(start, end)]
    }

    /// The text of a 1-based line, invalid UTF-8 replaced by U+FFFD.
    public func lineText(_ line: Int) -> String {
        String(decoding: lineBytes(line), as: UTF8.self)
    }

    /// The text of a range, invalid UTF-8 replaced by U+FFFD.
    public func text(of range: SourceRange) -> String {
        let start = Swift.max(0, Swift.min(range.start.offset, bytes.count))
        let end = Swift.max(start, Swift.min(range.end.offset, bytes.count))
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

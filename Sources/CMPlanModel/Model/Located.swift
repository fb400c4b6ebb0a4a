/// A decoded value together with the source text it came from, so every later check can
/// point at the exact attribute. A default the plan did not write points at its block.
public struct Located<Value: Sendable>: Sendable {
    /// The decoded value.
    public var value: Value
    /// The text it came from (the attribute value, or the enclosing block's header for a default).
    public var range: SourceRange
    /// False when the value is a default the plan did not write.
    public var isExplicit: Bool

    /// Creates a located value.
    public init(_ value: Value, at range: SourceRange, isExplicit: Bool = true) {
        self.value = value
        self.range = range
        self.isExplicit = isExplicit
    }

    /// The same location holding another value.
    public func map<Other>(_ transform: (Value) -> Other) -> Located<Other> {
        Located<Other>(transform(value), at: range, isExplicit: isExplicit)
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

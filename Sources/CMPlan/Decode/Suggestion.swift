/// "Did you mean" for misspelt names: the closest known name by edit distance, if close.
public enum Suggestion {
    /// The candidate nearest to `name`, when it is near enough to be a likely typo
    /// (at most a third of the name's length in edits, or a case-only difference).
    public static func closest(to name: String, in candidates: [String]) -> String? {
        let lowered = name.lowercased()
        if let sameLetters = candidates.first(where: { $0.lowercased() == lowered }) { return sameLetters }
        let limit = Swift.max(1, name.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased(), limit: limit)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`.
    static func editDistance(_ lhs: String, _ rhs: String, limit: Int) -> Int {
        let left = Array(lhs.unicodeScalars)
        let right = Array(rhs.unicodeScalars)
        if abs(left.count - right.count) > limit { return limit + 1 }
        if left.count > 64 || right.count > 64 { return limit + 1 }
        var previous = Array(0...right.count)
        var current = Array(repeating: 0, count: right.count + 1)
        for (i, leftScalar) in left.enumerated() {
            current[0] = i + 1
            var rowMinimum = current[0]
            for (j, rightScalar) in right.enumerated() {
                let substitution = previous[j] + (leftScalar == rightScalar ? 0 : 1)
                current[j + 1] = Swift.min(substitution, previous[j + 1] + 1, current[j] + 1)
                rowMinimum = Swift.min(rowMinimum, current[j + 1])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[right.count]
    }

    /// A help line: "did you mean 'x'?" or the list of what is allowed.
    static func help(for name: String, among candidates: [String], what: String) -> String {
        if let match = closest(to: name, in: candidates) {
            return "did you mean '\(match)'?"
        }
        let shown = candidates.prefix(12).joined(separator: ", ")
        return candidates.isEmpty ? "remove it" : "\(what): \(shown)"
    }
}

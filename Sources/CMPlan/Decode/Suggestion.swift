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

    /// Edit distance counting insertions, deletions, substitutions and swaps of neighbours
    /// (optimal string alignment), giving up (returning `limit + 1`) once it must exceed `limit`.
    static func editDistance(_ lhs: String, _ rhs: String, limit: Int) -> Int {
        let left = Array(lhs.unicodeScalars)
        let right = Array(rhs.unicodeScalars)
        if abs(left.count - right.count) > limit { return limit + 1 }
        if left.count > 64 || right.count > 64 { return limit + 1 }
        if left.isEmpty { return right.count }
        let width = right.count + 1
        var beforePrevious = Array(repeating: 0, count: width)
        var previous = Array(0...right.count)
        var current = Array(repeating: 0, count: width)
        for i in 1...left.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1..<width {
                let cost = left[i - 1] == right[j - 1] ? 0 : 1
                var best = Swift.min(previous[j - 1] + cost, previous[j] + 1, current[j - 1] + 1)
                if i > 1, j > 1, left[i - 1] == right[j - 2], left[i - 2] == right[j - 1] {
                    best = Swift.min(best, beforePrevious[j - 2] + 1)
                }
                current[j] = best
                rowMinimum = Swift.min(rowMinimum, best)
            }
            if rowMinimum > limit { return limit + 1 }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
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

import CMPlanModel
/// Splits a command line as a POSIX shell would for the forms bash's `printf %q` writes:
/// backslash escapes, single and double quotes, and `$'...'` strings. The simulated ssh uses
/// it to read the remote command exactly as a real remote shell would.
enum ShellWords {
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var characters = Array(line)
        var index = 0
        func next() -> Character? {
            guard index < characters.count else { return nil }
            defer { index += 1 }
            return characters[index]
        }
        while let character = next() {
            switch character {
            case " ", "\t", "\n":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            case "\\":
                inWord = true
                if let escaped = next(), escaped != "\n" { current.append(escaped) }
            case "'":
                inWord = true
                while let inner = next(), inner != "'" { current.append(inner) }
            case "\"":
                inWord = true
                while let inner = next(), inner != "\"" {
                    if inner == "\\", let escaped = next() { current.append(escaped) } else { current.append(inner) }
                }
            case "$" where index < characters.count && characters[index] == "'":
                inWord = true
                index += 1
                while let inner = next(), inner != "'" {
                    guard inner == "\\", let escaped = next() else {
                        current.append(inner)
                        continue
                    }
                    switch escaped {
                    case "n": current.append("\n")
                    case "t": current.append("\t")
                    case "r": current.append("\r")
                    default: current.append(escaped)
                    }
                }
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        characters.removeAll()
        return words
    }
}

import CMPlan
import Testing

/// Hundreds of randomly mutated plans: the front end always answers, the formatter is
/// idempotent on whatever it accepts, and a plan without errors round-trips through fmt to
/// the same decoded plan.
@Suite struct MutationTests {
    static let fragments = [
        "{", "}", "[", "]", "=", ",", "\"", "#", "\n", " ", "\\", "'", "-", ".", "/s", "GiB", "3", "0", "1.5",
        "plan", "cluster", "datacenter", "node", "keyspace", "true", "x1", "LOCAL_QUORUM", "\u{00}", "é", "\r\n",
    ]

    /// One random edit: delete, duplicate, insert a fragment, or swap two spans.
    static func mutate(_ bytes: [UInt8], _ generator: inout SplitMix64) -> [UInt8] {
        guard !bytes.isEmpty else { return Array(fragments.randomElement(using: &generator)!.utf8) }
        var result = bytes
        let position = Int.random(in: 0..<result.count, using: &generator)
        let length = Int.random(in: 1...Swift.min(16, result.count - position), using: &generator)
        switch Int.random(in: 0..<4, using: &generator) {
        case 0:
            result.removeSubrange(position..<(position + length))
        case 1:
            result.insert(contentsOf: result[position..<(position + length)], at: position)
        case 2:
            result.insert(contentsOf: Array(fragments.randomElement(using: &generator)!.utf8), at: position)
        default:
            let other = Int.random(in: 0..<result.count, using: &generator)
            result.swapAt(position, other)
        }
        return result
    }

    @Test(arguments: ["Plans/k8s-to-k8s.cmplan", "Plans/ec2-to-eks.cmplan"])
    func mutatedPlansNeverCrash(path: String) throws {
        let original = try #require(FileBytes.read(Repository.path(path)))
        var generator = SplitMix64(seed: UInt64(path.utf8.count))
        var accepted = 0
        for round in 0..<300 {
            var bytes = original
            for _ in 0...(round % 4) { bytes = Self.mutate(bytes, &generator) }
            let file = SourceFile(path: "mutant-\(round)", bytes: bytes)
            let result = Frontend.run(file)
            for diagnostic in result.diagnostics.diagnostics {
                #expect(diagnostic.range.start.offset <= bytes.count && diagnostic.range.end.offset <= bytes.count)
                #expect(!diagnostic.message.isEmpty)
            }
            guard case .success(let formatted) = Formatter.format(file) else { continue }
            let again = try Formatter.format(SourceFile(path: "again", text: formatted)).get()
            #expect(again == formatted, "fmt is not idempotent on mutant \(round)")
            if result.plan != nil {
                accepted += 1
                let reformatted = Frontend.run(SourceFile(path: "formatted", text: formatted))
                #expect(reformatted.plan != nil, "formatting mutant \(round) broke it")
            }
        }
        #expect(accepted > 0, "no mutant stayed valid; the mutations are too coarse to test fmt round trips")
    }
}

import CMPlan
import Testing

/// Any input whatsoever gives diagnostics, never a crash, a hang or a stack overflow.
@Suite struct HostileInputTests {
    /// Runs the front end and the formatter; both must return, the front end with an error.
    func expectRejected(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let file = SourceFile(path: "hostile", bytes: bytes)
        let result = Frontend.run(file)
        #expect(result.diagnostics.hasErrors, sourceLocation: sourceLocation)
        #expect(result.diagnostics.diagnostics.count <= DiagnosticSink.defaultLimit + 1, sourceLocation: sourceLocation)
        _ = Formatter.format(file)
    }

    @Test func megabytesOfOpeningBraces() {
        // scripts/test feeds the built binary ten megabytes of them; two suffice here.
        expectRejected(Array(repeating: UInt8(ascii: "{"), count: 2_000_000))
    }

    @Test func deeplyNestedBlocks() {
        expectRejected(Array(String(repeating: "a {\n", count: 100_000).utf8))
    }

    @Test func deeplyNestedLists() {
        expectRejected(Array(("x {\n  y = " + String(repeating: "[", count: 100_000)).utf8))
        expectRejected(Array(("x {\n  y = " + String(repeating: "{ a = ", count: 50_000)).utf8))
    }

    @Test func invalidUTF8Everywhere() {
        expectRejected([0xFF, 0xFE, 0xFD] + Array("plan \"".utf8) + [0xC3] + Array("\" {}\n# ".utf8) + [0xE2, 0x82])
    }

    @Test func binaryNoise() {
        var generator = SplitMix64(seed: 0xC0FFEE)
        for _ in 0..<20 {
            let bytes = (0..<20_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            expectRejected(bytes)
        }
    }

    @Test func manyErrorsAreCapped() {
        let text = String(repeating: "x {\n  a = = 1\n}\n", count: 5_000)
        let diagnostics = Frontend.run(SourceFile(path: "t", text: text)).diagnostics.diagnostics
        #expect(diagnostics.count == DiagnosticSink.defaultLimit + 1)
        #expect(diagnostics.last?.message.hasPrefix("too many errors") == true)
    }

    @Test func everyPrefixOfASeedPlanIsHandled() throws {
        let bytes = try #require(FileBytes.read(Repository.path("Plans/k8s-to-k8s.cmplan")))
        for length in stride(from: 0, to: bytes.count, by: 1) {
            let file = SourceFile(path: "prefix", bytes: Array(bytes[..<length]))
            _ = Frontend.run(file)
            if case .success(let formatted) = Formatter.format(file) {
                #expect(try Formatter.format(SourceFile(path: "again", text: formatted)).get() == formatted)
            }
        }
    }
}

/// A small deterministic random generator, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

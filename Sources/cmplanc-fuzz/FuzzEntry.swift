import CMPlan

/// libFuzzer entry point: runs the whole front end and the formatter on arbitrary bytes.
/// Any crash, trap or sanitizer finding is a bug; a formatted result must be a fixed point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontEnd(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FrontEndFuzzing.check(bytes)
    return 0
}

/// What one fuzz input must satisfy.
enum FrontEndFuzzing {
    static func check(_ bytes: [UInt8]) {
        let file = SourceFile(path: "fuzz.cmplan", bytes: bytes)
        let result = Frontend.run(file)
        for diagnostic in result.diagnostics.diagnostics {
            precondition(diagnostic.range.end.offset <= bytes.count, "diagnostic range past the end of input")
            _ = TextRenderer(useColor: false).render(diagnostic, in: file)
        }
        if case .success(let formatted) = Formatter.format(file) {
            let again = Formatter.format(SourceFile(path: "again.cmplan", text: formatted))
            guard case .success(let twice) = again, twice == formatted else {
                preconditionFailure("fmt is not idempotent on this input")
            }
        }
    }
}

#if !FUZZING
    import Foundation

    /// Without libFuzzer (a plain `swift build`): replays the files named on the command
    /// line, so a crash the fuzzer found can be reproduced under the debugger.
    @main
    struct FuzzReplay {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                    exit(2)
                }
                FrontEndFuzzing.check([UInt8](data))
                print("ok \(path)")
            }
        }
    }
#endif

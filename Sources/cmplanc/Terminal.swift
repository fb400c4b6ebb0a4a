import CMPlan
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output and error, and whether colour is wanted on standard error.
enum Terminal {
    /// Writes to standard output.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Colour only on a terminal, and never when NO_COLOR is set to anything non-empty.
    static var standardErrorWantsColor: Bool {
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
        return isatty(2) != 0
    }
}

/// Reading plan files.
enum PlanFiles {
    /// A file's bytes as a SourceFile, or a message saying why it cannot be read.
    static func read(_ path: String) -> Result<SourceFile, UsageError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(UsageError(message: "cannot read \(path): no such file"))
        }
        guard !isDirectory.boolValue else {
            return .failure(UsageError(message: "cannot read \(path): it is a directory"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(UsageError(message: "cannot read \(path): permission denied or unreadable"))
        }
        return .success(SourceFile(path: path, bytes: [UInt8](data)))
    }
}

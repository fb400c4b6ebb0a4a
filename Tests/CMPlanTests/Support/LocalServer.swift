import CMPlanSim
import Foundation
import Testing

/// Starting the servers the tests need (CMPlanSim.LocalServer), failing the test with the reason.
extension LocalServer {
    /// `command` with `{port}` for a free port, started and listening, or the test fails.
    static func started(name: String, command: [String]) throws -> LocalServer {
        do {
            return try LocalServer(name: name, command: command)
        } catch {
            Issue.record("\(error)")
            throw CancellationError()
        }
    }

    /// The first executable called `name` on PATH; the test fails, with `hint`, when none is.
    static func required(_ name: String, hint: String) throws -> String {
        guard let path = executable(name) else {
            Issue.record("\(name) is not on PATH: \(hint)")
            throw CancellationError()
        }
        return path
    }
}

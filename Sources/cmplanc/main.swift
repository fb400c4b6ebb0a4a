import CMPlan
import Foundation

// The command line: parse arguments, run, exit with 0, 1 or 2. Everything else is in CMPlan.
let status: ExitStatus
do {
    status = Commands.run(try Invocation.parse(Array(CommandLine.arguments.dropFirst())))
} catch {
    Terminal.error("cmplanc: error: \(error.message)\nrun 'cmplanc --help' for usage\n")
    status = .usage
}
exit(status.rawValue)

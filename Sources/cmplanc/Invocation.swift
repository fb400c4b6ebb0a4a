import CMPlan
import CMPlanSim

/// What the user asked for, parsed from the command line.
enum Invocation: Equatable {
    /// `cmplanc check FILE...`
    case check(files: [String], format: DiagnosticFormat)
    /// `cmplanc build FILE... [--out DIR]`
    case build(files: [String], outputRoot: String, format: DiagnosticFormat)
    /// `cmplanc fmt [--check] FILE...`
    case format(files: [String], checkOnly: Bool)
    /// `cmplanc explain RULE`
    case explain(rule: String)
    /// `cmplanc rules`
    case rules
    /// `cmplanc rehearse PLAN [options]`
    case rehearse(RehearseCommand)
    /// `--help`, `help [COMMAND]`
    case help(command: String?)
    /// `--version`
    case version
}

/// How diagnostics are written.
enum DiagnosticFormat: String, CaseIterable, Equatable {
    /// For people, on standard error.
    case text
    /// JSON Lines, on standard output.
    case json
    /// SARIF 2.1.0, on standard output.
    case sarif
}

/// A command line that cannot be understood; exit status 2.
struct UsageError: Error, Equatable {
    /// What is wrong, as a lowercase phrase.
    var message: String
}

extension Invocation {
    /// The commands, for "did you mean".
    static let commandNames = ["check", "build", "fmt", "explain", "rules", "rehearse", "help"]

    /// Parses the arguments after the program name.
    static func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
        var format = DiagnosticFormat.text
        var outputRoot = "Generated"
        var checkOnly = false
        var positional: [String] = []
        var runbook: String?
        var twice = false
        var clientsStay = false
        var machineFilesystem: String?
        var sourceTokens: Int?
        var sharedStorage: SharedStorage?
        var keep = false
        var realAWS: String?
        var realSSH: RehearsalSSHD.LoginShell?
        var rollBackAfter: String?
        var rollBackWith: String?
        var freshState = false
        var interruptOn: String?
        var dropConnection: [String] = []
        var forgetJournal = false
        var interruptAfter: String?
        var failOnce: String?
        var nodeCqlshrc: String?
        var seed: UInt64?
        var wantsHelp = false
        var index = 0
        var afterDoubleDash = false

        func value(for flag: String, inline: String?) throws(UsageError) -> String {
            if let inline { return inline }
            index += 1
            guard index < arguments.count else { throw UsageError(message: "\(flag) needs a value") }
            return arguments[index]
        }

        while index < arguments.count {
            let argument = arguments[index]
            if afterDoubleDash || !argument.hasPrefix("-") || argument == "-" {
                positional.append(argument)
                index += 1
                continue
            }
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            let flag = parts[0]
            let inline = parts.count > 1 ? parts[1] : nil
            switch flag {
            case "--":
                afterDoubleDash = true
            case "--help", "-h":
                wantsHelp = true
            case "--version":
                return .version
            case "--format":
                let text = try value(for: flag, inline: inline)
                guard let parsed = DiagnosticFormat(rawValue: text) else {
                    throw UsageError(message: "--format must be text, json or sarif, not '\(text)'")
                }
                format = parsed
            case "--out":
                outputRoot = try value(for: flag, inline: inline)
            case "--check":
                checkOnly = true
            case "--runbook":
                runbook = try value(for: flag, inline: inline)
            case "--twice":
                twice = true
            case "--clients-stay":
                clientsStay = true
            case "--machine-filesystem":
                let text = try value(for: flag, inline: inline)
                guard ["ext2", "ext3", "ext4", "xfs"].contains(text) else {
                    throw UsageError(message: "--machine-filesystem takes ext2, ext3, ext4 or xfs, not '\(text)'")
                }
                machineFilesystem = text
            case "--source-tokens":
                let text = try value(for: flag, inline: inline)
                guard let number = Int(text), number >= 1 else { throw UsageError(message: "--source-tokens needs a whole number of at least 1, not '\(text)'") }
                sourceTokens = number
            case "--shared-storage":
                let text = try value(for: flag, inline: inline)
                guard let mode = SharedStorage(rawValue: text) else {
                    throw UsageError(message: "--shared-storage takes \(SharedStorage.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
                }
                sharedStorage = mode
            case "--keep":
                keep = true
            case "--real-aws":
                realAWS = try value(for: flag, inline: inline)
            case "--roll-back-after":
                rollBackAfter = try value(for: flag, inline: inline)
            case "--roll-back-with":
                rollBackWith = try value(for: flag, inline: inline)
            case "--real-ssh":
                let text = try value(for: flag, inline: inline)
                guard let shell = RehearsalSSHD.LoginShell(rawValue: text) else {
                    throw UsageError(message: "--real-ssh takes the remote login shell, bash or dash, not '\(text)'")
                }
                realSSH = shell
            case "--fresh-state":
                freshState = true
            case "--forget-journal":
                forgetJournal = true
            case "--interrupt-after":
                interruptAfter = try value(for: flag, inline: inline)
            case "--interrupt-on":
                interruptOn = try value(for: flag, inline: inline)
            case "--fail-once":
                failOnce = try value(for: flag, inline: inline)
            case "--drop-connection":
                dropConnection.append(try value(for: flag, inline: inline))
            case "--node-cqlshrc":
                nodeCqlshrc = try value(for: flag, inline: inline)
            case "--seed":
                let text = try value(for: flag, inline: inline)
                guard let number = UInt64(text) else { throw UsageError(message: "--seed needs a whole number, not '\(text)'") }
                seed = number
            default:
                throw UsageError(message: "unknown option '\(flag)'")
            }
            index += 1
        }

        guard let command = positional.first else {
            if wantsHelp { return .help(command: nil) }
            throw UsageError(message: "no command given")
        }
        let rest = Array(positional.dropFirst())
        if wantsHelp { return .help(command: command) }
        switch command {
        case "check":
            guard !rest.isEmpty else { throw UsageError(message: "check needs at least one plan file") }
            return .check(files: rest, format: format)
        case "build":
            guard !rest.isEmpty else { throw UsageError(message: "build needs at least one plan file") }
            return .build(files: rest, outputRoot: outputRoot, format: format)
        case "fmt":
            guard !rest.isEmpty else { throw UsageError(message: "fmt needs at least one plan file") }
            return .format(files: rest, checkOnly: checkOnly)
        case "explain":
            guard rest.count == 1 else { throw UsageError(message: "explain takes exactly one rule name") }
            return .explain(rule: rest[0])
        case "rules":
            guard rest.isEmpty else { throw UsageError(message: "rules takes no arguments") }
            return .rules
        case "help":
            return .help(command: rest.first)
        case "rehearse":
            guard rest.count == 1 else { throw UsageError(message: "rehearse takes exactly one plan file") }
            return .rehearse(
                RehearseCommand(
                    planPath: rest[0], runbookPath: runbook, twice: twice, interruptAfter: interruptAfter, failOnce: failOnce, seed: seed,
                    clientsStay: clientsStay, freshState: freshState, forgetJournal: forgetJournal, interruptOn: interruptOn,
                    machineFilesystem: machineFilesystem, sourceTokens: sourceTokens, sharedStorage: sharedStorage, keep: keep,
                    realAWS: realAWS, realSSH: realSSH, rollBackAfter: rollBackAfter, rollBackWith: rollBackWith, nodeCqlshrc: nodeCqlshrc,
                    dropConnection: dropConnection))
        default:
            let hint = Suggestion.closest(to: command, in: commandNames).map { "; did you mean '\($0)'?" } ?? ""
            throw UsageError(message: "unknown command '\(command)'\(hint)")
        }
    }
}

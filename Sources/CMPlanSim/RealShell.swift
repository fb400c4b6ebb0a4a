import Foundation

/// `sh -c SCRIPT NAME ARGS...` inside a simulated pod or machine, run by the real `/bin/sh`
/// (dash on Debian), so its quoting, traps, umask, mktemp and reading of standard input are the
/// real ones. Only cqlsh and nodetool are not real: a stand-in on PATH records which was run, the
/// arguments it was given and a copy of each file they name (with its `ls -l` mode) while it
/// exists, and the simulated tool then answers with them. The shell's own temporary directory is the pod's /tmp: what is
/// left in it afterwards was left in the pod.
struct RealShell {
    /// What a stand-in saw.
    struct Captured {
        /// The tool the script ran (cqlsh or nodetool).
        var program: String
        /// Its arguments.
        var arguments: [String]
        /// Each argument that named a file: the file's text and mode (`-rw-------`).
        var files: [String: (text: String, mode: String)]
    }

    /// How the shell ended.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// What cqlsh was called with, if the script called it.
        var captured: Captured?
        /// Files the script left in the temporary directory.
        var leftovers: [String]
        /// The prepared files as the script left them, by the same relative paths.
        var files: [String: String] = [:]
    }

    /// The tools the stand-in plays.
    static let standIns = ["cqlsh", "nodetool", "docker-entrypoint.sh"]

    /// The stand-in: records its name and arguments (NUL-separated) and copies the files they name.
    static let standIn = """
        #!/bin/sh
        i=0
        printf '%s\\0' "${0##*/}" >>"$CMPLAN_SIM_CAPTURE/args"
        for a in "$@"; do
          printf '%s\\0' "$a" >>"$CMPLAN_SIM_CAPTURE/args"
          if [ -f "$a" ]; then
            i=$((i + 1))
            cp "$a" "$CMPLAN_SIM_CAPTURE/file.$i"
            printf '%s\\0%s\\0' "$a" "$(ls -ld "$a" | cut -c1-10)" >>"$CMPLAN_SIM_CAPTURE/files"
          fi
        done
        if [ "${0##*/}" = cqlsh ] && [ -f "$HOME/.cassandra/cqlshrc" ]; then
          i=$((i + 1))
          cp "$HOME/.cassandra/cqlshrc" "$CMPLAN_SIM_CAPTURE/file.$i"
          printf '%s\\0%s\\0' "\(defaultCqlshrc)" "$(ls -ld "$HOME/.cassandra/cqlshrc" | cut -c1-10)" >>"$CMPLAN_SIM_CAPTURE/files"
        fi
        : >>"$CMPLAN_SIM_CAPTURE/args"

        """

    /// The key under which a stand-in cqlsh records the node's own `~/.cassandra/cqlshrc`, the
    /// file cqlsh reads when no `--cqlshrc` names another (cqlshmain.py's CONFIG_FILE).
    static let defaultCqlshrc = "~/.cassandra/cqlshrc"

    /// Runs `words` (`sh -c SCRIPT [NAME ARGS...]`) with `input` on standard input, `files`
    /// (relative paths and texts) written in its own folder first, and `environment` added
    /// (values naming those relative paths are made absolute).
    static func run(
        _ words: [String], input: String, files prepared: [String: String] = [:], environment extra: [String: String] = [:],
        mounts: [(path: String, folder: String)] = [], home: [String: String] = [:]
    ) -> Result {
        let fileManager = FileManager.default
        let root = fileManager.temporaryDirectory.appendingPathComponent("cmplanc-sim-sh-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: root) }
        let bin = root.appendingPathComponent("bin")
        let tmp = root.appendingPathComponent("tmp")
        let capture = root.appendingPathComponent("capture")
        do {
            for folder in [bin, tmp, capture, root.appendingPathComponent("home")] {
                try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            // The node's own files under its home (its ~/.cassandra/cqlshrc), as the plan's world has them.
            for (path, text) in home {
                let file = root.appendingPathComponent("home").appendingPathComponent(path)
                try fileManager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: file, atomically: true, encoding: .utf8)
            }
            for (path, text) in prepared {
                let file = root.appendingPathComponent("files").appendingPathComponent(path)
                try fileManager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: file, atomically: true, encoding: .utf8)
            }
            for name in standIns {
                let tool = bin.appendingPathComponent(name)
                try standIn.write(to: tool, atomically: true, encoding: .utf8)
                try fileManager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
            }
        } catch {
            return Result(status: 126, stdout: "", stderr: "sh: the simulator could not prepare a shell: \(error)\n", captured: nil, leftovers: [])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // A mount: the words name the prepared folder wherever they name the mount's path.
        process.arguments = words.dropFirst().map { word in
            mounts.reduce(word) { $0.replacingOccurrences(of: $1.path, with: root.appendingPathComponent("files").appendingPathComponent($1.folder).path) }
        }
        process.environment = [
            "PATH": bin.path + ":/usr/bin:/bin", "TMPDIR": tmp.path, "HOME": root.appendingPathComponent("home").path,
            "CMPLAN_SIM_CAPTURE": capture.path, "LC_ALL": "C",
        ]
        for (name, value) in extra {
            process.environment?[name] = root.appendingPathComponent("files").appendingPathComponent(value).path
        }
        let stdinPipe = Pipe()
        let stdoutFile = root.appendingPathComponent("stdout")
        let stderrFile = root.appendingPathComponent("stderr")
        fileManager.createFile(atPath: stdoutFile.path, contents: nil)
        fileManager.createFile(atPath: stderrFile.path, contents: nil)
        guard let out = try? FileHandle(forWritingTo: stdoutFile), let err = try? FileHandle(forWritingTo: stderrFile) else {
            return Result(status: 126, stdout: "", stderr: "sh: the simulator could not open its output files\n", captured: nil, leftovers: [])
        }
        process.standardInput = stdinPipe
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            return Result(status: 127, stdout: "", stderr: "sh: \(error)\n", captured: nil, leftovers: [])
        }
        stdinPipe.fileHandleForWriting.write(Data(input.utf8))
        try? stdinPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let text = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        var captured: Captured?
        if let arguments = try? Data(contentsOf: capture.appendingPathComponent("args")) {
            var files: [String: (text: String, mode: String)] = [:]
            let records = (try? Data(contentsOf: capture.appendingPathComponent("files"))).map(Self.fields) ?? []
            for index in stride(from: 0, to: records.count - 1, by: 2) {
                files[records[index]] = (text(capture.appendingPathComponent("file.\(index / 2 + 1)")), records[index + 1])
            }
            let words = Self.fields(arguments)
            captured = Captured(program: words.first ?? "", arguments: Array(words.dropFirst()), files: files)
        }
        let leftovers = ((try? fileManager.contentsOfDirectory(atPath: tmp.path)) ?? []).sorted()
        var after: [String: String] = [:]
        for path in prepared.keys { after[path] = text(root.appendingPathComponent("files").appendingPathComponent(path)) }
        return Result(
            status: process.terminationStatus, stdout: text(stdoutFile), stderr: text(stderrFile), captured: captured, leftovers: leftovers,
            files: after)
    }

    /// NUL-terminated fields.
    static func fields(_ data: Data) -> [String] {
        data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
    }
}

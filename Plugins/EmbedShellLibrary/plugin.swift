// Embeds the runbook library's shell files in the compiler at build time (issue 13): the
// library is kept as shell under Sources/CMPlan/Emit/Library, where shellcheck and the bash
// tests read it, and the tool embed-shell-library turns it into one Swift file per build.
import Foundation
import PackagePlugin

/// The build-tool plugin: one command, from every `*.sh` of the library folder to one Swift file.
@main
struct EmbedShellLibrary: BuildToolPlugin {
    /// The command that writes `BashLibraryFiles.swift` into the plugin's work directory.
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "Sources/CMPlan/Emit/Library")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sh") }
            .sorted()
        let inputs = names.map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "BashLibraryFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding the runbook library (\(names.count) shell files)",
                executable: try context.tool(named: "embed-shell-library").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}

@testable import CMPlan
import Foundation
import Testing

/// The library the compiler embeds is exactly the shell files under Sources/CMPlan/Emit/Library
/// (BashLibraryFiles.swift is generated from them by scripts/embed-library), as Generated/ is
/// exactly what the compiler builds from Plans/.
@Suite struct BashLibraryTests {
    @Test func theEmbeddedLibraryIsTheShellFiles() throws {
        let folder = Repository.path("Sources/CMPlan/Emit/Library")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".sh") }.sorted()
        #expect(BashLibrary.files.map(\.name) == names, "the library's files changed: run scripts/embed-library")
        for file in BashLibrary.files {
            let text = try #require(FileBytes.readText(folder + "/" + file.name))
            #expect(file.text == text, "\(file.name) was edited after embedding: run scripts/embed-library")
        }
    }
}

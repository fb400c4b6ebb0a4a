import Testing

/// Compares output with a golden file beside the test; `CMPLAN_RECORD=1` rewrites it.
func expectGolden(_ actual: String, _ relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let path = Repository.path("Tests/CMPlanTests/" + relativePath)
    if FileBytes.recording {
        #expect(throws: Never.self, sourceLocation: sourceLocation) { try FileBytes.write(actual, to: path) }
        return
    }
    guard let expected = FileBytes.readText(path) else {
        Issue.record("missing golden file \(relativePath); run CMPLAN_RECORD=1 scripts/test", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "differs from \(relativePath); if the change is intended, rerun with CMPLAN_RECORD=1", sourceLocation: sourceLocation)
}

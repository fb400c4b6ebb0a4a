/// How serious a finding is: an error stops every output from being written, a warning does not.
public enum Severity: String, Sendable, Hashable, CaseIterable {
    /// The plan cannot be compiled; nothing is written.
    case error
    /// The plan compiles, but a reviewer must look at this.
    case warning
}

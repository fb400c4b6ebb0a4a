/// The compiler's version, printed by `--version` and written into runbook headers.
public enum CMPlanVersion {
    /// Semantic version of this compiler.
    public static let current = "0.1.0"
}

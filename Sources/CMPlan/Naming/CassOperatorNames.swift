/// cass-operator's own cleanup of the names it builds objects from, ported so the runbook
/// names the StatefulSets, pods, claims and Services cass-operator really creates.
///
/// SOURCE: k8ssandra/cass-operator `apis/cassandra/v1beta1/cassandradatacenter_types.go`:
/// `CleanupForKubernetes` (a valid DNS-1035 label is kept; otherwise lowercase, `_` to `-`,
/// and the concatenation of every match of `[a-z]([-a-z0-9]*[a-z0-9])?`), `CleanupSubdomain`
/// (the same for DNS-1123 subdomains, used for rack names), `GetSeedServiceName`
/// (`CleanupForKubernetes(clusterName) + "-seed-service"`); and
/// `pkg/reconciliation/construct_statefulset.go`, `newNamespacedNameForStatefulSet`
/// (`CleanupForKubernetes(clusterName)-<dc>-CleanupSubdomain(rack)-sts`).
public enum CassOperatorNames {
    /// `CleanupForKubernetes`: `Bob's Cluster` gives `bobscluster`, `Test Cluster` `testcluster`.
    public static func cleanupForKubernetes(_ input: String) -> String {
        if isLabel(Array(input.utf8), allowDigitFirst: false), input.utf8.count <= 63 { return input }
        return concatenatedLabels(Array(prepared(input).utf8), allowDigitFirst: false, dots: false)
    }

    /// `CleanupSubdomain`: rack names keep dots between labels; anything else is cleaned as above
    /// (digits may start a label).
    public static func cleanupSubdomain(_ input: String) -> String {
        let bytes = Array(input.utf8)
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if bytes.count <= 253, labels.allSatisfy({ isLabel(Array($0), allowDigitFirst: true) }) { return input }
        return concatenatedLabels(Array(prepared(input).utf8), allowDigitFirst: true, dots: true)
    }

    /// The seed Service every CassandraDatacenter of a cluster shares.
    public static func seedService(clusterName: String) -> String {
        cleanupForKubernetes(clusterName) + "-seed-service"
    }

    /// Lowercased, `_` turned into `-`, as both cleanups start.
    private static func prepared(_ input: String) -> String {
        input.lowercased().replacingOccurrences(of: "_", with: "-")
    }

    private static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isLower(byte) || isDigit(byte) }

    /// Whether bytes are one label: a letter (or digit) first, alphanumerics and `-` after,
    /// an alphanumeric last.
    private static func isLabel(_ bytes: [UInt8], allowDigitFirst: Bool) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        guard isLower(first) || (allowDigitFirst && isDigit(first)), isAlphanumeric(last) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    /// Go's `FindAllString` of the label (or subdomain) pattern, leftmost-first and greedy, joined.
    /// A match starts at a label's first character, runs over alphanumerics and `-` (and, for
    /// subdomains, `.` followed by a label start), and ends at its last alphanumeric.
    private static func concatenatedLabels(_ bytes: [UInt8], allowDigitFirst: Bool, dots: Bool) -> String {
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard isLower(bytes[index]) || (allowDigitFirst && isDigit(bytes[index])) else {
                index += 1
                continue
            }
            var end = index + 1  // one past the last alphanumeric of the match so far
            var cursor = index + 1
            while cursor < bytes.count {
                let byte = bytes[cursor]
                if isAlphanumeric(byte) {
                    cursor += 1
                    end = cursor
                } else if byte == UInt8(ascii: "-") {
                    cursor += 1
                } else if dots, byte == UInt8(ascii: "."), cursor == end, cursor + 1 < bytes.count, isAlphanumeric(bytes[cursor + 1]) {
                    cursor += 1
                } else {
                    break
                }
            }
            result += bytes[index..<end]
            index = end
        }
        return String(decoding: result, as: UTF8.self)
    }
}

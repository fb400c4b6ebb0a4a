@testable import CMPlan
import Testing

/// The COUNT(*) timeout the runbook hands cqlsh (whose own default is 10 s).
@Suite struct RowCountTimeoutTests {
    func keyspace(size: UInt64?, tables: Int) -> Keyspace {
        let at = SourceRange(start: SourcePosition(offset: 0, line: 1, column: 1), end: SourcePosition(offset: 0, line: 1, column: 1))
        return Keyspace(
            name: Located("app", at: at), replication: Located([], at: at), targetReplication: nil,
            size: size.map { Located(Size(bytes: $0), at: at) }, tables: Located(tables, at: at), range: at)
    }

    @Test func theTablesShareOfTheKeyspaceAtTheAssumedRate() {
        // 200 GiB over 12 tables is 17.07 GiB a table: 1067 s at 16 MiB/s, plus 60 s.
        #expect(RowCountTimeout(keyspace(size: 200 << 30, tables: 12)).seconds == 1127)
        #expect(RowCountTimeout(keyspace(size: 1, tables: 1)).seconds == 61)
    }

    @Test func withoutASizeAnHour() {
        #expect(RowCountTimeout(keyspace(size: nil, tables: 3)).seconds == 3600)
        #expect(RowCountTimeout(nil).seconds == 3600)
    }
}

@testable import CMPlan
@testable import CMPlanSim
import Testing

/// The simulated cqlsh prints SELECT results and DESCRIBE KEYSPACE as the real cqlsh does:
/// fed the rows of each recorded output in Tests/Fixtures/real/cqlsh, its formatting gives that
/// file byte for byte (issue 13). The files come from the real cqlsh's and the real Python
/// driver's own code (reproduce_cqlsh.py).
@Suite struct CqlshFormatTests {
    func corpus(_ path: String) throws -> String {
        try #require(FileBytes.readText(Repository.path("Tests/Fixtures/real/cqlsh/" + path)))
    }

    @Test func selectOfReplicationMapsIsLaidOutAsCqlshDoes() throws {
        let rows = [
            ["app", PodShell.replicationText(["dc1": 3, "dc2": 3])],
            ["legacy", PodShell.replicationText(["*": 2])],
            ["system_auth", PodShell.replicationText(["*": 1])],
        ]
        #expect(CqlshFormat.table(["keyspace_name", "replication"], rows) == (try corpus("select/keyspaces-replication.txt")))
    }

    @Test func tableNamesAndCountAreLaidOutAsCqlshDoes() throws {
        #expect(CqlshFormat.table(["table_name"], [["events"], ["users"], ["users_by_email"]]) == (try corpus("select/table-names.txt")))
        #expect(CqlshFormat.table(["count"], [["12345"]]) == (try corpus("select/count.txt")))
    }

    func describe(major: Int, minor: Int) -> String {
        let keyspace = "CREATE KEYSPACE app WITH replication = \(PodShell.replicationText(["dc1": 3, "dc2": 3], short: true))  AND durable_writes = true;"
        let tables = ["events", "users"].map { CqlshFormat.createTable(keyspace: "app", table: $0, major: major, minor: minor) }
        return CqlshFormat.describeKeyspace([keyspace] + tables, major: major)
    }

    @Test func describeKeyspaceIsPrintedAsEachVersionsCqlshPrintsIt() throws {
        #expect(describe(major: 3, minor: 0) == (try corpus("describe/3.0-two-tables.txt")))
        #expect(describe(major: 3, minor: 11) == (try corpus("describe/3.11-two-tables.txt")))
        #expect(describe(major: 4, minor: 1) == (try corpus("describe/4.1-two-tables.txt")))
        #expect(describe(major: 5, minor: 0) == (try corpus("describe/4.1-two-tables.txt")))
    }

    @Test func errorsAreFramedAsCqlshFramesThem() throws {
        #expect(CqlError.invalidRequest("Keyspace shop doesn't exist").stderr == (try corpus("error/invalid-request.txt")))
        #expect(CqlError.alreadyExists(keyspace: "shop", table: "orders").stderr == (try corpus("error/already-exists.txt")))
        #expect(CqlError.configuration("Unrecognized strategy option {dc9} passed to NetworkTopologyStrategy for keyspace shop").stderr == (try corpus("error/configuration.txt")))
        #expect(CqlError.syntax("line 1:0 mismatched input 'CREAT' expecting EOF").stderr == (try corpus("error/syntax.txt")))
    }
}

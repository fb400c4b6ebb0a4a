/// Writes valid datacenter-handover plans of any size for the benchmark: K keyspaces and
/// N nodes per datacenter over three racks.
enum PlanGenerator {
    static func handover(keyspaces: Int, nodes: Int) -> String {
        var text = """
            plan "bench" {
              strategy          = datacenter-handover
              source            = old
              target            = new
              downtime_budget   = 6h
              consistency       = LOCAL_QUORUM
              parallel_rebuilds = 4
              clear_snapshots   = true
            }

            cluster "old" {
              cluster_name      = "cassandra"
              cassandra_version = "4.1.3"

              kubernetes {
                context   = "old"
                namespace = "cassandra"
                operator  = cass-operator
              }

              datacenter "dc1" {
                nodes = \(nodes)
                racks = ["r1", "r2", "r3"]
                load  = 500GiB
                disk  = 2TiB
              }
            }

            cluster "new" {
              kubernetes {
                context   = "new"
                namespace = "cassandra"
                operator  = casskop
              }

              datacenter "dc2" {
                nodes = \(nodes)
                racks = ["r1", "r2", "r3"]
                disk  = 4TiB
              }
            }

            """
        text.reserveCapacity(text.utf8.count + keyspaces * 100)
        for index in 0..<keyspaces {
            text += "\nkeyspace \"ks_\(index)\" {\n  replication = { dc1 = 3 }\n  size        = 1GiB\n  tables      = 3\n}\n"
        }
        return text
    }
}

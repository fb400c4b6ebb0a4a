import Foundation

/// Building blocks for test plans: a minimal valid plan of each shape, to which a test adds
/// or changes one thing.
enum PlanFragments {
    /// A complete, valid datacenter-handover plan between two Kubernetes clusters.
    static func handover(plan: String = "", old: String = "", oldDC: String = "", new: String = "", newDC: String = "", newDisk: String = "disk = 2TiB", keyspace: String = "", extra: String = "") -> String {
        """
        plan "move" {
          strategy        = datacenter-handover
          source          = old
          target          = new
          downtime_budget = 3m
          consistency     = LOCAL_QUORUM
        \(plan)
        }

        cluster "old" {
          cluster_name      = "cassandra"
          cassandra_version = "3.11.6"
        \(old)
          kubernetes {
            context   = "old-ctx"
            namespace = "cassandra"
            operator  = rook
          }
          datacenter "x1" {
            nodes = 3
        \(oldDC)
          }
        }

        cluster "new" {
        \(new)
          kubernetes {
            context   = "new-ctx"
            namespace = "cassandra"
            operator  = casskop
          }
          datacenter "x2" {
            nodes = 3
        \(newDisk)
        \(newDC)
          }
        }

        keyspace "example" {
          replication = { x1 = 3 }
        \(keyspace)
        }
        \(extra)
        """
    }

    /// A complete, valid volume-adoption plan from machines into Kubernetes.
    static func adoption(
        plan: String = "", node: String = "", dc: String = "", target: String = "", targetDC: String = "", targetNodes: String = "2",
        targetRacks: String = "[\"r1\", \"r2\"]", extra: String = ""
    ) -> String {
        """
        plan "adopt" {
          strategy        = volume-adoption
          source          = ec2
          target          = eks
          downtime_budget = 30m
        \(plan)
        }

        cluster "ec2" {
          cluster_name      = "cassandra"
          cassandra_version = "3.0.10"
          ssh { user = "ubuntu" }
          aws { region = "us-east-1" }
          datacenter "dc1" {
            racks = ["r1", "r2"]
        \(dc)
            node "n1" {
              address = "10.0.0.1"
              volume  = "vol-0123456789abcdef0"
              zone    = "us-east-1a"
        \(node)
            }
            node "n2" {
              address = "10.0.0.2"
              rack    = r2
              volume  = "vol-0123456789abcdef1"
              zone    = "us-east-1b"
            }
          }
        }

        cluster "eks" {
        \(target)
          kubernetes {
            context  = "eks"
            namespace = "default"
            operator = statefulset
          }
          datacenter "dc1" {
            nodes = \(targetNodes)
            racks = \(targetRacks)
        \(targetDC)
          }
        }

        keyspace "app" { replication = { dc1 = 2 } }
        \(extra)
        """
    }
}

extension PlanFragments {
    /// Seed 004's first attempt: three machines, sstableloader into a StatefulSet.
    static func snapshotLoad(budget: String = "1h", throughput: String = "1MB/s", keyspace: String = "size        = 1800GiB") -> String {
        """
        plan "load" {
          strategy        = snapshot-load
          source          = ec2
          target          = eks
          downtime_budget = \(budget)
          load_throughput = \(throughput)
        }

        cluster "ec2" {
          cluster_name      = "cassandra"
          cassandra_version = "3.0.10"
          ssh { user = "ubuntu" }
          datacenter "dc1" {
            node "n1" { address = "10.0.0.1" }
            node "n2" { address = "10.0.0.2" }
            node "n3" { address = "10.0.0.3" }
          }
        }

        cluster "eks" {
          kubernetes {
            context   = "eks"
            namespace = "default"
            operator  = statefulset
          }
          datacenter "dc1" {
            nodes = 3
            disk  = 4TiB
          }
        }

        keyspace "app" {
          replication = { dc1 = 3 }
        \(keyspace)
        }
        """
    }
}

extension String {
    /// The string with its last occurrence of `target` replaced.
    func replacingLast(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target, options: .backwards) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

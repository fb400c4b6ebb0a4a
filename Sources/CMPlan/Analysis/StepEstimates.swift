/// How long one step takes by docs/estimates.md: a figure with its parts, or why there is none.
public struct StepEstimate: Sendable, Hashable {
    /// The time, when the step's work has a model.
    public var duration: Duration?
    /// What PLAN.md shows: the figure and its parts, or why it is not estimated.
    public var text: String
}

/// How long a step takes, where docs/estimates.md has a model for what it does: the rebuild,
/// the load, the window's parts (drain, snapshots, volumes, starts). Checks, applies and
/// confirmations take seconds and get no figure; steps whose work has no model say so.
extension Estimates {
    /// The estimate of step `name` (its id without the number), or nil for a quick step.
    public func estimate(ofStep name: String, strategy: Strategy) -> StepEstimate? {
        let starting = Duration(milliseconds: Outage.startOne.milliseconds.multipliedClamped(by: UInt64(targetNodeCount)))
        func timed(_ duration: Duration, _ parts: String = "") -> StepEstimate {
            StepEstimate(duration: duration, text: "\(duration)" + (parts.isEmpty ? "" : " (\(parts))"))
        }
        func unknown(_ reason: String) -> StepEstimate { StepEstimate(duration: nil, text: "not estimated: \(reason)") }
        if name.hasPrefix("rebuild-") {
            guard let streamLimit, bytesToStream != nil else { return unknown("no keyspace sizes or load in the plan") }
            // One new datacenter's share: a datacenter-extend of several rebuilds them one after the other.
            let datacenter = String(name.dropFirst("rebuild-".count))
            guard let load = targetLoads.first(where: { $0.datacenter == datacenter }), let perNode = load.perNode else {
                return unknown("no keyspace sizes or load in the plan")
            }
            let bytes = perNode.bytes.multipliedClamped(by: UInt64(load.nodes))
            let duration = Self.duration(bytes, rate: streamLimit.applied.bytesPerSecond.multipliedClamped(by: UInt64(parallelStreams)))
            return timed(duration, "\(Size(bytes: bytes)) at \(streamLimit.applied) × \(parallelStreams) node\(parallelStreams == 1 ? "" : "s") at once")
        }
        if name.hasPrefix("repair-") { return unknown("a full repair reads every replica's data to compare it; no model") }
        switch (strategy, name) {
        case (.volumeAdoption, "warm-up-snapshots"): return unknown("a first EBS snapshot copies every written block, at a rate EBS does not publish")
        case (.volumeAdoption, "stop-source-cassandra"): return timed(Outage.stopAll, "drain and stop, every machine at once")
        case (.volumeAdoption, "final-snapshots"): return timed(Outage.finalSnapshot, "incremental, all at once")
        case (.volumeAdoption, "create-volumes"): return timed(Outage.createVolumes)
        case (.volumeAdoption, "wait-pods"), (.datacenterHandover, "start-target-datacenter"):
            return timed(starting, "\(targetNodeCount) × \(Outage.startOne), one at a time")
        case (.datacenterHandover, "stop-source-datacenter"): return timed(Outage.stopAll, "drain and stop, with the temporary datacenter's")
        case (.snapshotLoad, "snapshot-source"): return timed(Outage.flushAndSnapshot, "flush and snapshot")
        case (.snapshotLoad, "load-snapshots"):
            guard let loadDuration, let bytesToLoad else { return unknown("no keyspace sizes in the plan") }
            return timed(loadDuration, "\(bytesToLoad) at load_throughput from every source node at once")
        default: return nil
        }
    }
}

import Dispatch
import Foundation

/// Renders independent outputs on every core and returns them in the order given, so a
/// build's bytes never depend on which output finished first.
enum ConcurrentRender {
    /// Each job's result, written once by its own job; the lock orders the writes with the read.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [[(path: String, content: String)]]

        init(count: Int) { values = Array(repeating: [], count: count) }

        func set(_ index: Int, _ value: [(path: String, content: String)]) {
            lock.lock()
            values[index] = value
            lock.unlock()
        }

        var all: [(path: String, content: String)] {
            lock.lock()
            defer { lock.unlock() }
            return values.flatMap { $0 }
        }
    }

    /// Runs every job (each renders one or more files) concurrently; files come back in job order.
    static func files(_ jobs: [@Sendable () -> [(path: String, content: String)]]) -> [(path: String, content: String)] {
        let results = Results(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            results.set(index, jobs[index]())
        }
        return results.all
    }
}

import CMPlanModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The rehearsal's world on disk (`world.json`), read and written under one exclusive lock
/// (`world.json.lock`) so the runbook's parallel tool calls never see half a change.
public struct WorldFile: Sendable {
    /// The world's path.
    public let path: String

    /// The world file at `path`.
    public init(path: String) {
        self.path = path
    }

    /// Writes the world atomically (a reader never sees half a file), keys sorted.
    public func save(_ world: World) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let data = try? encoder.encode(world) {
            try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }

    /// The world as last saved; nil when it cannot be read.
    public func load() -> World? {
        FileManager.default.contents(atPath: path).flatMap { try? JSONDecoder().decode(World.self, from: $0) }
    }

    /// Runs `body` holding the lock the simulated tools take; nil when the world cannot be read.
    public func locked<Result>(_ body: (inout World) -> Result) -> Result? {
        let lock = open(path + ".lock", O_CREAT | O_RDWR, 0o644)
        defer { close(lock) }
        flock(lock, LOCK_EX)
        guard var world = load() else { return nil }
        let result = body(&world)
        save(world)
        return result
    }

    /// Changes the world under the lock.
    public func update(_ change: (inout World) -> Void) {
        _ = locked(change)
    }

    /// Appends text to a file, creating it when missing (the rehearsal's timeline).
    public static func append(_ text: String, to path: String) {
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            handle.closeFile()
        } else {
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        }
    }
}

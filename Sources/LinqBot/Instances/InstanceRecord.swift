public import Foundation

/// A running bot instance as the store knows it: registered when it starts, kept alive by its
/// heartbeat, forgotten when it stops cleanly or is declared dead.
public struct InstanceRecord: Sendable, Hashable {
    /// The instance's id (``BotApplication/Configuration/instanceID``).
    public var id: String
    /// When it registered.
    public var startedAt: Date
    /// Its last heartbeat.
    public var heartbeatAt: Date

    /// Creates a record (stores build these).
    public init(id: String, startedAt: Date, heartbeatAt: Date) {
        self.id = id
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
    }
}

/// What a sweep of dead instances did.
public struct InstanceSweep: Sendable, Hashable {
    /// The instances declared dead and forgotten, by id.
    public var deadInstances: [String]
    /// The chat leases their workers held, now free for any worker.
    public var freedLeases: Int

    /// Creates a report (stores build these).
    public init(deadInstances: [String] = [], freedLeases: Int = 0) {
        self.deadInstances = deadInstances
        self.freedLeases = freedLeases
    }
}

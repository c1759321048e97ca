public import Foundation
public import LinqModels

/// Where a chat stands in its flow, as stored in its session under ``FlowRecord/sessionKey``.
public struct FlowRecord: Codable, Sendable, Hashable {
    /// The session key of the record.
    public static let sessionKey = "linqbot.flow"

    /// The flow's name.
    public var flow: String
    /// The current state's raw value.
    public var state: String
    /// The flow's data, as JSON.
    public var data: JSONValue
    /// Counts entries into states; a timeout armed on an earlier entry is stale.
    public var entry: Int
    /// When the current state was entered.
    public var enteredAt: Date

    /// Creates a record.
    public init(flow: String, state: String, data: JSONValue, entry: Int, enteredAt: Date) {
        self.flow = flow
        self.state = state
        self.data = data
        self.entry = entry
        self.enteredAt = enteredAt
    }

    enum CodingKeys: String, CodingKey {
        case flow, state, data, entry
        case enteredAt = "entered_at"
    }
}

/// A flow timeout's timer payload: which entry into which state armed it.
struct FlowTimeoutMark: Codable, Sendable, Hashable {
    /// Timers of flow timeouts are named with this prefix and the timeout's index.
    static let prefix = "linqbot.flow.timeout."

    var flow: String
    var state: String
    var entry: Int
    var index: Int

    static func timerName(_ index: Int) -> String { "\(prefix)\(index)" }
}

/// The type-erased face of a ``Flow`` that the runtime drives.
protocol FlowDriver: Sendable {
    var name: String { get }
    var burstPolicy: BurstPolicy? { get }
    /// Throws ``BotCommandError/invalidData(flow:reason:)`` unless `data` decodes as the flow's data.
    func check(_ data: JSONValue) throws
    /// Whether events of `kind` go to the flow's states while a chat is in it.
    func takes(_ kind: EventKind) -> Bool
    /// Enters the first state with `data` (or the flow's initial data), running its entry action.
    func start(_ context: ChatContext, data: JSONValue?) async throws
    /// Handles an event of a chat in this flow; returns `false` when the record could not be
    /// used (the chat was reset) and the event should be routed as if there were no flow.
    func handle(_ context: ChatContext, record: FlowRecord) async throws -> Bool
    /// Runs the timeout `mark` names, unless it is stale.
    func timeout(_ context: ChatContext, record: FlowRecord, mark: FlowTimeoutMark) async throws
    /// Takes over a record whose entry action already ran (arms its timeouts).
    func adopt(_ context: ChatContext, record: FlowRecord) async throws
    /// Ends the flow from outside (cancel, hand-off of a new flow): cancels the state's timeouts.
    func end(_ context: ChatContext, record: FlowRecord) async throws
}

public import Foundation
import LinqModels
import Logging
import Synchronization

extension ChatContext {
    /// Where this chat stands in its flow, if it is in one.
    public internal(set) var flowRecord: FlowRecord? {
        get { session(FlowRecord.sessionKey, as: FlowRecord.self) }
        set { setSession(FlowRecord.sessionKey, newValue) }
    }

    /// The name of the chat's flow and its state, if it is in one.
    public var flowState: (flow: String, state: String)? { flowRecord.map { ($0.flow, $0.state) } }

    /// Starts `flow` in this chat with `data` (or its initial data): a flow the chat is in ends
    /// first (its timeouts cancelled), then the first state's entry action runs.
    public func startFlow<State: FlowState, Data: Codable & Sendable>(_ flow: Flow<State, Data>, data: Data? = nil) async throws {
        try await flow.start(self, data: data.map { try JSONValue(encoding: $0) })
    }

    /// Ends the chat's flow without running its finish action, cancelling its timeouts.
    public func endFlow() async throws {
        guard let record = flowRecord else { return }
        try await cancelFlowTimeouts()
        flowRecord = nil
        logger.info("flow ended", metadata: ["linq.flow": "\(record.flow)", "linq.flow_state": "\(record.state)"])
    }

    /// The registered flow called `name`.
    func flowDriver(named name: String) -> (any FlowDriver)? { responder.flow(named: name) }

    /// Drops a flow record that no longer fits this build, with a warning, and its timeouts.
    func resetFlow(reason: String) async throws {
        let record = flowRecord
        logger.warning("the chat's flow was reset: \(reason)", metadata: [
            "linq.flow": "\(record?.flow ?? "?")", "linq.flow_state": "\(record?.state ?? "?")",
        ])
        RuntimeMetrics.flowReset()
        try await cancelFlowTimeouts()
        flowRecord = nil
    }

    /// Cancels the chat's pending flow timeouts.
    func cancelFlowTimeouts() async throws {
        guard let chatID else { return }
        for timer in try await store.timers(chatKey: chatID.rawValue) where timer.name.hasPrefix(FlowTimeoutMark.prefix) {
            try await store.cancelTimer(chatKey: chatID.rawValue, name: timer.name)
        }
    }

    // MARK: Time zone

    /// The session key of the person's time zone.
    static let timeZoneKey = "linqbot.time_zone"

    /// The person's time zone when known (``setTimeZone(_:)``, or given when a flow was started
    /// for them), else the bot's ``Bot/Configuration/timeZone``.
    public var timeZone: TimeZone {
        guard case .string(let identifier)? = state.withLock({ $0.session[Self.timeZoneKey] }) else { return responder.configuration.timeZone }
        return TimeZone(identifier: identifier) ?? responder.configuration.timeZone
    }

    /// Remembers the person's time zone with the chat.
    public func setTimeZone(_ zone: TimeZone?) { setSession(Self.timeZoneKey, zone?.identifier) }

    /// Today in the person's time zone, as yyyy-MM-dd: the day of per-person daily counters
    /// (line health's contact card, LinqBotAI's token budget).
    package var localDay: String { LineHealthEngine.day(now, in: timeZone) }
}

/// Wall-clock times in a time zone.
enum LocalTime {
    /// The first time after `date` that matches `components` in `zone` (for example the next
    /// 9:00, or a given day and time).
    static func next(_ components: DateComponents, after date: Date, in zone: TimeZone) throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var wanted = components
        wanted.timeZone = nil
        wanted.calendar = nil
        if wanted.year != nil, let exact = calendar.date(from: wanted), exact > date { return exact }
        guard let next = calendar.nextDate(after: date, matching: wanted, matchingPolicy: .nextTime) else {
            throw LocalTimeError.noSuchTime("\(components) in \(zone.identifier)")
        }
        return next
    }
}

/// A wall-clock time that never comes.
public enum LocalTimeError: Error, Sendable, Hashable {
    /// No date after now matches the components.
    case noSuchTime(String)
}

import Foundation
import Logging
import LinqModels
import Synchronization

/// A typed per-chat state machine: states as an enum, data as a `Codable` struct, a handler per
/// state that returns a ``FlowTransition``, entry actions, timeouts tied to states, and a
/// fallback. Where a chat stands is stored with its session, so it survives restarts.
///
/// ```swift
/// enum Step: String, FlowState { case name, need, done }
/// struct Lead: Codable, Sendable { var name = ""; var need = "" }
///
/// let qualify = Flow<Step, Lead>("qualify", initial: .name, data: Lead())
/// qualify.onEnter(.name) { ctx, _ in try await ctx.reply("What is your name?") }
/// qualify.on(.name) { ctx, lead in
///     lead.name = ctx.text ?? ""
///     return .go(.need)
/// }
/// qualify.timeout(.need, after: .seconds(86_400)) { ctx, _ in
///     try await ctx.reply("Still there? Tell me what you need when you have a minute.")
///     return .stay
/// }
/// bot.add(qualify, startWhen: .keyword("start"))
/// ```
public final class Flow<State: FlowState, Data: Codable & Sendable>: Sendable {
    /// Runs in a state for an event (or a timeout) and decides where the chat goes next.
    public typealias Handler = @Sendable (ChatContext, inout Data) async throws -> FlowTransition<State>
    /// Runs when a state is entered.
    public typealias EntryAction = @Sendable (ChatContext, inout Data) async throws -> Void

    struct Timeout: Sendable {
        var after: Duration
        var handler: Handler
    }

    struct Parts: Sendable {
        var handlers: [State: Handler] = [:]
        var entries: [State: EntryAction] = [:]
        var timeouts: [State: [Timeout]] = [:]
        var fallback: (@Sendable (ChatContext, State, inout Data) async throws -> FlowTransition<State>)?
        var finish: (@Sendable (ChatContext, Data) async throws -> Void)?
        var burst: BurstPolicy?
        var kinds: Set<EventKind> = [.text, .media, .link]
    }

    /// The flow's name: stored with each chat in it, so keep it stable across deploys.
    public let name: String
    /// The state a chat enters when the flow starts.
    public let initial: State
    let makeData: @Sendable () -> Data
    let parts = Mutex(Parts())

    /// Creates a flow called `name` that starts in `initial` with `data`.
    public init(_ name: String, initial: State, data: @autoclosure @escaping @Sendable () -> Data) {
        self.name = name
        self.initial = initial
        self.makeData = data
    }

    /// Handles events in `state`.
    public func on(_ state: State, handler: @escaping Handler) { parts.withLock { $0.handlers[state] = handler } }

    /// Runs `action` each time a chat enters `state`.
    public func onEnter(_ state: State, action: @escaping EntryAction) { parts.withLock { $0.entries[state] = action } }

    /// When a chat stays in `state` for `after` without leaving it, runs `handler` once (a
    /// durable timer, so it fires with nobody writing and across restarts). Several timeouts per
    /// state are allowed: "a follow-up after a day, then give up after two".
    public func timeout(_ state: State, after: Duration, handler: @escaping Handler) {
        parts.withLock { $0.timeouts[state, default: []].append(Timeout(after: after, handler: handler)) }
    }

    /// Handles events in states that have no handler of their own.
    public func fallback(_ handler: @escaping @Sendable (ChatContext, State, inout Data) async throws -> FlowTransition<State>) {
        parts.withLock { $0.fallback = handler }
    }

    /// Runs when a chat finishes the flow (not when it is cancelled or reset).
    public func onFinish(_ action: @escaping @Sendable (ChatContext, Data) async throws -> Void) { parts.withLock { $0.finish = action } }

    /// How bursts are taken while a chat is in this flow; `nil` (the default) follows the bot.
    public var burst: BurstPolicy? {
        get { parts.withLock { $0.burst } }
        set { parts.withLock { $0.burst = newValue } }
    }

    /// The event kinds the states handle (text, media and links by default); others go to the bot's routes.
    public var kinds: Set<EventKind> {
        get { parts.withLock { $0.kinds } }
        set { parts.withLock { $0.kinds = newValue } }
    }
}

extension Flow: FlowDriver {
    var burstPolicy: BurstPolicy? { burst }

    func takes(_ kind: EventKind) -> Bool { kinds.contains(kind) }

    func check(_ data: JSONValue) throws {
        do {
            _ = try data.decode(as: Data.self)
        } catch {
            throw BotCommandError.invalidData(flow: name, reason: "\(error)")
        }
    }

    func start(_ context: ChatContext, data: JSONValue?) async throws {
        var value = try data.map { try $0.decode(as: Data.self) } ?? makeData()
        if let current = context.flowRecord, current.flow != name || current.state != initial.rawValue {
            context.logger.info("a new flow replaces the chat's flow", metadata: ["linq.flow": "\(current.flow)", "linq.new_flow": "\(name)"])
        }
        // Counted on from the record being replaced, so a timeout it already fired is stale.
        let entry = (context.flowRecord?.entry ?? 0) + 1
        if let current = context.flowRecord { try await context.flowDriver(named: current.flow)?.end(context, record: current) }
        try await enter(initial, data: &value, entry: entry, context: context)
    }

    func handle(_ context: ChatContext, record: FlowRecord) async throws -> Bool {
        guard let (state, data) = try await restore(record, context: context) else { return false }
        var value = data
        let (handler, fallback) = parts.withLock { ($0.handlers[state], $0.fallback) }
        let transition: FlowTransition<State>
        if let handler {
            transition = try await handler(context, &value)
        } else if let fallback {
            transition = try await fallback(context, state, &value)
        } else {
            context.logger.notice("the flow's state has no handler and the flow no fallback; the event is ignored", metadata: [
                "linq.flow": "\(name)", "linq.flow_state": "\(state.rawValue)",
            ])
            transition = .stay
        }
        try await apply(transition, data: value, record: record, context: context)
        return true
    }

    func timeout(_ context: ChatContext, record: FlowRecord, mark: FlowTimeoutMark) async throws {
        guard mark.flow == name, mark.state == record.state, mark.entry == record.entry else {
            context.logger.debug("a stale flow timeout is ignored", metadata: ["linq.flow": "\(mark.flow)", "linq.flow_state": "\(mark.state)"])
            return
        }
        guard let (state, data) = try await restore(record, context: context) else { return }
        let timeouts = parts.withLock { $0.timeouts[state] ?? [] }
        guard timeouts.indices.contains(mark.index) else { return }
        var value = data
        let transition = try await timeouts[mark.index].handler(context, &value)
        try await apply(transition, data: value, record: record, context: context)
    }

    func adopt(_ context: ChatContext, record: FlowRecord) async throws {
        if let current = context.flowRecord { try await context.flowDriver(named: current.flow)?.end(context, record: current) }
        guard let state = State(rawValue: record.state) else { return }
        context.flowRecord = record
        try await arm(state, entry: record.entry, context: context)
    }

    func end(_ context: ChatContext, record: FlowRecord) async throws {
        try await context.cancelFlowTimeouts()
        context.flowRecord = nil
    }

    // MARK: Transitions

    private func apply(_ transition: FlowTransition<State>, data: Data, record: FlowRecord, context: ChatContext) async throws {
        var value = data
        switch transition {
        case .stay:
            var updated = record
            updated.data = try JSONValue(encoding: value)
            context.flowRecord = updated
        case .go(let next):
            try await context.cancelFlowTimeouts()
            try await enter(next, data: &value, entry: record.entry + 1, context: context)
        case .finish:
            try await context.cancelFlowTimeouts()
            context.flowRecord = nil
            if let finish = parts.withLock({ $0.finish }) { try await finish(context, value) }
        }
    }

    private func enter(_ state: State, data: inout Data, entry: Int, context: ChatContext) async throws {
        context.flowRecord = FlowRecord(flow: name, state: state.rawValue, data: try JSONValue(encoding: data), entry: entry, enteredAt: context.now)
        if let action = parts.withLock({ $0.entries[state] }) {
            try await action(context, &data)
            context.flowRecord?.data = try JSONValue(encoding: data)
        }
        try await arm(state, entry: entry, context: context)
    }

    private func arm(_ state: State, entry: Int, context: ChatContext) async throws {
        guard context.chatID != nil else { return }  // armed by the chat's adoption instead
        let timeouts = parts.withLock { $0.timeouts[state] ?? [] }
        for (index, timeout) in timeouts.enumerated() {
            let mark = FlowTimeoutMark(flow: name, state: state.rawValue, entry: entry, index: index)
            try await context.schedule(FlowTimeoutMark.timerName(index), after: timeout.after, payload: try JSONValue(encoding: mark))
        }
    }

    /// The record's state and data, or `nil` after resetting a chat whose record no longer fits this build.
    private func restore(_ record: FlowRecord, context: ChatContext) async throws -> (State, Data)? {
        guard let state = State(rawValue: record.state) else {
            try await context.resetFlow(reason: "its state \"\(record.state)\" no longer exists in flow \"\(name)\"")
            return nil
        }
        do {
            return (state, try record.data.decode(as: Data.self))
        } catch {
            try await context.resetFlow(reason: "its flow data no longer decodes as \(Data.self): \(error)")
            return nil
        }
    }
}

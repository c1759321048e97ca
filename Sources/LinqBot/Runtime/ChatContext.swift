public import Foundation
public import LinqAPI
public import LinqModels
public import Logging
import Synchronization

/// Everything a handler needs about one event, and the ways to act in its chat.
///
/// ```swift
/// bot.onText { ctx, text in
///     var visits = ctx.session("visits", as: Int.self) ?? 0
///     visits += 1
///     ctx.setSession("visits", visits)
///     try await ctx.reply("Visit number \(visits). You said: \(text)")
/// }
/// ```
public final class ChatContext: Sendable {
    /// The event being handled.
    public let event: WebhookEvent
    /// What the event is about.
    public let kind: EventKind
    /// The client, for reads (a chat, its messages, an attachment, the lines).
    ///
    /// Writes through it bypass the outbound middleware and line health: nothing stops them
    /// from reaching a person who opted out, at night or past the line's budget. Every write
    /// that reaches a person or changes a chat has a method on the context instead (``reply(_:)``,
    /// ``sendMedia(_:filename:contentType:caption:)``, ``edit(_:text:partIndex:)``,
    /// ``addParticipant(_:)``, …).
    public var client: LinqClient { environment.client }
    /// The bot's store: sent-message records and counters, for middleware.
    public var store: any BotStore { environment.store }
    /// A logger carrying `linq.chat_id`, `linq.event_id` and `linq.trace_id`.
    public let logger: Logger
    /// The later messages of a coalesced burst (see ``BurstPolicy/coalesce(window:)``), oldest first.
    public let absorbed: [WebhookEvent]
    let responder: BotResponder
    let environment: BotEnvironment
    let command: BotCommand?
    let state: Mutex<(session: [String: JSONValue], dirty: Bool, step: Int)>
    /// What line health keeps for this turn: the chat's facts and the typing indicator.
    let lineHealthRecord: TurnRecord
    /// Where this turn stands in its chat's queue (the last event it handles), when it came from the inbox.
    let queuePosition: QueuePosition?

    init(
        event: WebhookEvent, responder: BotResponder, environment: BotEnvironment, session: [String: JSONValue], absorbed: [WebhookEvent] = [],
        queuePosition: QueuePosition? = nil
    ) {
        self.event = event
        self.queuePosition = queuePosition
        self.kind = EventKind.of(event)
        self.responder = responder
        self.environment = environment
        self.absorbed = absorbed
        self.command = BotCommand(event)
        self.state = Mutex((session: session, dirty: false, step: 0))
        self.lineHealthRecord = TurnRecord(encoded: session[ChatFacts.sessionKey])
        var logger = environment.logger
        logger[metadataKey: "linq.event_id"] = "\(event.eventID)"
        if let chat = event.chatID { logger[metadataKey: "linq.chat_id"] = "\(chat)" }
        if let trace = event.traceID { logger[metadataKey: "linq.trace_id"] = "\(trace)" }
        self.logger = logger
    }

    var lineHealth: LineHealthEngine? { responder.lineHealth }

    var botID: String { responder.configuration.botID }

    /// The bot's current time (the injected clock in tests).
    public var now: Date { environment.now() }

    /// The message of a message event.
    public var message: MessageEvent? { event.message }
    /// The chat, when the event has one (a timer's event has its chat's; a proactive first
    /// message creates one).
    public var chatID: ChatID? {
        if let chat = event.chatID { return chat }
        if let chat = command?.chatID { return ChatID(chat) }
        if kind == .timer, let chat = event.unknownData?["chat_id"]?.stringValue, !chat.hasPrefix(InboxKeys.handleQueuePrefix) { return ChatID(chat) }
        return lineHealthRecord.createdChat
    }
    /// Whether what the bot does now is its own initiative (a timer, a scheduled or business
    /// send, a flow started from outside) rather than an answer to the person.
    public var isProactive: Bool { kind == .timer || command != nil }
    /// The timer that fell due, when the event is one of the bot's own timers.
    public var timer: FiredTimer? { kind == .timer ? FiredTimer(event) : nil }
    /// The text of an inbound message (text parts joined); for a coalesced burst, every
    /// message's text, one per line; for an edit (``edit``), the new text.
    public var text: String? {
        guard !absorbed.isEmpty else { return message?.text ?? edit?.text }
        return texts.joined(separator: "\n")
    }
    /// The texts of this turn: one, or one per message of a coalesced burst.
    public var texts: [String] { ([event] + absorbed).compactMap { $0.message?.text } }
    /// Who sent the message or did the action.
    public var sender: String? {
        switch event.payload {
        case .message(let message): message.senderAddress
        case .reaction(let reaction): reaction.fromHandle?.handle ?? reaction.from
        case .typingIndicator(let typing): typing.actorHandle?.handle
        case .contactCard(let card): card.senderHandle
        case .messageEdited(let edited): edited.sender?.handle
        default: command?.handle
        }
    }
    /// Our line in this chat.
    public var line: String? {
        switch event.payload {
        case .message(let message): message.lineHandle
        case .phoneNumberStatus(let status): status.phoneNumber
        case .contactCard(let card): card.ownerHandle
        default: command?.line
        }
    }
    /// Whether the chat is a group, when the event says.
    public var isGroup: Bool? { message?.isGroup }

    // MARK: Session

    /// A value stored in this chat's session under `key`.
    public func session<T: Decodable>(_ key: String, as type: T.Type) -> T? {
        try? state.withLock({ $0.session[key] })?.decode(as: T.self)
    }

    /// Stores `value` in this chat's session; it is saved with the event's completion.
    public func setSession<T: Encodable>(_ key: String, _ value: T?) {
        let encoded = value.flatMap { try? JSONValue(encoding: $0) }
        state.withLock {
            $0.session[key] = encoded
            $0.dirty = true
        }
    }

    /// The session to save with the turn, line health's facts included when they changed.
    var sessionSnapshot: (values: [String: JSONValue], dirty: Bool) {
        var (values, dirty) = state.withLock { ($0.session, $0.dirty) }
        if let facts = lineHealthRecord.changedFacts {
            values[ChatFacts.sessionKey] = facts.json
            dirty = true
        }
        return (values, dirty)
    }

    /// This action's view for line health: the turn as it stands now, with the facts and
    /// typing state every action of the turn shares.
    var lineHealthTurn: LineHealthTurn {
        LineHealthTurn(
            event: event, knownChat: chatID, line: line, isGroup: isGroup, timeZone: timeZone, botID: botID,
            environment: environment, logger: logger, record: lineHealthRecord
        )
    }

    // MARK: Acting in the chat

    /// Replies with text.
    @discardableResult
    public func reply(_ text: String) async throws -> OutboundResult {
        try await reply(.text(text))
    }

    /// Replies with any content: several parts, media, a link, an effect, a reply-to.
    @discardableResult
    public func reply(_ content: MessageContent, overrideOptOut: Bool = false) async throws -> OutboundResult {
        var content = content
        let key = nextKey()
        content.idempotencyKey = content.idempotencyKey ?? key
        return try await perform(.message(content, overrideOptOut: overrideOptOut), key: content.idempotencyKey)
    }

    /// Reacts to the event's message (or `messageID`).
    @discardableResult
    public func react(_ reaction: ReactionRequest, to messageID: MessageID? = nil) async throws -> OutboundResult {
        guard let target = messageID ?? message?.messageID else { throw ChatContextError.noMessage }
        return try await perform(.reaction(reaction, on: target), key: nil)
    }

    /// Marks the chat read.
    @discardableResult
    public func markRead() async throws -> OutboundResult { try await perform(.markRead, key: nil) }

    /// Shows the typing indicator.
    @discardableResult
    public func startTyping() async throws -> OutboundResult { try await perform(.typing(true), key: nil) }

    /// Hides the typing indicator.
    @discardableResult
    public func stopTyping() async throws -> OutboundResult { try await perform(.typing(false), key: nil) }

    /// Shares our contact card.
    @discardableResult
    public func shareContactCard() async throws -> OutboundResult { try await perform(.shareContactCard, key: nil) }

    // MARK: Waiting

    /// Waits `duration` on the bot's clock (virtual in tests, where a harness moves time on
    /// instead of waiting): a human-like pause, or time for work outside the bot to finish.
    public func pause(for duration: Duration) async throws {
        try await pause(until: now.addingTimeInterval(duration.seconds))
    }

    /// Waits until `date` on the bot's clock.
    public func pause(until date: Date) async throws {
        try await sleep(until: date, asHandler: true)
    }

    /// Sleeps until `date`; a helper task beside the handler (a typing refresher) passes `asHandler: false`.
    func sleep(until date: Date, asHandler: Bool) async throws {
        try await environment.sleep(until: date, asHandler: asHandler)
    }

    // MARK: Timers

    /// Schedules the timer `name` of this chat at `date`, replacing one of the same name. It
    /// survives restarts and arrives as a ``EventKind/timer`` event in this chat's queue.
    public func schedule(_ name: String, at date: Date, payload: JSONValue? = nil) async throws {
        guard let chatID else { throw ChatContextError.noChat }
        try await store.scheduleTimer(ScheduledTimer(chatKey: chatID.rawValue, name: name, dueAt: date, payload: payload))
    }

    /// Schedules the timer `name` of this chat `delay` from now (the bot's clock).
    public func schedule(_ name: String, after delay: Duration, payload: JSONValue? = nil) async throws {
        try await schedule(name, at: now.addingTimeInterval(delay.seconds), payload: payload)
    }

    /// Schedules the timer `name` at the next time matching `local` (for example 9:00, or a
    /// date and time) in the person's time zone (``timeZone``).
    public func schedule(_ name: String, atLocal local: DateComponents, payload: JSONValue? = nil) async throws {
        try await schedule(name, at: try LocalTime.next(local, after: now, in: timeZone), payload: payload)
    }

    /// Cancels this chat's timer `name`; returns whether there was one.
    @discardableResult
    public func cancelTimer(_ name: String) async throws -> Bool {
        guard let chatID else { throw ChatContextError.noChat }
        return try await store.cancelTimer(chatKey: chatID.rawValue, name: name)
    }

    /// The deterministic idempotency key of the next send: same bot, event and step → same key,
    /// so a handler re-run after a crash never texts twice.
    func nextKey() -> String {
        let step = state.withLock { state -> Int in
            defer { state.step += 1 }
            return state.step
        }
        return IdempotencyKey.derive(botID, event.eventID.rawValue, "step-\(step)")
    }

    /// Runs `kind` through the outbound middleware and line health: every write of the context
    /// goes here. `recipients`, for a message, starts a new chat with them (several make a
    /// group); `upload` is a file uploaded only once the action is cleared to go.
    func perform(
        _ kind: OutboundAction.Kind, key: String?, notice: Bool = false, upload: OutboundUpload? = nil, startingChatWith recipients: [String]? = nil
    ) async throws -> OutboundResult {
        var action = OutboundAction(kind: kind, chatID: chatID, idempotencyKey: key, upload: upload)
        action.isProactive = isProactive
        action.isComplianceNotice = notice
        if case .autoFromMessage(let request) = kind {
            // Linq chooses the line and the chat.
            action.chatID = nil
            action.recipients = request.to
        } else if let recipients {
            var from = line ?? command?.line
            if from == nil { from = await lineHealthTurn.facts()?.line }
            // One person: their line from the pool (theirs already, or chosen now), so a person never gets two threads.
            if recipients.count == 1, let pool = environment.linePool { from = try await pool.line(for: recipients[0]) }
            guard case .message = kind, !recipients.isEmpty, let from else { throw ChatContextError.noChat }
            action.chatID = nil
            action.line = from
            action.recipients = recipients
        } else if action.chatID == nil {
            // A proactive first message to a handle: it creates the chat (Linq's first-message rules apply).
            guard case .message = kind, let line = command?.line, let handle = command?.handle else { throw ChatContextError.noChat }
            action.line = line
            action.recipients = [handle]
        } else {
            action.line = line
            action.recipients = sender.map { [$0] } ?? []
            if case .participantAdded(let handle) = kind, !action.recipients.contains(handle) { action.recipients.append(handle) }
        }
        return try await OutboundChain(middlewares: responder.outbound, gate: lineHealth, client: client, context: self).run(action)
    }

    /// Called by the outbound chain when a first message created (or found) the chat.
    func chatStarted(_ chat: ChatID) {
        lineHealthRecord.chatStarted(chat)
    }
}

/// Why a context could not act.
public enum ChatContextError: Error, Sendable {
    /// The event has no chat to act in.
    case noChat
    /// The event has no message to react to.
    case noMessage
}

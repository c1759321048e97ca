import Foundation
import LinqModels
import Logging
import Synchronization

/// Line health on the way in: runs first for every event. It keeps the chat's facts (Linq's
/// `health_status` included; a person's tapback counts as an answer), answers
/// opt-out, opt-in and help keywords itself (the handlers never see them), tells the bot about
/// messages that read like an opt-out, follows the line's status, marks messages read, and
/// shows the typing indicator while a handler works.
struct LineHealthInbound: InboundMiddleware {
    let engine: LineHealthEngine

    func handle(_ context: ChatContext, next: (ChatContext) async throws -> Void) async throws {
        let turn = context.lineHealthTurn
        try await engine.observeReputation(turn)
        if case .phoneNumberStatus(let status) = context.event.payload {
            try await engine.lineStatusChanged(status, turn: turn)
            return try await next(context)
        }
        guard let message = context.message, message.kind == .received, !Bot.isOwnEvent(context), let handle = message.senderAddress else {
            return try await next(context)
        }
        var facts = turn.storedFacts ?? ChatFacts()
        facts.absorb(message)
        facts.lastInboundAt = context.now
        facts.unanswered = 0
        turn.storeFacts(facts)
        if let line = message.lineHandle ?? facts.line {
            try await engine.countMessages(max(context.texts.count, 1), line: line, inbound: true, store: context.store, now: context.now, logger: context.logger)
            try await engine.personAnswered(line: line, turn: turn)
            if !facts.isGroup { try await context.environment.linePool?.noteContact(handle, line: line, now: context.now) }
        }
        let policy = engine.configuration.optOut
        let ledger = OptOutLedger(store: context.store)
        for text in context.texts {
            switch policy.classify(text) {
            case .optOut:
                return try await optOut(handle, context: context, at: context.event.createdAt)
            case .optIn, .optInIfOptedOut:
                // The ingress records only opt-outs, so the state here is the one the message arrived to.
                // From a subscribed person, START is an ordinary message (a flow may start on it).
                if try await ledger.isOptedOut(handle, now: context.now) { return try await optIn(handle, context: context) }
            case .help:
                let optedOut = try await ledger.isOptedOut(handle, now: context.now)
                // A person who has the chat answers it; a bot that answers HELP itself empties `helpKeywords`.
                guard optedOut || !context.isHandedOff else { break }
                guard let reply = optedOut ? policy.helpReplyWhileOptedOut : policy.helpReply else { return }
                let content = MessageContent.text(policy.text(reply, name: engine.name(turn)))
                _ = try await context.perform(.message(content, overrideOptOut: optedOut), key: context.nextKey(), notice: optedOut)
                return
            case .possibleOptOut:
                context.logger.notice("a message reads like an opt-out but is no keyword", metadata: ["linq.handle": "\(handle)"])
                LineHealthMetrics.rule("opt_out", "possible")
                try await policy.onPossibleOptOut?(context, text)
                if try await ledger.isOptedOut(handle, now: context.now) { return }
            case .none:
                break
            }
        }
        if let delay = engine.configuration.markReadAfter {
            try await context.pause(for: delay)
            _ = try await context.markRead()
        }
        try await whileTyping(context) { try await next(context) }
        if !facts.isGroup, facts.service != nil, let line = message.lineHandle ?? facts.line, let pool = context.environment.linePool,
            !facts.isIMessage || pool.configuration.contactFileOnIMessage
        {
            try await pool.sendContactFile(to: handle, line: line, context: context)
        }
    }
}

/// What line health does on the way in that acts in the chat: through the context, so the
/// confirmations and the typing indicator pass the outbound chain like any other action.
extension LineHealthInbound {
    var configuration: LineHealthConfiguration { engine.configuration }

    /// Opts `handle` out as of `date` (the ingress may have recorded it already; recording again
    /// changes nothing), cancels the chat's timers and flow, and sends the one confirmation if
    /// the STOP is recent enough.
    ///
    /// Said in a group, the STOP opts the person out of everything sent to them directly; the
    /// group keeps what ``LineHealthConfiguration/groupOptOut`` allows (its timers and flow are
    /// cancelled unless the policy is `.unrestricted`), and the confirmation goes into the group
    /// where the STOP was said: never into a direct chat, which the person did not write in.
    func optOut(_ handle: String, context: ChatContext, at date: Date) async throws {
        try await OptOutLedger(store: context.store).optOut(handle, at: date, now: context.now)
        var inGroup = context.isGroup ?? false
        if context.isGroup == nil, let facts = await context.lineHealthTurn.facts() { inGroup = facts.isGroup }
        if !inGroup || configuration.groupOptOut != .unrestricted {
            try await context.endFlow()
            if let chat = context.chatID { try await context.store.cancelTimers(chatKey: chat.rawValue) }
        }
        if let line = context.line { try await context.store.cancelTimers(chatKey: InboxKeys.handleKey(line: line, handle: handle)) }
        context.logger.notice("opted out", metadata: ["linq.handle": "\(handle)", "linq.in_group": "\(inGroup)"])
        let age = context.now.timeIntervalSince(context.event.createdAt)
        guard age <= configuration.optOut.confirmationDeadline.seconds else {
            context.logger.warning("the opt-out confirmation is too late to send and was dropped", metadata: ["linq.age_s": "\(Int(age))"])
            return
        }
        let template = inGroup ? configuration.optOut.groupOptOutConfirmation : configuration.optOut.optOutConfirmation
        let text = configuration.optOut.text(template, name: engine.name(context.lineHealthTurn))
        _ = try await context.perform(.message(.text(text), overrideOptOut: true), key: context.nextKey(), notice: true)
    }

    /// Opts `handle` back in and confirms it.
    func optIn(_ handle: String, context: ChatContext) async throws {
        try await OptOutLedger(store: context.store).optIn(handle, at: context.event.createdAt, now: context.now)
        context.logger.notice("opted in", metadata: ["linq.handle": "\(handle)"])
        let text = configuration.optOut.text(configuration.optOut.optInConfirmation, name: engine.name(context.lineHealthTurn))
        _ = try await context.reply(text)
    }

    /// Runs `body` (the handlers); once it has worked for the policy's delay, the typing
    /// indicator shows and is refreshed until the first message goes or the work ends, when it
    /// is cleared.
    func whileTyping(_ context: ChatContext, _ body: () async throws -> Void) async throws {
        let turn = context.lineHealthTurn
        guard let policy = configuration.typing, engine.typingShows(await turn.facts(), turn) else { return try await body() }
        let first = context.now.addingTimeInterval(policy.after.seconds)
        // On a virtual clock the first deadline is on the board before the watcher runs, and
        // stays until the indicator went: time never jumps past it while the watcher starts late.
        let pauses = context.environment.pauses
        let hold = pauses?.hold(first)
        let watcher = Task {
            defer { hold.map { pauses?.release($0) } }
            var due = first
            while !Task.isCancelled {
                do { try await context.sleep(until: due, asHandler: false) } catch { return }
                guard !Task.isCancelled else { return }
                _ = try? await context.startTyping()
                hold.map { pauses?.release($0) }
                due = context.now.addingTimeInterval(policy.refresh.seconds)
            }
        }
        let outcome: Result<Void, any Error>
        do {
            try await body()
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        watcher.cancel()
        await watcher.value
        if turn.typingShown { _ = try? await context.stopTyping() }
        try outcome.get()
    }
}

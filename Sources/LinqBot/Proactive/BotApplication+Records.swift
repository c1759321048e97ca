public import Foundation
import Logging

/// Everything the bot keeps about one person: their opt-out and the chats their handle
/// appears in (see ``BotStore/chatKeys(mentioning:)``).
public struct PersonRecords: Sendable, Hashable {
    /// The person's handle (phone number or email).
    public var handle: String
    /// When the person's standing opt-out was asked for, if they are opted out.
    public var optedOutAt: Date?
    /// What the store keeps about each of their chats, in chat-id order.
    public var chats: [ChatRecords]
}

/// What erasing a person deleted.
public struct PersonErasure: Sendable, Hashable {
    /// The chats erased.
    public var chatKeys: [String]
    /// What went, summed over the chats.
    public var erased: ChatErasure
    /// Whether an opt-out is kept (it is never erased: it is what keeps the bot from writing again).
    public var optOutKept: Bool
}

extension BotApplication {
    /// Dead letters newest first, below id `before` when given, at most `limit`.
    public func deadLetters(before: Int64? = nil, limit: Int = 100) async throws -> [DeadLetter] {
        try await store.deadLetters(before: before, limit: limit)
    }

    /// Puts a dead letter back into its chat's queue, at its original place and with its event
    /// id (so replies keep their idempotency keys and are not sent twice), and wakes a worker.
    public func replayDeadLetter(id: Int64) async throws -> DeadLetterReplay {
        let replay = try await store.replayDeadLetter(id: id)
        if case .replayed(let sequence, let chat) = replay {
            environment.logger.info("dead letter replayed", metadata: [
                "linq.dead_letter": "\(id)", "linq.chat_id": "\(chat)", "linq.sequence": "\(sequence)",
            ])
            wake()
        }
        return replay
    }

    /// Forgets a dead letter without handling it; returns whether there was one.
    @discardableResult
    public func discardDeadLetter(id: Int64) async throws -> Bool {
        let discarded = try await store.discardDeadLetter(id: id)
        if discarded { environment.logger.info("dead letter discarded", metadata: ["linq.dead_letter": "\(id)"]) }
        return discarded
    }

    /// Everything the bot keeps about the person with `handle`.
    public func person(_ handle: String) async throws -> PersonRecords {
        var chats: [ChatRecords] = []
        for chat in try await store.chatKeys(mentioning: handle) { chats.append(try await store.chatRecords(chatKey: chat)) }
        return PersonRecords(handle: handle, optedOutAt: try await optedOutAt(handle), chats: chats)
    }

    /// Erases what the bot keeps about the person with `handle`: the sessions, stored webhook
    /// payloads, sent records, timers, dead letters and leases of their chats, their line
    /// assignment, the record of their contact file and the pacing of their pairs. Their opt-out stays.
    public func erasePerson(_ handle: String) async throws -> PersonErasure {
        let chats = try await store.chatKeys(mentioning: handle)
        var erased = ChatErasure()
        for chat in chats { erased = erased + (try await store.eraseChat(chatKey: chat)) }
        try await store.unassignLine(of: handle)
        try await store.resetCounter(LinePool.contactFileKey(handle))
        try await store.erasePaces(handle: handle)
        environment.logger.info("person erased", metadata: [
            "linq.chats": "\(chats.count)", "linq.erased.inbox": "\(erased.inboxRows)", "linq.erased.sessions": "\(erased.sessions)",
        ])
        return PersonErasure(chatKeys: chats, erased: erased, optOutKept: try await optedOutAt(handle) != nil)
    }

    /// When the handle's standing opt-out was asked for (see the opt-out ledger), if there is one.
    func optedOutAt(_ handle: String) async throws -> Date? {
        let stamp = try await store.counter(OptOutLedger.key(handle), now: environment.now())
        return stamp > 0 ? Date(timeIntervalSince1970: Double(stamp) / 1000) : nil
    }
}

/// A person's standing opt-out, in a listing.
public struct OptOutEntry: Sendable, Hashable {
    /// The person's handle.
    public var handle: String
    /// When the opt-out was asked for.
    public var optedOutAt: Date
}

extension BotApplication {
    /// People who opted out, in handle order after `after`, at most `limit`.
    public func optOuts(after: String? = nil, limit: Int = 100) async throws -> [OptOutEntry] {
        let prefix = OptOutLedger.key("")
        return try await store.counters(prefix: prefix, after: after.map(OptOutLedger.key), limit: limit, now: environment.now()).map { entry in
            OptOutEntry(handle: String(entry.key.dropFirst(prefix.count)), optedOutAt: Date(timeIntervalSince1970: Double(entry.value) / 1000))
        }
    }

    /// The chats with unfinished inbox events, the longest waiting first, at most `limit`.
    public func backlog(limit: Int = 100) async throws -> [ChatBacklog] {
        try await store.backlog(limit: limit)
    }
}

public import Foundation
import LinqModels
import Synchronization

extension InMemoryBotStore {
    /// Newest first, below `before` when given.
    public func deadLetters(before: Int64?, limit: Int) async throws -> [DeadLetter] {
        state.withLock { state in
            Array(state.dead.filter { before == nil || $0.id < before! }.suffix(max(limit, 0)).reversed())
        }
    }

    /// Back to pending at its original position, or stored again there when it was pruned.
    public func replayDeadLetter(id: Int64) async throws -> DeadLetterReplay {
        state.withLock { state in
            guard let index = state.dead.firstIndex(where: { $0.id == id }) else { return .notFound }
            let letter = state.dead[index]
            let chat = letter.event.chatKey
            if var row = state.rows[letter.sequence] {
                guard row.status == .dead else { return .conflict }
                (row.status, row.attempts, row.notBefore) = (.pending, 0, nil)
                state.rows[letter.sequence] = row
            } else {
                if let other = state.eventIDs[letter.event.eventID], other != letter.sequence { return .conflict }
                if let key = letter.event.dedupKey, state.rows.values.contains(where: { $0.event.dedupKey == key }) { return .conflict }
                state.rows[letter.sequence] = Row(event: letter.event, status: .pending)
                state.eventIDs[letter.event.eventID] = letter.sequence
                if let key = letter.event.dedupKey, state.dedupKeys[key] == nil { state.dedupKeys[key] = letter.event.receivedAt }
            }
            var open = state.openByChat[chat] ?? []
            open.insert(letter.sequence, at: open.firstIndex { $0 > letter.sequence } ?? open.endIndex)
            state.openByChat[chat] = open
            state.dead.remove(at: index)
            return .replayed(sequence: letter.sequence, chatKey: chat)
        }
    }

    /// Forgets one dead letter.
    @discardableResult
    public func discardDeadLetter(id: Int64) async throws -> Bool {
        state.withLock { state in
            guard let index = state.dead.firstIndex(where: { $0.id == id }) else { return false }
            state.dead.remove(at: index)
            return true
        }
    }

    /// Chats whose payloads or sessions hold the handle as a JSON string.
    public func chatKeys(mentioning handle: String) async throws -> [String] {
        let needle = Data.jsonString(handle)
        return state.withLock { state in
            var chats = Set<String>()
            for row in state.rows.values where row.event.body.range(of: needle) != nil { chats.insert(row.event.chatKey) }
            for letter in state.dead where letter.event.body.range(of: needle) != nil { chats.insert(letter.event.chatKey) }
            for (chat, session) in state.sessions where session.data.range(of: needle) != nil { chats.insert(chat) }
            for (chat, timers) in state.timers where timers.values.contains(where: { $0.mentions(needle) }) { chats.insert(chat) }
            return chats.sorted()
        }
    }

    /// What the store keeps about one chat.
    public func chatRecords(chatKey: String) async throws -> ChatRecords {
        state.withLock { state in
            let events = state.rows.filter { $0.value.event.chatKey == chatKey }.sorted { $0.key < $1.key }.map { sequence, row in
                InboxRecord(sequence: sequence, event: row.event, status: Self.name(row.status), attempts: row.attempts)
            }
            let sent = state.sent.values.filter { $0.chatKey == chatKey }.sorted { ($0.sentAt, $0.idempotencyKey) < ($1.sentAt, $1.idempotencyKey) }
            let timers = (state.timers[chatKey] ?? [:]).values.sorted { ($0.dueAt, $0.name) < ($1.dueAt, $1.name) }
            return ChatRecords(
                chatKey: chatKey, session: state.sessions[chatKey], events: events, sentMessages: sent, timers: timers,
                deadLetters: state.dead.filter { $0.event.chatKey == chatKey }
            )
        }
    }

    /// Deletes what the store keeps about one chat and fences out its worker.
    public func eraseChat(chatKey: String) async throws -> ChatErasure {
        state.withLock { state in
            var erasure = ChatErasure()
            erasure.sessions = state.sessions.removeValue(forKey: chatKey) == nil ? 0 : 1
            let rows = state.rows.filter { $0.value.event.chatKey == chatKey }
            for (sequence, row) in rows {
                state.rows[sequence] = nil
                state.eventIDs[row.event.eventID] = nil
            }
            erasure.inboxRows = rows.count
            state.openByChat[chatKey] = nil
            let sent = state.sent.filter { $0.value.chatKey == chatKey }.keys
            sent.forEach { state.sent[$0] = nil }
            erasure.sentMessages = sent.count
            erasure.timers = state.timers.removeValue(forKey: chatKey)?.count ?? 0
            let dead = state.dead.count
            state.dead.removeAll { $0.event.chatKey == chatKey }
            erasure.deadLetters = dead - state.dead.count
            if state.leases.removeValue(forKey: chatKey) != nil { state.tokens[chatKey, default: 0] += 1 }
            return erasure
        }
    }

    private static func name(_ status: Status) -> String {
        switch status {
        case .pending: "pending"
        case .claimed: "claimed"
        case .done: "done"
        case .dead: "dead"
        }
    }
}

extension ScheduledTimer {
    /// Whether the payload, as JSON, contains `needle`.
    func mentions(_ needle: Data) -> Bool {
        guard let payload, let data = try? JSONEncoder().encode(payload) else { return false }
        return data.range(of: needle) != nil
    }
}

extension InMemoryBotStore {
    /// Chats with unfinished events, the longest waiting first.
    public func backlog(limit: Int) async throws -> [ChatBacklog] {
        state.withLock { state in
            state.openByChat.compactMap { chat, open -> ChatBacklog? in
                let rows = open.compactMap { state.rows[$0] }
                guard let oldest = rows.map(\.event.receivedAt).min() else { return nil }
                return ChatBacklog(chatKey: chat, events: rows.count, inProgress: rows.contains { $0.status == .claimed }, oldestReceivedAt: oldest)
            }.sorted { ($0.oldestReceivedAt, $0.chatKey) < ($1.oldestReceivedAt, $1.chatKey) }.prefix(max(limit, 0)).map { $0 }
        }
    }

    /// Live counters with the prefix, in key order.
    public func counters(prefix: String, after: String?, limit: Int, now: Date) async throws -> [CounterEntry] {
        state.withLock { state in
            state.counters.filter { key, entry in
                key.hasPrefix(prefix) && (after == nil || key > after!) && (entry.expiresAt ?? .distantFuture) > now
            }.map { CounterEntry(key: $0.key, value: $0.value.value) }.sorted { $0.key < $1.key }.prefix(max(limit, 0)).map { $0 }
        }
    }
}

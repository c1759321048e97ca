import Foundation
import LinqBot
import LinqModels

/// The admin API's views of dead letters and of what the bot keeps about a person, as JSON
/// values (keys sorted by the encoder, times in ISO-8601, absent values as `null`).
extension AdminJSON {
    /// A dead letter as `GET /admin/dead-letters` lists it; with `payload` the webhook body too.
    static func deadLetter(_ letter: DeadLetter, payload: Bool = false) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .number(Double(letter.id)),
            "chat_id": .string(letter.event.chatKey),
            "event_id": .string(letter.event.eventID),
            "event_type": .string(letter.event.eventType),
            "reason": .string(letter.error),
            "attempts": .number(Double(letter.attempts)),
            "received_at": time(letter.event.receivedAt),
            "failed_at": time(letter.failedAt),
        ]
        if payload { object["payload"] = document(letter.event.body) }
        return .object(object)
    }

    /// `GET /admin/people/{handle}/export`.
    static func person(_ person: PersonRecords) -> JSONValue {
        .object([
            "handle": .string(person.handle),
            "opted_out": .bool(person.optedOutAt != nil),
            "opted_out_at": person.optedOutAt.map(time) ?? .null,
            "chats": .array(person.chats.map(chat)),
        ])
    }

    /// `DELETE /admin/people/{handle}`.
    static func erasure(_ erasure: PersonErasure) -> JSONValue {
        .object([
            "chats": .array(erasure.chatKeys.map(JSONValue.string)),
            "opt_out_kept": .bool(erasure.optOutKept),
            "erased": .object([
                "sessions": .number(Double(erasure.erased.sessions)),
                "inbox_events": .number(Double(erasure.erased.inboxRows)),
                "sent_messages": .number(Double(erasure.erased.sentMessages)),
                "timers": .number(Double(erasure.erased.timers)),
                "dead_letters": .number(Double(erasure.erased.deadLetters)),
            ]),
        ])
    }

    static func chat(_ records: ChatRecords) -> JSONValue {
        .object([
            "chat_id": .string(records.chatKey),
            "session": records.session.map { document($0.data) } ?? .null,
            "session_updated_at": records.session.map { time($0.updatedAt) } ?? .null,
            "inbox_events": .array(
                records.events.map { record in
                    .object([
                        "sequence": .number(Double(record.sequence)),
                        "event_id": .string(record.event.eventID),
                        "event_type": .string(record.event.eventType),
                        "status": .string(record.status),
                        "attempts": .number(Double(record.attempts)),
                        "received_at": time(record.event.receivedAt),
                        "payload": document(record.event.body),
                    ])
                }
            ),
            "sent_messages": .array(
                records.sentMessages.map { sent in
                    .object([
                        "idempotency_key": .string(sent.idempotencyKey),
                        "message_id": .string(sent.messageID),
                        "event_id": sent.eventID.map(JSONValue.string) ?? .null,
                        "sent_at": time(sent.sentAt),
                    ])
                }
            ),
            "timers": .array(
                records.timers.map { timer in
                    .object(["name": .string(timer.name), "due_at": time(timer.dueAt), "payload": timer.payload ?? .null])
                }
            ),
            "dead_letters": .array(records.deadLetters.map { deadLetter($0, payload: true) }),
        ])
    }

    /// Stored bytes as the JSON they hold, or, when they are not JSON, as `{ "base64": "…" }`.
    static func document(_ data: Data) -> JSONValue {
        if let value = try? JSONDecoder().decode(JSONValue.self, from: data) { return value }
        return .object(["base64": .string(data.base64EncodedString())])
    }

    static func time(_ date: Date) -> JSONValue {
        .string(LinqTimestamp.format(date))
    }
}

import Foundation
import LinqModels

/// The facts as the chat's session keeps them, converted by hand: the same JSON that
/// `JSONEncoder` writes for them (dates as seconds since 2001, absent values left out), without
/// a round trip through its text on every turn.
extension ChatFacts {
    private enum Key {
        static let line = "line", people = "people", isGroup = "isGroup", service = "service"
        static let lastInboundAt = "lastInboundAt", lastOutboundAt = "lastOutboundAt", unanswered = "unanswered"
        static let cardDay = "cardDay", lastCardAt = "lastCardAt"
        static let health = "health", healthChangedAt = "healthChangedAt", healthCheckedAt = "healthCheckedAt"
    }

    private static func number(_ date: Date) -> JSONValue { .number(date.timeIntervalSinceReferenceDate) }

    private static func date(_ value: JSONValue?) -> Date? {
        if case .number(let seconds)? = value { return Date(timeIntervalSinceReferenceDate: seconds) }
        return nil
    }

    /// The session's JSON of these facts.
    var json: JSONValue {
        var object: [String: JSONValue] = [
            Key.people: .array(people.map(JSONValue.string)), Key.isGroup: .bool(isGroup), Key.unanswered: .number(Double(unanswered)),
        ]
        for (key, text) in [(Key.line, line), (Key.service, service), (Key.cardDay, cardDay), (Key.health, health)] {
            if let text { object[key] = .string(text) }
        }
        let dates = [
            (Key.lastInboundAt, lastInboundAt), (Key.lastOutboundAt, lastOutboundAt), (Key.lastCardAt, lastCardAt),
            (Key.healthChangedAt, healthChangedAt), (Key.healthCheckedAt, healthCheckedAt),
        ]
        for (key, date) in dates {
            if let date { object[key] = Self.number(date) }
        }
        return .object(object)
    }

    /// Facts read from the session's JSON; `nil` when it is not an object.
    init?(json: JSONValue) {
        guard case .object(let object) = json else { return nil }
        func text(_ key: String) -> String? {
            if case .string(let value)? = object[key] { return value }
            return nil
        }
        func date(_ key: String) -> Date? { Self.date(object[key]) }
        self.init()
        line = text(Key.line)
        if case .array(let values)? = object[Key.people] {
            people = values.compactMap { if case .string(let handle) = $0 { handle } else { nil } }
        }
        if case .bool(let group)? = object[Key.isGroup] { isGroup = group }
        service = text(Key.service)
        lastInboundAt = date(Key.lastInboundAt)
        lastOutboundAt = date(Key.lastOutboundAt)
        if case .number(let count)? = object[Key.unanswered] { unanswered = Int(count) }
        cardDay = text(Key.cardDay)
        lastCardAt = date(Key.lastCardAt)
        health = text(Key.health)
        healthChangedAt = date(Key.healthChangedAt)
        healthCheckedAt = date(Key.healthCheckedAt)
    }
}

import Foundation
public import LinqModels

/// A condition on an event that routes compose: `.keyword("HELP") || .regex(/^help/)`.
///
/// ```swift
/// router.onText(.direct && .keyword("PRICES")) { ctx in try await ctx.reply("…") }
/// ```
public struct EventFilter: Sendable {
    let test: @Sendable (ChatContext) -> Bool

    /// A filter from a predicate.
    public init(_ test: @escaping @Sendable (ChatContext) -> Bool) { self.test = test }

    /// Every event.
    public static let any = EventFilter { _ in true }

    /// The whole text is `word`, ignoring case and surrounding spaces and punctuation.
    public static func keyword(_ words: String...) -> EventFilter {
        let wanted = Set(words.map(normalizedKeyword))
        return EventFilter { context in context.text.map { wanted.contains(normalizedKeyword($0)) } ?? false }
    }

    /// The text matches `pattern` (a regular expression, case-insensitive).
    public static func regex(_ pattern: String) -> EventFilter {
        let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        return EventFilter { context in
            guard let expression, let text = context.text else { return false }
            return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    /// The message came over `service`.
    public static func service(_ service: Service) -> EventFilter {
        EventFilter { $0.message?.service == service }
    }

    /// A one-to-one chat.
    public static let direct = EventFilter { $0.isGroup == false }

    /// A group chat.
    public static let group = EventFilter { $0.isGroup == true }

    /// The event concerns our line `number`.
    public static func line(_ number: String) -> EventFilter { EventFilter { $0.line == number } }

    /// The event comes from `handle`.
    public static func sender(_ handle: String) -> EventFilter { EventFilter { $0.sender == handle } }

    /// Both filters hold.
    public static func && (left: EventFilter, right: EventFilter) -> EventFilter {
        EventFilter { left.test($0) && right.test($0) }
    }

    /// Either filter holds.
    public static func || (left: EventFilter, right: EventFilter) -> EventFilter {
        EventFilter { left.test($0) || right.test($0) }
    }

    /// The filter does not hold.
    public static prefix func ! (filter: EventFilter) -> EventFilter {
        EventFilter { !filter.test($0) }
    }

    static func normalizedKeyword(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)).lowercased()
    }
}

import Foundation
public import LinqModels

/// The whole conversation as plain text, for one assertion over many turns.
extension BotTester {
    /// The conversation in `chat`, or in the direct chat with `handle` (the default person), as
    /// plain text: one line per message or happening, oldest first, each `who: what`.
    ///
    /// `who` is `bot` for our line, `person` for ``person``, and the handle for anyone else.
    /// `what` is:
    /// - a message: its parts joined by spaces; text as it is (later lines of a multi-line text
    ///   indented by two spaces), files as `[image NAME]`, `[video NAME]`, `[audio NAME]` or
    ///   `[file NAME]`, a voice memo as `[voice memo NAME]`, a link as `[link URL]`, any other
    ///   part as `[TYPE]`; our contact card as `[contact card]`; ` (failed)` after a message
    ///   that failed;
    /// - an edit: `(edited) NEW TEXT`;
    /// - a tapback: `♥ on "TEXT"` (`👍`, `👎`, `😂`, `‼`, `?`, a custom emoji, or `sticker`),
    ///   and `took back ♥ on "TEXT"`, where TEXT is how the message shows on its own line (as
    ///   it reads now, after edits), on one line, cut after 30 characters with `…`;
    /// - a person's contact card: `[contact card FIRST LAST]`;
    /// - a group change: `added WHO`, `removed WHO`, `left`, `renamed the group "NAME"`,
    ///   `cleared the group name`, `changed the group icon`.
    ///
    /// Typing, delivery and read receipts are left out.
    ///
    /// ```swift
    /// #expect(try await tester.transcript() == """
    ///     person: hello
    ///     bot: You said: hello
    ///     person: my cat [image cat.jpg]
    ///     person: (edited) my cat Tom
    ///     bot: ♥ on "my cat Tom [image cat.jpg]"
    ///     bot: [contact card]
    ///     """)
    /// #expect(try await tester.transcript(of: group) == """
    ///     +15555550131: added +15555550134
    ///     bot: Welcome!
    ///     +15555550133: left
    ///     """)
    /// ```
    public func transcript(of chat: ChatID? = nil, with handle: String? = nil) async throws -> String {
        let timeline = try await timeline(of: chat, with: handle)
        func who(_ handle: String) -> String { handle == timeline.line ? "bot" : handle == person ? "person" : handle }
        var shown: [MessageID: SimulatorTimeline.Message] = [:]
        func quote(_ id: MessageID) -> String {
            guard let message = shown[id] else { return "\"…\"" }
            let flat = Self.render(message).replacingOccurrences(of: "\n  ", with: " ")
            return "\"" + (flat.count > 30 ? String(flat.prefix(30)) + "…" : flat) + "\""
        }
        func line(for entry: SimulatorTimeline.Entry) -> String {
            switch entry {
            case .message(let message):
                return "\(who(message.sender)): \(Self.render(message))\(message.status == "failed" ? " (failed)" : "")"
            case .edit(let by, _, _, let text, _): return "\(who(by)): (edited) \(text.replacingOccurrences(of: "\n", with: "\n  "))"
            case .reaction(let by, let message, let type, let emoji, let removed):
                return "\(who(by)): \(removed ? "took back " : "")\(Self.symbol(type, emoji: emoji)) on \(quote(message))"
            case .contactCard(let by, let first, let last):
                return "\(who(by)): [contact card \([first, last].filter { !$0.isEmpty }.joined(separator: " "))]"
            case .added(let handle, let by): return "\(who(by)): added \(who(handle))"
            case .removed(let handle, let by): return handle == by ? "\(who(by)): left" : "\(who(by)): removed \(who(handle))"
            case .left(let by): return "\(who(by)): left"
            case .renamed(let name?, let by): return "\(who(by)): renamed the group \"\(name)\""
            case .renamed(nil, let by): return "\(who(by)): cleared the group name"
            case .iconChanged(_, let by): return "\(who(by)): changed the group icon"
            }
        }
        var lines: [String] = []
        for entry in timeline.entries {
            switch entry {
            case .message(let message):
                shown[message.id] = message
            case .edit(_, let id, let index, let text, _):
                shown[id] = shown[id]?.editing(index, to: text)
            default:
                break
            }
            lines.append(line(for: entry))
        }
        return lines.joined(separator: "\n")
    }

    private static func render(_ message: SimulatorTimeline.Message) -> String {
        guard message.kind != "contact_card" else { return "[contact card]" }
        return message.parts.map { render($0, voiceMemo: message.kind == "voice_memo") }.joined(separator: " ")
    }

    private static func render(_ part: SimulatorTimeline.Part, voiceMemo: Bool) -> String {
        switch part {
        case .text(let text): return text.replacingOccurrences(of: "\n", with: "\n  ")
        case .link(let url): return "[link \(url)]"
        case .other(let type): return "[\(type)]"
        case .media(_, let filename, let mimeType):
            if voiceMemo { return "[voice memo \(filename)]" }
            let kind = mimeType.hasPrefix("image/") ? "image" : mimeType.hasPrefix("video/") ? "video" : mimeType.hasPrefix("audio/") ? "audio" : "file"
            return "[\(kind) \(filename)]"
        }
    }

    private static func symbol(_ type: String, emoji: String?) -> String {
        switch type {
        case "love": "♥"
        case "like": "👍"
        case "dislike": "👎"
        case "laugh": "😂"
        case "emphasize": "‼"
        case "question": "?"
        case "custom": emoji ?? "custom"
        default: type
        }
    }
}

import Foundation
import LinqBot
import LinqModels
import Testing

/// Every write endpoint `LinqClient` wraps either has an ``OutboundAction`` kind (so it passes
/// the outbound middleware and line health) or a reasoned exemption because it reaches nobody.
/// The endpoints are read from the client's source, so a new one fails here until it is placed.
@Suite struct WriteEndpointCoverageTests {
    /// Writes that reach a person or change a chat, with an action of the kind that performs them.
    static let actions: [String: OutboundAction.Kind] = [
        "POST /v3/chats": .message(.text("first"), overrideOptOut: false),
        "POST /v3/chats/{}/messages": .message(.text("hi"), overrideOptOut: false),
        "POST /v3/messages": .autoFromMessage(CreateMessageRequest(to: ["+15555550123"], message: .text("hi"))),
        "POST /v3/chats/{}/voicememo": .voiceMemo(VoiceMemoRequest(url: "https://example.com/a.m4a")),
        "PATCH /v3/messages/{}": .edit(EditMessageRequest(text: "fixed"), of: MessageID("m")),
        "DELETE /v3/messages/{}": .delete(MessageID("m")),
        "POST /v3/messages/{}/reactions": .reaction(.add(.love), on: MessageID("m")),
        "PATCH /v3/messages/{}/reactions/{}": .stickerMove(ReactionID("r"), on: MessageID("m"), to: StickerPlacement()),
        "POST /v3/messages/{}/update": .appCardUpdate(UpdateAppCardRequest(layout: IMessageAppLayout(caption: "c")), of: MessageID("m")),
        "POST /v3/chats/{}/typing": .typing(true),
        "DELETE /v3/chats/{}/typing": .typing(false),
        "POST /v3/chats/{}/read": .markRead,
        "POST /v3/chats/{}/share_contact_card": .shareContactCard,
        "POST /v3/chats/{}/participants": .participantAdded("+15555550124"),
        "DELETE /v3/chats/{}/participants": .participantRemoved("+15555550124"),
        "PUT /v3/chats/{}": .chatUpdate(UpdateChatRequest(displayName: "Team")),
        "POST /v3/chats/{}/leave": .leave,
        "POST /v3/chats/{}/location/request": .locationRequest,
        "DELETE /v3/chats/{}/location": .locationStop("+15555550124"),
    ]

    /// Account-level writes that reach nobody and change no chat.
    static let exempt: [String: String] = [
        "POST /v3/attachments": "reserves an upload slot; the send that uses it is the action (uploads run only once it is cleared)",
        "DELETE /v3/attachments/{}": "removes a stored file; nobody is told",
        "POST /v3/webhook-subscriptions": "account configuration: where Linq posts our events",
        "PUT /v3/webhook-subscriptions/{}": "account configuration",
        "DELETE /v3/webhook-subscriptions/{}": "account configuration",
        "POST /v3/contact_card": "sets up our line's card; sharing it into a chat is the action",
        "PATCH /v3/contact_card": "edits our line's card; sharing it into a chat is the action",
        "POST /v3/blocked_handles": "blocking someone sends them nothing",
        "DELETE /v3/blocked_handles": "unblocking someone sends them nothing",
        "PUT /v3/phone_numbers/{}": "call forwarding of our line",
        "POST /v3/phone_numbers/{}/reputation_audit": "an audit of our line",
        "POST /v3/capability/check_imessage": "a lookup, written as a POST",
        "POST /v3/capability/check_rcs": "a lookup, written as a POST",
    ]

    @Test("Every write endpoint of the client is an outbound action or a reasoned exemption")
    func everyWriteIsCovered() throws {
        let found = try Self.writeEndpoints()
        #expect(found.count >= Self.actions.count, "the scan found \(found.count) write endpoints: \(found.sorted())")
        for endpoint in found.sorted() {
            #expect(Self.actions[endpoint] != nil || Self.exempt[endpoint] != nil, "\(endpoint) has no OutboundAction kind and no exemption")
        }
        for endpoint in Set(Self.actions.keys).union(Self.exempt.keys).sorted() {
            #expect(found.contains(endpoint), "\(endpoint) is listed here but the client has no such endpoint")
        }
        #expect(Set(Self.actions.keys).isDisjoint(with: Self.exempt.keys))
    }

    @Test("Each kind has its own metric name")
    func metricNames() {
        let names = Self.actions.values.map(\.metricName)
        #expect(!names.contains(""))
        // Typing on and off share a name, as do a direct message and a chat's first message.
        #expect(Set(names).count == Self.actions.count - 2)
    }

    @Test("The client builds every endpoint through the scanned helpers")
    func noHiddenEndpoints() throws {
        for (file, source) in try Self.clientSources() {
            #expect(!source.contains("LinqEndpoint(method:"), "\(file) builds an endpoint the scan cannot see")
        }
    }

    /// `METHOD /path` of each POST, PUT, PATCH and DELETE built in `Sources/LinqAPI/LinqClient+*.swift`,
    /// with `{}` for each path segment that is not a literal.
    static func writeEndpoints() throws -> Set<String> {
        let pattern = try Regex(#"\.(?:json|call|bodiless|jsonWithoutAnswer)\(\s*\.(post|put|patch|delete)\s*,\s*\[([^\]]*)\]"#)
        var endpoints = Set<String>()
        for (_, source) in try clientSources() {
            for match in source.matches(of: pattern) {
                guard let method = match.output[1].substring, let path = match.output[2].substring else { continue }
                let segments = path.split(separator: ",").map { segment -> String in
                    let trimmed = segment.trimmingCharacters(in: .whitespacesAndNewlines)
                    return trimmed.hasPrefix("\"") ? trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) : "{}"
                }
                endpoints.insert("\(method.uppercased()) /\(segments.joined(separator: "/"))")
            }
        }
        return endpoints
    }

    /// The client's resource files, read relative to this test file.
    static func clientSources() throws -> [(String, String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources/LinqAPI")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("LinqClient+") && $0.hasSuffix(".swift") }
        #expect(!files.isEmpty, "no client sources under \(folder.lastPathComponent)")
        return try files.sorted().map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }
}

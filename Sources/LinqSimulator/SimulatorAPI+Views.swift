import Foundation
import LinqModels

/// How stored records look in API responses and webhook payloads.
extension SimulatorAPI {
    static func health(_ chat: SimulatorState.Chat, at date: Date) -> HealthStatus {
        let status: ChatHealth = chat.health ?? (chat.optedOutDM ? .optedOut : .healthy)
        let anchor = status.rawValue.lowercased().replacingOccurrences(of: "_", with: "-")
        return HealthStatus(
            status: status, docURL: "https://docs.linqapp.com/channel/imessage/guides/chats/chat-health#\(anchor)",
            updatedAt: chat.health == nil ? date : chat.healthChangedAt ?? date
        )
    }

    func lineHandle(of chat: SimulatorState.Chat) -> ChatHandle? {
        chat.participants.first { $0.isMe == true }
    }

    func handle(_ address: String, in chat: SimulatorState.Chat) -> ChatHandle? {
        chat.participants.first { $0.handle == address }
    }

    func apiChat(_ chat: SimulatorState.Chat) -> LinqModels.Chat {
        LinqModels.Chat(
            id: chat.id, createdAt: chat.createdAt, updatedAt: chat.updatedAt,
            displayName: chat.displayName ?? chat.people.joined(separator: ", "), handles: chat.participants,
            healthStatus: Self.health(chat, at: chat.updatedAt), isGroup: chat.isGroup, isArchived: false,
            groupChatIcon: chat.groupIcon, service: chat.service
        )
    }

    func sentMessage(_ message: SimulatorState.Message, in chat: SimulatorState.Chat) -> SentMessage {
        SentMessage(
            id: message.id, createdAt: message.createdAt, deliveryStatus: message.status, isRead: message.readAt != nil,
            parts: message.parts, sentAt: message.sentAt, deliveredAt: message.deliveredAt, effect: message.effect,
            fromHandle: handle(message.sender, in: chat), preferredService: message.preferredService,
            replyTo: message.replyTo, service: message.service
        )
    }

    func apiMessage(_ message: SimulatorState.Message, in chat: SimulatorState.Chat) -> LinqModels.Message {
        var parts = message.parts
        for (index, part) in parts.enumerated() {
            let reactions = message.reactions.filter { $0.partIndex == index }.compactMap { reaction -> PartReaction? in
                guard let who = handle(reaction.handle, in: chat) else { return nil }
                return PartReaction(handle: who, isMe: who.isMe == true, type: reaction.type, id: reaction.id, customEmoji: reaction.customEmoji)
            }
            guard !reactions.isEmpty else { continue }
            switch part {
            case .text(var text): text.reactions = reactions; parts[index] = .text(text)
            case .media(var media): media.reactions = reactions; parts[index] = .media(media)
            case .link(var link): link.reactions = reactions; parts[index] = .link(link)
            default: break
            }
        }
        return LinqModels.Message(
            id: message.id, chatID: message.chatID, createdAt: message.createdAt, updatedAt: message.updatedAt,
            deliveryStatus: message.status, isDelivered: message.deliveredAt != nil, isFromMe: message.outbound,
            isRead: message.readAt != nil, parts: parts, sentAt: message.sentAt, deliveredAt: message.deliveredAt,
            readAt: message.readAt, from: message.sender, fromHandle: handle(message.sender, in: chat),
            effect: message.effect, preferredService: message.preferredService, service: message.service,
            replyTo: message.replyTo
        )
    }

    /// Queues a webhook event for every subscription that wants it.
    func emit(_ payload: WebhookPayload, line: String?, state: inout SimulatorState) {
        let event = WebhookEvent(
            eventID: WebhookEventID(SimulatorState.uuid()), createdAt: now, traceID: traceID,
            partnerID: configuration.partnerID, payload: payload
        )
        state.pending.append(.init(event: event, line: line))
    }

    func emitMessage(_ kind: MessageEvent.Kind, _ message: SimulatorState.Message, chat: SimulatorState.Chat, state: inout SimulatorState) {
        let event = MessageEvent(
            kind: kind, messageID: message.id, chatID: chat.id, isGroup: chat.isGroup,
            direction: message.outbound ? .outbound : .inbound, sender: handle(message.sender, in: chat),
            line: lineHandle(of: chat), parts: message.parts, service: message.service,
            preferredService: message.preferredService, effect: message.effect, replyTo: message.replyTo,
            idempotencyKey: message.idempotencyKey, sentAt: message.sentAt,
            deliveredAt: kind == .delivered || kind == .read ? message.deliveredAt : nil,
            readAt: kind == .read ? message.readAt : nil, chatHealth: Self.health(chat, at: chat.updatedAt)
        )
        emit(.message(event), line: chat.line, state: &state)
    }

    /// Converts request parts into the parts Linq reports back.
    func reportedParts(_ parts: [OutgoingPart], state: SimulatorState) throws -> [MessagePart] {
        try parts.map { part -> MessagePart in
            switch part {
            case .text(let text):
                return .text(TextPart(value: text.value, textDecorations: text.textDecorations, mention: text.mention, mentionRange: text.mentionRange))
            case .media(let media):
                switch media.source {
                case .url(let url):
                    let name = URL(string: url)?.lastPathComponent ?? "file"
                    return .media(MediaPart(
                        id: AttachmentID(SimulatorState.uuid()), filename: name.isEmpty ? "file" : name,
                        mimeType: Self.mimeType(forFilename: name), sizeBytes: 0, url: url
                    ))
                case .attachment(let id):
                    guard let attachment = state.attachments[id] else { throw SimulatorError.notFound("Attachment \(id)", code: 2003) }
                    return .media(MediaPart(
                        id: id, filename: attachment.filename, mimeType: attachment.contentType, sizeBytes: attachment.sizeBytes,
                        url: "https://cdn.linqapp.com/attachments/partners/\(configuration.partnerID)/\(id)/\(attachment.filename)"
                    ))
                }
            case .link(let url):
                return .link(LinkPart(value: url))
            case .iMessageApp(let app):
                let encoded = try? JSONDecoder().decode(JSONValue.self, from: LinqJSON.makeEncoder().encode(app))
                return .iMessageApp(IMessageAppPart(app: encoded?["app"], layout: encoded?["layout"], url: app.url, fallbackText: app.fallbackText))
            case .appClip(let clip):
                return .appClip(AppClipPart(value: clip.value, title: clip.caption))
            }
        }
    }

    static func mimeType(forFilename name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        case "gif": "image/gif"
        case "heic": "image/heic"
        case "mp4": "video/mp4"
        case "mov": "video/quicktime"
        case "mp3": "audio/mpeg"
        case "m4a": "audio/x-m4a"
        case "pdf": "application/pdf"
        case "vcf": "text/vcard"
        default: "application/octet-stream"
        }
    }
}

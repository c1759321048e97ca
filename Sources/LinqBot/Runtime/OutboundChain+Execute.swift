import Foundation
import LinqAPI
import LinqModels

/// The Linq call behind each kind of action, made once every middleware and line health let
/// the action through.
extension OutboundChain {
    func execute(_ action: OutboundAction) async throws -> OutboundResult {
        if case .voiceMemo = action.kind, let key = action.idempotencyKey, try await context.store.sentMessage(idempotencyKey: key) != nil {
            // Linq takes no key for voice memos: an earlier run of this step sent it already.
            return .refused("this voice memo was sent by an earlier run of the handler")
        }
        let attachment = try await uploadIfNeeded(action)
        switch action.kind {
        case .message(var content, let overrideOptOut):
            content.idempotencyKey = content.idempotencyKey ?? action.idempotencyKey
            content.parts = content.parts?.map { $0.replacingPlaceholder(with: attachment) }
            return try await sendMessage(content, overrideOptOut: overrideOptOut, action: action)
        case .autoFromMessage(var request):
            request.message.parts = request.message.parts?.map { $0.replacingPlaceholder(with: attachment) }
            let key = request.message.idempotencyKey ?? action.idempotencyKey
            let response = try await client.messages.create(request, idempotencyKey: key)
            if context.chatID == nil { context.chatStarted(response.chatID) }
            CrashPoint.afterSend.reached()
            try await record(key, chat: response.chatID, message: response.message.id)
            return .sent(response.message)
        case .voiceMemo(var request):
            guard let chatID = action.chatID else { throw ChatContextError.noChat }
            if case .attachment(OutboundUpload.placeholder) = request.source, let attachment { request.source = .attachment(attachment) }
            let memo = try await client.chats.sendVoiceMemo(to: chatID, request).voiceMemo
            CrashPoint.afterSend.reached()
            try await record(action.idempotencyKey, chat: chatID, message: memo.id)
            return .sent(SentMessage(id: memo.id, createdAt: memo.createdAt, deliveryStatus: DeliveryStatus(rawValue: memo.status), parts: [], service: memo.service))
        case .edit(let request, let messageID):
            _ = try await client.messages.edit(messageID, request)
        case .delete(let messageID):
            try await client.messages.delete(messageID)
        case .reaction(let request, let messageID):
            _ = try await client.messages.react(to: messageID, request)
        case .stickerMove(let reactionID, let messageID, let placement):
            _ = try await client.messages.moveSticker(reactionID, on: messageID, to: placement)
        case .appCardUpdate(let request, let messageID):
            return .sent(try await client.messages.updateAppCard(messageID, request).message)
        case .typing(let on):
            let chatID = try chat(action)
            if on { try await client.chats.typing.start(in: chatID) } else { try await client.chats.typing.stop(in: chatID) }
        case .markRead:
            try await client.chats.markRead(try chat(action))
        case .shareContactCard:
            try await client.chats.shareContactCard(in: try chat(action))
        case .participantAdded(let handle):
            _ = try await client.chats.participants.add(handle, to: try chat(action))
        case .participantRemoved(let handle):
            _ = try await client.chats.participants.remove(handle, from: try chat(action))
        case .chatUpdate(let request):
            _ = try await client.chats.update(try chat(action), request)
        case .leave:
            _ = try await client.chats.leave(try chat(action))
        case .locationRequest:
            _ = try await client.chats.location.request(in: try chat(action))
        case .locationStop(let handle):
            _ = try await client.chats.location.stop(handle, in: try chat(action))
        }
        return .done
    }

    private func chat(_ action: OutboundAction) throws -> ChatID {
        guard let chatID = action.chatID else { throw ChatContextError.noChat }
        return chatID
    }

    /// A message into the action's chat, or a first message that creates the chat with the
    /// action's recipients (one for a direct chat, several for a group).
    private func sendMessage(_ content: MessageContent, overrideOptOut: Bool, action: OutboundAction) async throws -> OutboundResult {
        let message: SentMessage
        let chat: ChatID
        if let chatID = action.chatID {
            let request = SendMessageRequest(message: content, overrideOptOut: overrideOptOut ? true : nil)
            message = try await client.chats.messages.send(to: chatID, request).message
            chat = chatID
        } else {
            guard let line = action.line, !action.recipients.isEmpty else { throw ChatContextError.noChat }
            try content.validate(forNewChat: true)
            let request = CreateChatRequest(from: line, to: action.recipients, message: content, overrideOptOut: overrideOptOut ? true : nil)
            let created = try await client.chats.create(request).chat
            (message, chat) = (created.message, created.id)
            context.chatStarted(chat)
        }
        CrashPoint.afterSend.reached()
        try await record(content.idempotencyKey, chat: chat, message: message.id)
        return .sent(message)
    }

    private func record(_ key: String?, chat: ChatID, message: MessageID) async throws {
        guard let key else { return }
        try await context.store.recordSent(SentMessageRecord(
            idempotencyKey: key, chatKey: chat.rawValue, messageID: message.rawValue, eventID: context.event.eventID.rawValue, sentAt: context.now
        ))
    }

    /// Uploads the action's file, now that it is cleared to go: a slot from
    /// `POST /v3/attachments`, then the bytes to its presigned URL.
    private func uploadIfNeeded(_ action: OutboundAction) async throws -> AttachmentID? {
        guard let upload = action.upload else { return nil }
        let slot = try await client.attachments.create(
            CreateAttachmentRequest(filename: upload.filename, contentType: upload.contentType, sizeBytes: upload.data.count)
        )
        try await client.attachments.upload(upload.data, to: slot)
        return slot.attachmentID
    }
}

extension OutgoingPart {
    /// The part with an upload's attachment id in place of ``OutboundUpload/placeholder``.
    fileprivate func replacingPlaceholder(with attachment: AttachmentID?) -> OutgoingPart {
        guard let attachment, case .media(var media) = self, case .attachment(OutboundUpload.placeholder) = media.source else { return self }
        media.source = .attachment(attachment)
        return .media(media)
    }
}

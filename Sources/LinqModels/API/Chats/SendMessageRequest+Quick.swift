package import Foundation

extension SendMessageRequest: QuickEncodable {
    /// The body of a send of plain text parts (with an idempotency key and the opt-out
    /// override or not); anything more is left to the encoder.
    package func quickJSON() -> Data? {
        guard let parts = message.parts, message.experience == nil, message.effect == nil, message.replyTo == nil,
            message.preferredService == nil
        else { return nil }
        var texts: [String] = []
        texts.reserveCapacity(parts.count)
        for part in parts {
            guard case .text(let text) = part, text.textDecorations == nil, text.inlineStickers == nil, text.mention == nil,
                text.mentionRange == nil
            else { return nil }
            texts.append(text.value)
        }
        var writer = QuickJSONWriter(capacity: 64 + texts.reduce(0) { $0 + $1.utf8.count + 32 })
        // Keys in sorted order, as the encoder writes them.
        writer.raw(#"{"message":{"#)
        if let key = message.idempotencyKey {
            writer.raw(#""idempotency_key":"#)
            writer.string(key)
            writer.raw(",")
        }
        writer.raw(#""parts":["#)
        for (index, text) in texts.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw(#"{"type":"text","value":"#)
            writer.string(text)
            writer.raw("}")
        }
        writer.raw("]}")
        if let overrideOptOut {
            writer.raw(overrideOptOut ? #","override_optout":true"# : #","override_optout":false"#)
        }
        writer.raw("}")
        return writer.data
    }
}

extension SendMessageResponse: QuickDecodable {
    /// The answer to a send of plain text, read from its bytes.
    package static func quickDecoded(from body: Data) -> SendMessageResponse? {
        QuickMessageDecoding.sendResponse(from: body)
    }
}

/// The body of `PATCH /v3/messages/{messageId}/reactions/{reactionId}`: move a placed sticker.
public struct StickerPlacementRequest: Codable, Hashable, Sendable {
    /// The new placement; omitted fields are kept.
    public var placement: StickerPlacement

    /// Creates the body.
    public init(placement: StickerPlacement) {
        self.placement = placement
    }

    enum CodingKeys: String, CodingKey { case placement }
}

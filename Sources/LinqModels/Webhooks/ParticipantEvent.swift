public import Foundation

/// A `participant.added` or `participant.removed` event in a group chat.
///
/// `participant.removed` also fires when our own line leaves a group.
public struct ParticipantEvent: Hashable, Sendable {
    /// Whether the participant was added or removed.
    public enum Change: String, Hashable, Sendable, CaseIterable {
        /// `participant.added`.
        case added
        /// `participant.removed`.
        case removed
    }

    /// Whether the participant was added or removed.
    public var change: Change
    /// The participant's address (deprecated by Linq; prefer ``participant``).
    public var handle: String
    /// The participant record (for removals: `status` removed and `left_at` set).
    public var participant: ChatHandle?
    /// The chat.
    public var chatID: ChatID?
    /// When the participant was added (`participant.added`).
    public var addedAt: Date?
    /// When the participant was removed (`participant.removed`).
    public var removedAt: Date?

    /// Creates a participant event.
    public init(
        change: Change, handle: String, participant: ChatHandle? = nil, chatID: ChatID? = nil,
        addedAt: Date? = nil, removedAt: Date? = nil
    ) {
        self.change = change
        self.handle = handle
        self.participant = participant
        self.chatID = chatID
        self.addedAt = addedAt
        self.removedAt = removedAt
    }

    /// `true` for `participant.added`.
    public var isAdded: Bool { change == .added }

    /// When the change happened.
    public var changedAt: Date? { change == .added ? addedAt : removedAt }

    /// The webhook event type for this event.
    public var eventType: WebhookEventType { change == .added ? .participantAdded : .participantRemoved }

    enum CodingKeys: String, CodingKey {
        case handle, participant
        case chatID = "chat_id"
        case addedAt = "added_at"
        case removedAt = "removed_at"
    }

    init(data decoder: any Decoder, change: Change) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let participant = try container.decodeHandleIfPresent(forKey: .participant)
        guard let handle = try container.decodeIfPresent(String.self, forKey: .handle) ?? participant?.handle else {
            throw DecodingError.keyNotFound(
                CodingKeys.handle, .init(codingPath: container.codingPath, debugDescription: "No handle")
            )
        }
        self.init(
            change: change,
            handle: handle,
            participant: participant,
            chatID: try container.decodeIDIfPresent(forKey: .chatID),
            addedAt: try container.decodeTimestampIfPresent(forKey: .addedAt),
            removedAt: try container.decodeTimestampIfPresent(forKey: .removedAt)
        )
    }

    func encodeData(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNullable(chatID, forKey: .chatID)
        try container.encode(handle, forKey: .handle)
        try container.encodeNullable(participant.wire, forKey: .participant)
        switch change {
        case .added: try container.encodeNullable(addedAt, forKey: .addedAt)
        case .removed: try container.encodeNullable(removedAt, forKey: .removedAt)
        }
    }
}

/// The answer to `GET /v3/contact_card`.
public struct ContactCardList: Codable, Hashable, Sendable {
    /// The cards, one per line (or just the one asked for).
    public var contactCards: [ContactCard]

    /// Creates a list.
    public init(contactCards: [ContactCard]) {
        self.contactCards = contactCards
    }

    enum CodingKeys: String, CodingKey {
        case contactCards = "contact_cards"
    }
}

/// A `contact_card.received` event: someone shared their Name & Photo with one of our lines.
///
/// One event per person per line (not per chat); it fires again when their name or photo changes.
public struct ContactCardReceivedEvent: Hashable, Sendable {
    /// The first name on the card.
    public var firstName: String
    /// The last name on the card (may be empty).
    public var lastName: String
    /// Our line the card was shared with.
    public var ownerHandle: String
    /// The person who shared it (phone or email).
    public var senderHandle: String
    /// Their photo on `cdn.linqapp.com`; may expire within 45 minutes, so download it promptly.
    public var mediaURL: String?

    /// Creates a contact card event.
    public init(firstName: String, lastName: String, ownerHandle: String, senderHandle: String, mediaURL: String? = nil) {
        self.firstName = firstName
        self.lastName = lastName
        self.ownerHandle = ownerHandle
        self.senderHandle = senderHandle
        self.mediaURL = mediaURL
    }

    /// First and last name joined with a space, without stray whitespace.
    public var fullName: String {
        [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
    }

    enum CodingKeys: String, CodingKey {
        case firstName = "first_name"
        case lastName = "last_name"
        case ownerHandle = "owner_handle"
        case senderHandle = "sender_handle"
        case mediaURL = "media_url"
    }

    init(data decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            firstName: try container.decodeIfPresent(String.self, forKey: .firstName) ?? "",
            lastName: try container.decodeIfPresent(String.self, forKey: .lastName) ?? "",
            ownerHandle: try container.decode(String.self, forKey: .ownerHandle),
            senderHandle: try container.decode(String.self, forKey: .senderHandle),
            mediaURL: try container.decodeIfPresent(String.self, forKey: .mediaURL)
        )
    }

    func encodeData(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(firstName, forKey: .firstName)
        try container.encode(lastName, forKey: .lastName)
        try container.encode(ownerHandle, forKey: .ownerHandle)
        try container.encode(senderHandle, forKey: .senderHandle)
        try container.encodeNullable(mediaURL, forKey: .mediaURL)
    }
}

/// The body of `PATCH /v3/contact_card?phone_number=…`; fields given are merged into the card.
///
/// The line's number goes in the `phone_number` query parameter, not in this body.
public struct UpdateContactCardRequest: Codable, Hashable, Sendable {
    /// The new first name.
    public var firstName: String?
    /// The new last name.
    public var lastName: String?
    /// The new photo's URL.
    public var imageURL: String?

    /// Creates the body.
    public init(firstName: String? = nil, lastName: String? = nil, imageURL: String? = nil) {
        self.firstName = firstName
        self.lastName = lastName
        self.imageURL = imageURL
    }

    enum CodingKeys: String, CodingKey {
        case firstName = "first_name"
        case lastName = "last_name"
        case imageURL = "image_url"
    }
}

/// Our Name & Photo card for one line.
public struct ContactCard: Codable, Hashable, Sendable {
    /// The line's E.164 number.
    public var phoneNumber: String
    /// The first name shown.
    public var firstName: String
    /// The last name shown.
    public var lastName: String?
    /// The photo's URL.
    public var imageURL: String?
    /// Whether the card is active.
    public var isActive: Bool

    /// Creates a card record.
    public init(phoneNumber: String, firstName: String, lastName: String? = nil, imageURL: String? = nil, isActive: Bool) {
        self.phoneNumber = phoneNumber
        self.firstName = firstName
        self.lastName = lastName
        self.imageURL = imageURL
        self.isActive = isActive
    }

    enum CodingKeys: String, CodingKey {
        case phoneNumber = "phone_number"
        case firstName = "first_name"
        case lastName = "last_name"
        case imageURL = "image_url"
        case isActive = "is_active"
    }
}

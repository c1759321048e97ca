/// The body of `POST /v3/contact_card`: set up a line's Name & Photo card once.
///
/// The photo must be square and at least 200×200. POST and PATCH share 3 calls per 10 minutes per line.
public struct ContactCardRequest: Codable, Hashable, Sendable {
    /// The line's E.164 number.
    public var phoneNumber: String
    /// The first name to show.
    public var firstName: String
    /// The last name to show.
    public var lastName: String?
    /// The photo's URL.
    public var imageURL: String?

    /// Creates the body.
    public init(phoneNumber: String, firstName: String, lastName: String? = nil, imageURL: String? = nil) {
        self.phoneNumber = phoneNumber
        self.firstName = firstName
        self.lastName = lastName
        self.imageURL = imageURL
    }

    enum CodingKeys: String, CodingKey {
        case phoneNumber = "phone_number"
        case firstName = "first_name"
        case lastName = "last_name"
        case imageURL = "image_url"
    }
}

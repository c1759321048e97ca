/// The answer to `GET /v3/phone_numbers`.
public struct PhoneNumberList: Codable, Hashable, Sendable {
    /// Our lines.
    public var phoneNumbers: [PhoneNumber]

    /// Creates a list.
    public init(phoneNumbers: [PhoneNumber]) {
        self.phoneNumbers = phoneNumbers
    }

    enum CodingKeys: String, CodingKey {
        case phoneNumbers = "phone_numbers"
    }
}

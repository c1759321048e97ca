/// The answer to `PUT /v3/phone_numbers/{phoneNumberId}`.
public struct UpdatePhoneNumberResponse: Codable, Hashable, Sendable {
    /// The record's id.
    public var id: PhoneNumberID
    /// The line's E.164 number.
    public var phoneNumber: String
    /// Where inbound calls now go, if anywhere.
    public var forwardingNumber: String?

    /// Creates a response.
    public init(id: PhoneNumberID, phoneNumber: String, forwardingNumber: String? = nil) {
        self.id = id
        self.phoneNumber = phoneNumber
        self.forwardingNumber = forwardingNumber
    }

    enum CodingKeys: String, CodingKey {
        case id
        case phoneNumber = "phone_number"
        case forwardingNumber = "forwarding_number"
    }
}

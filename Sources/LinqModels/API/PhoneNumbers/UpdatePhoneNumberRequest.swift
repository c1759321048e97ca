/// The body of `PUT /v3/phone_numbers/{phoneNumberId}`: set or clear call forwarding.
///
/// `forwarding_number` is always sent; `nil` is sent as JSON `null`, which clears forwarding.
///
/// ```swift
/// let forward = UpdatePhoneNumberRequest.forward(to: "+15555550177")  // {"forwarding_number":"+15555550177"}
/// let clear = UpdatePhoneNumberRequest.clearForwarding                 // {"forwarding_number":null}
/// ```
public struct UpdatePhoneNumberRequest: Codable, Hashable, Sendable {
    /// The E.164 number calls are forwarded to, or `nil` to stop forwarding.
    public var forwardingNumber: String?

    /// Creates the body.
    public init(forwardingNumber: String?) {
        self.forwardingNumber = forwardingNumber
    }

    /// Forwards inbound calls to an E.164 number.
    public static func forward(to number: String) -> UpdatePhoneNumberRequest {
        UpdatePhoneNumberRequest(forwardingNumber: number)
    }

    /// Stops forwarding inbound calls.
    public static let clearForwarding = UpdatePhoneNumberRequest(forwardingNumber: nil)

    enum CodingKeys: String, CodingKey {
        case forwardingNumber = "forwarding_number"
    }

    /// Decodes the body; `null` and `""` both mean "clear".
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let value = try container.decodeIfPresent(String.self, forKey: .forwardingNumber)
        forwardingNumber = value?.isEmpty == true ? nil : value
    }

    /// Encodes the body, writing `null` when ``forwardingNumber`` is `nil`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(forwardingNumber, forKey: .forwardingNumber)
    }
}

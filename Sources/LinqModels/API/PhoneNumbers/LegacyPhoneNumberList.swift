/// The answer to the deprecated `GET /v3/phonenumbers`; prefer ``PhoneNumberList``.
public struct LegacyPhoneNumberList: Codable, Hashable, Sendable {
    /// Our lines.
    public var phoneNumbers: [Entry]

    /// Creates a list.
    public init(phoneNumbers: [Entry]) {
        self.phoneNumbers = phoneNumbers
    }

    enum CodingKeys: String, CodingKey {
        case phoneNumbers = "phone_numbers"
    }

    /// A line in the deprecated list.
    public struct Entry: Codable, Hashable, Sendable {
        /// The record's id.
        public var id: PhoneNumberID
        /// The line's E.164 number.
        public var phoneNumber: String
        /// What the line can do.
        public var capabilities: Capabilities?
        /// Always `null` in practice.
        public var countryCode: String?
        /// Always `null` in practice.
        public var type: String?

        /// Creates an entry.
        public init(
            id: PhoneNumberID, phoneNumber: String, capabilities: Capabilities? = nil, countryCode: String? = nil,
            type: String? = nil
        ) {
            self.id = id
            self.phoneNumber = phoneNumber
            self.capabilities = capabilities
            self.countryCode = countryCode
            self.type = type
        }

        enum CodingKeys: String, CodingKey {
            case id, capabilities, type
            case phoneNumber = "phone_number"
            case countryCode = "country_code"
        }
    }

    /// The services a line supports.
    public struct Capabilities: Codable, Hashable, Sendable {
        /// SMS.
        public var sms: Bool
        /// MMS.
        public var mms: Bool
        /// Voice calls.
        public var voice: Bool

        /// Creates a capability set.
        public init(sms: Bool, mms: Bool, voice: Bool) {
            self.sms = sms
            self.mms = mms
            self.voice = voice
        }

        enum CodingKeys: String, CodingKey { case sms, mms, voice }
    }
}

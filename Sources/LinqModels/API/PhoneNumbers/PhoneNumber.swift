/// One of our lines, as `GET /v3/phone_numbers` lists it.
public struct PhoneNumber: Codable, Hashable, Sendable {
    /// The record's id (used to set forwarding).
    public var id: PhoneNumberID
    /// The line's E.164 number.
    public var phoneNumber: String
    /// The line's reputation.
    public var reputation: Reputation
    /// Where inbound calls are forwarded, if anywhere.
    public var forwardingNumber: String?
    /// iMessage-capable or RCS-only.
    public var lineType: LineType?

    /// Creates a record.
    public init(
        id: PhoneNumberID, phoneNumber: String, reputation: Reputation, forwardingNumber: String? = nil,
        lineType: LineType? = nil
    ) {
        self.id = id
        self.phoneNumber = phoneNumber
        self.reputation = reputation
        self.forwardingNumber = forwardingNumber
        self.lineType = lineType
    }

    enum CodingKeys: String, CodingKey {
        case id, reputation
        case phoneNumber = "phone_number"
        case forwardingNumber = "forwarding_number"
        case lineType = "line_type"
    }

    /// A line's reputation and where Linq explains it.
    public struct Reputation: Codable, Hashable, Sendable {
        /// The status.
        public var status: ReputationStatus
        /// Linq's documentation for this status.
        public var docURL: String

        /// Creates a reputation record.
        public init(status: ReputationStatus, docURL: String) {
            self.status = status
            self.docURL = docURL
        }

        enum CodingKeys: String, CodingKey {
            case status
            case docURL = "doc_url"
        }
    }
}

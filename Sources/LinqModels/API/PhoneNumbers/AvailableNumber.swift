/// The answer to `GET /v3/available_number`: the line Linq suggests, plus a vCard of our lines.
public struct AvailableNumber: Codable, Hashable, Sendable {
    /// The suggested line's E.164 number; pass it as `from` to pin it.
    public var phoneNumber: String
    /// A time-limited vCard with this line first and our other lines as backups.
    public var vcfURL: String

    /// Creates a response.
    public init(phoneNumber: String, vcfURL: String) {
        self.phoneNumber = phoneNumber
        self.vcfURL = vcfURL
    }

    enum CodingKeys: String, CodingKey {
        case phoneNumber = "phone_number"
        case vcfURL = "vcf_url"
    }
}

/// The body of `POST /v3/capability/check_imessage` and `check_rcs`.
public struct CapabilityCheckRequest: Codable, Hashable, Sendable {
    /// The handle to check: E.164 or email for iMessage, E.164 only for RCS.
    public var address: String
    /// The line to check from; Linq picks one when `nil`.
    public var from: String?

    /// Creates the body.
    public init(address: String, from: String? = nil) {
        self.address = address
        self.from = from
    }

    enum CodingKeys: String, CodingKey { case address, from }
}

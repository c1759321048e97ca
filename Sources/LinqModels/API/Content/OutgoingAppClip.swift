/// An App Clip card you send; iMessage only, never downgraded, and the only part of its message.
public struct OutgoingAppClip: Codable, Hashable, Sendable {
    /// The https URL of a registered App Clip page (e.g. a Linq `checkout_url`).
    public var value: String
    /// Overrides the card's "Tap open" call to action.
    public var caption: String?

    /// Creates an App Clip part.
    public init(value: String, caption: String? = nil) {
        self.value = value
        self.caption = caption
    }

    enum CodingKeys: String, CodingKey { case type, value, caption }

    /// Decodes an App Clip part.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decode(String.self, forKey: .value)
        caption = try container.decodeIfPresent(String.self, forKey: .caption)
    }

    /// Encodes the part with `type: "app_clip"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("app_clip", forKey: .type)
        try container.encode(value, forKey: .value)
        try container.encodeIfPresent(caption, forKey: .caption)
    }
}

/// The body of `PATCH /v3/messages/{messageId}`: replace the text of one part.
///
/// At most 5 edits within 15 minutes of sending, text parts only.
public struct EditMessageRequest: Codable, Hashable, Sendable {
    /// The new text.
    public var text: String
    /// The 0-based part to edit; Linq's default is 0.
    public var partIndex: Int?

    /// Creates the body.
    public init(text: String, partIndex: Int? = nil) {
        self.text = text
        self.partIndex = partIndex
    }

    enum CodingKeys: String, CodingKey {
        case text
        case partIndex = "part_index"
    }
}

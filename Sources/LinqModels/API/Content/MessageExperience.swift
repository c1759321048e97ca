/// An action on an experience rendered in Linq's iMessage app, sent instead of `parts`.
///
/// ```swift
/// let content = MessageContent(experience: MessageExperience(
///     name: "agentpay", action: "request_payment",
///     params: ["checkout_url": "https://pay.example.com/c/123"]))
/// ```
public struct MessageExperience: Codable, Hashable, Sendable {
    /// The experience, e.g. `agentpay`.
    public var name: String
    /// The action, e.g. `request_payment`.
    public var action: String
    /// The action's fields, keyed exactly as `GET /v3/experiences/{experience}` lists them.
    public var params: [String: JSONValue]?

    /// Creates an experience invocation.
    public init(name: String, action: String, params: [String: JSONValue]? = nil) {
        self.name = name
        self.action = action
        self.params = params
    }

    enum CodingKeys: String, CodingKey { case name, action, params }
}

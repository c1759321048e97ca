/// A body that names one handle: `{"handle": "+15555550123"}`.
///
/// Used to add or remove a participant, to stop a contact's location sharing and to unblock.
public struct HandleRequest: Codable, Hashable, Sendable {
    /// An E.164 phone number or an email address.
    public var handle: String

    /// Creates the body.
    public init(handle: String) {
        self.handle = handle
    }

    enum CodingKeys: String, CodingKey { case handle }
}

/// The body of `POST` and `DELETE /v3/chats/{chatId}/participants`.
public typealias ParticipantRequest = HandleRequest
/// The body of `DELETE /v3/chats/{chatId}/location`.
public typealias StopLocationSharingRequest = HandleRequest
/// The body of `DELETE /v3/blocked_handles`.
public typealias UnblockHandleRequest = HandleRequest

import Foundation
import LinqFixtures
import LinqModels
import Testing

/// Decodes a webhook fixture by file name.
func webhookFixture(_ name: String) throws -> WebhookEvent {
    try WebhookEvent.decode(from: Fixtures.data("linq-webhooks/\(name)"))
}

/// Parses a Linq timestamp, failing the test when it is not one.
func timestamp(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Date {
    try #require(LinqTimestamp.parse(text), sourceLocation: sourceLocation)
}

/// Decodes a body given as a string.
func decodeBody(_ json: String) throws(WebhookDecodingError) -> WebhookEvent {
    try WebhookEvent.decode(from: Data(json.utf8))
}

/// A minimal envelope around `data` for hand-written bodies.
func envelope(
    type: String, version: String = "2026-02-03", eventID: String = "00000000-0000-4000-8000-000000000001",
    data: String
) -> String {
    """
    {"api_version":"v3","webhook_version":"\(version)","event_type":"\(type)","event_id":"\(eventID)",
     "created_at":"2026-03-10T15:42:07.904113402Z","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736",
     "partner_id":"5d0c3f7a-91e2-4b6d-8a47-2c9e1f0b6a35","data":\(data)}
    """
}

/// The phone numbers of the fixture cast.
enum Cast {
    static let line = "+15555550100"
    static let secondLine = "+15555550101"
    static let alice = "+15555550123"
    static let bob = "+15555550147"
    static let carol = "+15555550188"
    static let dave = "+15555550199"
    static let dmChat: ChatID = "7c2e4a91-3b5d-4f80-9e16-a4d8c0b2f357"
    static let groupChat: ChatID = "e1b9d3f6-8a24-4c7e-b5f0-6d3a9c1e7b82"
    static let partnerID = "5d0c3f7a-91e2-4b6d-8a47-2c9e1f0b6a35"
}

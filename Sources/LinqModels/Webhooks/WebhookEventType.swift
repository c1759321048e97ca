/// The `event_type` of a webhook delivery.
///
/// Every type the SDK lists has a static member; types Linq adds later are kept as they arrive.
public struct WebhookEventType: LinqStringValue {
    /// The raw value as Linq spells it, e.g. `message.received`.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `message.sent`.
    public static let messageSent = WebhookEventType(rawValue: "message.sent")
    /// `message.received`.
    public static let messageReceived = WebhookEventType(rawValue: "message.received")
    /// `message.read`.
    public static let messageRead = WebhookEventType(rawValue: "message.read")
    /// `message.delivered`.
    public static let messageDelivered = WebhookEventType(rawValue: "message.delivered")
    /// `message.failed`.
    public static let messageFailed = WebhookEventType(rawValue: "message.failed")
    /// `message.edited`.
    public static let messageEdited = WebhookEventType(rawValue: "message.edited")
    /// `reaction.added`.
    public static let reactionAdded = WebhookEventType(rawValue: "reaction.added")
    /// `reaction.removed`.
    public static let reactionRemoved = WebhookEventType(rawValue: "reaction.removed")
    /// `poll.received`.
    public static let pollReceived = WebhookEventType(rawValue: "poll.received")
    /// `poll.failed`.
    public static let pollFailed = WebhookEventType(rawValue: "poll.failed")
    /// `poll.sent`.
    public static let pollSent = WebhookEventType(rawValue: "poll.sent")
    /// `poll.delivered`.
    public static let pollDelivered = WebhookEventType(rawValue: "poll.delivered")
    /// `poll.read`.
    public static let pollRead = WebhookEventType(rawValue: "poll.read")
    /// `poll.updated`.
    public static let pollUpdated = WebhookEventType(rawValue: "poll.updated")
    /// `poll.vote.added`.
    public static let pollVoteAdded = WebhookEventType(rawValue: "poll.vote.added")
    /// `poll.vote.removed`.
    public static let pollVoteRemoved = WebhookEventType(rawValue: "poll.vote.removed")
    /// `poll.reaction.added`.
    public static let pollReactionAdded = WebhookEventType(rawValue: "poll.reaction.added")
    /// `participant.added`.
    public static let participantAdded = WebhookEventType(rawValue: "participant.added")
    /// `participant.removed`.
    public static let participantRemoved = WebhookEventType(rawValue: "participant.removed")
    /// `chat.created`.
    public static let chatCreated = WebhookEventType(rawValue: "chat.created")
    /// `chat.group_name_updated`.
    public static let chatGroupNameUpdated = WebhookEventType(rawValue: "chat.group_name_updated")
    /// `chat.group_icon_updated`.
    public static let chatGroupIconUpdated = WebhookEventType(rawValue: "chat.group_icon_updated")
    /// `chat.group_name_update_failed`.
    public static let chatGroupNameUpdateFailed = WebhookEventType(rawValue: "chat.group_name_update_failed")
    /// `chat.group_icon_update_failed`.
    public static let chatGroupIconUpdateFailed = WebhookEventType(rawValue: "chat.group_icon_update_failed")
    /// `chat.background_updated`.
    public static let chatBackgroundUpdated = WebhookEventType(rawValue: "chat.background_updated")
    /// `chat.background_update_failed`.
    public static let chatBackgroundUpdateFailed = WebhookEventType(rawValue: "chat.background_update_failed")
    /// `chat.typing_indicator.started`.
    public static let chatTypingIndicatorStarted = WebhookEventType(rawValue: "chat.typing_indicator.started")
    /// `chat.typing_indicator.stopped`.
    public static let chatTypingIndicatorStopped = WebhookEventType(rawValue: "chat.typing_indicator.stopped")
    /// `phone_number.status_updated`.
    public static let phoneNumberStatusUpdated = WebhookEventType(rawValue: "phone_number.status_updated")
    /// `phone_number.assigned`.
    public static let phoneNumberAssigned = WebhookEventType(rawValue: "phone_number.assigned")
    /// `phone_number.released`.
    public static let phoneNumberReleased = WebhookEventType(rawValue: "phone_number.released")
    /// `contact_card.received`.
    public static let contactCardReceived = WebhookEventType(rawValue: "contact_card.received")
    /// `call.initiated`.
    public static let callInitiated = WebhookEventType(rawValue: "call.initiated")
    /// `call.ringing`.
    public static let callRinging = WebhookEventType(rawValue: "call.ringing")
    /// `call.answered`.
    public static let callAnswered = WebhookEventType(rawValue: "call.answered")
    /// `call.ended`.
    public static let callEnded = WebhookEventType(rawValue: "call.ended")
    /// `call.failed`.
    public static let callFailed = WebhookEventType(rawValue: "call.failed")
    /// `call.declined`.
    public static let callDeclined = WebhookEventType(rawValue: "call.declined")
    /// `call.no_answer`.
    public static let callNoAnswer = WebhookEventType(rawValue: "call.no_answer")
    /// `location.sharing.started`.
    public static let locationSharingStarted = WebhookEventType(rawValue: "location.sharing.started")
    /// `location.sharing.stopped`.
    public static let locationSharingStopped = WebhookEventType(rawValue: "location.sharing.stopped")
    /// `payment.succeeded`.
    public static let paymentSucceeded = WebhookEventType(rawValue: "payment.succeeded")
    /// `payment.canceled`.
    public static let paymentCanceled = WebhookEventType(rawValue: "payment.canceled")
    /// `payment.expired`.
    public static let paymentExpired = WebhookEventType(rawValue: "payment.expired")
    /// `payment.declined`.
    public static let paymentDeclined = WebhookEventType(rawValue: "payment.declined")
    /// `payment.authorized`.
    public static let paymentAuthorized = WebhookEventType(rawValue: "payment.authorized")
    /// `connection.created`.
    public static let connectionCreated = WebhookEventType(rawValue: "connection.created")
    /// `connection.revoked`.
    public static let connectionRevoked = WebhookEventType(rawValue: "connection.revoked")
    /// `zero_day_retention.updated`.
    public static let zeroDayRetentionUpdated = WebhookEventType(rawValue: "zero_day_retention.updated")
    /// `phone_number.forwarding_updated`.
    public static let phoneNumberForwardingUpdated = WebhookEventType(rawValue: "phone_number.forwarding_updated")
    /// `environment.line_moved`.
    public static let environmentLineMoved = WebhookEventType(rawValue: "environment.line_moved")
    /// `contact_card.created`.
    public static let contactCardCreated = WebhookEventType(rawValue: "contact_card.created")
    /// `contact_card.updated`.
    public static let contactCardUpdated = WebhookEventType(rawValue: "contact_card.updated")
    /// `contact_card.deleted`.
    public static let contactCardDeleted = WebhookEventType(rawValue: "contact_card.deleted")
    /// `api_token.created`.
    public static let apiTokenCreated = WebhookEventType(rawValue: "api_token.created")
    /// `api_token.renamed`.
    public static let apiTokenRenamed = WebhookEventType(rawValue: "api_token.renamed")
    /// `api_token.expiry_scheduled`.
    public static let apiTokenExpiryScheduled = WebhookEventType(rawValue: "api_token.expiry_scheduled")
    /// `api_token.expired`.
    public static let apiTokenExpired = WebhookEventType(rawValue: "api_token.expired")
    /// `api_token.activated`.
    public static let apiTokenActivated = WebhookEventType(rawValue: "api_token.activated")
    /// `api_token.deleted`.
    public static let apiTokenDeleted = WebhookEventType(rawValue: "api_token.deleted")
    /// `environment.created`.
    public static let environmentCreated = WebhookEventType(rawValue: "environment.created")
    /// `environment.renamed`.
    public static let environmentRenamed = WebhookEventType(rawValue: "environment.renamed")
    /// `environment.deleted`.
    public static let environmentDeleted = WebhookEventType(rawValue: "environment.deleted")
    /// `webhook_subscription.created`.
    public static let webhookSubscriptionCreated = WebhookEventType(rawValue: "webhook_subscription.created")
    /// `webhook_subscription.deleted`.
    public static let webhookSubscriptionDeleted = WebhookEventType(rawValue: "webhook_subscription.deleted")
    /// `webhook_subscription.target_url_changed`.
    public static let webhookSubscriptionTargetUrlChanged = WebhookEventType(rawValue: "webhook_subscription.target_url_changed")
    /// `webhook_subscription.enabled`.
    public static let webhookSubscriptionEnabled = WebhookEventType(rawValue: "webhook_subscription.enabled")
    /// `webhook_subscription.disabled`.
    public static let webhookSubscriptionDisabled = WebhookEventType(rawValue: "webhook_subscription.disabled")
    /// `webhook_subscription.events.updated`.
    public static let webhookSubscriptionEventsUpdated = WebhookEventType(rawValue: "webhook_subscription.events.updated")
    /// `webhook_subscription.phone_numbers.updated`.
    public static let webhookSubscriptionPhoneNumbersUpdated = WebhookEventType(rawValue: "webhook_subscription.phone_numbers.updated")
    /// `webhook_subscription.routing_headers_set`.
    public static let webhookSubscriptionRoutingHeadersSet = WebhookEventType(rawValue: "webhook_subscription.routing_headers_set")
    /// `webhook_subscription.routing_headers_cleared`.
    public static let webhookSubscriptionRoutingHeadersCleared = WebhookEventType(rawValue: "webhook_subscription.routing_headers_cleared")
    /// `team_member.added`.
    public static let teamMemberAdded = WebhookEventType(rawValue: "team_member.added")
    /// `team_member.signed_in`.
    public static let teamMemberSignedIn = WebhookEventType(rawValue: "team_member.signed_in")
    /// `team_member.signed_out`.
    public static let teamMemberSignedOut = WebhookEventType(rawValue: "team_member.signed_out")

    /// Every event type the Linq SDK lists, in its order.
    public static let allKnown: [WebhookEventType] = [
        .messageSent,
        .messageReceived,
        .messageRead,
        .messageDelivered,
        .messageFailed,
        .messageEdited,
        .reactionAdded,
        .reactionRemoved,
        .pollReceived,
        .pollFailed,
        .pollSent,
        .pollDelivered,
        .pollRead,
        .pollUpdated,
        .pollVoteAdded,
        .pollVoteRemoved,
        .pollReactionAdded,
        .participantAdded,
        .participantRemoved,
        .chatCreated,
        .chatGroupNameUpdated,
        .chatGroupIconUpdated,
        .chatGroupNameUpdateFailed,
        .chatGroupIconUpdateFailed,
        .chatBackgroundUpdated,
        .chatBackgroundUpdateFailed,
        .chatTypingIndicatorStarted,
        .chatTypingIndicatorStopped,
        .phoneNumberStatusUpdated,
        .phoneNumberAssigned,
        .phoneNumberReleased,
        .contactCardReceived,
        .callInitiated,
        .callRinging,
        .callAnswered,
        .callEnded,
        .callFailed,
        .callDeclined,
        .callNoAnswer,
        .locationSharingStarted,
        .locationSharingStopped,
        .paymentSucceeded,
        .paymentCanceled,
        .paymentExpired,
        .paymentDeclined,
        .paymentAuthorized,
        .connectionCreated,
        .connectionRevoked,
        .zeroDayRetentionUpdated,
        .phoneNumberForwardingUpdated,
        .environmentLineMoved,
        .contactCardCreated,
        .contactCardUpdated,
        .contactCardDeleted,
        .apiTokenCreated,
        .apiTokenRenamed,
        .apiTokenExpiryScheduled,
        .apiTokenExpired,
        .apiTokenActivated,
        .apiTokenDeleted,
        .environmentCreated,
        .environmentRenamed,
        .environmentDeleted,
        .webhookSubscriptionCreated,
        .webhookSubscriptionDeleted,
        .webhookSubscriptionTargetUrlChanged,
        .webhookSubscriptionEnabled,
        .webhookSubscriptionDisabled,
        .webhookSubscriptionEventsUpdated,
        .webhookSubscriptionPhoneNumbersUpdated,
        .webhookSubscriptionRoutingHeadersSet,
        .webhookSubscriptionRoutingHeadersCleared,
        .teamMemberAdded,
        .teamMemberSignedIn,
        .teamMemberSignedOut,
    ]
}

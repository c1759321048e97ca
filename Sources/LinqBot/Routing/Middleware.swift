/// Runs around every inbound event before the router, in the order added; skip `next` to stop.
///
/// ```swift
/// struct OnlyBusinessHours: InboundMiddleware {
///     func handle(_ context: ChatContext, next: (ChatContext) async throws -> Void) async throws {
///         guard isOpen() else { return try await context.reply("We are closed; back at 9.") }
///         try await next(context)
///     }
/// }
/// ```
public protocol InboundMiddleware: Sendable {
    /// Handles the event; call `next` to continue the chain.
    func handle(_ context: ChatContext, next: (ChatContext) async throws -> Void) async throws
}

/// Runs around every outbound action (messages, reactions, typing, read marks, contact cards),
/// whatever sent it; skip `next` to refuse the action.
public protocol OutboundMiddleware: Sendable {
    /// Handles the action; call `next` to send it.
    func handle(
        _ action: OutboundAction, context: ChatContext, next: (OutboundAction) async throws -> OutboundResult
    ) async throws -> OutboundResult
}

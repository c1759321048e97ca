/// Handles an event for one chat.
public typealias EventHandler = @Sendable (ChatContext) async throws -> Void

/// Routes events to handlers by kind and filters, in the order routes were added; the first
/// match wins. Sub-routers mount whole groups of routes behind a filter.
///
/// ```swift
/// var router = Router()
/// router.on(.text, .keyword("HELP")) { ctx in try await ctx.reply("Reply STOP to opt out.") }
/// router.onText { ctx, text in try await ctx.reply("You said: \(text)") }
/// ```
public struct Router: Sendable {
    struct Route: Sendable {
        var kinds: Set<EventKind>?
        var filter: EventFilter
        var handler: EventHandler?
        /// A mounted router (an array: a struct cannot hold itself directly).
        var subrouter: [Router] = []
    }

    var routes: [Route] = []
    /// Called when a handler throws, before the runtime retries the event; rethrow to retry.
    public var errorHandler: (@Sendable (any Error, ChatContext) async throws -> Void)?

    /// Creates an empty router.
    public init() {}

    /// Handles events of `kind` that pass `filter`.
    public mutating func on(_ kind: EventKind, _ filter: EventFilter = .any, handler: @escaping EventHandler) {
        routes.append(Route(kinds: [kind], filter: filter, handler: handler))
    }

    /// Handles events of any of `kinds` that pass `filter`.
    public mutating func on(_ kinds: Set<EventKind>, _ filter: EventFilter = .any, handler: @escaping EventHandler) {
        routes.append(Route(kinds: kinds, filter: filter, handler: handler))
    }

    /// Handles inbound text, with the text.
    public mutating func onText(_ filter: EventFilter = .any, handler: @escaping @Sendable (ChatContext, String) async throws -> Void) {
        on(.text, filter) { context in try await handler(context, context.text ?? "") }
    }

    /// Mounts `router`'s routes behind `filter`.
    public mutating func add(_ router: Router, when filter: EventFilter = .any) {
        routes.append(Route(kinds: nil, filter: filter, handler: nil, subrouter: [router]))
    }

    /// Runs the first matching handler; returns whether one ran.
    @discardableResult
    public func route(_ context: ChatContext) async throws -> Bool {
        for route in routes {
            if let kinds = route.kinds, !kinds.contains(context.kind) { continue }
            guard route.filter.test(context) else { continue }
            if let inner = route.subrouter.first {
                // A sub-router that handles nothing lets the routes after it try.
                if try await inner.route(context) { return true }
                continue
            }
            guard let handler = route.handler else { continue }
            do {
                try await handler(context)
            } catch {
                guard let errorHandler else { throw error }
                try await errorHandler(error, context)
            }
            return true
        }
        return false
    }
}

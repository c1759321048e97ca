import LinqModels
import Synchronization

extension Bot {
    /// Registers `flow`. With `startWhen`, an inbound message that passes the filter in a chat
    /// that is in no flow starts it (after the global routes had their turn). A chat is in at
    /// most one flow at a time; flows are also started with ``ChatContext/startFlow(_:data:)``
    /// and, from business code, ``startFlow(_:in:data:)`` or ``startFlow(_:with:from:data:timeZone:at:)``.
    public func add<State: FlowState, Data: Codable & Sendable>(_ flow: Flow<State, Data>, startWhen filter: EventFilter? = nil) {
        parts.withLock { parts in
            precondition(parts.flows[flow.name] == nil, "LinqBot: two flows are called \"\(flow.name)\"; flow names must be unique")
            parts.flows[flow.name] = flow
            if let filter { parts.triggers.append((flow.name, filter)) }
        }
    }

    /// Global routes: they see every event before a chat's flow (and before the other
    /// routes), for HELP, cancel or "talk to a person".
    ///
    /// ```swift
    /// bot.global { routes in
    ///     routes.on(.text, .keyword("CANCEL")) { ctx in
    ///         try await ctx.endFlow()
    ///         try await ctx.reply("Cancelled.")
    ///     }
    /// }
    /// ```
    public func global(_ configure: (inout Router) -> Void) {
        parts.withLock { configure(&$0.global) }
    }

    /// Receives the events of chats handed to a person (the bot's handlers stay silent there),
    /// so a dashboard or CRM can follow the conversation.
    public func observeHandedOff(_ observer: @escaping EventHandler) {
        parts.withLock { $0.observer = observer }
    }

    /// The registered flow called `name`.
    func flow(named name: String) -> (any FlowDriver)? { parts.withLock { $0.flows[name] } }

    /// The burst policy for a chat in `flow` (or in none).
    func burstPolicy(inFlow flow: String?) -> BurstPolicy {
        flow.flatMap { self.flow(named: $0)?.burstPolicy } ?? configuration.burst
    }
}

import LinqModels
import Synchronization

extension Bot {
    /// Registers `flow`. With `startWhen`, an inbound message that passes the filter in a chat
    /// that is in no flow starts it (after the global routes had their turn). A chat is in at
    /// most one flow at a time; flows are also started with ``ChatContext/startFlow(_:data:)``
    /// and, from business code, ``BotApplication/startFlow(_:in:data:timeZone:at:key:)`` or ``BotApplication/startFlow(_:with:from:data:timeZone:at:key:)``.
    public func add<State: FlowState, Data: Codable & Sendable>(_ flow: Flow<State, Data>, startWhen filter: EventFilter? = nil) {
        register("a flow") { parts in
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
        register("a global route") { configure(&$0.global) }
    }

    /// Receives the events of chats handed to a person (the bot's handlers stay silent there),
    /// so a dashboard or CRM can follow the conversation.
    public func observeHandedOff(_ observer: @escaping EventHandler) {
        register("a hand-off observer") { $0.observer = observer }
    }
}

import Foundation

/// A built bot: its routes, flows, middleware and line health, frozen by ``Bot/build()``. It is
/// immutable, so every worker reads it without a lock, and whatever the application runs is
/// exactly what was registered before it started.
public struct BotResponder: Sendable {
    /// The bot's settings.
    public let configuration: Bot.Configuration
    let router: Router
    let global: Router
    /// Line health's inbound part first (when on), then the bot's own, in the order added.
    let inbound: [any InboundMiddleware]
    let outbound: [any OutboundMiddleware]
    let flows: [String: any FlowDriver]
    let triggers: [(flow: String, filter: EventFilter)]
    let observer: EventHandler?
    let lineHealth: LineHealthEngine?
    /// Why line health is off, when the author turned it off.
    let lineHealthOffReason: String?
    /// The line pool's settings.
    public let linePool: LinePoolConfiguration
    let lineStatusHandler: (@Sendable (LineStatusChange) async throws -> Void)?

    init(configuration: Bot.Configuration, parts: Bot.Parts) {
        self.configuration = configuration
        router = parts.router
        global = parts.global
        outbound = parts.outbound
        flows = parts.flows
        triggers = parts.triggers
        observer = parts.observer
        lineHealthOffReason = parts.lineHealthOffReason
        linePool = parts.linePool
        lineStatusHandler = parts.lineStatusHandler
        let engine = parts.lineHealth.map { LineHealthEngine(configuration: $0) }
        lineHealth = engine
        inbound = (engine.map { [LineHealthInbound(engine: $0)] } ?? []) + parts.inbound
    }

    /// The line-health settings in force, or `nil` when the author turned it off.
    public var lineHealthConfiguration: LineHealthConfiguration? { lineHealth?.configuration }

    /// What is weaker than the defaults, one phrase each, for the start-up warning: line health
    /// as a whole, or each rule that is off.
    public var relaxedRules: [String] {
        guard let configuration = lineHealth?.configuration else {
            return ["line health is OFF (\(lineHealthOffReason ?? "turned off in code")): no opt-out, pacing or budgets"]
        }
        var off: [String] = []
        if configuration.quietHours == nil { off.append("quiet hours are off") }
        let defaults = LineHealthConfiguration()
        if let limit = configuration.followUpLimit, let standard = defaults.followUpLimit, limit > standard {
            off.append("the follow-up guard allows \(limit) unanswered messages, above the default \(standard)")
        } else if configuration.followUpLimit == nil {
            off.append("the follow-up guard is off")
        }
        if configuration.typing == nil { off.append("typing indicators are off") }
        if !configuration.shareContactCard { off.append("the daily contact card is off") }
        if configuration.dailyLineBudget > defaults.dailyLineBudget {
            off.append("the daily line budget is \(configuration.dailyLineBudget), above Linq's recommended \(defaults.dailyLineBudget)")
        }
        let pacing = configuration.pacing
        if pacing.pairLimit > defaults.pacing.pairLimit || pacing.pairWindow < defaults.pacing.pairWindow {
            off.append("the per-pair pace is \(pacing.pairLimit) per \(Int(pacing.pairWindow.seconds)) s, faster than the default")
        }
        return off
    }

    /// The registered flow called `name`.
    func flow(named name: String) -> (any FlowDriver)? { flows[name] }

    /// The burst policy for a chat in `flow` (or in none).
    func burstPolicy(inFlow flow: String?) -> BurstPolicy {
        flow.flatMap { self.flow(named: $0)?.burstPolicy } ?? configuration.burst
    }
}

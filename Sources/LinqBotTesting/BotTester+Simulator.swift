import Foundation
import LinqBot
import LinqModels
public import LinqSimulator

/// Changing the simulated Linq's rules during a test, and reading its log of calls.
extension BotTester {
    /// Every call of ours that reached people or changed a chat (messages, voice memos, edits,
    /// deletes, typing, read marks, cards, tapbacks, group changes, location requests), refused
    /// ones included, oldest first; only those reaching `handle` when given.
    public func requests(involving handle: String? = nil) -> [SimulatorLoggedRequest] {
        simulator.requests(involving: handle)
    }

    /// Message sends to `handle` (the default person) the simulator accepted, oldest first.
    public func acceptedSends(to handle: String? = nil) -> [SimulatorLoggedRequest] {
        requests(involving: handle ?? person).filter { $0.kind == .message && (200..<300).contains($0.status) }
    }

    /// The files the bot uploaded (media it sent from bytes or files), oldest first.
    public func uploadedFiles() -> [SimulatorUploadedFile] {
        simulator.uploadedFiles()
    }

    /// Whether the simulator applies Linq's own opt-out rule (403 / 2024). Turn it off to prove
    /// that the bot's own opt-out layer is what stops the sends.
    public func simulatorEnforcesOptOut(_ enforce: Bool) async throws {
        try await control("POST", "/sim/rules", ["enforce_opt_out": .bool(enforce)])
    }

    /// Answers every message send 429 / 1007 with `Retry-After: retryAfter` seconds for `duration` of virtual time.
    public func rateLimitEverySend(for duration: Duration, retryAfter: Int) async throws {
        try await control("POST", "/sim/rules", ["rate_limit_seconds": .number(duration.seconds), "retry_after": .number(Double(retryAfter))])
    }

    /// Flags our line (`line`, else the tester's; Linq sends `phone_number.status_updated` to
    /// FLAGGED), or makes it ACTIVE again.
    public func flagLine(_ flagged: Bool, line: String? = nil) async throws {
        try await control("POST", "/sim/lines/\(line ?? self.line)/\(flagged ? "flag" : "unflag")", [:])
        try await settleWebhooks()
    }

    /// A person's capabilities (iMessage, RCS, SMS); a person without iMessage gets SMS chats.
    public func setCapabilities(of handle: String? = nil, iMessage: Bool, rcs: Bool = false, sms: Bool = true) async throws {
        try await control("PUT", "/sim/handles/\(handle ?? person)/capabilities", ["imessage": .bool(iMessage), "rcs": .bool(rcs), "sms": .bool(sms)])
    }

    private func control(_ method: String, _ path: String, _ body: [String: JSONValue]) async throws {
        try await simulate(method, path, body: try JSONEncoder().encode(body))
    }
}

extension Duration {
    fileprivate var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

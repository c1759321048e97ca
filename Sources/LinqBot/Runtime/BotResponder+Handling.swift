import Foundation
import LinqAPI
import LinqModels
import Logging
import Synchronization

extension BotResponder {
    /// Runs one event: inbound middleware, then commands, hand-off, flow timeouts, the global
    /// routes, the chat's flow, flow triggers and the routes, in that order.
    func handle(_ context: ChatContext) async throws {
        func step(_ index: Int, _ context: ChatContext) async throws {
            guard index < inbound.count else { return try await core(context) }
            try await inbound[index].handle(context) { try await step(index + 1, $0) }
        }
        try await step(0, context)
    }

    private func core(_ context: ChatContext) async throws {
        // A person has the chat: timers (scheduled work included) wait for the hand-back.
        if context.isHandedOff, let timer = context.timer { return context.holdFiredTimer(timer) }
        if let command = context.command { return try await execute(command, context) }
        if context.isHandedOff { return try await observer?(context) ?? () }
        if let timer = context.timer, timer.name.hasPrefix(FlowTimeoutMark.prefix) {
            guard let record = context.flowRecord, let mark = try? timer.payload?.decode(as: FlowTimeoutMark.self),
                  let flow = flows[record.flow] else { return }
            return try await flow.timeout(context, record: record, mark: mark)
        }
        if try await global.route(context) { return }
        if let record = context.flowRecord {
            if let flow = flows[record.flow] {
                if flow.takes(context.kind), try await flow.handle(context, record: record) { return }
            } else {
                try await context.resetFlow(reason: "flow \"\(record.flow)\" is not part of this build")
            }
        }
        if context.flowRecord == nil, !context.isProactive {
            for trigger in triggers {
                guard let flow = flows[trigger.flow], flow.takes(context.kind), trigger.filter.test(context) else { continue }
                return try await flow.start(context, data: nil)
            }
        }
        try await router.route(context)
    }

    /// Runs a command from business code, the admin API or a scheduled timer.
    private func execute(_ command: BotCommand, _ context: ChatContext) async throws {
        if let zone = command.timeZone { context.setTimeZone(TimeZone(identifier: zone)) }
        switch command.action {
        case .send:
            guard let content = command.content else { throw BotCommandError.missing("content", command.action) }
            guard !context.isHandedOff else {
                context.logger.notice("a proactive send to a handed-off chat was dropped")
                return
            }
            try await context.reply(content)
        case .startFlow:
            guard let name = command.flow, let flow = flow(named: name) else { throw BotCommandError.unknownFlow(command.flow ?? "") }
            guard !context.isHandedOff else {
                context.logger.notice("a flow start in a handed-off chat was dropped", metadata: ["linq.flow": "\(name)"])
                return
            }
            try await flow.start(context, data: command.data)
            if command.chatID == nil { try await handOver(context, command: command) }
        case .adoptFlow:
            guard let name = command.flow, let flow = flow(named: name), let state = command.state, let data = command.data else {
                throw BotCommandError.unknownFlow(command.flow ?? "")
            }
            let record = FlowRecord(flow: name, state: state, data: data, entry: command.entry ?? 1, enteredAt: context.now)
            try await flow.adopt(context, record: record)
        case .endFlow:
            try await context.endFlow()
        case .handOff:
            try await context.handOff(reason: command.reason)
        case .handBack:
            try await context.handBack()
        }
    }

    /// After a flow's first state was entered in a handle's queue (where the chat did not exist
    /// yet), moves the flow to the chat's own queue.
    private func handOver(_ context: ChatContext, command: BotCommand) async throws {
        guard let record = context.flowRecord else { return }
        var chat = context.chatID
        if chat == nil, let line = command.line, let handle = command.handle {
            chat = try await context.client.chats.list(from: line, to: handle, limit: 1).chats.first?.id
        }
        guard let chat else { throw BotCommandError.noChat(command.handle ?? "") }
        var adopt = BotCommand(action: .adoptFlow, chatID: chat.rawValue)
        adopt.flow = record.flow
        adopt.state = record.state
        adopt.data = record.data
        adopt.entry = record.entry
        adopt.timeZone = command.timeZone
        context.flowRecord = nil
        _ = try await context.store.append(adopt.inboxEvent(id: "adopt:\(context.event.eventID.rawValue)", at: context.now))
        context.environment.wake()
    }
}

/// Why a command could not run (it is dead-lettered: running it again would not help).
public enum BotCommandError: Error, Sendable, Hashable {
    /// No flow of that name is registered.
    case unknownFlow(String)
    /// The command lacks a field its action needs.
    case missing(String, String)
    /// A flow started for a handle sent no first message and the handle has no chat to run it in.
    case noChat(String)
    /// Line health or an outbound middleware refused the send, with the reason.
    case refused(String)
    /// The data given for a flow start does not decode as the flow's data.
    case invalidData(flow: String, reason: String)
}

extension BotCommandError {
    static func missing(_ field: String, _ action: BotCommand.Action) -> BotCommandError { .missing(field, action.rawValue) }
}

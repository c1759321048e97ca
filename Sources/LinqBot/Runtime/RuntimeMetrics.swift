import Metrics

/// The runtime's metrics, through swift-metrics: whatever backend the host bootstraps (the
/// server module exposes Prometheus text at `/metrics`) receives them; with none, they cost
/// almost nothing.
///
/// | Name | Kind | Dimensions |
/// | --- | --- | --- |
/// | `linqbot_webhooks_total` | counter | `status` (HTTP status answered) |
/// | `linqbot_webhook_ack_seconds` | timer | |
/// | `linqbot_events_total` | counter | `outcome`: `done`, `retried`, `dead`, `lease_lost`, `own`, `deferred` (a burst still coming), `held` (line health: later), `circuit_open` (held until the Linq circuit breaker lets writes through; see `LinqCircuitBreaker`) |
/// | `linqbot_handler_seconds` | timer | |
/// | `linqbot_outbound_total` | counter | `action` (see `OutboundAction.Kind.metricName`), `result`: `accepted`, `refused`, `failed`, `circuit_open` (not sent: the Linq circuit breaker is open) |
/// | `linqbot_inbox_pending` | gauge | |
/// | `linqbot_pruned_total` | counter | `what`: `inbox`, `dedup_keys`, `sent_messages`, `counters`, `sessions` |
/// | `linqbot_flow_resets_total` | counter | |
/// | `linqbot_leases_freed_total` | counter | `reason`: `start` (an earlier process's), `dead_instance`, `stop` |
/// | `linqbot_instances_declared_dead_total` | counter | |
enum RuntimeMetrics {
    static func webhook(status: Int, duration: Duration) {
        Counter(label: "linqbot_webhooks_total", dimensions: [("status", "\(status)")]).increment()
        Timer(label: "linqbot_webhook_ack_seconds").record(duration: duration)
    }

    static func event(_ outcome: String) {
        Counter(label: "linqbot_events_total", dimensions: [("outcome", outcome)]).increment()
    }

    static func handler(_ duration: Duration) {
        Timer(label: "linqbot_handler_seconds").record(duration: duration)
    }

    static func outbound(_ action: OutboundAction.Kind, result: String) {
        Counter(label: "linqbot_outbound_total", dimensions: [("action", action.metricName), ("result", result)]).increment()
    }

    static func leasesFreed(_ count: Int, reason: String) {
        guard count > 0 else { return }
        Counter(label: "linqbot_leases_freed_total", dimensions: [("reason", reason)]).increment(by: count)
    }

    static func instancesDeclaredDead(_ count: Int) {
        guard count > 0 else { return }
        Counter(label: "linqbot_instances_declared_dead_total").increment(by: count)
    }

    static func flowReset() {
        Counter(label: "linqbot_flow_resets_total").increment()
    }

    static func pending(_ count: Int) {
        Gauge(label: "linqbot_inbox_pending").record(count)
    }

    static func pruned(_ report: PruneReport) {
        for (what, count) in [
            ("inbox", report.inboxRows), ("dedup_keys", report.dedupKeys), ("sent_messages", report.sentMessages), ("counters", report.counters),
            ("sessions", report.sessions),
        ] {
            Counter(label: "linqbot_pruned_total", dimensions: [("what", what)]).increment(by: count)
        }
    }
}

extension OutboundAction.Kind {
    /// A short name for logs and metrics.
    public var metricName: String {
        switch self {
        case .message: "message"
        case .voiceMemo: "voice_memo"
        case .autoFromMessage: "auto_from_message"
        case .edit: "edit"
        case .delete: "delete"
        case .reaction: "reaction"
        case .stickerMove: "sticker_move"
        case .appCardUpdate: "app_card_update"
        case .typing: "typing"
        case .markRead: "mark_read"
        case .shareContactCard: "contact_card"
        case .participantAdded: "participant_added"
        case .participantRemoved: "participant_removed"
        case .chatUpdate: "chat_update"
        case .leave: "leave"
        case .locationRequest: "location_request"
        case .locationStop: "location_stop"
        }
    }
}

import Metrics

/// Line health's metrics, next to the runtime's (see `RuntimeMetrics`).
///
/// | Name | Kind | Dimensions |
/// | --- | --- | --- |
/// | `linqbot_line_health_total` | counter | `rule` (`opt_out`, `quiet_hours`, `follow_up`, `flagged_line`, `daily_budget`, `stale`, `pacing`, `contact_card`, `rate_limited`, `first_message`, `deleted_key`, `chat_health`, `response_rate`), `outcome` (`refused`, `held`, `dead`, `retried`, `possible`, `spent`) |
/// | `linqbot_opt_outs_total` | counter | `change`: `out`, `in` |
/// | `linqbot_pacing_wait_seconds` | timer | |
/// | `linqbot_line_messages_total` | counter | `line`, `direction`: `inbound`, `outbound` |
/// | `linqbot_line_reply_ratio` | gauge | `line`: inbound (messages and tapbacks) ÷ outbound messages since start |
/// | `linqbot_line_response_rate` | gauge | `line`: answered ÷ outreaches over 7 days (see `ResponseRate`) |
/// | `linqbot_chat_health_total` | counter | `status`: the `health_status` a chat changed to |
/// | `linqbot_sms_segments` | recorder | segments of each SMS text |
/// | `linqbot_contact_cards_total` | counter | `outcome`: `shared`, `no_card`, `failed` |
enum LineHealthMetrics {
    static func rule(_ rule: String, _ outcome: String) {
        Counter(label: "linqbot_line_health_total", dimensions: [("rule", rule), ("outcome", outcome)]).increment()
    }

    static func optOutChange(_ change: String) {
        Counter(label: "linqbot_opt_outs_total", dimensions: [("change", change)]).increment()
    }

    static func pacingWait(_ duration: Duration) {
        Timer(label: "linqbot_pacing_wait_seconds").record(duration: duration)
    }

    static func message(line: String, inbound: Bool) {
        Counter(label: "linqbot_line_messages_total", dimensions: [("line", line), ("direction", inbound ? "inbound" : "outbound")]).increment()
    }

    static func replyRatio(line: String, _ ratio: Double) {
        Gauge(label: "linqbot_line_reply_ratio", dimensions: [("line", line)]).record(ratio)
    }

    static func responseRate(line: String, _ rate: Double) {
        Gauge(label: "linqbot_line_response_rate", dimensions: [("line", line)]).record(rate)
    }

    static func chatHealth(_ status: String) {
        Counter(label: "linqbot_chat_health_total", dimensions: [("status", status)]).increment()
    }

    static func smsSegments(_ count: Int) {
        Recorder(label: "linqbot_sms_segments").record(count)
    }

    static func contactCard(_ outcome: String) {
        Counter(label: "linqbot_contact_cards_total", dimensions: [("outcome", outcome)]).increment()
    }
}

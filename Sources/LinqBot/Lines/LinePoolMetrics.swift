import LinqModels
import Metrics

/// The line pool's gauges, recorded whenever a line is looked at (a choice, `GET /admin/lines`,
/// a status change).
///
/// | Name | Kind | Dimensions |
/// | --- | --- | --- |
/// | `linqbot_line_flagged` | gauge | `line`: 1 while FLAGGED, else 0 |
/// | `linqbot_line_messages_today` | gauge | `line`: messages today (UTC) against the budget |
/// | `linqbot_line_budget_left` | gauge | `line`: messages left in today's budget |
/// | `linqbot_line_pool_response_rate` | gauge | `line`: the 7-day response rate (when there are outreaches) |
/// | `linqbot_line_people` | gauge | `line`: people assigned |
/// | `linqbot_line_assignments_total` | counter | `line`: people the pool gave the line |
enum LinePoolMetrics {
    static func record(_ report: LineReport) {
        let line = [("line", report.line)]
        status(line: report.line, flagged: report.status == .flagged)
        Gauge(label: "linqbot_line_messages_today", dimensions: line).record(report.messagesToday)
        Gauge(label: "linqbot_line_budget_left", dimensions: line).record(report.budgetLeft)
        if let rate = report.responseRate { Gauge(label: "linqbot_line_pool_response_rate", dimensions: line).record(rate) }
        Gauge(label: "linqbot_line_people", dimensions: line).record(report.people)
    }

    static func status(line: String, flagged: Bool) {
        Gauge(label: "linqbot_line_flagged", dimensions: [("line", line)]).record(flagged ? 1 : 0)
    }

    static func assigned(line: String) {
        Counter(label: "linqbot_line_assignments_total", dimensions: [("line", line)]).increment()
    }
}

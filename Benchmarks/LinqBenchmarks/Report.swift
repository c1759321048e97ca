import Foundation

/// How results are printed: a header per case, aligned figures, and a verdict beside each
/// figure that has a target.
enum Report {
    static func header(_ title: String) {
        print("\n== \(title)")
        print("  (machine load average over the last minute: \(loadAverage))")
    }

    /// The first field of `/proc/loadavg`: other work on the machine skews every figure.
    static var loadAverage: String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "unknown"
    }

    static func line(_ text: String) {
        print("  \(text)")
    }

    /// `value` against an upper bound: "12.3 ms  (target ≤ 10 ms)  FAIL".
    @discardableResult
    static func check(_ label: String, _ value: Double, atMost limit: Double, unit: String, digits: Int = 2) -> Bool {
        verdict(label, value, limit: limit, unit: unit, digits: digits, passed: value <= limit, sign: "≤")
    }

    /// `value` against a lower bound.
    @discardableResult
    static func check(_ label: String, _ value: Double, atLeast limit: Double, unit: String, digits: Int = 0) -> Bool {
        verdict(label, value, limit: limit, unit: unit, digits: digits, passed: value >= limit, sign: "≥")
    }

    private static func verdict(_ label: String, _ value: Double, limit: Double, unit: String, digits: Int, passed: Bool, sign: String) -> Bool {
        let figure = "\(format(value, digits)) \(unit)".padding(toLength: 16, withPad: " ", startingAt: 0)
        let target = "(target \(sign) \(format(limit, digits)) \(unit))".padding(toLength: 28, withPad: " ", startingAt: 0)
        print("  \(label.padding(toLength: 34, withPad: " ", startingAt: 0)) \(figure) \(target) \(passed ? "PASS" : "FAIL")")
        return passed
    }

    static func format(_ value: Double, _ digits: Int) -> String {
        let text = String(format: "%.\(digits)f", value)
        guard digits == 0, abs(value) >= 10_000 else { return text }
        // Thousands separators for big whole numbers.
        var out = ""
        for (index, character) in text.reversed().enumerated() {
            if index > 0, index % 3 == 0, character != "-" { out.append(",") }
            out.append(character)
        }
        return String(out.reversed())
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    /// The duration in milliseconds, as a `Double`.
    var inMilliseconds: Double { inSeconds * 1000 }
}

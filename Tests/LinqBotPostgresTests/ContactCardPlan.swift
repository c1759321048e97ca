import Foundation

/// One F9 trial: a person, the minutes (from the start of the run) at which they write, and
/// the message before which they opt out, if they do.
struct ContactCardPlan {
    let handle: String
    let minutes: [Int]
    let stopAt: Int?

    /// `count` people, each with 100 messages 1 to 28 minutes apart from a random minute of
    /// the first six hours; half of them opt out at a random message.
    static func random(count: Int) -> [ContactCardPlan] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { trial in
            var minute = Int.random(in: 0..<360, using: &generator)
            var minutes: [Int] = []
            for _ in 0..<100 {
                minutes.append(minute)
                minute += Int.random(in: 1...28, using: &generator)
            }
            let stopAt = Bool.random(using: &generator) ? Int.random(in: 0..<100, using: &generator) : nil
            return ContactCardPlan(handle: String(format: "+1555557%04d", trial), minutes: minutes, stopAt: stopAt)
        }
    }

    /// The minutes at which someone writes, in order, each with the (trial, message index)
    /// pairs due then.
    static func schedule(_ plans: [ContactCardPlan]) -> [(minute: Int, messages: [(trial: Int, index: Int)])] {
        var due: [Int: [(trial: Int, index: Int)]] = [:]
        for (trial, plan) in plans.enumerated() {
            for (index, minute) in plan.minutes.enumerated() { due[minute, default: []].append((trial, index)) }
        }
        return due.keys.sorted().map { ($0, due[$0] ?? []) }
    }
}

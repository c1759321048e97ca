import Foundation

/// The states of a ``LinqCircuitBreaker`` and the rules between them, with time passed in:
/// no clock, no locks, no I/O.
struct CircuitBreakerMachine: Sendable {
    /// Where the breaker stands.
    enum Phase: Sendable, Equatable {
        /// Calls pass; their outcomes are counted in the window.
        case closed
        /// Calls are refused until the date.
        case open(until: Date)
        /// Probe calls pass, up to the policy's number; the rest are refused.
        case halfOpen(admitted: Int, succeeded: Int)
    }

    /// Permission for one call, tied to the phase it was given in.
    struct Ticket: Sendable {
        let generation: Int
        let isProbe: Bool
    }

    /// What ``admit(now:)`` decided.
    enum Admission: Sendable {
        case pass(Ticket)
        case refuse(until: Date)
    }

    /// Counts of one second of the window.
    private struct Bucket: Sendable {
        var calls = 0
        var failures = 0
    }

    let policy: CircuitBreakerPolicy
    private(set) var phase: Phase = .closed
    /// Bumped at every transition, so a call admitted in an earlier phase is not counted in a later one.
    private var generation = 0
    /// Outcomes of the closed phase, per whole second since 1970.
    private var buckets: [Int: Bucket] = [:]

    init(policy: CircuitBreakerPolicy) { self.policy = policy }

    /// Lets a call through or refuses it; an open breaker whose time is up half-opens here.
    /// Returns the transition it made, if any, beside the decision.
    mutating func admit(now: Date) -> (Admission, transition: Phase?) {
        var transition: Phase?
        if case .open(let until) = phase, now >= until {
            move(to: .halfOpen(admitted: 0, succeeded: 0))
            transition = phase
        }
        switch phase {
        case .closed:
            return (.pass(Ticket(generation: generation, isProbe: false)), transition)
        case .open(let until):
            return (.refuse(until: until), transition)
        case .halfOpen(let admitted, let succeeded):
            guard admitted < policy.probes else { return (.refuse(until: now.addingTimeInterval(policy.probeWait.seconds)), transition) }
            phase = .halfOpen(admitted: admitted + 1, succeeded: succeeded)
            return (.pass(Ticket(generation: generation, isProbe: true)), transition)
        }
    }

    /// Counts the outcome of a call admitted with `ticket`. Returns the new phase when the
    /// outcome moved the breaker.
    mutating func record(_ ticket: Ticket, failed: Bool, now: Date) -> Phase? {
        guard ticket.generation == generation else { return nil }
        switch phase {
        case .closed:
            let second = Int(now.timeIntervalSince1970.rounded(.down))
            buckets[second, default: Bucket()].calls += 1
            if failed { buckets[second, default: Bucket()].failures += 1 }
            let oldest = second - Int(policy.window.seconds.rounded(.up)) + 1
            buckets = buckets.filter { $0.key >= oldest }
            guard failed else { return nil }
            let calls = buckets.values.reduce(0) { $0 + $1.calls }
            let failures = buckets.values.reduce(0) { $0 + $1.failures }
            guard calls >= policy.minimumCalls, Double(failures) >= policy.failureRate * Double(calls) else { return nil }
            move(to: .open(until: now.addingTimeInterval(policy.openDuration.seconds)))
            return phase
        case .halfOpen(let admitted, let succeeded):
            guard ticket.isProbe else { return nil }
            if failed {
                move(to: .open(until: now.addingTimeInterval(policy.openDuration.seconds)))
            } else if succeeded + 1 >= policy.probes {
                move(to: .closed)
            } else {
                phase = .halfOpen(admitted: admitted, succeeded: succeeded + 1)
                return nil
            }
            return phase
        case .open:
            return nil
        }
    }

    /// Gives back a probe that ended without an outcome (its task was cancelled).
    mutating func release(_ ticket: Ticket) {
        guard ticket.isProbe, ticket.generation == generation, case .halfOpen(let admitted, let succeeded) = phase else { return }
        phase = .halfOpen(admitted: max(admitted - 1, succeeded), succeeded: succeeded)
    }

    private mutating func move(to next: Phase) {
        phase = next
        generation += 1
        buckets = [:]
    }
}

package import LinqModels
import Synchronization

/// The events this process's ingress decoded and stored, kept by inbox sequence for the worker
/// that runs them, so an event is decoded once on its way from the webhook to its handler.
///
/// A bounded cache, not a source of truth: the oldest entries make room for new ones, and an
/// event that is not here (stored by another instance, evicted by a long backlog, or stored
/// before a restart) is decoded again from its stored body, which gives the same event.
package final class DecodedEvents: Sendable {
    private struct State {
        var events: [Int64: WebhookEvent] = [:]
        /// Sequences in arrival order, as a ring: the slot `next` holds the oldest.
        var ring: [Int64?]
        var next = 0
    }

    private let state: Mutex<State>

    /// Keeps at most `capacity` events.
    package init(capacity: Int = 4_096) {
        state = Mutex(State(ring: Array(repeating: nil, count: max(1, capacity))))
    }

    /// Keeps `event`, stored at `sequence`, evicting the oldest when full.
    package func put(_ event: WebhookEvent, sequence: Int64) {
        state.withLock { state in
            if let oldest = state.ring[state.next] { state.events[oldest] = nil }
            state.ring[state.next] = sequence
            state.next = (state.next + 1) % state.ring.count
            state.events[sequence] = event
        }
    }

    /// The event stored at `sequence`, removed from the cache (its worker runs it once).
    package func take(_ sequence: Int64) -> WebhookEvent? {
        state.withLock { $0.events.removeValue(forKey: sequence) }
    }

    /// The event stored at `sequence`, left in the cache (a burst's later messages, looked at
    /// before their turn).
    package func peek(_ sequence: Int64) -> WebhookEvent? {
        state.withLock { $0.events[sequence] }
    }

    /// How many events are kept now.
    package var count: Int { state.withLock { $0.events.count } }
}

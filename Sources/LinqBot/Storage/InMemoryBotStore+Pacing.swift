public import Foundation
import Synchronization

extension InMemoryBotStore {
    /// Books the pair's next moment under its pace, under the store's lock.
    public func bookPace(_ request: PaceRequest) async throws -> PaceBooking {
        state.withLock { state in
            let pace = state.paces[request.pair]
            let (booking, arrival) = request.book(arrival: pace?.arrival, blockedUntil: pace?.blockedUntil)
            if let arrival { state.paces[request.pair] = (arrival, pace?.blockedUntil ?? 0) }
            return booking
        }
    }

    /// Deletes the paces of the handle's pairs.
    public func erasePaces(handle: String) async throws {
        state.withLock { state in
            for pair in state.paces.keys where pair.hasSuffix(">" + handle) { state.paces[pair] = nil }
        }
    }

    /// Blocks the pair until `until`, unless it is blocked longer already.
    public func blockPace(pair: String, until: Date) async throws {
        state.withLock { state in
            let pace = state.paces[pair] ?? (0, 0)
            state.paces[pair] = (pace.arrival, max(pace.blockedUntil, until.timeIntervalSince1970))
        }
    }
}

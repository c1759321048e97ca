public import Foundation
import Synchronization

extension InMemoryBotStore {
    /// Registers the instance and frees the leases its workers hold (an earlier run with the same id).
    @discardableResult
    public func registerInstance(_ id: String, now: Date) async throws -> Int {
        state.withLock { state in
            state.instances[id] = InstanceRecord(id: id, startedAt: now, heartbeatAt: now)
            return Self.freeLeases(of: [id], state: &state)
        }
    }

    /// Refreshes the heartbeat; registers the instance again when it was forgotten.
    @discardableResult
    public func heartbeatInstance(_ id: String, now: Date) async throws -> Bool {
        state.withLock { state in
            guard state.instances[id] != nil else {
                state.instances[id] = InstanceRecord(id: id, startedAt: now, heartbeatAt: now)
                return false
            }
            state.instances[id]?.heartbeatAt = now
            return true
        }
    }

    /// Forgets the instances whose heartbeat is at or before `cutoff` (but `keeping`) and frees
    /// every lease whose worker's instance is no longer registered: theirs, and any an instance
    /// took after it was declared dead and before its heartbeat registered it again.
    public func sweepInstances(heartbeatAtOrBefore cutoff: Date, keeping: String) async throws -> InstanceSweep {
        state.withLock { state in
            let dead = state.instances.values.filter { $0.id != keeping && $0.heartbeatAt <= cutoff }.map(\.id).sorted()
            dead.forEach { state.instances[$0] = nil }
            let unregistered = Set(state.leases.values.compactMap { WorkerName.instance(of: $0.worker) }).subtracting(state.instances.keys)
            return InstanceSweep(deadInstances: dead, freedLeases: Self.freeLeases(of: unregistered, state: &state))
        }
    }

    /// Forgets the instance and frees its leases.
    @discardableResult
    public func deregisterInstance(_ id: String) async throws -> Int {
        state.withLock { state in
            state.instances[id] = nil
            return Self.freeLeases(of: [id], state: &state)
        }
    }

    /// The registered instances, by id.
    public func instances() async throws -> [InstanceRecord] {
        state.withLock { $0.instances.values.sorted { $0.id < $1.id } }
    }

    /// Frees every lease held by a worker of one of `instances`; the chats' tokens stay, so the
    /// old holders' fenced writes fail.
    private static func freeLeases(of instances: Set<String>, state: inout State) -> Int {
        let freed = state.leases.filter { _, lease in WorkerName.instance(of: lease.worker).map(instances.contains) ?? false }.keys
        freed.forEach { state.leases[$0] = nil }
        return freed.count
    }
}

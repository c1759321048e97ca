import Foundation
import Logging
import ServiceLifecycle

/// Keeps the application's instance known to the store: registers it as the application
/// starts (freeing the leases an earlier process left), renews its heartbeat every
/// ``BotApplication/Configuration/heartbeatInterval``, sweeps the instances whose heartbeat is
/// older than ``BotApplication/Configuration/instanceTimeout`` (freeing their leases at once
/// and waking the workers to take their chats), and deregisters it on a clean stop. A
/// ``BotApplication`` owns it.
final class BotInstanceKeeper: ServiceLifecycle.Service, Sendable {
    let environment: BotEnvironment
    let signal: Signal
    let configuration: BotApplication.Configuration

    init(environment: BotEnvironment, signal: Signal, configuration: BotApplication.Configuration) {
        self.environment = environment
        self.signal = signal
        self.configuration = configuration
    }

    var store: any BotStore { environment.store }
    var instanceID: String { configuration.instanceID }

    /// Registers the instance; its workers may claim once it returns.
    func register() async throws {
        let freed = try await store.registerInstance(instanceID, now: environment.now())
        environment.logger.info("registered the instance", metadata: [
            "linq.instance": "\(instanceID)", "linq.freed_leases": "\(freed)",
        ])
        RuntimeMetrics.leasesFreed(freed, reason: "start")
    }

    /// Beats until graceful shutdown or cancellation.
    func run() async throws {
        while true {
            do { try await environment.clock.sleepUnlessStopping(configuration.heartbeatInterval) } catch { break }
            await beat()
        }
    }

    /// One heartbeat, then one sweep of dead instances.
    func beat() async {
        let now = environment.now()
        do {
            if try await !store.heartbeatInstance(instanceID, now: now) {
                environment.logger.warning(
                    "this instance had been declared dead (no heartbeat for the instance timeout): its chats were freed; registered again",
                    metadata: ["linq.instance": "\(instanceID)"]
                )
            }
            let cutoff = now.addingTimeInterval(-configuration.instanceTimeout.seconds)
            let sweep = try await store.sweepInstances(heartbeatAtOrBefore: cutoff, keeping: instanceID)
            guard !sweep.deadInstances.isEmpty || sweep.freedLeases > 0 else { return }
            RuntimeMetrics.instancesDeclaredDead(sweep.deadInstances.count)
            RuntimeMetrics.leasesFreed(sweep.freedLeases, reason: "dead_instance")
            environment.logger.warning("freed the chats of instances that are not registered (declared dead)", metadata: [
                "linq.dead_instances": "\(sweep.deadInstances.joined(separator: ","))", "linq.freed_leases": "\(sweep.freedLeases)",
            ])
            // Their chats are claimable now: every idle worker looks.
            if sweep.freedLeases > 0 { signal.notifyAll() }
        } catch {
            environment.logger.error("instance heartbeat failed; will try again", metadata: ["linq.error": "\(error)"])
        }
    }

    /// Forgets the instance after a stop; frees whatever its workers still held.
    func deregister() async {
        do {
            RuntimeMetrics.leasesFreed(try await store.deregisterInstance(instanceID), reason: "stop")
        } catch {
            environment.logger.warning("could not deregister the instance; others will sweep it", metadata: ["linq.error": "\(error)"])
        }
    }
}

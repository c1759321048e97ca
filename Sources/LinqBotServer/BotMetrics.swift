import Metrics
public import Prometheus
import Synchronization

/// The process's metrics backend: swift-metrics bootstrapped once with Prometheus.
///
/// swift-metrics takes one backend per process, so this is the only place LinqBot bootstraps
/// it; the host calls ``prometheus()`` and passes the registry to ``BotServer`` for `/metrics`.
/// An application that bootstrapped swift-metrics itself should not call it.
public enum BotMetrics {
    private static let registry = Mutex<PrometheusCollectorRegistry?>(nil)

    /// The registry behind swift-metrics, bootstrapping it on the first call.
    public static func prometheus() -> PrometheusCollectorRegistry {
        registry.withLock { current in
            if let current { return current }
            let created = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: created))
            current = created
            return created
        }
    }
}

import LinqAPI
import LinqSimulator

/// The README's in-process simulator snippet, kept here so the compiler checks it. Never called.
enum ReadmeSimulatorExample {
    static func inProcess(myWebhookReceiver: any LinqTransport) -> LinqClient {
        let simulator = LinqSimulator(webhookTransport: myWebhookReceiver)
        let client = LinqClient(
            configuration: .init(apiKey: "sim_local_key", baseURL: SimulatorTransport.baseURL),
            transport: SimulatorTransport(simulator)
        )
        return client
    }
}

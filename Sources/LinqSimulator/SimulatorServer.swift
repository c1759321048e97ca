import Foundation
import HTTPTypes
import LinqAPI
import Hummingbird
public import Logging
import NIOCore
public import ServiceLifecycle

/// Serves a ``LinqSimulator`` over HTTP on a local address, with its webhook dispatcher.
///
/// ```swift
/// let server = SimulatorServer(simulator: simulator, port: 7700)
/// try await server.run()       // or add it to a ServiceGroup
/// ```
public struct SimulatorServer: ServiceLifecycle.Service {
    /// The simulator served.
    public let simulator: LinqSimulator
    /// The address to listen on.
    public let host: String
    /// The port (0 picks a free one; ``onStarted`` tells which).
    public let port: Int
    /// The largest request body read.
    public let maxBodyBytes: Int
    private let onStarted: @Sendable (Int) async -> Void
    private let logger: Logger

    /// Creates a server; `onStarted` receives the bound port once it listens.
    public init(
        simulator: LinqSimulator, host: String = "127.0.0.1", port: Int = 7700, maxBodyBytes: Int = 2 * 1024 * 1024,
        logger: Logger = Logger(label: "linq.simulator.http"), onStarted: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.simulator = simulator
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.logger = logger
        self.onStarted = onStarted
    }

    /// Listens until cancelled, running the simulator's dispatcher beside the HTTP server.
    public func run() async throws {
        let onStarted = self.onStarted
        let app = Application(
            responder: Responder(simulator: simulator, maxBodyBytes: maxBodyBytes),
            configuration: .init(address: .hostname(host, port: port), serverName: "LinqSimulator"),
            onServerRunning: { channel in await onStarted(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await simulator.run() }
            group.addTask { [host, port] in
                do {
                    try await app.run()
                } catch let error as IOError where error.errnoCode == EADDRINUSE {
                    throw LinqConfigurationError(
                        "the simulator cannot listen on \(host):\(port): another process uses that port; stop it or choose another (LINQBOT_SIMULATOR_PORT, or --port of linqbot simulator)"
                    )
                }
            }
        }
    }

    /// A request's context with the connection it came on, so an outage can cut it.
    private struct ConnectionContext: RequestContext {
        var coreContext: CoreRequestContextStorage
        let channel: any Channel

        init(source: ApplicationRequestContextSource) {
            coreContext = .init(source: source)
            channel = source.channel
        }
    }

    private struct Responder: HTTPResponder {
        let simulator: LinqSimulator
        let maxBodyBytes: Int

        func respond(to request: Request, context: ConnectionContext) async throws -> Response {
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: maxBodyBytes)
            } catch {
                return Response(status: .contentTooLarge)
            }
            let answer = await simulator.handle(SimulatorRequest(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
                headers: request.headers.map { ($0.name.rawName, $0.value) }, body: Data(body.readableBytesView)
            ))
            switch answer.transportFault {
            case .reset:
                await Self.reset(context.channel)
            case .hang(let duration):
                try? await Task.sleep(for: duration)
                await Self.reset(context.channel)
            case nil:
                break
            }
            var fields = HTTPFields()
            for (name, value) in answer.headers {
                if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
            }
            return Response(status: .init(code: answer.status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
        }

        /// Closes the connection with a TCP reset (no answer, no orderly close).
        private static func reset(_ channel: any Channel) async {
            if let socket = channel as? any SocketOptionProvider { try? await socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get() }
            try? await channel.close(mode: .all).get()
        }
    }
}

import ArgumentParser
import AsyncHTTPClient
import Foundation
import LinqModels
import NIOCore
import NIOHTTP1

/// The options of every `linqbot admin` command: where the bot is and its admin token.
struct AdminOptions: ParsableArguments {
    @Option(help: "The bot's base URL (default: $LINQBOT_ADMIN_URL, else http://127.0.0.1:8080).")
    var url: String?

    @Option(help: "The admin bearer token (default: $LINQBOT_ADMIN_TOKEN).")
    var token: String?

    init() {}

    /// An admin API answer: its status and JSON body.
    struct Answer: Sendable {
        var status: Int
        var json: JSONValue
    }

    /// The base URL and token: options first, then the environment.
    func target(environment: [String: String]) throws(CommandError) -> (base: String, token: String) {
        let token = (token ?? environment["LINQBOT_ADMIN_TOKEN"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw CommandError("No admin token: set LINQBOT_ADMIN_TOKEN or pass --token (the token the bot was started with).") }
        var base = (url ?? environment["LINQBOT_ADMIN_URL"] ?? "http://127.0.0.1:8080").trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        guard let parsed = URL(string: base), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            throw CommandError("--url is \"\(base)\"; give the bot's http(s) address, e.g. http://127.0.0.1:8080")
        }
        return (base, token)
    }

    /// Calls `method path` under `/admin` and returns the answer; a refusal (4xx, 5xx) becomes a
    /// ``CommandError`` with the bot's message, saying what `action` was.
    func call(
        _ method: HTTPMethod, _ path: String, body: JSONValue? = nil, environment: [String: String], action: String
    ) async throws(CommandError) -> Answer {
        let (base, token) = try target(environment: environment)
        var http = HTTPClient.Configuration()
        http.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(5))
        http.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
        let result: Result<Answer, any Error>
        do {
            var request = HTTPClientRequest(url: base + "/admin" + path)
            request.method = method
            request.headers.add(name: "authorization", value: "Bearer \(token)")
            if let body {
                request.headers.add(name: "content-type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
            }
            let response = try await client.execute(request, timeout: .seconds(30))
            let data = Data((try await response.body.collect(upTo: 64 << 20)).readableBytesView)
            let json = data.isEmpty ? JSONValue.null : (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .string(String(decoding: data, as: UTF8.self))
            result = .success(Answer(status: Int(response.status.code), json: json))
        } catch {
            result = .failure(error)
        }
        try? await client.shutdown()
        switch result {
        case .success(let answer) where answer.status < 400:
            return answer
        case .success(let answer):
            let message = answer.json["error"]?.stringValue ?? answer.json.stringValue ?? "HTTP \(answer.status)"
            let hint = answer.status == 401 ? "\nCheck the token (--token or LINQBOT_ADMIN_TOKEN)." : ""
            let missing = answer.status == 404 && answer.json["error"] == nil ? "\nIs the admin API on? The bot serves it only with LINQBOT_ADMIN_TOKEN set." : ""
            throw CommandError("The bot refused to \(action): HTTP \(answer.status): \(message)\(hint)\(missing)")
        case .failure(let error):
            throw CommandError("Could not reach the bot at \(base) to \(action): \(error)\nCheck --url (or LINQBOT_ADMIN_URL) and that the bot runs.")
        }
    }

    /// A path segment, percent-encoded.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

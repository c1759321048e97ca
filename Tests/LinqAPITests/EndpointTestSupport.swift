import Foundation
import LinqAPI
import LinqFixtures
import LinqModels
import Logging
import Testing

/// A client over a scripted transport, for checking what each resource method sends.
struct EndpointHarness {
    static let base = "https://linq.test/api/partner"

    let transport: ScriptedTransport
    let clock: ObservedClock
    let client: LinqClient

    init(_ responses: LinqHTTPResponse...) {
        self.init(responses.map { .respond($0) })
    }

    init(_ steps: [ScriptedTransport.Step]) {
        transport = ScriptedTransport(steps)
        clock = ObservedClock()
        client = LinqClient(
            configuration: .init(apiKey: "sk_test_endpoint", baseURL: URL(string: Self.base)!, retry: RetryPolicy(jitter: 1...1)),
            transport: transport, clock: clock, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        )
    }

    /// The only request sent.
    var request: LinqHTTPRequest {
        get throws {
            let requests = transport.requests
            try #require(requests.count == 1, "expected one request, got \(requests.count)")
            return requests[0]
        }
    }

    /// Checks one request's method, full URL, `Accept` header and JSON body (`nil`: no body).
    func expect(
        _ request: LinqHTTPRequest, _ method: LinqHTTPMethod, _ pathAndQuery: String, accept: String = "application/json",
        body: JSONValue? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(request.method == method, sourceLocation: sourceLocation)
        #expect(request.url.absoluteString == Self.base + pathAndQuery, sourceLocation: sourceLocation)
        #expect(request.headers["Accept"] == accept, sourceLocation: sourceLocation)
        #expect(request.headers["Authorization"] == "Bearer sk_test_endpoint", sourceLocation: sourceLocation)
        if let body {
            #expect(request.headers["Content-Type"] == "application/json", sourceLocation: sourceLocation)
            #expect(try Self.json(request.body) == body, sourceLocation: sourceLocation)
        } else {
            #expect(request.body == nil, sourceLocation: sourceLocation)
            #expect(request.headers["Content-Type"] == nil, sourceLocation: sourceLocation)
        }
    }

    /// Checks the only request (see ``expect(_:_:_:accept:body:sourceLocation:)``).
    func expect(
        _ method: LinqHTTPMethod, _ pathAndQuery: String, accept: String = "application/json", body: JSONValue? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try expect(request, method, pathAndQuery, accept: accept, body: body, sourceLocation: sourceLocation)
    }

    /// Parses a request body as a JSON tree.
    static func json(_ data: Data?) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: try #require(data))
    }
}

extension LinqHTTPResponse {
    /// A response whose body is an API fixture file.
    static func fixture(_ status: Int, _ name: String) throws -> LinqHTTPResponse {
        LinqHTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: try Fixtures.data("linq-api/\(name)"))
    }

    /// A response whose body is one part of an API fixture file, picked by `path`.
    static func fixture(_ status: Int, _ name: String, at path: (JSONValue) -> JSONValue?) throws -> LinqHTTPResponse {
        let tree = try JSONDecoder().decode(JSONValue.self, from: Fixtures.data("linq-api/\(name)"))
        let part = try #require(path(tree))
        return LinqHTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: try JSONEncoder().encode(part))
    }

    /// An empty 204.
    static let noContent = LinqHTTPResponse(status: 204)
}

extension JSONValue {
    /// The members of an object, or `nil`.
    var objectMembers: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }
}

import Foundation
import LinqAPI
import LinqFixtures
import Synchronization

/// A transport that answers from a script and records every request it saw.
final class ScriptedTransport: LinqTransport {
    enum Step: Sendable {
        case respond(LinqHTTPResponse)
        case fail(LinqTransportError)
    }

    private let state: Mutex<(steps: [Step], requests: [LinqHTTPRequest])>

    init(_ steps: [Step]) { state = Mutex((steps: steps, requests: [])) }

    var requests: [LinqHTTPRequest] { state.withLock { $0.requests } }

    func send(_ request: LinqHTTPRequest) async throws -> LinqHTTPResponse {
        let step = state.withLock { state -> Step in
            state.requests.append(request)
            return state.steps.isEmpty ? .respond(LinqHTTPResponse(status: 599)) : state.steps.removeFirst()
        }
        switch step {
        case .respond(let response): return response
        case .fail(let error): throw error
        }
    }
}

extension LinqHTTPResponse {
    static func json(_ status: Int, _ body: String, headers: [(String, String)] = []) -> LinqHTTPResponse {
        LinqHTTPResponse(status: status, headers: LinqHTTPHeaders(headers + [("Content-Type", "application/json")]), body: Data(body.utf8))
    }

    static func error(_ status: Int, code: Int, message: String = "failed", headers: [(String, String)] = []) -> LinqHTTPResponse {
        .json(status, #"{"success":false,"error":{"status":\#(status),"code":\#(code),"message":"\#(message)","doc_url":"https://docs.linqapp.com/error/codes/\#(code)/"},"trace_id":"0af7651916cd43dd8448eb211c80319c"}"#, headers: headers)
    }
}


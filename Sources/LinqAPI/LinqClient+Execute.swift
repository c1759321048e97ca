import Foundation
import Logging
import LinqModels
import Tracing

extension LinqClient {
    /// Sends `endpoint`, retrying per the policy, and returns the 2xx response.
    ///
    /// Each call is a client span (swift-distributed-tracing) named `linq <METHOD> <route>`,
    /// under the caller's span: it records the status, the attempts and Linq's `X-Trace-ID`.
    ///
    /// Throws ``LinqAPIError`` for error statuses and transport failures, and
    /// `CancellationError` when the task is cancelled.
    public func execute(_ endpoint: LinqEndpoint) async throws -> LinqHTTPResponse {
        try await withSpan("linq \(endpoint.method) \(endpoint.route)", ofKind: .client) { span in
            span.attributes["http.request.method"] = "\(endpoint.method)"
            span.attributes["http.route"] = endpoint.route
            span.attributes["server.address"] = configuration.baseURL.host ?? ""
            do {
                let response = try await executeWithRetries(endpoint, span: span)
                span.attributes["http.response.status_code"] = response.status
                if let trace = response.headers["x-trace-id"] { span.attributes["linq.trace_id"] = trace }
                return response
            } catch let error as LinqAPIError {
                if let status = error.status { span.attributes["http.response.status_code"] = status }
                if let trace = error.traceID { span.attributes["linq.trace_id"] = trace }
                span.attributes["error.type"] = "\(error.kind)"
                throw error
            }
        }
    }

    private func executeWithRetries(_ endpoint: LinqEndpoint, span: any Span) async throws -> LinqHTTPResponse {
        let request = try makeRequest(endpoint)
        let policy = configuration.retry
        var retry = 0
        var lastError: LinqAPIError?
        while true {
            try Task.checkCancellation()
            span.attributes["linq.attempts"] = retry + 1
            let error: LinqAPIError
            var shouldRetry = true
            var delay = policy.backoff(retry: retry, random: random())
            let outcome: Result<LinqHTTPResponse, LinqTransportError>
            do {
                outcome = try await attempt(request, retry: retry)
            } catch let refusal as LinqAPIError where refusal.kind == .circuitOpen && retry > 0 {
                // A breaker opened since the call began: the call ends with the failure it met,
                // and a durable queue decides when to try again.
                logger.info("linq call not retried: the circuit breaker is open", metadata: metadata(endpoint, attempt: retry, status: nil, traceID: nil))
                throw lastError ?? refusal
            }
            switch outcome {
            case .success(let response):
                if (200..<300).contains(response.status) {
                    logger.debug(
                        "linq call finished",
                        metadata: metadata(endpoint, attempt: retry, status: response.status, traceID: response.headers["x-trace-id"])
                    )
                    return response
                }
                error = apiError(from: response)
                shouldRetry = Self.shouldRetry(response, policy: policy, endpoint: endpoint)
                if shouldRetry, let retryAfter = error.retryAfter {
                    // A long wait belongs to a durable queue, not to a request that holds a task.
                    guard retryAfter <= policy.maxRetryAfter else { throw error }
                    delay = retryAfter
                }
            case .failure(let failure):
                error = LinqAPIError(
                    kind: failure.reason == .timeout ? .timeout : .connection,
                    message: "\(endpoint.method) \(endpoint.encodedPathAndQuery): \(failure.detail)"
                )
                // Linq may have carried out a request whose answer was lost: only a request that
                // is safe to repeat (its method, or an idempotency key) goes again in the call.
                shouldRetry = Self.isSafeToRepeat(endpoint)
            }
            guard shouldRetry, retry < policy.maxRetries else {
                logger.debug("linq call failed", metadata: metadata(endpoint, attempt: retry, status: error.status, traceID: error.traceID))
                throw error
            }
            lastError = error
            var details = metadata(endpoint, attempt: retry, status: error.status, traceID: error.traceID)
            details["linq.retry_in"] = "\(delay)"
            details["linq.error"] = "\(error.kind)"
            logger.info("linq call will be retried", metadata: details)
            try await clock.sleep(for: delay)
            retry += 1
        }
    }

    /// One attempt: a response of any status, or the transport failure that prevented one.
    private func attempt(_ request: LinqHTTPRequest, retry: Int) async throws -> Result<LinqHTTPResponse, LinqTransportError> {
        do {
            return .success(try await send(request, attempt: retry))
        } catch let failure as LinqTransportError {
            return .failure(failure)
        } catch let failure as CancellationError {
            throw failure
        } catch let failure as LinqAPIError {
            throw failure
        } catch {
            return .failure(LinqTransportError(.connection, detail: "\(error)"))
        }
    }

    /// Sends `endpoint` and decodes the 2xx body as `Response`.
    public func execute<Response: Decodable>(_ endpoint: LinqEndpoint, as type: Response.Type) async throws -> Response {
        let response = try await execute(endpoint)
        if let quick = (Response.self as? any QuickDecodable.Type)?.quickDecoded(from: response.body) as? Response { return quick }
        do {
            return try LinqJSON.makeDecoder().decode(Response.self, from: response.body)
        } catch {
            throw LinqAPIError(
                kind: .decoding, status: response.status,
                message: "\(endpoint.method) \(endpoint.encodedPathAndQuery) answered a body that is not a \(Response.self): \(error)",
                traceID: response.headers["x-trace-id"], responseBody: response.body
            )
        }
    }

    private func send(_ request: LinqHTTPRequest, attempt: Int) async throws -> LinqHTTPResponse {
        let transport = self.transport
        var next: @Sendable (LinqHTTPRequest) async throws -> LinqHTTPResponse = { try await transport.send($0) }
        for interceptor in interceptors.reversed() {
            let inner = next
            next = { try await interceptor.intercept($0, attempt: attempt, next: inner) }
        }
        return try await next(request)
    }

    func makeRequest(_ endpoint: LinqEndpoint) throws(LinqAPIError) -> LinqHTTPRequest {
        var base = configuration.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + endpoint.encodedPathAndQuery) else {
            throw LinqAPIError(kind: .invalidRequest, message: "Cannot build a URL from \(base) and \(endpoint.encodedPathAndQuery)")
        }
        var headers = configuration.extraHeaders
        headers.set("Authorization", "Bearer " + configuration.apiKey.reveal())
        headers.set("Accept", endpoint.accept)
        headers.set("User-Agent", configuration.userAgent)
        if endpoint.body != nil { headers.set("Content-Type", "application/json") }
        for field in endpoint.headers { headers.set(field.name, field.value) }
        return LinqHTTPRequest(method: endpoint.method, url: url, headers: headers, body: endpoint.body, timeout: configuration.timeout)
    }

    func apiError(from response: LinqHTTPResponse) -> LinqAPIError {
        let body = try? LinqJSON.makeDecoder().decode(JSONValue.self, from: response.body)
        let detail = body?["error"].flatMap { $0.isNull ? nil : $0 } ?? body
        let code = detail?["code"]?.numberValue.map { LinqErrorCode(rawValue: Int($0)) }
        let message =
            detail?["message"]?.stringValue ?? body?["message"]?.stringValue
            ?? "HTTP \(response.status) with no error message"
        let bodyRetryAfter = detail?["retry_after"]?.numberValue.flatMap { RetryAfter.capped(seconds: $0) }
        return LinqAPIError(
            kind: .api, status: response.status, code: code, message: message,
            docURL: detail?["doc_url"]?.stringValue,
            traceID: response.headers["x-trace-id"] ?? body?["trace_id"]?.stringValue,
            retryAfter: RetryAfter.parse(response.headers, now: now()) ?? bodyRetryAfter,
            responseBody: response.body
        )
    }

    /// Whether sending `endpoint` twice has the effect of sending it once: reads, `PUT` and
    /// `DELETE` by their method, a `POST` only with an idempotency key (``LinqEndpoint/isIdempotent``).
    static func isSafeToRepeat(_ endpoint: LinqEndpoint) -> Bool {
        endpoint.isIdempotent || [.get, .put, .delete].contains(endpoint.method)
    }

    private static func shouldRetry(
        _ response: LinqHTTPResponse, policy: RetryPolicy, endpoint: LinqEndpoint
    ) -> Bool {
        switch response.headers["x-should-retry"]?.lowercased() {
        case "true": return true
        case "false": return false
        default: return policy.isRetryable(status: response.status, isIdempotent: endpoint.isIdempotent)
        }
    }

    private func metadata(_ endpoint: LinqEndpoint, attempt: Int, status: Int?, traceID: String?) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "linq.method": "\(endpoint.method)",
            "linq.path": "\(endpoint.encodedPathAndQuery)",
            "linq.attempt": "\(attempt + 1)",
        ]
        if let status { metadata["linq.status"] = "\(status)" }
        if let traceID { metadata["linq.trace_id"] = "\(traceID)" }
        return metadata
    }
}

public import Foundation
public import LinqModels

extension LinqClient {
    /// The attachments resource: `/v3/attachments`.
    public var attachments: Attachments { Attachments(client: self) }

    /// Attachments: presigned uploads, metadata, deletion.
    public struct Attachments: Sendable {
        let client: LinqClient

        /// Reserves an upload and returns its presigned URL: `POST /v3/attachments`.
        ///
        /// ```swift
        /// let slot = try await client.attachments.create(
        ///     CreateAttachmentRequest(filename: "receipt.pdf", contentType: .pdf, sizeBytes: bytes.count)
        /// )
        /// try await client.attachments.upload(bytes, to: slot)
        /// try await client.chats.messages.send(to: chatID, MessageContent(parts: [.media(attachment: slot.attachmentID)]))
        /// ```
        public func create(_ request: CreateAttachmentRequest) async throws -> CreateAttachmentResponse {
            try await client.execute(.json(.post, ["v3", "attachments"], body: request), as: CreateAttachmentResponse.self)
        }

        /// An attachment's metadata and download URL: `GET /v3/attachments/{attachmentId}`.
        public func get(_ attachmentID: AttachmentID) async throws -> Attachment {
            try await client.execute(.get(["v3", "attachments", attachmentID.rawValue]), as: Attachment.self)
        }

        /// Deletes an attachment for good: `DELETE /v3/attachments/{attachmentId}`.
        public func delete(_ attachmentID: AttachmentID) async throws {
            _ = try await client.execute(.call(.delete, ["v3", "attachments", attachmentID.rawValue]))
        }

        /// Uploads the raw bytes to the presigned `upload_url` of `response`.
        ///
        /// Sends exactly `response.requiredHeaders` and never the API key. The bytes must be
        /// exactly the `sizeBytes` announced to ``create(_:)``. Connection failures, timeouts,
        /// 408, 429 and 5xx are retried per the client's ``RetryPolicy`` (the PUT is idempotent);
        /// other failures throw ``LinqAPIError`` at once.
        public func upload(_ data: Data, to response: CreateAttachmentResponse) async throws {
            guard let url = URL(string: response.uploadURL), let scheme = url.scheme?.lowercased(),
                scheme == "https" || scheme == "http"
            else {
                throw LinqAPIError(kind: .invalidRequest, message: "The attachment upload URL is not an http(s) URL.")
            }
            let method = response.httpMethod.isEmpty ? LinqHTTPMethod.put : LinqHTTPMethod(rawValue: response.httpMethod.uppercased())
            var headers = LinqHTTPHeaders()
            for (name, value) in response.requiredHeaders.sorted(by: { $0.key < $1.key }) { headers.add(name, value) }
            let request = LinqHTTPRequest(method: method, url: url, headers: headers, body: data, timeout: client.configuration.timeout)

            let policy = client.configuration.retry
            var retry = 0
            while true {
                try Task.checkCancellation()
                let error: LinqAPIError
                do {
                    let answer = try await client.transport.send(request)
                    if (200..<300).contains(answer.status) { return }
                    error = LinqAPIError(
                        kind: .api, status: answer.status,
                        message: "Uploading attachment \(response.attachmentID) answered HTTP \(answer.status).",
                        responseBody: answer.body
                    )
                } catch let failure as LinqTransportError {
                    error = LinqAPIError(
                        kind: failure.reason == .timeout ? .timeout : .connection,
                        message: "Uploading attachment \(response.attachmentID): \(failure.detail)"
                    )
                }
                let retryable = error.status.map { policy.isRetryable(status: $0, isIdempotent: false) } ?? true
                guard retryable, retry < policy.maxRetries else { throw error }
                try await client.clock.sleep(for: policy.backoff(retry: retry, random: client.random()))
                retry += 1
            }
        }
    }
}

public import Foundation

extension LinqClient.Configuration {
    /// Reads the variables Linq's official SDKs use.
    ///
    /// - `LINQ_API_V3_API_KEY` (required): the API key.
    /// - `LINQ_API_V3_BASE_URL` (optional): another base URL, e.g. a local simulator.
    /// - `LINQ_API_V3_CUSTOM_HEADERS` (optional): extra headers, one `Name: value` per line.
    ///
    /// Throws ``LinqConfigurationError`` naming the variable to fix.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(LinqConfigurationError) -> Self {
        guard let key = environment["LINQ_API_V3_API_KEY"]?.trimmingCharacters(in: .whitespacesAndNewlines), !key.isEmpty
        else {
            throw LinqConfigurationError("LINQ_API_V3_API_KEY is not set: set it to your Linq API key.")
        }
        var configuration = Self(apiKey: Secret(key))
        if let text = environment["LINQ_API_V3_BASE_URL"]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            configuration.baseURL = try parseBaseURL(text, variable: "LINQ_API_V3_BASE_URL")
        }
        if let text = environment["LINQ_API_V3_CUSTOM_HEADERS"] {
            configuration.extraHeaders = try parseHeaders(text)
        }
        return configuration
    }

    /// Checks that `text` is an absolute http(s) URL with a host.
    public static func parseBaseURL(_ text: String, variable: String) throws(LinqConfigurationError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = url.host, !host.isEmpty
        else {
            throw LinqConfigurationError(
                "\(variable) is \"\(text)\", which is not an http(s) URL: use e.g. https://api.linqapp.com/api/partner."
            )
        }
        return url
    }

    private static func parseHeaders(_ text: String) throws(LinqConfigurationError) -> LinqHTTPHeaders {
        var headers = LinqHTTPHeaders()
        for line in text.split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw LinqConfigurationError(
                    "LINQ_API_V3_CUSTOM_HEADERS has the line \"\(line)\" without a colon: write one \"Name: value\" per line."
                )
            }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                throw LinqConfigurationError("LINQ_API_V3_CUSTOM_HEADERS has a line with an empty header name.")
            }
            headers.add(name, value)
        }
        return headers
    }
}

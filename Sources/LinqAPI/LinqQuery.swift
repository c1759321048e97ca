/// Builds the query items of one call, leaving out absent values.
struct LinqQuery {
    private(set) var items: [(name: String, value: String)] = []

    /// Adds `name=value` when `value` is not `nil`.
    mutating func add(_ name: String, _ value: String?) {
        if let value { items.append((name: name, value: value)) }
    }

    /// Adds `name=value` when `value` is not `nil`.
    mutating func add(_ name: String, _ value: Int?) {
        if let value { items.append((name: name, value: String(value))) }
    }

    /// Adds the values comma-joined, as Linq's SDKs send arrays; nothing when `nil` or empty.
    mutating func add(_ name: String, _ values: [String]?) {
        if let values, !values.isEmpty { items.append((name: name, value: values.joined(separator: ","))) }
    }
}

extension LinqEndpoint {
    /// A call with no request body whose answer is JSON (`Accept: application/json`).
    static func bodiless(_ method: LinqHTTPMethod, _ path: [String]) -> LinqEndpoint {
        LinqEndpoint(method: method, path: path)
    }

    /// A JSON-body call whose answer has no body (`Accept: */*`).
    static func jsonWithoutAnswer(_ method: LinqHTTPMethod, _ path: [String], body: some Encodable) throws(LinqAPIError) -> LinqEndpoint {
        var endpoint = try LinqEndpoint.json(method, path, body: body)
        endpoint.accept = "*/*"
        return endpoint
    }
}

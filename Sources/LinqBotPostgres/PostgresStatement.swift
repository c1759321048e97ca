import PostgresNIO

/// SQL text with positional binds (`$1::type`), for statements whose shape depends on the
/// data (multi-row `VALUES`).
struct PostgresStatement {
    private var bindings = PostgresBindings()

    /// Adds a bind and returns its placeholder, cast to `type`.
    mutating func bind<Value: PostgresThrowingDynamicTypeEncodable>(_ value: Value?, as type: String) throws -> String {
        try bindings.append(value)
        return "$\(bindings.count)::\(type)"
    }

    /// The statement with the binds added so far.
    func query(_ sql: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}

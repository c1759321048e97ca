/// The name of a package `linqbot new` creates: it names the package, its executable, its
/// module and its folder, so it must be a Swift identifier.
struct PackageName: Sendable, Hashable, CustomStringConvertible {
    /// The name as given, e.g. `PizzaBot`.
    let rawValue: String

    /// Module names of LinqBot and its dependencies that a new package must not reuse.
    static let taken: Set<String> = [
        "LinqBot", "LinqBotHost", "LinqBotTesting", "LinqBotServer", "LinqBotSQLite", "LinqModels", "LinqAPI",
        "LinqAPIAsyncHTTPClient", "LinqSimulator", "Foundation", "Testing", "Logging", "Hummingbird", "Swift",
    ]

    /// Swift keywords that cannot name a module.
    static let keywords: Set<String> = [
        "actor", "any", "as", "async", "await", "break", "case", "catch", "class", "continue", "default", "defer", "do",
        "else", "enum", "extension", "false", "for", "func", "guard", "if", "import", "in", "init", "is", "let", "nil",
        "protocol", "public", "repeat", "return", "self", "static", "struct", "super", "switch", "throw", "throws", "true",
        "try", "var", "where", "while",
    ]

    /// Checks `text`; the error says what to change and suggests a name that works.
    init(_ text: String) throws(CommandError) {
        guard !text.isEmpty else { throw CommandError("NAME is empty: give the package a name such as PizzaBot.") }
        guard text.count <= 64 else { throw CommandError("NAME \"\(text)\" is \(text.count) characters long: use at most 64.") }
        let suggestion = Self.suggestion(for: text)
        let hint = suggestion.map { " Try \($0)." } ?? ""
        guard let first = text.unicodeScalars.first, Self.isLetter(first) else {
            throw CommandError("NAME \"\(text)\" must start with an ASCII letter (it names a Swift module).\(hint)")
        }
        if let bad = text.unicodeScalars.first(where: { !(Self.isLetter($0) || Self.isDigit($0) || $0 == "_") }) {
            throw CommandError(
                "NAME \"\(text)\" contains \"\(bad)\": use only ASCII letters, digits and underscores (it names a Swift module).\(hint)"
            )
        }
        guard !Self.keywords.contains(text) else { throw CommandError("NAME \"\(text)\" is a Swift keyword: choose another name.") }
        guard !Self.taken.contains(text) else {
            throw CommandError("NAME \"\(text)\" is the name of a module the package depends on: choose another, e.g. My\(text).")
        }
        rawValue = text
    }

    var description: String { rawValue }

    /// A bot id for the name: `PizzaBot` → `pizza-bot`, `SMS_Helper` → `sms-helper`.
    var botID: String {
        var result = ""
        let scalars = Array(rawValue.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar == "_" {
                if !result.isEmpty, result.last != "-" { result += "-" }
                continue
            }
            let isUpper = scalar.properties.isUppercase
            if isUpper, index > 0, !result.isEmpty, result.last != "-" {
                let previous = scalars[index - 1]
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                // A word starts at an upper-case letter after a lower-case one or a digit, or at the
                // last capital of an acronym followed by a lower-case letter ("SMSBot" → "sms-bot").
                if !previous.properties.isUppercase || next.map({ $0.properties.isLowercase }) == true { result += "-" }
            }
            result += String(scalar).lowercased()
        }
        return result.hasSuffix("-") ? String(result.dropLast()) : result
    }

    /// `my-pizza bot` → `MyPizzaBot`, or `nil` when nothing usable is left.
    static func suggestion(for text: String) -> String? {
        let words = text.unicodeScalars.split { !(isLetter($0) || isDigit($0)) }.map { String(String.UnicodeScalarView($0)) }
        var joined = words.joined(separator: " ")
        while let first = joined.unicodeScalars.first, !isLetter(first) { joined.removeFirst() }
        let name = joined.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        return name.isEmpty || name == text ? nil : name
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}

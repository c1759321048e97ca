/// Checks on the handles the commands take.
enum Phone {
    /// Whether `text` is an E.164 number: `+`, a non-zero digit, at most 15 digits in all.
    static func isE164(_ text: String) -> Bool {
        let digits = text.dropFirst()
        guard text.first == "+", (2...15).contains(digits.count), digits.first != "0" else { return false }
        return digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Whether `text` looks like an email address (iMessage handles may be emails).
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }
}

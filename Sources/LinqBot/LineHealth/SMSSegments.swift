/// How a text travels as SMS: GSM-7 packs 160 characters in one segment and 153 per segment
/// of a longer text; anything outside GSM-7 (emoji, most non-Latin scripts) makes the whole
/// text UCS-2, at 70 and 67.
public struct SMSSegments: Sendable, Hashable {
    /// The alphabet the text needs.
    public enum Encoding: String, Sendable, Hashable {
        /// The GSM 03.38 alphabet.
        case gsm7
        /// UTF-16, two bytes per unit.
        case ucs2
    }

    /// The alphabet.
    public var encoding: Encoding
    /// Units used: GSM-7 septets (the extension table takes two) or UTF-16 code units.
    public var units: Int
    /// Segments the text takes.
    public var count: Int

    /// Measures `text`.
    public init(_ text: String) {
        var septets = 0
        var gsm = true
        for scalar in text.unicodeScalars {
            if Self.basic.contains(scalar) {
                septets += 1
            } else if Self.extended.contains(scalar) {
                septets += 2
            } else {
                gsm = false
                break
            }
        }
        if gsm {
            encoding = .gsm7
            units = septets
            count = septets <= 160 ? 1 : (septets + 152) / 153
        } else {
            encoding = .ucs2
            units = text.utf16.count
            count = units <= 70 ? 1 : (units + 66) / 67
        }
    }

    /// The most units one segment of a single-segment text holds.
    public var singleLimit: Int { encoding == .gsm7 ? 160 : 70 }

    /// Splits `text` at word ends into texts of at most one segment each.
    public static func split(_ text: String) -> [String] {
        let limit = SMSSegments(text).singleLimit
        var pieces: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if SMSSegments(candidate).count <= 1 && SMSSegments(candidate).units <= limit {
                current = candidate
                continue
            }
            if !current.isEmpty { pieces.append(current) }
            current = word
            while SMSSegments(current).count > 1 {
                // One word longer than a segment: cut it by characters.
                var head = ""
                for character in current {
                    guard SMSSegments(head + String(character)).count <= 1 else { break }
                    head.append(character)
                }
                pieces.append(head)
                current = String(current.dropFirst(head.count))
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    static let basic: Set<Unicode.Scalar> = Set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
            .unicodeScalars
    )
    static let extended: Set<Unicode.Scalar> = Set("^{}\\[~]|€\u{000C}".unicodeScalars)
}

public import Foundation

/// A contact file (vCard 3.0, `.vcf`) with the business's name, the person's line and the
/// pool's other lines as backups: saved in the person's contacts, every line shows as the
/// business, so a backup number is recognised if the bot ever writes from it.
///
/// ```swift
/// let file = ContactFile(businessName: "Acme Dental", primary: "+15555550100", backups: ["+15555550101"])
/// print(file.vCard)
/// ```
public struct ContactFile: Sendable, Hashable {
    /// The name on the card.
    public var businessName: String
    /// The line the person talks to, marked preferred.
    public var primary: String
    /// The other lines.
    public var backups: [String]

    /// Creates a contact file.
    public init(businessName: String, primary: String, backups: [String]) {
        self.businessName = businessName
        self.primary = primary
        self.backups = backups.filter { $0 != primary }
    }

    /// The card as vCard 3.0 text (RFC 2426): CRLF line endings, text values escaped.
    public var vCard: String {
        let name = Self.escape(businessName)
        var lines = ["BEGIN:VCARD", "VERSION:3.0", "N:;\(name);;;", "FN:\(name)", "ORG:\(name)", "TEL;TYPE=CELL,VOICE,PREF:\(primary)"]
        lines += backups.map { "TEL;TYPE=CELL,VOICE:\($0)" }
        lines += ["NOTE:" + Self.escape("\(businessName)'s numbers: the first is yours, the others are backups."), "END:VCARD"]
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The card's bytes (UTF-8).
    public var data: Data { Data(vCard.utf8) }

    /// A file name made of the business name: `Acme Dental.vcf`.
    public var filename: String {
        let safe = businessName.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == " " || $0 == "-" }
        let name = String(String.UnicodeScalarView(safe)).trimmingCharacters(in: .whitespaces)
        return (name.isEmpty ? "Contact" : name) + ".vcf"
    }

    /// Escapes a text value: backslash, comma, semicolon and newlines.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case ",": escaped += "\\,"
            case ";": escaped += "\\;"
            case "\n", "\r\n", "\r": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Folds a line longer than 75 octets: the rest continues on lines that begin with a space.
    static func fold(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > (pieces.isEmpty ? 75 : 74) {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }
}

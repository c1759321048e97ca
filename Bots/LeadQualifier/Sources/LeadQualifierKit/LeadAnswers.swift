import Foundation

/// Reads a lead's answers: each returns `nil` for an answer that does not fit, so the
/// question is asked again.
public enum LeadAnswers {
    /// A name: one to four words with letters, at most 60 characters ("I'm Ada" and "my name is
    /// Ada" give "Ada"); each word capitalized.
    public static func name(_ text: String) -> String? {
        var answer = text.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        for lead in ["my name is ", "my name's ", "i'm ", "i am ", "it's ", "this is ", "name: "]
        where answer.lowercased().hasPrefix(lead) {
            answer = String(answer.dropFirst(lead.count))
        }
        let words = answer.split(whereSeparator: \.isWhitespace)
        guard (1...4).contains(words.count), answer.count <= 60,
              words.allSatisfy({ word in word.contains(where: \.isLetter) && word.allSatisfy { $0.isLetter || "-'.".contains($0) } })
        else { return nil }
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// The choice the text picks: its number in the list (`2`), or its name or a keyword as a word.
    public static func need(_ text: String, from needs: [LeadQualifierConfiguration.Need]) -> LeadQualifierConfiguration.Need? {
        let words = Set(text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        let picked = needs.enumerated().filter { index, need in
            words.contains(String(index + 1)) || words.contains(need.name.lowercased()) || need.keywords.contains { words.contains($0.lowercased()) }
        }
        return picked.count == 1 ? picked[0].element : nil  // "buy or rent" is not an answer
    }

    /// An amount of dollars: "350000", "$350,000", "350k", "1.2m", "1.5 million". Zero and
    /// amounts above a billion do not count.
    public static func budget(_ text: String) -> Int? {
        var lowered = text.lowercased().replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "$", with: "")
        lowered = lowered.replacingOccurrences(of: "usd", with: "").replacingOccurrences(of: "dollars", with: "")
        let scanner = Scanner(string: lowered)
        _ = scanner.scanUpToCharacters(from: CharacterSet(charactersIn: "0123456789."))
        guard let number = scanner.scanDouble() else { return nil }
        let rest = lowered[scanner.currentIndex...].trimmingCharacters(in: .whitespaces)
        var multiplier = 1.0
        if rest.hasPrefix("k") || rest.hasPrefix("thousand") { multiplier = 1_000 }
        if rest.hasPrefix("m") || rest.hasPrefix("million") { multiplier = 1_000_000 }
        let amount = number * multiplier
        guard amount >= 1, amount <= 1_000_000_000 else { return nil }
        return Int(amount.rounded())
    }

    /// The timeline choice's index: its number (`1`…), or words such as "asap", "next month",
    /// "3 months", "not sure".
    public static func timeline(_ text: String, choices: Int) -> Int? {
        let lowered = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        if let number = Int(lowered), (1...choices).contains(number) { return number - 1 }
        let words: [(String, Int)] = [
            ("asap", 0), ("right away", 0), ("immediately", 0), ("this month", 0), ("next month", 1), ("few weeks", 0), ("weeks", 0),
            ("1-3", 1), ("2 months", 1), ("3 months", 1), ("3-6", 2), ("4 months", 2), ("5 months", 2), ("6 months", 2), ("summer", 2),
            ("not sure", 3), ("later", 3), ("year", 3), ("no rush", 3),
        ]
        return words.first { lowered.contains($0.0) }.map { min($0.1, choices - 1) }
    }
}

import Foundation
import LinqBot
import LinqBotTesting
import LinqModels
import LinqSimulator
import Testing

/// The contact file: a person on SMS or RCS gets a vCard with the business's lines once.
@Suite struct LinePoolContactFileTests {
    static let lines = ["+15555550100", "+15555550101", "+15555550102"]

    static func makeBot(onIMessage: Bool = true) -> Bot {
        let bot = LineHealthBots.replier { $0.quietHours = nil }
        var pool = LinePoolConfiguration(rampUp: nil)
        pool.contactFile = true
        pool.contactFileOnIMessage = onIMessage
        bot.useLinePool(pool)
        return bot
    }

    /// The vCard's properties, unfolded: name → values, in order.
    static func parse(_ text: String) -> [(name: String, parameters: String, value: String)] {
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        return unfolded.components(separatedBy: "\r\n").filter { !$0.isEmpty }.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let head = line[..<colon].split(separator: ";", maxSplits: 1)
            return (String(head[0]), head.count > 1 ? String(head[1]) : "", String(line[line.index(after: colon)...]))
        }
    }

    @Test("a person on SMS gets the vCard (business name, their line first, the others as backups) once; on iMessage none when turned off")
    func contactFileOnce() async throws {
        let tester = try await BotTester(bot: Self.makeBot(onIMessage: false), line: Self.lines[0], otherLines: Array(Self.lines.dropFirst()))
        let (sms, iMessage) = ("+15555550161", "+15555550162")
        try await tester.run {
            try await tester.setCapabilities(of: sms, iMessage: false)
            #expect(try await tester.send("hi", from: sms).contains("You said: hi"))
            _ = try await tester.send("hello again", from: sms)
            _ = try await tester.send("hi", from: iMessage)
            try await tester.settle()

            let files = tester.uploadedFiles()
            #expect(files.count == 1, "one file, once: \(files.map { $0.filename })")
            let file = try #require(files.first)
            #expect(file.filename == "Acme Dental.vcf")
            #expect(file.contentType == "text/vcard" || file.contentType == "text/x-vcard")
            let card = Self.parse(String(decoding: file.data, as: UTF8.self))
            #expect(card.first?.value == "VCARD" && card.first { $0.name == "VERSION" }?.value == "3.0")
            #expect(card.first { $0.name == "FN" }?.value == "Acme Dental")
            let phones = card.filter { $0.name == "TEL" }
            #expect(phones.map { $0.value } == Self.lines, "their line first, then the backups")
            #expect(phones.first?.parameters.contains("PREF") == true)
            #expect(phones.dropFirst().allSatisfy { !$0.parameters.contains("PREF") })
            let media = tester.acceptedSends(to: sms).filter { $0.line == Self.lines[0] }
            #expect(media.count == 3, "two answers and the file")
            #expect(tester.acceptedSends(to: iMessage).count == 1, "no file on iMessage")
        }
    }

    @Test("on iMessage (the default) the vCard with the backups comes once, after the bot's first answer")
    func contactFileOnIMessage() async throws {
        let tester = try await BotTester(bot: Self.makeBot(), line: Self.lines[1], otherLines: [Self.lines[0], Self.lines[2]])
        let person = "+15555550163"
        try await tester.run {
            #expect(try await tester.send("hi", from: person).contains("You said: hi"))
            _ = try await tester.send("hello again", from: person)
            try await tester.settle()
            let files = tester.uploadedFiles()
            #expect(files.count == 1, "one file, once: \(files.map { $0.filename })")
            let card = Self.parse(String(decoding: try #require(files.first).data, as: UTF8.self))
            #expect(card.filter { $0.name == "TEL" }.map { $0.value } == [Self.lines[1], Self.lines[0], Self.lines[2]], "their line first")
            let sends = tester.acceptedSends(to: person)
            #expect(sends.count == 3, "two answers and the file")
            #expect(try await tester.media(with: person).count == 1, "the file is the one media message")
        }
    }

    @Test("the vCard escapes text and folds long lines")
    func escaping() {
        let file = ContactFile(
            businessName: "Smith, Jones; Partners — Dental and Orthodontics of the Greater Springfield Area", primary: "+15555550100",
            backups: ["+15555550100", "+15555550101"]
        )
        #expect(file.backups == ["+15555550101"], "the primary is no backup")
        let text = file.vCard
        #expect(text.hasSuffix("END:VCARD\r\n"))
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        let fn = Self.parse(text).first { $0.name == "FN" }?.value
        #expect(fn == "Smith\\, Jones\\; Partners — Dental and Orthodontics of the Greater Springfield Area")
        #expect(file.filename == "Smith Jones Partners  Dental and Orthodontics of the Greater Springfield Area.vcf")
    }
}

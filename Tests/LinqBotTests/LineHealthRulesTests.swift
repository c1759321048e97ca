import Foundation
import LinqAPI
@testable import LinqBot
import Testing

/// The pure rules of line health: keywords, SMS segments, quiet hours, pair pacing, 429 waits.
@Suite struct LineHealthRulesTests {
    let policy = OptOutPolicy()

    @Test("F1: the keyword matrix is classified exactly as specified")
    func keywordMatrix() {
        let optOut = ["STOP", "stop", " Stop ", "STOP.", "stop!", "StopAll", "STOP ALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE",
                      "OPTOUT", "OPT OUT", "opt-out", "ＳＴＯＰ"]
        for text in optOut { #expect(policy.classify(text) == .optOut, "\(text) opts out") }
        for text in ["please stop", "don't stop", "STOPS", "unstoppable", "end of story"] {
            #expect(policy.classify(text) != .optOut, "\(text) is no opt-out")
        }
        for text in ["START", "start", "Unstop"] { #expect(policy.classify(text) == .optIn) }
        #expect(policy.classify("YES") == .optInIfOptedOut)
        #expect(policy.classify("yes!") == .optInIfOptedOut)
        for text in ["HELP", "help?", "INFO"] { #expect(policy.classify(text) == .help) }
        // Phrases that read like an opt-out are reported, not acted on.
        for text in ["please stop", "don't stop", "end of story", "please stop texting me", "remove me from this list",
                     "Please do not text me again", "just leave me alone!", "Ｌｅａｖｅ ｍｅ ａｌｏｎｅ", "I’d like to opt out now"] {
            #expect(policy.classify(text) == .possibleOptOut, "\(text) is reported for review")
        }
        for text in ["STOPS", "unstoppable", "what time is it?", "Drop by at 5?"] {
            #expect(policy.classify(text) == .none, "\(text) is an ordinary message")
        }
    }

    @Test("custom keyword lists are normalised the same way")
    func customKeywords() {
        let custom = OptOutPolicy(optOutKeywords: ["arrêt", "opt-out"], optInKeywords: ["go"])
        #expect(custom.classify("ARRÊT!") == .optOut)
        #expect(custom.classify("opt out") == .optOut)
        #expect(custom.classify("STOP") != .optOut)
        #expect(custom.classify("Go.") == .optIn)
    }

    @Test("SMS segments: GSM-7 160 / 153, UCS-2 70 / 67, the extension table counts twice")
    func segments() {
        #expect(SMSSegments(String(repeating: "a", count: 160)).count == 1)
        #expect(SMSSegments(String(repeating: "a", count: 161)).count == 2)
        #expect(SMSSegments(String(repeating: "a", count: 306)).count == 2)
        #expect(SMSSegments(String(repeating: "a", count: 307)).count == 3)
        #expect(SMSSegments(String(repeating: "€", count: 80)).units == 160)
        #expect(SMSSegments(String(repeating: "€", count: 81)).count == 2)
        let emoji = SMSSegments("Hi 👋" + String(repeating: "a", count: 66))
        #expect(emoji.encoding == .ucs2)
        #expect(emoji.units == 71)
        #expect(emoji.count == 2)
        #expect(SMSSegments(String(repeating: "é", count: 70) + "ł").encoding == .ucs2)
        let text = (0..<60).map { "word\($0)" }.joined(separator: " ")
        let pieces = SMSSegments.split(text)
        #expect(pieces.count > 1)
        #expect(pieces.allSatisfy { SMSSegments($0).count == 1 })
        #expect(pieces.joined(separator: " ") == text)
        #expect(SMSSegments.split(String(repeating: "x", count: 400)).map(\.count) == [160, 160, 80])
    }

    @Test("quiet hours span midnight in the person's zone")
    func quietHours() throws {
        let quiet = QuietHours(from: 21, to: 8)
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let late = try #require(calendar.date(from: DateComponents(year: 2026, month: 3, day: 10, hour: 23, minute: 30)))
        let noon = try #require(calendar.date(from: DateComponents(year: 2026, month: 3, day: 10, hour: 12)))
        #expect(quiet.contains(late, in: zone))
        #expect(!quiet.contains(noon, in: zone))
        #expect(quiet.end(after: late, in: zone) == calendar.date(from: DateComponents(year: 2026, month: 3, day: 11, hour: 8)))
        #expect(!quiet.contains(late, in: try #require(TimeZone(identifier: "Asia/Kolkata"))), "23:30 in New York is morning in Kolkata")
    }

    @Test("D2 (pacer): 100 messages to one pair keep every 60 s window at 20, after a burst of 5")
    func pacerWindow() async throws {
        let pacer = PairPacer(policy: PacingPolicy())
        let store = InMemoryBotStore()
        var now = Date(timeIntervalSince1970: 1_000_000)
        var times: [Date] = []
        for _ in 0..<100 {
            let reservation = try await pacer.reserve(pairs: ["l>p"], chat: nil, gap: 0, lastOutbound: nil, now: now, longestWait: 3600, store: store)
            guard case .at(let at) = reservation else {
                Issue.record("a reservation within an hour was refused")
                return
            }
            times.append(at)
            now = at
        }
        #expect(times.prefix(5).allSatisfy { $0 == times[0] }, "the first five go back to back")
        for (index, start) in times.enumerated() {
            let inWindow = times[index...].prefix { $0.timeIntervalSince(start) < 60 }.count
            #expect(inWindow <= 20, "window from message \(index) holds \(inWindow)")
        }
        #expect(times.prefix(20).last!.timeIntervalSince(times[0]) < 60, "the minute's 20 are all used")
        // After the burst, one every 60 / 16 s: 95 more take just under 6 minutes.
        let span = times.last!.timeIntervalSince(times.first!)
        #expect(span >= 5 * 60 && span < 6 * 60, "100 messages after a burst of 5 take about 6 minutes, took \(span) s")
    }

    @Test("the pacer books the chat's human gap and a 429 block; a far moment is refused, not booked")
    func pacerGapAndBlock() async throws {
        let pacer = PairPacer(policy: PacingPolicy())
        let store = InMemoryBotStore()
        let now = Date(timeIntervalSince1970: 1_000_000)
        func reserve(_ pair: String, chat: String, lastOutbound: Date? = nil) async throws -> PairPacer.Reservation {
            try await pacer.reserve(pairs: [pair], chat: chat, gap: 2, lastOutbound: lastOutbound, now: now, longestWait: 30, store: store)
        }
        #expect(try await reserve("l>p", chat: "c") == .at(now))
        #expect(try await reserve("l>p", chat: "c") == .at(now.addingTimeInterval(2)))
        try await pacer.block(pairs: ["l>p"], until: now.addingTimeInterval(90), store: store)
        #expect(try await reserve("l>p", chat: "c") == .tooLate(now.addingTimeInterval(90)))
        #expect(try await reserve("l>q", chat: "d") == .at(now), "other pairs are not held")
        let sent = now.addingTimeInterval(-1)
        #expect(try await reserve("l>r", chat: "e", lastOutbound: sent) == .at(sent.addingTimeInterval(2)), "the chat's last message, as its facts know it")
    }

    @Test("a group's pairs are booked for one moment, the latest any of them allows")
    func pacerGroup() async throws {
        let pacer = PairPacer(policy: PacingPolicy())
        let store = InMemoryBotStore()
        let now = Date(timeIntervalSince1970: 1_000_000)
        try await pacer.block(pairs: ["l>b"], until: now.addingTimeInterval(10), store: store)
        let group = try await pacer.reserve(pairs: ["l>a", "l>b", "l>c"], chat: "g", gap: 0, lastOutbound: nil, now: now, longestWait: 60, store: store)
        #expect(group == .at(now.addingTimeInterval(10)))
        for pair in ["l>a", "l>b", "l>c"] {
            let request = PaceRequest(pair: pair, earliest: now, latest: now.addingTimeInterval(3600), interval: pacer.interval, tolerance: 0)
            #expect(try await store.bookPace(request) == .booked(now.addingTimeInterval(10 + pacer.interval)), "\(pair) was charged at the group's moment")
        }
    }

    @Test("D4: Retry-After values give the right wait; invalid ones back off; over an hour is capped")
    func retryAfterWaits() {
        let now = Date(timeIntervalSince1970: 1_773_157_328)
        func wait(_ headers: LinqHTTPHeaders) -> Double { LineHealthEngine.rateLimitWait(RetryAfter.parse(headers, now: now), streak: 3) }
        let seven = wait(["Retry-After": "7"])
        #expect(seven >= 7 && seven <= 7.7)
        let sevenAndHalf = wait(["Retry-After": "7.5"])
        #expect(sevenAndHalf >= 7.5 && sevenAndHalf <= 8.25)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        let date = wait(["Retry-After": formatter.string(from: now.addingTimeInterval(30))])
        #expect(date >= 29.5 && date <= 33.1)
        let millis = wait(["retry-after-ms": "1500"])
        #expect(millis >= 1.5 && millis <= 1.65)
        for invalid in ["-3", "abc", "0"] {
            let backoff = wait(["Retry-After": invalid])
            #expect(backoff >= 0 && backoff <= 8, "\(invalid) backs off (2^3 s at most), got \(backoff)")
        }
        let capped = wait(["Retry-After": "999999"])
        #expect(capped >= 3600 && capped <= 3960)
    }

    @Test("the opt-out ledger ends on the person's latest word, however late or often a keyword is applied")
    func ledgerOrder() async throws {
        let ledger = OptOutLedger(store: InMemoryBotStore())
        let t0 = Date(timeIntervalSince1970: 1_773_157_328)
        let (stop, start, laterStop) = (t0, t0.addingTimeInterval(5), t0.addingTimeInterval(9))
        let now = t0.addingTimeInterval(60)
        try await ledger.optOut("+1", at: stop, now: now)
        try await ledger.optOut("+1", at: stop, now: now)
        #expect(try await ledger.isOptedOut("+1", now: now))
        try await ledger.optOut("+1", at: laterStop, now: now)
        try await ledger.optIn("+1", at: start, now: now)
        #expect(try await ledger.isOptedOut("+1", now: now), "a START older than the last STOP changes nothing")
        try await ledger.optIn("+1", at: laterStop.addingTimeInterval(1), now: now)
        #expect(!(try await ledger.isOptedOut("+1", now: now)))
        try await ledger.optOut("+1", at: stop, now: now)
        #expect(try await ledger.isOptedOut("+1", now: now), "an opt-out after an opt-in applies")
    }
}

import ArgumentParser
import Testing

@testable import LinqBotCommands

/// NAME names a folder, a package, an executable and a Swift module.
@Suite struct PackageNameTests {
    @Test("valid names and the bot ids made from them", arguments: [
        ("PizzaBot", "pizza-bot"), ("SMSHelper", "sms-helper"), ("echo", "echo"), ("Bot2Go", "bot2-go"), ("lead_bot", "lead-bot"),
    ])
    func validNames(name: String, botID: String) throws {
        #expect(try PackageName(name).botID == botID)
    }

    @Test("invalid names are refused with what to change", arguments: [
        ("my-bot", "NAME \"my-bot\" contains \"-\": use only ASCII letters, digits and underscores (it names a Swift module). Try MyBot."),
        ("2fast", "NAME \"2fast\" must start with an ASCII letter (it names a Swift module). Try Fast."),
        ("pizza bot", "NAME \"pizza bot\" contains \" \": use only ASCII letters, digits and underscores (it names a Swift module). Try PizzaBot."),
        ("class", "NAME \"class\" is a Swift keyword: choose another name."),
        ("LinqBot", "NAME \"LinqBot\" is the name of a module the package depends on: choose another, e.g. MyLinqBot."),
        ("", "NAME is empty: give the package a name such as PizzaBot."),
    ])
    func invalidNames(name: String, message: String) {
        #expect(throws: CommandError(message)) { try PackageName(name) }
    }

    @Test("`linqbot new` refuses a bad NAME before touching the disk, and wants a NAME unless --list")
    func commandValidation() {
        #expect(ClientCommandTests.usageError { try NewCommand.parseAsRoot(["my-bot"]) }.contains("Try MyBot."))
        #expect(ClientCommandTests.usageError { try NewCommand.parseAsRoot([]) }.contains("Missing NAME"))
        #expect(ClientCommandTests.usageError { try NewCommand.parseAsRoot(["--list"]) } == "")
        #expect(
            ClientCommandTests.usageError {
                try NewCommand.parseAsRoot(["Bot", "--linqbot-path", "/x", "--linqbot-url", "https://example.com/x.git"])
            }.contains("either --linqbot-path or --linqbot-url")
        )
    }
}

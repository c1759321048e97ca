import ArgumentParser
import Foundation
import Testing

@testable import LinqBotCommands

/// `linqbot new` renders every template of this checkout into a temporary folder.
@Suite struct TemplateTests {
    static let checkout = LinqBotCheckout(root: Workspace.root)!
    static let templateNames = ["ai-agent", "appointment-reminder", "lead-qualification", "starter"]

    @Test("the checkout has the four templates, each with a summary")
    func catalog() throws {
        let entries = try TemplateCatalog(directory: Self.checkout.templates).entries()
        #expect(entries.map(\.name) == Self.templateNames)
        #expect(entries.allSatisfy { !$0.summary.isEmpty })
    }

    @Test("each template renders into a complete package with every placeholder filled", arguments: templateNames)
    func rendersCompletePackage(template: String) throws {
        try Workspace.withTemporaryDirectory { directory in
            let (console, printed) = CommandOutput.buffer()
            let command = try NewCommand.parse(["PizzaBot", "--template", template])
            try command.execute(checkout: Self.checkout, workingDirectory: directory, console: console)

            let package = directory.appendingPathComponent("PizzaBot")
            let files = try Workspace.files(in: package)
            for required in [
                "Package.swift", "README.md", ".env.example", ".gitignore", "Sources/PizzaBot/main.swift", "Sources/PizzaBot/BuildBot.swift",
                "Tests/PizzaBotTests/ConversationTests.swift",
            ] {
                #expect(files.keys.contains(required), "\(template) has no \(required)")
            }
            #expect(!files.keys.contains { $0.hasSuffix(".mustache") || $0.contains("{{") || $0 == "template.json" })
            for (path, text) in files {
                #expect(!text.contains("{{") && !text.contains("}}}"), "\(template): \(path) has a leftover placeholder")
                #expect(!text.contains("&quot;") && !text.contains("&lt;"), "\(template): \(path) was HTML-escaped")
            }

            let manifest = try #require(files["Package.swift"])
            let root = Self.checkout.root.path
            let identity = Self.checkout.root.lastPathComponent.lowercased()
            #expect(manifest.contains(".package(path: \"\(root)\")"))
            #expect(manifest.contains("name: \"PizzaBot\""))
            #expect(manifest.contains("name: \"PizzaBotTests\""))
            #expect(manifest.contains(".product(name: \"LinqBotTesting\", package: \"\(identity)\")"))
            #expect(try #require(files["Sources/PizzaBot/BuildBot.swift"]).contains("botID: \"pizza-bot\""))
            #expect(try #require(files["Tests/PizzaBotTests/ConversationTests.swift"]).contains("@testable import PizzaBot"))
            #expect(try #require(files["README.md"]).hasPrefix("# PizzaBot\n"))
            #expect(try #require(files["README.md"]).contains("swift run PizzaBot"))

            #expect(printed.text.hasPrefix("Created PizzaBot from the \(template) template in PizzaBot:"))
            #expect(printed.text.contains("  Sources/PizzaBot/main.swift\n"))
        }
    }

    @Test("--linqbot-url writes a versioned URL dependency and names its package identity")
    func urlDependency() throws {
        try Workspace.withTemporaryDirectory { directory in
            let command = try NewCommand.parse([
                "Helper", "--output", "out/helper", "--linqbot-url", "https://example.com/acme/LinqBot.git", "--linqbot-version", "1.2.0",
            ])
            try command.execute(checkout: Self.checkout, workingDirectory: directory, console: CommandOutput { _ in })
            let manifest = try String(contentsOf: directory.appendingPathComponent("out/helper/Package.swift"), encoding: .utf8)
            #expect(manifest.contains(".package(url: \"https://example.com/acme/LinqBot.git\", from: \"1.2.0\"),"))
            #expect(manifest.contains(".product(name: \"LinqBot\", package: \"linqbot\")"))
            #expect(!manifest.contains(".package(path:"))
        }
    }

    @Test("--linqbot-path and --templates work without a checkout around the binary")
    func explicitCheckout() throws {
        try Workspace.withTemporaryDirectory { directory in
            let command = try NewCommand.parse(["Solo", "--linqbot-path", Workspace.root.path, "--template", "lead-qualification"])
            try command.execute(checkout: nil, workingDirectory: directory, console: CommandOutput { _ in })
            let manifest = try String(contentsOf: directory.appendingPathComponent("Solo/Package.swift"), encoding: .utf8)
            #expect(manifest.contains(".package(path: \"\(Self.checkout.root.path)\")"))

            let lonely = try NewCommand.parse(["Lonely", "--templates", Self.checkout.templates.path])
            let error = try #require(Self.failure { try lonely.execute(checkout: nil, workingDirectory: directory, console: CommandOutput { _ in }) })
            #expect(error.message.contains("pass --linqbot-path PATH (a checkout) or --linqbot-url URL --linqbot-version VERSION"))

            let nothing = try NewCommand.parse(["Nothing"])
            let missing = try #require(Self.failure { try nothing.execute(checkout: nil, workingDirectory: directory, console: CommandOutput { _ in }) })
            #expect(missing.message.contains("Pass --templates DIR"))
        }
    }

    @Test("an existing folder that is not empty is refused; an empty one is filled")
    func refusesNonEmptyFolder() throws {
        try Workspace.withTemporaryDirectory { directory in
            let target = directory.appendingPathComponent("Busy")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            let command = try NewCommand.parse(["Busy"])
            try command.execute(checkout: Self.checkout, workingDirectory: directory, console: CommandOutput { _ in })
            #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("Package.swift").path))

            let error = try #require(Self.failure { try command.execute(checkout: Self.checkout, workingDirectory: directory, console: CommandOutput { _ in }) })
            #expect(error.message == "\(target.path) already exists and is not empty: choose another NAME or --output folder, or remove it.")
        }
    }

    @Test("an unknown template is refused with the list of valid ones")
    func unknownTemplate() throws {
        try Workspace.withTemporaryDirectory { directory in
            let command = try NewCommand.parse(["PizzaBot", "--template", "chatgpt"])
            let error = try #require(Self.failure { try command.execute(checkout: Self.checkout, workingDirectory: directory, console: CommandOutput { _ in }) })
            #expect(error.message.hasPrefix("There is no template \"chatgpt\". Choose one of: ai-agent, appointment-reminder, lead-qualification, starter"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "nothing was written")
        }
    }

    @Test("--list prints every template with its summary")
    func listsTemplates() throws {
        let (console, printed) = CommandOutput.buffer()
        try NewCommand.parse(["--list"]).execute(checkout: Self.checkout, workingDirectory: Workspace.root, console: console)
        let lines = printed.text.split(separator: "\n")
        #expect(lines.first == "Templates in \(Self.checkout.templates.path):")
        #expect(lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) } == Self.templateNames)
    }

    @Test("a template naming a variable the renderer does not provide is refused")
    func unknownVariable() throws {
        try Workspace.withTemporaryDirectory { directory in
            let template = directory.appendingPathComponent("broken")
            try FileManager.default.createDirectory(at: template, withIntermediateDirectories: true)
            try Data("let x = \"{{ nickname }}\"\n".utf8).write(to: template.appendingPathComponent("main.swift.mustache"))
            let renderer = TemplateRenderer(values: ["name": "X"])
            let error = try #require(Self.failure { _ = try renderer.render(template) })
            #expect(error.message.hasPrefix("main.swift.mustache uses {{nickname}}, which `linqbot new` does not provide."))
            #expect(TemplateRenderer.variables(in: "{{! note }}{{% CONTENT_TYPE: TEXT}}{{#a}}{{{b}}}{{/a}}{{& c}}") == ["a", "b", "c"])
        }
    }

    @Test("the checkout is found above the binary, and nowhere else")
    func findsCheckout() throws {
        let binary = Workspace.root.appendingPathComponent(".build/debug/linqbot")
        #expect(LinqBotCheckout.enclosing(binary)?.root == Self.checkout.root)
        try Workspace.withTemporaryDirectory { directory in
            #expect(LinqBotCheckout.enclosing(directory.appendingPathComponent("bin/linqbot")) == nil)
        }
    }

    /// The command error `body` throws, or `nil`.
    static func failure(_ body: () throws -> Void) -> CommandError? {
        do {
            try body()
            return nil
        } catch {
            return error as? CommandError
        }
    }
}

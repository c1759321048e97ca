import ArgumentParser
import Foundation
import Testing

@testable import LinqBotCommands

/// `linqbot new` renders every template into a temporary folder: the built-in ones with no
/// checkout around, and a checkout's own.
@Suite struct TemplateTests {
    static let checkout = LinqBotCheckout(root: Workspace.root)!
    static let templateNames = ["ai-agent", "appointment-reminder", "lead-qualification", "starter"]

    @Test("the checkout has the four templates, each with a summary")
    func catalog() throws {
        let entries = try TemplateCatalog(directory: Self.checkout.templates).entries()
        #expect(entries.map(\.name) == Self.templateNames)
        #expect(entries.allSatisfy { !$0.summary.isEmpty })
        #expect(try TemplateCatalog.embedded.entries() == entries)
    }

    @Test("the templates built into linqbot are the checkout's Templates/, byte for byte", arguments: templateNames)
    func embeddedMatchCheckout(template: String) throws {
        let onDisk = try TemplateCatalog(directory: Self.checkout.templates).files(of: template)
        let embedded = try TemplateCatalog.embedded.files(of: template)
        #expect(embedded.keys.sorted() == onDisk.keys.sorted())
        for (path, data) in onDisk { #expect(embedded[path] == data, "\(template)/\(path) differs from the built-in copy") }
    }

    @Test("the release constants make a dependency SwiftPM accepts")
    func releaseConstants() throws {
        try LinqBotDependency.checkVersion(LinqBotRelease.version)
        try LinqBotDependency.checkURL(LinqBotRelease.repositoryURL)
        #expect(LinqBotDependency.url(LinqBotRelease.repositoryURL, version: LinqBotRelease.version).identity == "linqbot")
    }

    @Test(
        "with no checkout around, each built-in template renders into a complete package that depends on this release by URL",
        arguments: templateNames
    )
    func rendersCompletePackage(template: String) throws {
        try Workspace.withTemporaryDirectory { directory in
            let (console, printed) = CommandOutput.buffer()
            let command = try NewCommand.parse(["PizzaBot", "--template", template])
            try command.execute(checkout: nil, workingDirectory: directory, console: console)

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
            #expect(manifest.contains(".package(url: \"\(LinqBotRelease.repositoryURL)\", from: \"\(LinqBotRelease.version)\"),"))
            #expect(!manifest.contains(".package(path:"))
            #expect(manifest.contains("name: \"PizzaBot\""))
            #expect(manifest.contains("name: \"PizzaBotTests\""))
            #expect(manifest.contains(".product(name: \"LinqBotTesting\", package: \"linqbot\")"))
            let buildBot = try #require(files["Sources/PizzaBot/BuildBot.swift"])
            #expect(buildBot.contains("botID: \"pizza-bot\"") || buildBot.contains("botID = \"pizza-bot\""), "\(template) names its bot id")
            #expect(try #require(files["Tests/PizzaBotTests/ConversationTests.swift"]).contains("@testable import PizzaBot"))
            #expect(try #require(files["README.md"]).hasPrefix("# PizzaBot\n"))
            #expect(try #require(files["README.md"]).contains("swift run PizzaBot"))

            #expect(printed.text.hasPrefix("Created PizzaBot from the \(template) template in PizzaBot:"))
            #expect(printed.text.contains("  Sources/PizzaBot/main.swift\n"))
            #expect(printed.text.contains("LinqBot dependency: .package(url: \"\(LinqBotRelease.repositoryURL)\""))
        }
    }

    @Test("run from a checkout, each template is the checkout's and depends on it by path", arguments: templateNames)
    func rendersFromCheckout(template: String) throws {
        try Workspace.withTemporaryDirectory { directory in
            let command = try NewCommand.parse(["PizzaBot", "--template", template])
            try command.execute(checkout: Self.checkout, workingDirectory: directory, console: CommandOutput { _ in })
            let manifest = try String(contentsOf: directory.appendingPathComponent("PizzaBot/Package.swift"), encoding: .utf8)
            let identity = Self.checkout.root.lastPathComponent.lowercased()
            #expect(manifest.contains(".package(path: \"\(Self.checkout.root.path)\"),"))
            #expect(manifest.contains(".product(name: \"LinqBotTesting\", package: \"\(identity)\")"))
            #expect(!manifest.contains(".package(url: \"\(LinqBotRelease.repositoryURL)\""))
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

    @Test("with no checkout around, --linqbot-path gives a path dependency on that checkout, for every template", arguments: templateNames)
    func explicitCheckout(template: String) throws {
        try Workspace.withTemporaryDirectory { directory in
            let (console, printed) = CommandOutput.buffer()
            let command = try NewCommand.parse(["Solo", "--linqbot-path", Workspace.root.path, "--template", template])
            try command.execute(checkout: nil, workingDirectory: directory, console: console)
            let manifest = try String(contentsOf: directory.appendingPathComponent("Solo/Package.swift"), encoding: .utf8)
            let identity = Self.checkout.root.lastPathComponent.lowercased()
            #expect(manifest.contains(".package(path: \"\(Self.checkout.root.path)\"),"))
            #expect(manifest.contains(".product(name: \"LinqBot\", package: \"\(identity)\")"))
            #expect(!manifest.contains(".package(url: \"\(LinqBotRelease.repositoryURL)\""))
            #expect(printed.text.contains("LinqBot dependency: .package(path: \"\(Self.checkout.root.path)\")"))
        }
    }

    @Test("--templates, --linqbot-url and --linqbot-version override the built-in choices; a path with a URL is refused")
    func overrides() throws {
        try Workspace.withTemporaryDirectory { directory in
            let other = try NewCommand.parse(["Other", "--templates", Self.checkout.templates.path, "--linqbot-version", "2.0.0-beta.1"])
            try other.execute(checkout: nil, workingDirectory: directory, console: CommandOutput { _ in })
            let manifest = try String(contentsOf: directory.appendingPathComponent("Other/Package.swift"), encoding: .utf8)
            #expect(manifest.contains(".package(url: \"\(LinqBotRelease.repositoryURL)\", from: \"2.0.0-beta.1\"),"))

            // Inside a checkout, asking for a version means the published package, not the checkout.
            let published = try NewCommand.parse(["Published", "--linqbot-version", "0.3.0"])
            try published.execute(checkout: Self.checkout, workingDirectory: directory, console: CommandOutput { _ in })
            let publishedManifest = try String(contentsOf: directory.appendingPathComponent("Published/Package.swift"), encoding: .utf8)
            #expect(publishedManifest.contains(".package(url: \"\(LinqBotRelease.repositoryURL)\", from: \"0.3.0\"),"))

            let badVersion = try NewCommand.parse(["Bad", "--linqbot-version", "latest"])
            let error = try #require(Self.failure { try badVersion.execute(checkout: nil, workingDirectory: directory, console: CommandOutput { _ in }) })
            #expect(error.message.hasPrefix("--linqbot-version \"latest\" is not a semantic version"))

            #expect(throws: (any Error).self) { try NewCommand.parse(["Both", "--linqbot-path", ".", "--linqbot-url", "https://example.com/x.git"]) }
            #expect(throws: (any Error).self) { try NewCommand.parse(["Both", "--linqbot-path", ".", "--linqbot-version", "1.0.0"]) }
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

    @Test("--list prints every template with its summary, and where they come from")
    func listsTemplates() throws {
        let (console, printed) = CommandOutput.buffer()
        try NewCommand.parse(["--list"]).execute(checkout: Self.checkout, workingDirectory: Workspace.root, console: console)
        let lines = printed.text.split(separator: "\n")
        #expect(lines.first == "Templates in \(Self.checkout.templates.path):")
        #expect(lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) } == Self.templateNames)

        let (builtInConsole, builtIn) = CommandOutput.buffer()
        try NewCommand.parse(["--list"]).execute(checkout: nil, workingDirectory: Workspace.root, console: builtInConsole)
        let builtInLines = builtIn.text.split(separator: "\n")
        #expect(builtInLines.first == "Templates in linqbot \(LinqBotRelease.version) (built in):")
        #expect(builtInLines.dropFirst() == lines.dropFirst())
    }

    @Test("a template naming a variable the renderer does not provide is refused")
    func unknownVariable() throws {
        try Workspace.withTemporaryDirectory { directory in
            let folder = directory.appendingPathComponent("broken")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("let x = \"{{ nickname }}\"\n".utf8).write(to: folder.appendingPathComponent("main.swift.mustache"))
            let template = try TemplateCatalog.readFiles(in: folder)
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

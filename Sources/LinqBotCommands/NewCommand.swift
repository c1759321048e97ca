public import ArgumentParser
import Foundation

/// `linqbot new`: renders a template into a new Swift package.
///
/// The templates are compiled into `linqbot` (see `EmbeddedTemplates`), so the command works
/// from any folder. Where the new package finds LinqBot:
/// - `--linqbot-path PATH`: that checkout, by path (its `Templates/` are rendered too);
/// - run from a LinqBot checkout (the binary under its `.build/`): that checkout, by path, and
///   its `Templates/`, so changes to either are used at once;
/// - anywhere else: `LinqBotRelease.repositoryURL` from `LinqBotRelease.version`, the release
///   this binary was built from (`--linqbot-url` and `--linqbot-version` override either).
public struct NewCommand: AsyncParsableCommand {
    /// The command's name, abstract and help.
    public static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a bot package from a template.",
        discussion: """
            Renders a template into a new folder: a Swift package with the bot, a conversation test, a README \
            and a .env.example. `linqbot new --list` lists the templates.

            The templates are built into linqbot, and the new package depends on LinqBot from its repository \
            at the version linqbot was built from. Run from a LinqBot checkout (e.g. `swift run linqbot new`), \
            it depends on that checkout by path and renders its Templates/ instead; --linqbot-path PATH does \
            the same for any checkout. --linqbot-url and --linqbot-version choose another repository or version, \
            --templates DIR another folder of templates.

            Examples:
              linqbot new PizzaBot
              linqbot new Reminders -t appointment-reminder -o bots/reminders
              linqbot new PizzaBot --linqbot-path ~/src/LinqBot
            """
    )

    @Argument(help: "The package name: a Swift identifier such as PizzaBot. It names the folder, the executable and the module.")
    var name: String?

    @Option(name: .shortAndLong, help: "The template to render (see --list).")
    var template: String = "starter"

    @Option(name: .shortAndLong, help: "The folder to create (default: ./NAME). It must not exist, or be empty.")
    var output: String?

    @Option(help: "A folder of templates (one subfolder with a template.json per template) to use instead of the built-in ones.")
    var templates: String?

    @Option(name: .customLong("linqbot-path"), help: "Depend on the LinqBot checkout at this path, and render its templates.")
    var linqbotPath: String?

    @Option(
        name: .customLong("linqbot-url"),
        help: "Depend on LinqBot from this git repository (default away from a checkout: \(LinqBotRelease.repositoryURL))."
    )
    var linqbotURL: String?

    @Option(
        name: .customLong("linqbot-version"),
        help: "The lowest LinqBot version the URL dependency accepts (default: \(LinqBotRelease.version), this linqbot's)."
    )
    var linqbotVersion: String?

    @Flag(help: "List the templates and exit.")
    var list = false

    /// Creates the command with no arguments (ArgumentParser fills them in).
    public init() {}

    /// Checks the arguments before anything is read or written.
    public func validate() throws {
        if list { return }
        guard let name else { throw ValidationError("Missing NAME: give the package a name, e.g. `linqbot new PizzaBot`.") }
        do {
            _ = try PackageName(name)
        } catch {
            throw ValidationError(error.message)
        }
        if linqbotPath != nil, linqbotURL != nil || linqbotVersion != nil {
            throw ValidationError("Pass either --linqbot-path or --linqbot-url/--linqbot-version, not both.")
        }
    }

    /// Renders the template, or lists the templates with `--list`.
    public func run() async throws {
        try execute(checkout: LinqBotCheckout.ofRunningExecutable(), workingDirectory: Self.currentDirectory, console: .standardOutput)
    }

    static var currentDirectory: URL { URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true) }

    /// The work of `run()`, with the checkout of the running binary and the current folder given.
    func execute(checkout: LinqBotCheckout?, workingDirectory: URL, console: CommandOutput) throws(CommandError) {
        let pathCheckout = try linqbotPath.map { path throws(CommandError) -> LinqBotCheckout in
            let url = Self.resolve(path, in: workingDirectory)
            guard let found = LinqBotCheckout(root: url) else {
                throw CommandError("--linqbot-path \(url.path) is not a LinqBot checkout (a folder with LinqBot's Package.swift and Templates/).")
            }
            return found
        }
        let catalog = try catalog(pathCheckout: pathCheckout, checkout: checkout, workingDirectory: workingDirectory)
        if list {
            console.line(try catalog.listing())
            return
        }
        guard let name else { throw CommandError("Missing NAME: give the package a name, e.g. `linqbot new PizzaBot`.") }
        let package = try PackageName(name)
        let dependency = try dependency(pathCheckout: pathCheckout, checkout: checkout)
        let files = try catalog.files(of: template)
        let destination = destination(for: package, in: workingDirectory)
        let renderer = TemplateRenderer(values: [
            "name": package.rawValue,
            "bot_id": package.botID,
            "linqbot_dependency": dependency.packageLine,
            "linqbot_package": dependency.identity,
        ])
        let written = try renderer.write(files, to: destination)
        let shown = Self.relativePath(destination, from: workingDirectory)
        console.line("Created \(package) from the \(template) template in \(shown):")
        for file in written { console.line("  \(file)") }
        console.line("""
            LinqBot dependency: \(dependency.packageLine)

            Next:
              cd \(shown)
              swift run \(package)     # local mode: a simulator and a chat page on http://127.0.0.1:7700/
              swift test
            """)
    }

    private func catalog(pathCheckout: LinqBotCheckout?, checkout: LinqBotCheckout?, workingDirectory: URL) throws(CommandError) -> TemplateCatalog {
        if let templates { return TemplateCatalog(directory: Self.resolve(templates, in: workingDirectory)) }
        if let source = pathCheckout ?? checkout { return TemplateCatalog(directory: source.templates) }
        return .embedded
    }

    private func dependency(pathCheckout: LinqBotCheckout?, checkout: LinqBotCheckout?) throws(CommandError) -> LinqBotDependency {
        if let pathCheckout { return .path(pathCheckout.root.path) }
        if let checkout, linqbotURL == nil, linqbotVersion == nil { return .path(checkout.root.path) }
        let url = linqbotURL ?? LinqBotRelease.repositoryURL
        let version = linqbotVersion ?? LinqBotRelease.version
        try LinqBotDependency.checkURL(url)
        try LinqBotDependency.checkVersion(version)
        return .url(url, version: version)
    }

    private func destination(for package: PackageName, in workingDirectory: URL) -> URL {
        Self.resolve(output ?? package.rawValue, in: workingDirectory)
    }

    /// `path` as an absolute URL: `~` expanded, relative paths taken from `directory`.
    static func resolve(_ path: String, in directory: URL) -> URL {
        let expanded = NSString(string: path).expandingTildeInPath
        let url = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : directory.appendingPathComponent(expanded)
        return url.standardizedFileURL
    }

    /// `url` relative to `directory` when it is inside it, else its absolute path.
    static func relativePath(_ url: URL, from directory: URL) -> String {
        let base = directory.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        guard path.hasPrefix(base + "/") else { return path }
        return String(path.dropFirst(base.count + 1))
    }
}

import Foundation

/// How a new package depends on LinqBot: on a checkout by path, or on a published version by URL.
enum LinqBotDependency: Sendable, Hashable {
    /// `.package(path: …)`: a LinqBot checkout on this machine.
    case path(String)
    /// `.package(url: …, from: …)`: a LinqBot repository and the lowest version to accept.
    case url(String, version: String)

    /// The line in the new package's `dependencies:` list.
    var packageLine: String {
        switch self {
        case .path(let path): ".package(path: \(Self.literal(path)))"
        case .url(let url, let version): ".package(url: \(Self.literal(url)), from: \(Self.literal(version)))"
        }
    }

    /// The package identity SwiftPM gives the dependency (the last path component, lower-cased,
    /// without `.git`), which `.product(name:package:)` names.
    var identity: String {
        let location: String
        switch self {
        case .path(let path): location = path
        case .url(let url, _): location = url
        }
        var last = location.split(separator: "/").last.map(String.init) ?? location
        if last.hasSuffix(".git") { last.removeLast(4) }
        return last.lowercased()
    }

    /// A Swift string literal for `text`.
    private static func literal(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }

    /// Checks a `--linqbot-version` value: `1.2.3`, with an optional pre-release suffix.
    static func checkVersion(_ version: String) throws(CommandError) {
        let core = version.split(separator: "-", maxSplits: 1).first.map(String.init) ?? ""
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3, numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else {
            throw CommandError("--linqbot-version \"\(version)\" is not a semantic version: use e.g. 0.1.0.")
        }
    }

    /// Checks a `--linqbot-url` value: a URL with a scheme and a path, as `.package(url:)` takes.
    static func checkURL(_ text: String) throws(CommandError) {
        guard let url = URL(string: text), let scheme = url.scheme, !scheme.isEmpty, !url.path.isEmpty, url.path != "/" else {
            throw CommandError("--linqbot-url \"\(text)\" is not a repository URL: use e.g. https://example.com/you/linqbot.git.")
        }
    }
}

/// The LinqBot release this `linqbot` belongs to: where a new package finds LinqBot when no
/// checkout is around.
///
/// `linqbot new` run away from a LinqBot checkout writes
/// `.package(url: LinqBotRelease.repositoryURL, from: LinqBotRelease.version)`, so the new
/// package builds against the release whose templates it was rendered from. Releasing LinqBot
/// means setting `version` to the new tag's number (semantic version, no leading `v`) in the
/// commit that is tagged; the tests check it is a valid version.
public enum LinqBotRelease {
    /// The version of LinqBot this source tree is, or becomes when tagged.
    public static let version = "0.1.0"

    /// The git repository LinqBot is published from; `--linqbot-url` overrides it.
    public static let repositoryURL = "https://github.com/linqbot/LinqBot.git"
}

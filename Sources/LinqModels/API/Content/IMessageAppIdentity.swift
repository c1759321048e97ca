/// The Messages app extension behind an iMessage app card.
public struct IMessageAppIdentity: Codable, Hashable, Sendable {
    /// The extension's bundle identifier (no `:`).
    public var bundleID: String
    /// The app's display name, shown by Messages' fallback UI.
    public var name: String
    /// The 10-character uppercase alphanumeric Apple team id.
    public var teamID: String
    /// The owning app's App Store id; shows a "Get the app" affordance when set.
    public var appStoreID: Int?

    /// Creates an app identity.
    public init(bundleID: String, name: String, teamID: String, appStoreID: Int? = nil) {
        self.bundleID = bundleID
        self.name = name
        self.teamID = teamID
        self.appStoreID = appStoreID
    }

    enum CodingKeys: String, CodingKey {
        case name
        case bundleID = "bundle_id"
        case teamID = "team_id"
        case appStoreID = "app_store_id"
    }
}

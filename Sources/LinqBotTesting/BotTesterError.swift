/// Why a conversation test could not go on.
public enum BotTesterError: Error, Sendable {
    /// The simulator refused the person's action.
    case refused(status: Int, body: String)
    /// The bot did not finish its work within ``BotTester/patience`` of real time (a handler that never returns?).
    case stuck
    /// A live tester's server did not start.
    case serverDidNotStart(String)
    /// ``BotTester/restart(with:reopen:)`` works in ``BotTester/Mode/inProcess`` mode, with one instance, only.
    case restartNeedsInProcessMode
}

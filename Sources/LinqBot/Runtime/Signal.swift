/// Wakes idle workers: `notify()` wakes one waiter (or the next to wait), `notifyAll()` every
/// waiter, `close()` every waiter now and every later `wait()` at once (on stop).
actor Signal {
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var credits = 0
    private var closed = false
    private let maxCredits: Int

    init(maxCredits: Int) { self.maxCredits = maxCredits }

    func wait() async {
        if closed { return }
        if credits > 0 {
            credits -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func notify() {
        if waiters.isEmpty {
            credits = min(credits + 1, maxCredits)
        } else {
            waiters.removeFirst().resume()
        }
    }

    func close() {
        closed = true
        notifyAll()
    }

    func notifyAll() {
        let all = waiters
        waiters = []
        for waiter in all { waiter.resume() }
    }
}

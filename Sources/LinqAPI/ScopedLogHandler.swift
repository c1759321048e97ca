package import Logging

/// A log handler that adds metadata to another one's at each log call, instead of setting it on
/// that handler: a handler such as swift-log's `StreamLogHandler` renders its whole metadata
/// again on every change, which the per-event metadata of a busy bot (event, chat) would pay
/// for each event, logged or not.
package struct ScopedLogHandler: LogHandler {
    /// The handler that writes.
    package var base: any LogHandler
    /// What this scope adds; it wins over the base handler's metadata of the same key.
    package var scoped: Logger.Metadata

    package init(base: any LogHandler, scoped: Logger.Metadata) {
        self.base = base
        self.scoped = scoped
    }

    package func log(event: LogEvent) {
        var event = event
        event.metadata = event.metadata.map { scoped.merging($0) { $1 } } ?? scoped
        base.log(event: event)
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { scoped[key] ?? base[metadataKey: key] }
        set { scoped[key] = newValue }
    }

    package var metadata: Logger.Metadata {
        get { base.metadata.merging(scoped) { $1 } }
        set {
            base.metadata = newValue
            scoped = [:]
        }
    }

    package var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    package var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }
}

extension Logger {
    /// This logger with `metadata` added at each log call (see ``ScopedLogHandler``).
    package func scoped(_ metadata: Logger.Metadata) -> Logger {
        var logger = self
        if var handler = logger.handler as? ScopedLogHandler {
            handler.scoped.merge(metadata) { $1 }
            logger.handler = handler
        } else {
            logger.handler = ScopedLogHandler(base: logger.handler, scoped: metadata)
        }
        return logger
    }
}

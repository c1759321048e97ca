import Foundation
import LinqAPI
import LinqModels

/// `/v3/webhook-subscriptions`: create (secret shown once), list, get, update, delete.
extension SimulatorAPI {
    func handleSubscriptions(_ request: SimulatorRequest, state: inout SimulatorState) throws -> SimulatorResponse? {
        let p = 2
        if request.match("v3/webhook-subscriptions", after: p) != nil {
            if request.method == "GET" {
                return .json(200, WebhookSubscriptionList(subscriptions: state.subscriptionOrder.compactMap { state.subscriptions[$0] }.map(view)))
            }
            if request.method == "POST" {
                let body = try decode(CreateWebhookSubscriptionRequest.self, from: request)
                try checkTarget(body.targetURL, state: state, except: nil)
                try checkEvents(body.subscribedEvents)
                try checkLines(body.phoneNumbers, state: state)
                let secret = WebhookSecret.generate()
                let subscription = SimulatorState.Subscription(
                    id: WebhookSubscriptionID(SimulatorState.uuid()), targetURL: body.targetURL, events: body.subscribedEvents,
                    phoneNumbers: body.phoneNumbers.flatMap { $0.isEmpty ? nil : $0 }, secret: secret, createdAt: now, updatedAt: now,
                    routingKeyHeader: body.routingKeyHeader, routingIDHeader: body.routingIDHeader
                )
                state.subscriptions[subscription.id] = subscription
                state.subscriptionOrder.append(subscription.id)
                return .json(201, CreateWebhookSubscriptionResponse(subscription: view(subscription), signingSecret: secret))
            }
            return nil
        }
        guard let id = request.match("v3/webhook-subscriptions/:id", after: p)?.first else { return nil }
        guard var subscription = state.subscriptions[WebhookSubscriptionID(id)] else {
            throw SimulatorError(404, 2010, "Webhook subscription \(id) not found.")
        }
        switch request.method {
        case "GET":
            return .json(200, view(subscription))
        case "PUT":
            let body = try decode(UpdateWebhookSubscriptionRequest.self, from: request)
            if let target = body.targetURL {
                try checkTarget(target, state: state, except: subscription.id)
                subscription.targetURL = target
            }
            if let events = body.subscribedEvents {
                try checkEvents(events)
                subscription.events = events
            }
            if let active = body.isActive { subscription.isActive = active }
            switch body.phoneNumbers {
            case .keep: break
            case .clear: subscription.phoneNumbers = nil
            case .set(let numbers):
                try checkLines(numbers, state: state)
                subscription.phoneNumbers = numbers.isEmpty ? nil : numbers
            }
            apply(body.routingKeyHeader, to: &subscription.routingKeyHeader)
            apply(body.routingIDHeader, to: &subscription.routingIDHeader)
            subscription.updatedAt = now
            state.subscriptions[subscription.id] = subscription
            return .json(200, view(subscription))
        case "DELETE":
            state.subscriptions[subscription.id] = nil
            state.subscriptionOrder.removeAll { $0 == subscription.id }
            return .empty(204)
        default:
            return nil
        }
    }

    /// A header-name update: keep, clear (null or "") or set.
    private func apply(_ update: FieldUpdate<String>, to field: inout String?) {
        switch update {
        case .keep: break
        case .clear: field = nil
        case .set(let value): field = value.isEmpty ? nil : value
        }
    }

    private func view(_ subscription: SimulatorState.Subscription) -> WebhookSubscription {
        WebhookSubscription(
            id: subscription.id, targetURL: subscription.targetURL, subscribedEvents: subscription.events,
            phoneNumbers: subscription.phoneNumbers, isActive: subscription.isActive, createdAt: subscription.createdAt,
            updatedAt: subscription.updatedAt, routingIDHeader: subscription.routingIDHeader, routingKeyHeader: subscription.routingKeyHeader
        )
    }

    /// Linq wants https; the simulator also takes http so bots on this machine can listen without TLS.
    private func checkTarget(_ target: String, state: SimulatorState, except: WebhookSubscriptionID?) throws {
        guard let url = URL(string: target), let scheme = url.scheme?.lowercased(), ["https", "http"].contains(scheme),
            let host = url.host, !host.isEmpty
        else { throw SimulatorError(400, 1005, "target_url \(target) is not an http(s) URL.") }
        if state.subscriptions.values.contains(where: { $0.targetURL == target && $0.id != except }) {
            throw SimulatorError(400, 1005, "target_url \(target) is already used by another subscription; add a query parameter to tell them apart.")
        }
    }

    private func checkEvents(_ events: [WebhookEventType]) throws {
        guard !events.isEmpty else { throw SimulatorError(400, 1001, "subscribed_events must list at least one event type.") }
        let known = Set(WebhookEventType.allKnown)
        if let unknown = events.first(where: { !known.contains($0) }) {
            throw SimulatorError(400, 1005, "subscribed_events has the unknown event type \(unknown).")
        }
    }

    private func checkLines(_ numbers: [String]?, state: SimulatorState) throws {
        for number in numbers ?? [] where state.lines[number] == nil {
            throw SimulatorError(400, 1005, "phone_numbers lists \(number), which is not one of your lines.")
        }
    }
}

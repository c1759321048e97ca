import Foundation
import LinqModels

/// Attachments, capability checks, contact cards, phone numbers and blocked handles.
extension SimulatorAPI {
    func handleAccount(_ request: SimulatorRequest, state: inout SimulatorState) throws -> SimulatorResponse? {
        let p = 2
        switch (request.method, request.segments.dropFirst(p).first.map { _ in Array(request.segments.dropFirst(p + 1)) } ?? []) {
        case ("POST", ["attachments"]):
            let body = try decode(CreateAttachmentRequest.self, from: request)
            guard !body.filename.isEmpty, body.filename.count <= 255 else { throw SimulatorError(400, 1005, "filename must be 1 to 255 characters.") }
            guard (1...104_857_600).contains(body.sizeBytes) else { throw SimulatorError(400, 5005, "size_bytes must be 1 to 104,857,600.") }
            let id = AttachmentID(SimulatorState.uuid())
            state.attachments[id] = .init(id: id, filename: body.filename, contentType: body.contentType.rawValue, sizeBytes: body.sizeBytes, createdAt: now)
            let host = request.header("host") ?? "127.0.0.1"
            return .json(200, CreateAttachmentResponse(
                attachmentID: id, uploadURL: "http://\(host)/sim/uploads/\(id)", downloadURL: cdnURL(id, body.filename),
                requiredHeaders: ["Content-Type": body.contentType.rawValue], expiresAt: now.addingTimeInterval(900)
            ))
        case ("GET", let rest) where rest.count == 2 && rest[0] == "attachments":
            guard let attachment = state.attachments[AttachmentID(rest[1])] else { throw SimulatorError.notFound("Attachment \(rest[1])", code: 2003) }
            return .json(200, Attachment(
                id: attachment.id, filename: attachment.filename, contentType: AttachmentContentType(rawValue: attachment.contentType),
                sizeBytes: attachment.sizeBytes, createdAt: attachment.createdAt, status: attachment.uploaded ? .complete : .pending,
                downloadURL: cdnURL(attachment.id, attachment.filename)
            ))
        case ("DELETE", let rest) where rest.count == 2 && rest[0] == "attachments":
            guard UUID(uuidString: rest[1]) != nil else { throw SimulatorError(400, 1005, "\(rest[1]) is not an attachment id.") }
            guard state.attachments.removeValue(forKey: AttachmentID(rest[1])) != nil else { throw SimulatorError.notFound("Attachment \(rest[1])", code: 2003) }
            return .empty(204)
        case ("POST", ["capability", "check_imessage"]), ("POST", ["capability", "check_rcs"]):
            let body = try decode(CapabilityCheckRequest.self, from: request)
            let rcs = request.segments.last == "check_rcs"
            try checkHandle(body.address, allowEmail: !rcs)
            if let from = body.from { _ = try line(from, in: state) }
            let person = state.person(body.address)
            let available = rcs ? person.rcs : person.iMessage
            let selected: Service = person.iMessage && !rcs ? .iMessage : person.rcs ? .rcs : .sms
            return .json(200, HandleCheckResponse(
                address: body.address, available: available, reason: available ? nil : .notSupported, selectedService: selected
            ))
        case ("POST", ["contact_card"]):
            let body = try decode(ContactCardRequest.self, from: request)
            var line = try line(body.phoneNumber, in: state)
            if line.cardName != nil { throw SimulatorError(409, 2014, "A contact card already exists for \(body.phoneNumber); update it with PATCH.") }
            try takeCardBudget(&line)
            line.cardName = body.firstName
            line.cardLastName = body.lastName
            line.cardImageURL = body.imageURL
            state.lines[line.phoneNumber] = line
            return .json(200, card(line))
        case ("GET", ["contact_card"]):
            let numbers = request.query["phone_number"].map { [$0] } ?? state.lineOrder
            return .json(200, ContactCardList(contactCards: numbers.compactMap { state.lines[$0] }.filter { $0.cardName != nil }.map(card)))
        case ("PATCH", ["contact_card"]):
            guard let number = request.query["phone_number"] else { throw SimulatorError(400, 1001, "phone_number is required in the query.") }
            var line = try line(number, in: state)
            guard line.cardName != nil else { throw SimulatorError(404, 2012, "No contact card for \(number); create one first.") }
            let body = try decode(UpdateContactCardRequest.self, from: request)
            try takeCardBudget(&line)
            if let first = body.firstName { line.cardName = first }
            if let last = body.lastName { line.cardLastName = last }
            if let image = body.imageURL { line.cardImageURL = image }
            state.lines[number] = line
            return .json(200, card(line))
        case ("GET", ["phone_numbers"]):
            return .json(200, PhoneNumberList(phoneNumbers: state.lineOrder.compactMap { state.lines[$0] }.map(phoneNumber)))
        case ("PUT", let rest) where rest.count == 2 && rest[0] == "phone_numbers":
            guard let number = state.lineOrder.first(where: { state.lines[$0]?.id.rawValue == rest[1] }), var line = state.lines[number] else {
                throw SimulatorError.notFound("Phone number \(rest[1])", code: 1005)
            }
            let body = try decode(UpdatePhoneNumberRequest.self, from: request)
            if let forward = body.forwardingNumber, !forward.isEmpty, !Self.isE164(forward) {
                throw SimulatorError(400, 1002, "forwarding_number \(forward) is not E.164.")
            }
            line.forwardingNumber = body.forwardingNumber.flatMap { $0.isEmpty ? nil : $0 }
            state.lines[number] = line
            return .json(200, UpdatePhoneNumberResponse(id: line.id, phoneNumber: number, forwardingNumber: line.forwardingNumber))
        case ("POST", let rest) where rest.count == 3 && rest[0] == "phone_numbers" && rest[2] == "reputation_audit":
            _ = try line(rest[1], in: state)
            let audit = state.audits[rest[1]] ?? (ReputationAuditID(SimulatorState.uuid()), now)
            state.audits[rest[1]] = audit
            return .json(202, ReputationAuditStarted(auditID: audit.id, status: .complete))
        case ("GET", let rest) where rest.count == 4 && rest[0] == "phone_numbers" && rest[2] == "reputation_audit":
            guard let audit = state.audits[rest[1]], audit.id.rawValue == rest[3] else { throw SimulatorError.notFound("Audit \(rest[3])", code: 1005) }
            return .json(200, ReputationAudit(auditID: audit.id, status: .complete, generatedAt: audit.startedAt, phone: rest[1]))
        case ("GET", ["available_number"]):
            // Sticky to a chat with exactly `to`; else the least recently used line (sends and
            // suggestions both count), healthy lines first. Nothing is reserved.
            let excluded = Set((request.query["exclude_from"] ?? "").split(separator: ",").map(String.init))
            let candidates = state.lineOrder.filter { !excluded.contains($0) }
            guard !candidates.isEmpty else { throw SimulatorError(400, 1005, "Every line is excluded.") }
            let to = Set((request.query["to"] ?? "").split(separator: ",").map(String.init))
            let (chats, lines) = (state.chats, state.lines)
            let sticky = to.isEmpty ? nil : state.chatOrder.compactMap { chats[$0] }
                .first { !$0.left && Set($0.people) == to && candidates.contains($0.line) }?.line
            let rank = { (line: String) in (lines[line]?.flagged == true ? 1 : 0, lines[line]?.lastUse ?? 0) }
            let number = sticky ?? candidates.min { rank($0) < rank($1) }!
            state.use(line: number)
            return .json(200, AvailableNumber(phoneNumber: number, vcfURL: "https://cdn.linqapp.com/vcf/\(SimulatorState.uuid()).vcf"))
        case ("GET", ["phonenumbers"]):
            return .json(200, LegacyPhoneNumberList(phoneNumbers: state.lineOrder.compactMap { state.lines[$0] }.map {
                .init(id: $0.id, phoneNumber: $0.phoneNumber, capabilities: .init(sms: true, mms: true, voice: false))
            }))
        case ("GET", ["blocked_handles"]):
            return .json(200, BlockedHandleList(blockedHandles: state.blocked.reversed().map { BlockedHandle(handle: $0.handle, blockedAt: $0.blockedAt, reason: $0.reason) }))
        case ("POST", ["blocked_handles"]):
            let body = try decode(BlockHandleRequest.self, from: request)
            guard !body.handle.isEmpty else { throw SimulatorError(400, 1001, "handle is required.") }
            if !state.isBlocked(body.handle) { state.blocked.append((body.handle, now, body.reason)) }
            let entry = state.blocked.first { $0.handle == body.handle }!
            return .json(200, BlockHandleResponse(blockedHandle: BlockedHandle(handle: entry.handle, blockedAt: entry.blockedAt, reason: entry.reason)))
        case ("DELETE", ["blocked_handles"]):
            let body = try decode(HandleRequest.self, from: request)
            state.blocked.removeAll { $0.handle == body.handle }
            return .empty(204)
        case ("GET", ["webhook-events"]):
            return .json(200, WebhookEventTypeList(events: WebhookEventType.allKnown, docURL: "https://docs.linqapp.com/channel/imessage/guides/webhooks/events"))
        default:
            return nil
        }
    }

    private func cdnURL(_ id: AttachmentID, _ filename: String) -> String {
        "https://cdn.linqapp.com/attachments/partners/\(configuration.partnerID)/\(id)/\(filename)"
    }

    private func card(_ line: SimulatorState.Line) -> ContactCard {
        ContactCard(phoneNumber: line.phoneNumber, firstName: line.cardName ?? "", lastName: line.cardLastName, imageURL: line.cardImageURL, isActive: line.cardName != nil)
    }

    private func phoneNumber(_ line: SimulatorState.Line) -> PhoneNumber {
        PhoneNumber(
            id: line.id, phoneNumber: line.phoneNumber,
            reputation: .init(status: line.flagged ? .critical : .healthy, docURL: "https://docs.linqapp.com/channel/imessage/guides/phone-numbers/reputation"),
            forwardingNumber: line.forwardingNumber, lineType: .iMessage
        )
    }

    /// Contact card POST and PATCH share 3 calls per 10 minutes per number.
    private func takeCardBudget(_ line: inout SimulatorState.Line) throws {
        line.cardWrites = line.cardWrites.filter { now.timeIntervalSince($0) < 600 }
        if line.cardWrites.count >= 3, let oldest = line.cardWrites.first {
            throw SimulatorError(429, 1007, "At most 3 contact card changes per 10 minutes.", retryAfter: Int((600 - now.timeIntervalSince(oldest)).rounded(.up)))
        }
        line.cardWrites.append(now)
    }
}

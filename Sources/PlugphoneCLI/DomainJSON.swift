import PlugphoneDomain

// The JSON shapes of docs/reference.md §3 and of the `lines` and `catalog` commands, field for field.

extension Request {
    public var json: JSONValue {
        .object([
            ("id", .string(reference.rawValue)),
            ("kind", .string(kind.rawValue)),
            ("account", .string(account.rawValue)),
            ("line", .string(line.rawValue)),
            ("old_model", .string(oldModel?.rawValue)),
            ("new_model", .string(newModel?.rawValue)),
            ("shipping_mode", .string(shippingMode?.rawValue)),
            ("status", .string(status.rawValue)),
            ("contract_accepted", .bool(contractAccepted)),
            ("due_now_cents", .int(dueNow.cents)),
            ("refund_on_return_cents", .int(refundOnReturn.cents)),
            ("currency", .string(Money.currency)),
            ("created_at", .string(Clock.iso8601(createdAt))),
            // Additions to the contract: the deadline and what happened since.
            ("return_deadline", .string(returnDeadline.map { Clock.iso8601($0.date) })),
            ("events", .array(history.map(\.json))),
            // Who made the request, and how (self_service or agent).
            ("actor", .string(createdBy.name)),
            ("channel", .string(createdBy.channel.rawValue)),
        ])
    }
}

extension RequestEventRecord {
    /// `event`, `at`, `status` as before; then who made it and how, and after a change of shipping mode the new mode
    /// and amounts.
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("event", .string(event.rawValue)), ("at", .string(Clock.iso8601(at))), ("status", .string(statusAfter.rawValue)),
            ("actor", .string(actor.name)), ("channel", .string(actor.channel.rawValue)),
        ]
        if let shippingMode { fields.append(("shipping_mode", .string(shippingMode.rawValue))) }
        if let quote {
            fields.append(("due_now_cents", .int(quote.dueNow.cents)))
            fields.append(("refund_on_return_cents", .int(quote.refundOnReturn.cents)))
        }
        return .object(fields)
    }
}

extension PhoneModel {
    public var json: JSONValue {
        .object([
            ("id", .string(id.rawValue)),
            ("name", .string(name)),
            ("brand", .string(brand)),
            ("kind", .string(kind.rawValue)),
            ("features", .array(features.map { .string($0) })),
            ("deposit_cents", .int(deposit.cents)),
            ("currency", .string(Money.currency)),
            ("orderable", .bool(orderable)),
        ])
    }
}

extension Line {
    public func json(openRequest: Request?) -> JSONValue {
        .object([
            ("line", .string(number.rawValue)),
            ("account", .string(account.rawValue)),
            ("phone", .string(phone?.rawValue)),
            ("open_request", openRequest.map { request in
                .object([("id", .string(request.reference.rawValue)), ("kind", .string(request.kind.rawValue)), ("status", .string(request.status.rawValue))])
            } ?? .null),
        ])
    }
}

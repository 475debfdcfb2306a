import Foundation
import GRDB
import PlugphoneDomain

// The rows of the database, one record type per table. They convert to and from the domain's value types,
// which know nothing of SQLite.

struct AccountRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "account"
    var id: String
    var holder: String

    init(_ account: Account) {
        id = account.id.rawValue
        holder = account.holder
    }

    var account: Account { Account(id: AccountID(id), holder: holder) }
}

struct PhoneModelRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "phone_model"
    var id: String
    var brand: String
    var name: String
    var kind: String
    /// Feature keys, comma-separated: a short fixed vocabulary that locales phrase.
    var features: String
    var depositCents: Int
    var orderable: Bool
    var position: Int

    enum CodingKeys: String, CodingKey {
        case id, brand, name, kind, features, orderable, position
        case depositCents = "deposit_cents"
    }

    enum Columns {
        static let position = Column(CodingKeys.position)
    }

    init(_ model: PhoneModel, position: Int) {
        id = model.id.rawValue
        brand = model.brand
        name = model.name
        kind = model.kind.rawValue
        features = model.features.joined(separator: ",")
        depositCents = model.deposit.cents
        orderable = model.orderable
        self.position = position
    }

    func model() throws -> PhoneModel {
        guard let kind = PhoneKind(rawValue: kind) else { throw StoreError.corrupt(detail: "phone_model.kind \(kind)") }
        return PhoneModel(
            id: PhoneModelID(id), brand: brand, name: name, kind: kind,
            features: features.split(separator: ",").map(String.init), deposit: Money(cents: depositCents), orderable: orderable
        )
    }
}

struct LineRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "line"
    var number: String
    var accountId: String
    var phoneModelId: String?

    enum CodingKeys: String, CodingKey {
        case number
        case accountId = "account_id"
        case phoneModelId = "phone_model_id"
    }

    enum Columns {
        static let number = Column(CodingKeys.number)
        static let accountId = Column(CodingKeys.accountId)
    }

    init(_ line: Line) {
        number = line.number.rawValue
        accountId = line.account.rawValue
        phoneModelId = line.phone?.rawValue
    }

    var line: Line {
        Line(number: LineNumber(rawValue: number), account: AccountID(accountId), phone: phoneModelId.map(PhoneModelID.init(rawValue:)))
    }
}

struct RequestRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "request"
    /// The n of RMA-00000n: assigned by SQLite, never reused (AUTOINCREMENT).
    var sequence: Int64?
    var reference: String
    var kind: String
    var accountId: String
    var line: String
    var oldModel: String?
    var newModel: String?
    var shippingMode: String?
    var status: String
    var contractAccepted: Bool
    var dueNowCents: Int
    var refundOnReturnCents: Int
    var currency: String
    var createdAt: Date
    /// Who recorded it (migration v3-requests); older rows were made by their customer in self-service.
    var actor: String?
    var channel: String?

    enum CodingKeys: String, CodingKey {
        case sequence, reference, kind, line, status, currency, actor, channel
        case accountId = "account_id"
        case oldModel = "old_model"
        case newModel = "new_model"
        case shippingMode = "shipping_mode"
        case contractAccepted = "contract_accepted"
        case dueNowCents = "due_now_cents"
        case refundOnReturnCents = "refund_on_return_cents"
        case createdAt = "created_at"
    }

    enum Columns {
        static let sequence = Column(CodingKeys.sequence)
        static let reference = Column(CodingKeys.reference)
        static let accountId = Column(CodingKeys.accountId)
        static let line = Column(CodingKeys.line)
        static let status = Column(CodingKeys.status)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    static let events = hasMany(RequestEventRow.self)

    mutating func didInsert(_ inserted: InsertionSuccess) {
        sequence = inserted.rowID
    }

    init(_ request: Request) {
        sequence = request.reference.sequence.map(Int64.init)
        reference = request.reference.rawValue
        kind = request.kind.rawValue
        accountId = request.account.rawValue
        line = request.line.rawValue
        oldModel = request.oldModel?.rawValue
        newModel = request.newModel?.rawValue
        shippingMode = request.shippingMode?.rawValue
        status = request.status.rawValue
        contractAccepted = request.contractAccepted
        dueNowCents = request.dueNow.cents
        refundOnReturnCents = request.refundOnReturn.cents
        currency = Money.currency
        createdAt = request.createdAt
        actor = request.createdBy.name
        channel = request.createdBy.channel.rawValue
    }

    func request(history: [RequestEventRecord]) throws -> Request {
        guard let kind = RequestKind(rawValue: kind), let status = RequestStatus(rawValue: status) else {
            throw StoreError.corrupt(detail: "request \(reference)")
        }
        return Request(
            reference: RequestReference(rawValue: reference), kind: kind, account: AccountID(accountId), line: LineNumber(rawValue: line),
            oldModel: oldModel.map(PhoneModelID.init(rawValue:)), newModel: newModel.map(PhoneModelID.init(rawValue:)),
            shippingMode: shippingMode.flatMap(ShippingMode.init(rawValue:)), status: status, contractAccepted: contractAccepted,
            dueNow: Money(cents: dueNowCents), refundOnReturn: Money(cents: refundOnReturnCents), createdAt: createdAt, history: history,
            createdBy: Actor(name: actor ?? accountId, channel: channel.flatMap(Channel.init(rawValue:)) ?? .selfService)
        )
    }
}

struct RequestEventRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "request_event"
    var id: Int64?
    var requestSequence: Int64
    var event: String
    var at: Date
    var statusAfter: String
    /// Who made the change and how (migration v3-requests); older rows came from the back office.
    var actor: String?
    var channel: String?
    /// After a change of shipping mode: the new mode and amounts.
    var shippingMode: String?
    var dueNowCents: Int?
    var refundOnReturnCents: Int?

    enum CodingKeys: String, CodingKey {
        case id, event, at, actor, channel
        case requestSequence = "request_sequence"
        case statusAfter = "status_after"
        case shippingMode = "shipping_mode"
        case dueNowCents = "due_now_cents"
        case refundOnReturnCents = "refund_on_return_cents"
    }

    init(sequence: Int64, _ record: RequestEventRecord) {
        id = nil
        requestSequence = sequence
        event = record.event.rawValue
        at = record.at
        statusAfter = record.statusAfter.rawValue
        actor = record.actor.name
        channel = record.actor.channel.rawValue
        shippingMode = record.shippingMode?.rawValue
        dueNowCents = record.quote?.dueNow.cents
        refundOnReturnCents = record.quote?.refundOnReturn.cents
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let requestSequence = Column(CodingKeys.requestSequence)
    }

    static let request = belongsTo(RequestRow.self, using: ForeignKey([CodingKeys.requestSequence.rawValue]))

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    func record() throws -> RequestEventRecord {
        guard let event = RequestEvent(rawValue: event), let status = RequestStatus(rawValue: statusAfter) else {
            throw StoreError.corrupt(detail: "request_event \(id ?? 0)")
        }
        var quote: Quote?
        if let dueNowCents, let refundOnReturnCents { quote = Quote(dueNow: Money(cents: dueNowCents), refundOnReturn: Money(cents: refundOnReturnCents)) }
        return RequestEventRecord(
            event: event, at: at, statusAfter: status,
            actor: Actor(name: actor ?? Actor.backOffice.name, channel: channel.flatMap(Channel.init(rawValue:)) ?? .agent),
            shippingMode: shippingMode.flatMap(ShippingMode.init(rawValue:)), quote: quote
        )
    }
}

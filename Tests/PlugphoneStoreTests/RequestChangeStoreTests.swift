import Foundation
import GRDB
import Testing
import PlugphoneDomain
@testable import PlugphoneStore

/// Cancelling and changing recorded requests in the store: one transaction that re-reads the request and re-checks
/// the lifecycle, with who did it and how, on a real SQLite database.
struct RequestChangeStoreTests {
    static let now = Date(timeIntervalSince1970: 1_795_860_000)
    static let demo: AccountID = "ab12345-ovh"
    static let rma1 = RequestReference(sequence: 1)

    @Test func aCancellationIsRecordedWithItsActorAndFreesTheLine() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        let later = Self.now.addingTimeInterval(3600)
        let cancelled = try store.change(Self.rma1, .cancel, account: Self.demo, by: .customer(Self.demo), at: later)
        #expect(cancelled.status == .cancelled)
        let stored = try #require(try store.request(Self.rma1))
        #expect(stored == cancelled)
        #expect(stored.history == [RequestEventRecord(event: .cancelled, at: later, statusAfter: .cancelled, actor: .customer(Self.demo))])
        #expect(stored.createdBy == .customer(Self.demo))
        // The line accepts a new request again.
        let again = try store.createRequest(.return(line: LineNumber(rawValue: "+33972101012")), account: Self.demo, contractAccepted: true, at: later,
                                            by: Actor(name: "agent-7", channel: .agent))
        #expect(try store.request(again.reference)?.createdBy == Actor(name: "agent-7", channel: .agent))
    }

    @Test func aModeChangeStoresTheNewModeAmountsAndEvent() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        let agent = Actor(name: "agent-7", channel: .agent)
        let changed = try store.change(Self.rma1, .changeMode(.express48h), account: Self.demo, by: agent, at: Self.now)
        #expect(changed.shippingMode == .express48h && changed.status == .open)
        #expect(changed.dueNow == .euros(80) && changed.refundOnReturn == .euros(50))
        let stored = try #require(try store.request(Self.rma1))
        #expect(stored == changed)
        #expect(stored.history.last?.actor == agent)
        #expect(stored.history.last?.quote == Quote(dueNow: .euros(80), refundOnReturn: .euros(50)))
        #expect(stored.history.last?.shippingMode == .express48h)
    }

    @Test func anotherAccountsReferenceIsUnknown() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        #expect(throws: StoreError.unknownRequest(Self.rma1)) {
            try store.change(Self.rma1, .cancel, account: "cd67890-ovh", by: .customer("cd67890-ovh"), at: Self.now)
        }
        #expect(try store.request(Self.rma1)?.status == .awaitingReturn)
    }

    @Test func whatHasMovedCannotBeCancelledNorChanged() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        _ = try store.apply(.oldPhoneReceived, to: Self.rma1, at: Self.now)
        let illegal = { (event: RequestEvent) in
            StoreError.illegalTransition(IllegalTransition(reference: Self.rma1, kind: .exchange, status: .received, event: event))
        }
        #expect(throws: illegal(.cancelled)) { try store.change(Self.rma1, .cancel, account: Self.demo, by: .customer(Self.demo), at: Self.now) }
        #expect(throws: illegal(.shippingModeChanged)) {
            try store.change(Self.rma1, .changeMode(.express48h), account: Self.demo, by: .customer(Self.demo), at: Self.now)
        }
        let stored = try #require(try store.request(Self.rma1))
        #expect(stored.status == .received && stored.history.count == 1 && stored.history[0].actor == .backOffice)
    }

    /// A database written before the actor columns (v2) reads its requests as their customer's and its events as the back office's.
    @Test func olderRowsReadWithTheirDefaultActors() throws {
        let folder = try TemporaryFolder()
        let queue = try DatabaseQueue(path: folder.databasePath)
        var migrator = Schema.migrator
        try migrator.migrate(queue, upTo: "v2: chat sessions")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO account (id, holder) VALUES ('ab12345-ovh', 'Camille Martin')")
            for (position, model) in Catalog.demo.models.enumerated() { try PhoneModelRow(model, position: position).insert(db) }
            try db.execute(sql: "INSERT INTO line (number, account_id, phone_model_id) VALUES ('+33972101011', 'ab12345-ovh', 'yealink.t41s')")
            try db.execute(sql: """
                INSERT INTO request (reference, kind, account_id, line, old_model, new_model, shipping_mode, status, contract_accepted,
                due_now_cents, refund_on_return_cents, currency, created_at)
                VALUES ('RMA-000001', 'return', 'ab12345-ovh', '+33972101011', 'yealink.t41s', NULL, NULL, 'received', 1, 0, 6000, 'EUR', '2026-11-28 10:00:00.000')
                """)
            try db.execute(sql: "INSERT INTO request_event (request_sequence, event, at, status_after) VALUES (1, 'received', '2026-11-29 10:00:00.000', 'received')")
        }
        migrator = Schema.migrator
        try migrator.migrate(queue)
        let store = try Store.open(path: folder.databasePath)
        let request = try #require(try store.request(Self.rma1))
        #expect(request.createdBy == .customer(Self.demo))
        #expect(request.history.map(\.actor) == [.backOffice])
    }
}

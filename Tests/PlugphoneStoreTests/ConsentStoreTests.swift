import Foundation
import GRDB
import Testing
import PlugphoneDomain
@testable import PlugphoneStore

/// The store records exactly the terms the customer accepted, re-computed inside the writing transaction, and a line's
/// unfinished request blocks it whatever account made it (docs/reference.md §5).
struct ConsentStoreTests {
    static let now = Date(timeIntervalSince1970: 1_795_860_000)
    static let withT41S = LineNumber(rawValue: "+33972101011")
    static let demo: AccountID = "ab12345-ovh"
    static let durand: AccountID = "cd67890-ovh"
    static let durandSipOnly = LineNumber(rawValue: "+33183640001")
    /// What the summary of an express exchange of the T41S for a T46S shows.
    static let shown = RequestTerms(
        kind: .exchange, line: withT41S, oldModel: "yealink.t41s", newModel: "yealink.t46s", shippingMode: .express48h,
        dueNow: .euros(90), refundOnReturn: .euros(60)
    )

    @Test func theTermsAcceptedAreTheTermsRecorded() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        let request = try store.createRequest(accepting: Self.shown, account: Self.demo, at: Self.now)
        #expect(request.terms == Self.shown)
        #expect(try store.request(request.reference)?.terms == Self.shown)
        #expect(request.contractAccepted)
    }

    @Test func aDepositChangedSinceTheSummaryIsRefusedAndNothingIsWritten() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        try store.writer.write { db in
            try db.execute(sql: "UPDATE phone_model SET deposit_cents = 20000 WHERE id = 'yealink.t46s'")
        }
        var now = Self.shown
        now.dueNow = .euros(200)
        #expect(throws: StoreError.refused(.termsChanged(accepted: Self.shown, now: now))) {
            try store.createRequest(accepting: Self.shown, account: Self.demo, at: Self.now)
        }
        #expect(try store.requests().count == 1)
    }

    @Test func aLinesPhoneChangedSinceTheSummaryIsRefusedAndNothingIsWritten() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        try store.writer.write { db in
            try db.execute(sql: "UPDATE line SET phone_model_id = 'yealink.t54w' WHERE number = ?", arguments: [Self.withT41S.rawValue])
        }
        let refusal = #expect(throws: StoreError.self) {
            try store.createRequest(accepting: Self.shown, account: Self.demo, at: Self.now)
        }
        guard case .rule(.refused(.termsChanged(let accepted, let now)))? = refusal else {
            Issue.record("expected termsChanged, got \(String(describing: refusal))")
            return
        }
        #expect(accepted == Self.shown)
        #expect(now.oldModel == "yealink.t54w" && now.refundOnReturn == .euros(120))
        #expect(try store.requests().count == 1)
    }

    /// A line moved to another account keeps its unfinished request: the new holder cannot make another one on it,
    /// and the refusal does not carry the other account's reference.
    @Test func aLinesUnfinishedRequestBlocksItWhateverItsAccount() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        let held = try store.createRequest(.order(line: Self.durandSipOnly, model: "yealink.t46s"), account: Self.durand, contractAccepted: true, at: Self.now)
        try store.writer.write { db in
            try db.execute(sql: "UPDATE line SET account_id = ? WHERE number = ?", arguments: [Self.demo.rawValue, Self.durandSipOnly.rawValue])
        }
        let snapshot = try store.snapshot(for: Self.demo)
        #expect(snapshot.linesHeldElsewhere == [Self.durandSipOnly])
        #expect(!snapshot.requests.contains { $0.reference == held.reference }, "another account's request in this account's snapshot")
        #expect(Rules.checkLine(Self.durandSipOnly, for: .order, in: snapshot).map(\.number) == .failure(.lineBusy(Self.durandSipOnly)))

        #expect(throws: StoreError.refused(.lineBusy(Self.durandSipOnly))) {
            try store.createRequest(.order(line: Self.durandSipOnly, model: "yealink.t41s"), account: Self.demo, contractAccepted: true, at: Self.now)
        }
        let terms = RequestTerms(
            kind: .order, line: Self.durandSipOnly, oldModel: nil, newModel: "yealink.t41s", shippingMode: nil, dueNow: .euros(60), refundOnReturn: .zero
        )
        #expect(throws: StoreError.refused(.lineBusy(Self.durandSipOnly))) {
            try store.createRequest(accepting: terms, account: Self.demo, at: Self.now)
        }
        #expect(try store.requests().count == 2)

        // Once that request is finished, the line is free for its new holder.
        _ = try store.apply(.cancelled, to: held.reference, at: Self.now)
        #expect(try store.createRequest(accepting: terms, account: Self.demo, at: Self.now).terms == terms)
    }
}

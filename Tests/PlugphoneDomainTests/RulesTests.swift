import Foundation
import Testing
@testable import PlugphoneDomain

/// The rules of docs/reference.md §5 on the demo account.
struct RulesTests {
    static let sipOnly = LineNumber(rawValue: "+33972101010")
    static let withT41S = LineNumber(rawValue: "+33972101011")
    static let blocked = LineNumber(rawValue: "+33972101012")
    static let otherAccountsLine = LineNumber(rawValue: "+33183640000")
    static let otherAccountsSipOnly = LineNumber(rawValue: "+33183640001")
    static let unknown = LineNumber(rawValue: "+33999999999")
    static let now = Date(timeIntervalSince1970: 1_795_860_000)

    /// The demo account as the store would see it: its own lines, and the blocking exchange RMA-000001.
    var snapshot: AccountSnapshot {
        let pending = Request(
            reference: RequestReference(sequence: 1), kind: .exchange, account: "ab12345-ovh", line: Self.blocked,
            oldModel: "gigaset.c530ip", newModel: "yealink.w56p", shippingMode: .afterReturn, status: .awaitingReturn,
            contractAccepted: true, dueNow: .euros(30), refundOnReturn: .zero, createdAt: Self.now
        )
        return AccountSnapshot(
            account: "ab12345-ovh", lines: DemoData.lines.filter { $0.account == "ab12345-ovh" }, requests: [pending], catalog: .demo
        )
    }

    func approve(_ draft: RequestDraft, accepted: Bool = true) -> Result<ApprovedRequest, Refusal> {
        Rules.approve(draft, contractAccepted: accepted, in: snapshot)
    }

    @Test func orderOnSipOnlyLine() throws {
        let approved = try approve(.order(line: Self.sipOnly, model: "yealink.t46s")).get()
        #expect(approved.quote == Quote(dueNow: .euros(90), refundOnReturn: .zero))
        #expect(approved.oldModel == nil && approved.newModel == "yealink.t46s")
        #expect(approved.initialStatus == .open)
        #expect(approved.shippingMode == nil)
    }

    @Test func orderOnLineWithPhoneIsRefusedNamingThePhone() {
        #expect(approve(.order(line: Self.withT41S, model: "yealink.t46s")) == .failure(.lineAlreadyHasPhone(Self.withT41S, current: "yealink.t41s")))
    }

    @Test func exchangeAndReturnNeedAPhone() {
        #expect(approve(.exchange(line: Self.sipOnly, newModel: "yealink.t46s", mode: .express48h)) == .failure(.lineHasNoPhone(Self.sipOnly)))
        #expect(approve(.return(line: Self.sipOnly)) == .failure(.lineHasNoPhone(Self.sipOnly)))
    }

    @Test func exchangeExpress() throws {
        let approved = try approve(.exchange(line: Self.withT41S, newModel: "yealink.t46s", mode: .express48h)).get()
        #expect(approved.quote == Quote(dueNow: .euros(90), refundOnReturn: .euros(60)))
        #expect(approved.oldModel == "yealink.t41s" && approved.initialStatus == .open && approved.shippingMode == .express48h)
    }

    @Test func exchangeAfterReturnWaitsForTheOldPhone() throws {
        let approved = try approve(.exchange(line: Self.withT41S, newModel: "yealink.t46s", mode: .afterReturn)).get()
        #expect(approved.quote == Quote(dueNow: .euros(30), refundOnReturn: .zero))
        #expect(approved.initialStatus == .awaitingReturn)
    }

    @Test func returnRefundsTheDeposit() throws {
        let approved = try approve(.return(line: Self.withT41S)).get()
        #expect(approved.quote == Quote(dueNow: .zero, refundOnReturn: .euros(60)))
        #expect(approved.oldModel == "yealink.t41s" && approved.newModel == nil && approved.initialStatus == .awaitingReturn)
    }

    @Test(arguments: [
        RequestDraft.order(line: Self.blocked, model: "yealink.t46s"),
        .exchange(line: Self.blocked, newModel: "yealink.t46s", mode: .afterReturn),
        .return(line: Self.blocked),
    ])
    func oneUnfinishedRequestPerLine(draft: RequestDraft) {
        #expect(approve(draft) == .failure(.requestInProgress(Self.blocked, RequestReference(sequence: 1))))
    }

    @Test(arguments: [RequestStatus.closed, .cancelled])
    func aFinishedRequestNoLongerBlocks(status: RequestStatus) throws {
        var s = snapshot
        s.requests[0].status = status
        let approved = try Rules.approve(.return(line: Self.blocked), contractAccepted: true, in: s).get()
        #expect(approved.quote.refundOnReturn == .euros(50))
    }

    @Test func sameModelIsReferredToSupport() {
        #expect(approve(.exchange(line: Self.withT41S, newModel: "yealink.t41s", mode: .express48h)) == .failure(.sameModel(Self.withT41S, "yealink.t41s")))
    }

    @Test func modelNoLongerSoldCannotBeOrderedOrChosen() {
        #expect(approve(.order(line: Self.sipOnly, model: "cisco.spa504g")) == .failure(.modelNotOrderable("cisco.spa504g")))
        #expect(approve(.exchange(line: Self.withT41S, newModel: "cisco.spa504g", mode: .afterReturn)) == .failure(.modelNotOrderable("cisco.spa504g")))
    }

    @Test func modelNoLongerSoldCanBeExchangedAwayFromAndReturned() throws {
        var s = snapshot
        s.lines[1].phone = "cisco.spa504g"
        let exchange = try Rules.approve(.exchange(line: Self.withT41S, newModel: "yealink.t46s", mode: .afterReturn), contractAccepted: true, in: s).get()
        #expect(exchange.quote == Quote(dueNow: .euros(20), refundOnReturn: .zero))
        let back = try Rules.approve(.return(line: Self.withT41S), contractAccepted: true, in: s).get()
        #expect(back.quote.refundOnReturn == .euros(70))
    }

    @Test func unknownModel() {
        #expect(approve(.order(line: Self.sipOnly, model: "nokia.3310")) == .failure(.unknownModel("nokia.3310")))
    }

    /// Another account's line gets exactly the refusal of a line that does not exist: nothing leaks.
    @Test(arguments: [
        (otherAccountsLine, RequestDraft.return(line: otherAccountsLine)),
        (otherAccountsSipOnly, .order(line: otherAccountsSipOnly, model: "yealink.t46s")),
        (unknown, .order(line: unknown, model: "yealink.t46s")),
    ])
    func linesOfOtherAccountsAreAnsweredLikeUnknownLines(line: LineNumber, draft: RequestDraft) {
        #expect(approve(draft) == .failure(.lineNotOnAccount(line)))
    }

    @Test func otherAccountsLineIsRefusedEvenIfTheSnapshotWronglyHoldsIt() {
        var s = snapshot
        s.lines.append(DemoData.lines[3])
        #expect(Rules.approve(.return(line: Self.otherAccountsLine), contractAccepted: true, in: s) == .failure(.lineNotOnAccount(Self.otherAccountsLine)))
    }

    @Test func nothingWithoutAcceptingTheContract() {
        #expect(approve(.order(line: Self.sipOnly, model: "yealink.t46s"), accepted: false) == .failure(.contractNotAccepted))
        // A rule broken and no acceptance: the rule is the reason given.
        #expect(approve(.order(line: Self.withT41S, model: "yealink.t46s"), accepted: false) == .failure(.lineAlreadyHasPhone(Self.withT41S, current: "yealink.t41s")))
    }

    @Test func eligibleLines() {
        #expect(Rules.eligibleLines(for: .order, in: snapshot).map(\.number) == [Self.sipOnly])
        #expect(Rules.eligibleLines(for: .exchange, in: snapshot).map(\.number) == [Self.withT41S])
        #expect(Rules.eligibleLines(for: .return, in: snapshot).map(\.number) == [Self.withT41S])
    }

    @Test func deadlines() {
        let deadline = ReturnDeadline(requestedAt: Self.now)
        #expect(deadline.date.timeIntervalSince(Self.now) == 15 * 86_400)
        #expect(!deadline.hasPassed(at: Self.now.addingTimeInterval(15 * 86_400)))
        #expect(deadline.hasPassed(at: Self.now.addingTimeInterval(15 * 86_400 + 1)))
        #expect(RefundDelay.dueBy(receivedAt: Self.now).timeIntervalSince(Self.now) == 10 * 86_400)
    }
}

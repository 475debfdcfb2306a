import Foundation
import Testing
@testable import PlugphoneDomain

struct LifecycleTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_860_000)

    func request(_ kind: RequestKind, mode: ShippingMode? = nil, refund: Int = 6000, status: RequestStatus) -> Request {
        Request(
            reference: RequestReference(sequence: 7), kind: kind, account: "ab12345-ovh", line: LineNumber(rawValue: "+33972101011"),
            oldModel: kind == .order ? nil : "yealink.t41s", newModel: kind == .return ? nil : "yealink.t46s", shippingMode: mode,
            status: status, contractAccepted: true, dueNow: .zero, refundOnReturn: Money(cents: refund), createdAt: Self.t0
        )
    }

    /// Walks a path of events and checks each status on the way.
    func walk(_ start: Request, _ steps: [(RequestEvent, RequestStatus)]) throws {
        var current = start
        for (index, (event, expected)) in steps.enumerated() {
            let at = Self.t0.addingTimeInterval(Double(index + 1) * 3600)
            current = try Lifecycle.apply(event, at: at, to: current).get()
            #expect(current.status == expected)
            #expect(current.history.last == RequestEventRecord(event: event, at: at, statusAfter: expected))
        }
        #expect(current.history.count == steps.count)
    }

    @Test func orderPath() throws {
        try walk(request(.order, refund: 0, status: .open), [(.newPhoneShipped, .shipped), (.completed, .closed)])
    }

    @Test func exchangeAfterReturnPath() throws {
        try walk(request(.exchange, mode: .afterReturn, status: .awaitingReturn), [(.oldPhoneReceived, .received), (.newPhoneShipped, .shipped), (.refundIssued, .closed)])
        try walk(request(.exchange, mode: .afterReturn, refund: 0, status: .awaitingReturn), [(.oldPhoneReceived, .received), (.newPhoneShipped, .shipped), (.completed, .closed)])
    }

    @Test func expressExchangePath() throws {
        try walk(request(.exchange, mode: .express48h, status: .open), [(.newPhoneShipped, .shipped), (.oldPhoneReceived, .received), (.refundIssued, .closed)])
    }

    @Test func returnPath() throws {
        try walk(request(.return, status: .awaitingReturn), [(.oldPhoneReceived, .received), (.refundIssued, .closed)])
    }

    @Test func deadlinePassedKeepsTheDeposit() throws {
        try walk(request(.return, status: .awaitingReturn), [(.returnDeadlinePassed, .closed)])
        try walk(request(.exchange, mode: .express48h, status: .shipped), [(.returnDeadlinePassed, .closed)])
        // Nothing was shipped yet: the exchange is simply cancelled.
        try walk(request(.exchange, mode: .afterReturn, status: .awaitingReturn), [(.returnDeadlinePassed, .cancelled)])
    }

    @Test(arguments: [RequestStatus.open, .awaitingReturn])
    func cancellableBeforeAnythingMoves(status: RequestStatus) throws {
        let kind: RequestKind = status == .open ? .order : .return
        try walk(request(kind, status: status), [(.cancelled, .cancelled)])
    }

    @Test func illegalMovesAreRefusedWithTheirReason() {
        let r = request(.exchange, mode: .afterReturn, status: .awaitingReturn)
        #expect(Lifecycle.apply(.newPhoneShipped, at: Self.t0, to: r) == .failure(IllegalTransition(reference: r.reference, kind: .exchange, status: .awaitingReturn, event: .newPhoneShipped)))
        // A refund is not "issued" when nothing is owed back, and nothing moves a closed or cancelled request.
        #expect((try? Lifecycle.apply(.refundIssued, at: Self.t0, to: request(.exchange, mode: .afterReturn, refund: 0, status: .shipped)).get()) == nil)
        for status in [RequestStatus.closed, .cancelled] {
            for kind in RequestKind.allCases {
                #expect(Lifecycle.possibleEvents(for: request(kind, mode: kind == .exchange ? .express48h : nil, status: status)).isEmpty)
            }
        }
        #expect((try? Lifecycle.apply(.cancelled, at: Self.t0, to: request(.order, status: .shipped)).get()) == nil)
    }

    @Test func phoneOnTheLineFollowsTheParcels() {
        #expect(Lifecycle.phoneChange(after: .newPhoneShipped, for: request(.order, status: .open)) == .some("yealink.t46s"))
        #expect(Lifecycle.phoneChange(after: .oldPhoneReceived, for: request(.return, status: .awaitingReturn)) == .some(nil))
        #expect(Lifecycle.phoneChange(after: .refundIssued, for: request(.return, status: .received)) == nil)
    }
}

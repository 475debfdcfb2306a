import Foundation
import Testing
@testable import PlugphoneDomain

/// Actions on recorded requests: every status × action pair for every kind, and the arithmetic of a cancellation and
/// of a change of shipping mode.
struct RequestChangesTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_860_000)
    static let customer = Actor.customer("ab12345-ovh")

    /// The four shapes of request.
    enum Shape: String, CaseIterable, CustomTestStringConvertible {
        case order, exchangeAfterReturn, exchangeExpress, `return`
        var testDescription: String { rawValue }
    }

    /// T41S (60 €) → W56P (80 €), priced as recorded.
    static func request(_ shape: Shape, status: RequestStatus) -> Request {
        let old = Catalog.demo["yealink.t41s"]!
        let new = Catalog.demo["yealink.w56p"]!
        let kind: RequestKind
        let mode: ShippingMode?
        let quote: Quote
        switch shape {
        case .order: (kind, mode, quote) = (.order, nil, .order(of: new))
        case .exchangeAfterReturn: (kind, mode, quote) = (.exchange, .afterReturn, .exchange(from: old, to: new, mode: .afterReturn))
        case .exchangeExpress: (kind, mode, quote) = (.exchange, .express48h, .exchange(from: old, to: new, mode: .express48h))
        case .return: (kind, mode, quote) = (.return, nil, .return(of: old))
        }
        return Request(
            reference: RequestReference(sequence: 3), kind: kind, account: "ab12345-ovh", line: LineNumber(rawValue: "+33972101011"),
            oldModel: kind == .order ? nil : old.id, newModel: kind == .return ? nil : new.id, shippingMode: mode, status: status,
            contractAccepted: true, dueNow: quote.dueNow, refundOnReturn: quote.refundOnReturn, createdAt: t0
        )
    }

    /// What the provider allows, written out by hand (not read from the transition table it checks): nil when allowed.
    static func expected(_ action: RequestAction, _ shape: Shape, _ status: RequestStatus) -> ActionRefusal? {
        let ref = RequestReference(sequence: 3)
        if status == .closed || status == .cancelled { return .finished(ref, status) }
        switch action {
        case .cancel:
            return status == .open || status == .awaitingReturn ? nil : .underway(ref, status)
        case .changeShippingMode:
            switch (shape, status) {
            case (.order, _): return .notAnExchange(ref, .order)
            case (.return, _): return .notAnExchange(ref, .return)
            case (.exchangeAfterReturn, .awaitingReturn), (.exchangeExpress, .open): return nil
            default: return .underway(ref, status)
            }
        case .changeNewModel:
            return .modelChangeNotSelfService(ref)
        }
    }

    @Test(arguments: Shape.allCases, RequestStatus.allCases)
    func everyActionInEveryStatus(shape: Shape, status: RequestStatus) {
        let request = Self.request(shape, status: status)
        for action in RequestAction.allCases {
            let refusal = Self.expected(action, shape, status)
            #expect(RequestChanges.refusal(of: action, for: request) == refusal, "\(action) on \(shape) \(status)")
            #expect(Lifecycle.possibleActions(for: request).contains(action) == (refusal == nil), "\(action) on \(shape) \(status)")
            switch action {
            case .cancel:
                let result = RequestChanges.cancellation(of: request)
                if let refusal { #expect(result == .failure(refusal)) } else {
                    let cancelled = try? RequestChanges.apply(result.get(), at: Self.t0, by: Self.customer).get()
                    #expect(cancelled?.status == .cancelled)
                    #expect(cancelled?.history.last == RequestEventRecord(event: .cancelled, at: Self.t0, statusAfter: .cancelled, actor: Self.customer))
                }
            case .changeShippingMode:
                let result = RequestChanges.modeChange(of: request, to: nil, catalog: .demo)
                if let refusal { #expect(result.map(\.to) == .failure(refusal)) } else {
                    let changed = try? RequestChanges.apply(result.get(), at: Self.t0, by: Self.customer).get()
                    #expect(changed?.shippingMode == request.shippingMode?.other)
                    // The new mode waits for what it waits for first: the old phone, or the warehouse.
                    #expect(changed?.status == (request.shippingMode == .afterReturn ? .open : .awaitingReturn))
                    #expect(changed?.history.last?.event == .shippingModeChanged)
                    #expect(changed?.history.last?.actor == Self.customer)
                }
            case .changeNewModel:
                #expect(RequestChanges.modelChange(of: request) == refusal)
            }
        }
    }

    @Test func theBackOfficeCannotRecordAModeChangeWithoutItsAmounts() {
        let request = Self.request(.exchangeAfterReturn, status: .awaitingReturn)
        #expect(Lifecycle.apply(.shippingModeChanged, at: Self.t0, to: request) == .failure(
            IllegalTransition(reference: request.reference, kind: .exchange, status: .awaitingReturn, event: .shippingModeChanged)))
        #expect(!Lifecycle.possibleEvents(for: request).contains(.shippingModeChanged))
        #expect(!RequestEvent.backOffice.contains(.shippingModeChanged))
    }

    @Test func aSwitchToTheModeAlreadyChosenIsRefused() {
        let request = Self.request(.exchangeExpress, status: .open)
        #expect(RequestChanges.modeChange(of: request, to: .express48h, catalog: .demo).map(\.to) == .failure(.sameMode(request.reference, .express48h)))
    }

    // MARK: Arithmetic

    /// Every pair of models, both ways: a switch costs nothing in the end (due − refunded = deposit(new) − deposit(old)),
    /// it only moves money between now and the old phone's receipt; switching back restores the recorded amounts.
    @Test func aModeChangeOnlyMovesMoneyInTime() throws {
        let catalog = Catalog.demo
        for old in catalog.models {
            for new in catalog.models where new.id != old.id {
                let afterReturn = Quote.exchange(from: old, to: new, mode: .afterReturn)
                var request = Self.request(.exchangeAfterReturn, status: .awaitingReturn)
                request.oldModel = old.id
                request.newModel = new.id
                request.dueNow = afterReturn.dueNow
                request.refundOnReturn = afterReturn.refundOnReturn

                let toExpress = try RequestChanges.modeChange(of: request, to: .express48h, catalog: catalog).get()
                #expect(toExpress.after == Quote(dueNow: new.deposit, refundOnReturn: old.deposit))
                // What was already due (the difference, if any) counts: only the rest of the new deposit is added now.
                #expect(toExpress.extraDue == new.deposit - afterReturn.dueNow)
                #expect(toExpress.dueReduction == .zero)
                #expect(toExpress.after.dueNow - toExpress.after.refundOnReturn == afterReturn.dueNow - afterReturn.refundOnReturn)

                let express = try RequestChanges.apply(toExpress, at: Self.t0, by: Self.customer).get()
                #expect(express.dueNow == new.deposit && express.refundOnReturn == old.deposit && express.status == .open)
                #expect(express.history.last?.quote == toExpress.after && express.history.last?.shippingMode == .express48h)

                let back = try RequestChanges.modeChange(of: express, to: nil, catalog: catalog).get()
                #expect(back.to == .afterReturn)
                #expect(back.dueReduction == new.deposit - afterReturn.dueNow)
                #expect(back.extraDue == .zero)
                let restored = try RequestChanges.apply(back, at: Self.t0, by: Self.customer).get()
                #expect(restored.dueNow == request.dueNow && restored.refundOnReturn == request.refundOnReturn)
                #expect(restored.status == .awaitingReturn && restored.shippingMode == .afterReturn)
            }
        }
    }

    @Test(arguments: Shape.allCases)
    func aCancellationUndoesWhatWasDueAndWhatWasToBeRefunded(shape: Shape) throws {
        let status: RequestStatus = shape == .exchangeExpress || shape == .order ? .open : .awaitingReturn
        let request = Self.request(shape, status: status)
        let cancellation = try RequestChanges.cancellation(of: request).get()
        #expect(cancellation.noLongerDue == request.dueNow)
        #expect(cancellation.refundDropped == request.refundOnReturn)
        #expect(cancellation.keepsOldPhone == (shape != .order))
        switch shape {
        case .order: #expect(cancellation.noLongerDue == .euros(80) && cancellation.refundDropped == .zero)
        case .exchangeAfterReturn: #expect(cancellation.noLongerDue == .euros(20) && cancellation.refundDropped == .zero)
        case .exchangeExpress: #expect(cancellation.noLongerDue == .euros(80) && cancellation.refundDropped == .euros(60))
        case .return: #expect(cancellation.noLongerDue == .zero && cancellation.refundDropped == .euros(60))
        }
    }

    // MARK: Next steps and their dates

    @Test func afterReturnExchangeWaitsForTheOldPhoneByItsDeadline() {
        let steps = RequestProgress.steps(for: Self.request(.exchangeAfterReturn, status: .awaitingReturn))
        #expect(steps == [
            .sendOldPhone("yealink.t41s", by: Self.t0.addingTimeInterval(15 * 86_400)), .shipAfterReceipt("yealink.w56p"), .cancelledIfLate,
            .nothingRefunded,
        ])
    }

    @Test func expressExchangeShipsWithin48HoursOfTheSwitch() throws {
        var request = Self.request(.exchangeAfterReturn, status: .awaitingReturn)
        let later = Self.t0.addingTimeInterval(86_400)
        request = try RequestChanges.apply(RequestChanges.modeChange(of: request, to: .express48h, catalog: .demo).get(), at: later, by: Self.customer).get()
        let steps = RequestProgress.steps(for: request)
        #expect(steps.first == .shipBy("yealink.w56p", later.addingTimeInterval(48 * 3600)))
        #expect(steps.contains(.sendOldPhone("yealink.t41s", by: Self.t0.addingTimeInterval(15 * 86_400))))
        #expect(steps.contains(.refundAfterReceipt(.euros(60))) && steps.contains(.depositKeptIfLate(.euros(60))))
    }

    @Test func onceReceivedTheRefundHasItsDate() throws {
        var request = Self.request(.return, status: .awaitingReturn)
        let received = Self.t0.addingTimeInterval(3 * 86_400)
        request = try Lifecycle.apply(.oldPhoneReceived, at: received, to: request).get()
        #expect(RequestProgress.steps(for: request) == [
            .oldPhoneReceived("yealink.t41s", on: received), .refundBy(.euros(60), received.addingTimeInterval(10 * 86_400)),
        ])
    }

    @Test func aFinishedRequestHasNothingLeft() {
        #expect(RequestProgress.steps(for: Self.request(.order, status: .cancelled)) == [.finished(.cancelled)])
        #expect(RequestProgress.steps(for: Self.request(.return, status: .closed)) == [.finished(.closed)])
    }
}

import Foundation
import Testing
import PlugphoneDomain
@testable import PlugphoneStore

/// Back-office events come in order, and the return deadline passes only once it is over (`Lifecycle.dateRefusal`).
struct EventDateTests {
    static let now = Date(timeIntervalSince1970: 1_795_860_000)
    let reference = RequestReference(sequence: 1)

    @Test func anEventDatedBeforeTheLastOneIsRefusedAndNothingIsWritten() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        let received = Self.now.addingTimeInterval(3_600)
        _ = try store.apply(.oldPhoneReceived, to: reference, at: received)
        #expect(throws: StoreError.rule(.eventDate(reference, .beforeLastEvent(received)))) {
            try store.apply(.newPhoneShipped, to: reference, at: received.addingTimeInterval(-60))
        }
        #expect(try store.request(reference)?.status == .received)
        #expect(try store.request(reference)?.history.count == 1)
        // The same moment, or later, is fine.
        #expect(try store.apply(.newPhoneShipped, to: reference, at: received).status == .shipped)
    }

    @Test func theReturnDeadlinePassesOnlyOnceItIsOver() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        let deadline = ReturnDeadline(requestedAt: Self.now).date
        for early in [Self.now, deadline] {
            #expect(throws: StoreError.rule(.eventDate(reference, .beforeReturnDeadline(deadline)))) {
                try store.apply(.returnDeadlinePassed, to: reference, at: early)
            }
        }
        #expect(try store.request(reference)?.status == .awaitingReturn)
        #expect(try store.apply(.returnDeadlinePassed, to: reference, at: deadline.addingTimeInterval(1)).status == .cancelled)
    }
}

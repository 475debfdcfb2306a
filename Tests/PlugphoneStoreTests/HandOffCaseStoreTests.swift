import Foundation
import Testing
import PlugphoneDomain
@testable import PlugphoneStore

/// The hand-off queue in the store, on a real SQLite database: cases are listed oldest first and claimed once.
struct HandOffCaseStoreTests {
    static let now = Date(timeIntervalSince1970: 1_795_860_000)

    static func handOff(_ account: AccountID, minutes: Double) -> HandOffCase {
        HandOffCase(
            account: account, language: "fr", reason: "asked", draft: #"{"version":1}"#,
            turns: [HandOffCase.Turn(user: "je veux un conseiller", bot: "Je vous passe un conseiller.")],
            openedAt: now.addingTimeInterval(minutes * 60)
        )
    }

    @Test func casesAreListedOldestFirstAndKeepWhatTheConversationGave() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        let first = try store.openHandOffCase(Self.handOff("ab12345-ovh", minutes: 0))
        let second = try store.openHandOffCase(Self.handOff("cd67890-ovh", minutes: 1))
        #expect(first.number < second.number)
        let waiting = try store.waitingHandOffCases()
        #expect(waiting.map(\.number) == [first.number, second.number])
        #expect(waiting[0].turns == [HandOffCase.Turn(user: "je veux un conseiller", bot: "Je vous passe un conseiller.")])
        #expect(waiting[0].draft == #"{"version":1}"#)
        #expect(waiting[1].account == "cd67890-ovh")
        #expect(waiting.allSatisfy { $0.status == .waiting && $0.claimedBy == nil })
    }

    @Test func claimingTakesTheOldestOnceThenNothing() throws {
        let store = try Store.inMemory(demo: true, now: Self.now)
        let first = try store.openHandOffCase(Self.handOff("ab12345-ovh", minutes: 0))
        let second = try store.openHandOffCase(Self.handOff("cd67890-ovh", minutes: 1))
        let later = Self.now.addingTimeInterval(600)
        let claimed = try #require(try store.claimNextHandOffCase(by: "agent-1", at: later))
        #expect(claimed.number == first.number)
        #expect(claimed.status == .claimed && claimed.claimedBy == "agent-1" && claimed.claimedAt == later)
        #expect(try store.waitingHandOffCases().map(\.number) == [second.number])
        #expect(try store.claimNextHandOffCase(by: "agent-2", at: later)?.number == second.number)
        #expect(try store.claimNextHandOffCase(by: "agent-3", at: later) == nil)
        #expect(try store.handOffCase(first.number)?.claimedBy == "agent-1")
    }

    /// Several connections on one file claim at once: every case goes to exactly one of them.
    @Test func concurrentClaimsOnOneFileTakeEachCaseOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("queue.sqlite").path
        let setup = try Store.open(path: path, mode: .createWithDemoDataIfMissing(now: Self.now))
        for i in 0..<40 { _ = try setup.openHandOffCase(Self.handOff(i.isMultiple(of: 2) ? "ab12345-ovh" : "cd67890-ovh", minutes: Double(i))) }
        let claims = ClaimLog()
        DispatchQueue.concurrentPerform(iterations: 6) { agent in
            guard let store = try? Store.open(path: path, busyTimeout: 10) else { return claims.fail() }
            while true {
                do {
                    guard let claimed = try store.claimNextHandOffCase(by: "agent-\(agent)", at: Self.now) else { return }
                    claims.add(claimed.number)
                } catch {
                    return claims.fail()
                }
            }
        }
        #expect(claims.failures == 0)
        #expect(claims.numbers.sorted() == Array(1...40))
        #expect(try setup.waitingHandOffCases().isEmpty)
    }
}

/// The numbers claimed by the threads of a test.
final class ClaimLog: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed: [Int] = []
    private var failed = 0
    func add(_ number: Int) { lock.withLock { claimed.append(number) } }
    func fail() { lock.withLock { failed += 1 } }
    var numbers: [Int] { lock.withLock { claimed } }
    var failures: Int { lock.withLock { failed } }
}

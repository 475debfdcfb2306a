import Foundation
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore
import PlugphoneUnderstanding

/// Replays transcripts, each on a fresh in-memory demo database at the transcript's clock.
public struct TranscriptRunner: Sendable {
    public let packs: [Language: LanguagePack]
    public let interpret: ConversationRuntime.Interpret

    public init(packs: [Language: LanguagePack], interpret: @escaping ConversationRuntime.Interpret) {
        self.packs = packs
        self.interpret = interpret
    }

    /// One assertion of a transcript that does not hold.
    public struct Mismatch: Sendable, CustomStringConvertible {
        /// Which kind of assertion: a stable name for `--json` and JUnit.
        public enum Kind: String, Sendable {
            /// `bot:`, word for word.
            case reply
            /// `bot~:`.
            case contains
            case understood
            case state
            case written
            /// `account:` names no account of the demo data.
            case account
        }

        /// 0 for the greeting.
        public var turn: Int
        public var user: String?
        public var kind: Kind
        public var expected: [String]
        public var actual: [String]

        public init(turn: Int, user: String?, kind: Kind, expected: [String], actual: [String]) {
            self.turn = turn
            self.user = user
            self.kind = kind
            self.expected = expected
            self.actual = actual
        }

        /// Lines with `-` are expected by the file, `+` what the assistant said or did.
        public var diff: [String] { LineDiff.render(expected: expected, actual: actual) }

        /// What does not hold, in the language of `messages` (`conv.replay.what.*`).
        public func what(_ messages: Messages) -> String {
            switch kind {
            case .reply: messages.text(turn == 0 ? "conv.replay.what.greeting" : "conv.replay.what.reply")
            case .contains: messages.text(turn == 0 ? "conv.replay.what.greeting_contains" : "conv.replay.what.contains")
            case .understood: messages.text("conv.replay.what.understood")
            case .state: messages.text("conv.replay.what.state")
            case .written: messages.text("conv.replay.what.written")
            case .account: messages.text("conv.replay.what.account", ["account": expected.first.map { String($0.dropFirst("account: ".count)) } ?? ""])
            }
        }

        /// The turn, what does not hold and the diff, for the readable report and JUnit.
        public func report(_ messages: Messages) -> String {
            var out = turn == 0
                ? "  " + messages.text("conv.replay.greeting_header", ["what": what(messages)]) + "\n"
                : "  " + messages.text("conv.replay.turn_header", ["turn": String(turn), "user": user ?? ""]) + "\n  \(what(messages))\n"
            out += diff.map { "  " + $0 }.joined(separator: "\n")
            return out
        }

        /// The turn, the kind and the diff, language-neutral (test logs).
        public var description: String {
            "  turn \(turn) [\(kind.rawValue)]" + (user.map { " user: \($0)" } ?? "") + "\n" + diff.map { "  " + $0 }.joined(separator: "\n")
        }
    }

    public struct Outcome: Sendable {
        public var turns: Int
        /// Every assertion of the first turn where any fails (a replay stops there: what follows no longer applies).
        /// With `updating`, differing `bot:` replies are not failures: they are in `replies`.
        public var failures: [Mismatch]
        /// What the assistant said, by turn (0 for the greeting), for every turn replayed.
        public var replies: [Int: String] = [:]
        /// The turns (0 for the greeting) whose exact `bot:` reply differs from what the assistant says now.
        public var differingReplies: [Int] = []
        /// Time spent creating the demo database and starting the session, and time spent in the user turns.
        public var setupNanoseconds: UInt64 = 0
        public var turnNanoseconds: UInt64 = 0
        /// The first failure.
        public var mismatch: Mismatch? { failures.first }
        public var passed: Bool { failures.isEmpty }

        init(turns: Int, setupNanoseconds: UInt64, failures: [Mismatch]) {
            self.turns = turns
            self.setupNanoseconds = setupNanoseconds
            self.failures = failures
        }
    }

    /// Replays `transcript` and checks every assertion. With `updating`, a `bot:` reply that differs is not a failure
    /// (the outcome lists it, and what was said, for `Transcript.rewriting`) and the replay goes on to the end.
    public func run(_ transcript: Transcript, updating: Bool = false) throws(StoreError) -> Outcome {
        let begin = DispatchTime.now().uptimeNanoseconds
        var outcome = try replay(transcript, updating: updating, begin: begin)
        outcome.turnNanoseconds = DispatchTime.now().uptimeNanoseconds - begin - outcome.setupNanoseconds
        return outcome
    }

    private func replay(_ transcript: Transcript, updating: Bool, begin: UInt64) throws(StoreError) -> Outcome {
        let store = try Store.inMemory(demo: true, now: transcript.now)
        guard try store.account(transcript.account) != nil else {
            let failure = Mismatch(turn: 0, user: nil, kind: .account, expected: ["account: \(transcript.account.rawValue)"], actual: [])
            return Outcome(turns: 0, setupNanoseconds: DispatchTime.now().uptimeNanoseconds - begin, failures: [failure])
        }
        let runtime = try ConversationRuntime(
            store: store, account: transcript.account, language: transcript.language, packs: packs,
            clock: { transcript.now }, interpret: interpret, audience: transcript.audience
        )
        let greeting = try runtime.start()
        let setup = DispatchTime.now().uptimeNanoseconds - begin
        var outcome = Outcome(turns: 0, setupNanoseconds: setup, failures: [])
        outcome.replies[0] = greeting.text
        var failures = check(
            turn: 0, user: nil, said: greeting.text, exact: transcript.greeting, contains: transcript.greetingContains, updating: updating,
            differing: &outcome.differingReplies
        )
        if !failures.isEmpty {
            outcome.failures = failures
            return outcome
        }
        for (index, expected) in transcript.turns.enumerated() {
            let number = index + 1
            let turn = try runtime.hear(expected.user)
            outcome.turns = number
            outcome.replies[number] = turn.text
            failures = check(
                turn: number, user: expected.user, said: turn.text, exact: expected.bot, contains: expected.botContains, updating: updating,
                differing: &outcome.differingReplies
            )
            if let assertion = expected.understood {
                let actual = turn.interpretation.map(Understood.init) ?? Understood(intent: "-")
                if !assertion.matches(actual) {
                    failures.append(Mismatch(
                        turn: number, user: expected.user, kind: .understood,
                        expected: ["understood: \(assertion)"], actual: ["understood: \(actual)"]
                    ))
                }
            }
            if let state = expected.state, state != turn.state {
                failures.append(Mismatch(
                    turn: number, user: expected.user, kind: .state, expected: ["state: \(state)"], actual: ["state: \(turn.state)"]
                ))
            }
            let written = (turn.committed + turn.changed).map(WrittenRequest.init)
            let writesMatch = written.count == expected.written.count && zip(expected.written, written).allSatisfy { $0.matches($1) }
            if !writesMatch {
                failures.append(Mismatch(
                    turn: number, user: expected.user, kind: .written,
                    expected: expected.written.isEmpty ? ["written: nothing"] : expected.written.map { "written: \($0)" },
                    // In the order the file states its fields, so that the diff lines up.
                    actual: written.isEmpty ? ["written: nothing"] : written.enumerated().map { index, request in
                        let order = index < expected.written.count ? expected.written[index].order : expected.written.last?.order ?? []
                        return "written: " + request.described(inOrderOf: order)
                    }
                ))
            }
            if !failures.isEmpty {
                outcome.failures = failures
                return outcome
            }
        }
        return outcome
    }

    /// The reply assertions of one turn: `bot:` word for word (unless `…`), each `bot~:` fragment contained.
    private func check(
        turn: Int, user: String?, said: String, exact: String?, contains: [String], updating: Bool, differing: inout [Int]
    ) -> [Mismatch] {
        var failures: [Mismatch] = []
        if let exact, exact != Transcript.anyReply, exact != said {
            differing.append(turn)
            if !updating {
                failures.append(Mismatch(
                    turn: turn, user: user, kind: .reply,
                    expected: lines(exact), actual: lines(said)
                ))
            }
        }
        for fragment in contains where !Transcript.reply(said, contains: fragment) {
            failures.append(Mismatch(
                turn: turn, user: user, kind: .contains,
                expected: ["bot~: \(fragment)"], actual: lines(said)
            ))
        }
        return failures
    }

    private func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// Every transcript file under the given files and folders (`*.txt`, sorted), for `replay` and the tests.
    public static func files(in paths: [String]) -> [URL] {
        var found: [URL] = []
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                found.append(url)
                continue
            }
            guard isDirectory.boolValue else {
                found.append(url)
                continue
            }
            // Hidden files and folders (`.hidden.txt`, `.git/`) are not transcripts.
            let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
            while let item = enumerator?.nextObject() as? URL {
                if item.pathExtension == "txt", !item.lastPathComponent.hasPrefix(".") { found.append(item) }
            }
        }
        return found.sorted { $0.path < $1.path }
    }
}

/// A line diff by longest common subsequence: replies are short, so the quadratic table is fine.
enum LineDiff {
    static func render(expected: [String], actual: [String]) -> [String] {
        let n = expected.count, m = actual.count
        var table = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = expected[i] == actual[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var out: [String] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, expected[i] == actual[j] {
                out.append("  \(expected[i])"); i += 1; j += 1
            } else if j < m, i == n || table[i][j + 1] >= table[i + 1][j] {
                out.append("+ \(actual[j])"); j += 1
            } else {
                out.append("- \(expected[i])"); i += 1
            }
        }
        return out
    }
}

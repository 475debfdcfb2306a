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

    /// Where a replay first differs from its transcript.
    public struct Mismatch: Sendable, CustomStringConvertible {
        /// 0 for the greeting.
        public var turn: Int
        public var user: String?
        public var what: String
        public var expected: [String]
        public var actual: [String]

        public var description: String {
            var out = turn == 0 ? "  greeting — \(what)\n" : "  turn \(turn) — user: \(user ?? "")\n  \(what)\n"
            out += LineDiff.render(expected: expected, actual: actual).map { "  " + $0 }.joined(separator: "\n")
            return out
        }
    }

    public struct Outcome: Sendable {
        public var turns: Int
        public var mismatch: Mismatch?
        /// Time spent creating the demo database and starting the session, and time spent in the user turns.
        public var setupNanoseconds: UInt64 = 0
        public var turnNanoseconds: UInt64 = 0
        public var passed: Bool { mismatch == nil }

        init(turns: Int, setupNanoseconds: UInt64, mismatch: Mismatch?) {
            self.turns = turns
            self.setupNanoseconds = setupNanoseconds
            self.mismatch = mismatch
        }
    }

    public func run(_ transcript: Transcript) throws(StoreError) -> Outcome {
        let begin = DispatchTime.now().uptimeNanoseconds
        var outcome = try replay(transcript, begin: begin)
        outcome.turnNanoseconds = DispatchTime.now().uptimeNanoseconds - begin - outcome.setupNanoseconds
        return outcome
    }

    private func replay(_ transcript: Transcript, begin: UInt64) throws(StoreError) -> Outcome {
        let store = try Store.inMemory(demo: true, now: transcript.now)
        let runtime = try ConversationRuntime(
            store: store, account: transcript.account, language: transcript.language, packs: packs,
            clock: { transcript.now }, interpret: interpret
        )
        let greeting = try runtime.start()
        let setup = DispatchTime.now().uptimeNanoseconds - begin
        if greeting.text != transcript.greeting {
            return Outcome(turns: 0, setupNanoseconds: setup, mismatch: Mismatch(turn: 0, user: nil, what: "the greeting differs", expected: lines(transcript.greeting), actual: lines(greeting.text)))
        }
        for (index, expected) in transcript.turns.enumerated() {
            let turn = try runtime.hear(expected.user)
            if turn.text != expected.bot {
                return Outcome(turns: index + 1, setupNanoseconds: setup, mismatch: Mismatch(turn: index + 1, user: expected.user, what: "the reply differs", expected: lines(expected.bot), actual: lines(turn.text)))
            }
            let written = (turn.committed + turn.changed).map(WrittenRequest.init)
            let writesMatch = written.count == expected.written.count && zip(expected.written, written).allSatisfy { $0.matches($1) }
            if !writesMatch {
                return Outcome(turns: index + 1, setupNanoseconds: setup, mismatch: Mismatch(
                    turn: index + 1, user: expected.user, what: "the requests written differ",
                    expected: expected.written.isEmpty ? ["written: nothing"] : expected.written.map { "written: \($0)" },
                    actual: written.isEmpty ? ["written: nothing"] : written.map { "written: \($0)" }
                ))
            }
        }
        return Outcome(turns: transcript.turns.count, setupNanoseconds: setup, mismatch: nil)
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
            let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
            while let item = enumerator?.nextObject() as? URL {
                if item.pathExtension == "txt" { found.append(item) }
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

import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneConversation

/// What `replay` found for one transcript file, for the readable report, `--json` and `--junit`.
struct ReplayResult {
    enum Problem {
        /// The file could not be read or parsed: the test could not run (a JUnit error, not a failure).
        /// `kind` is `unreadable` or `malformed` (stable, for `--json`), `line` the malformed line, `sentence` the
        /// reason in the session's language.
        case broken(kind: String, line: Int?, sentence: String)
        /// Assertions that do not hold.
        case failed([TranscriptRunner.Mismatch])
    }

    var path: String
    /// The transcript's `lang:` header, once it could be read: JUnit's `classname` is `transcripts.<lang>`.
    var language: String?
    var turns = 0
    var seconds: Double = 0
    var problem: Problem?
    /// With `--update`: the turns whose `bot:` reply was rewritten (0 for the greeting).
    var rewritten: [Int]?

    var passed: Bool { problem == nil }

    /// One line of `replay --json`: identifiers (`kind`, keys) language-neutral, `what` in the session's language.
    func json(_ messages: Messages) -> JSONValue {
        var fields: [(String, JSONValue)] = [("path", .string(path)), ("passed", .bool(passed)), ("turns", .int(turns))]
        var failures: [JSONValue] = []
        switch problem {
        case .broken(let kind, let line, let sentence)?:
            failures.append(.object([
                ("turn", .null), ("kind", .string(kind)), ("line", line.map { .int($0) } ?? .null), ("what", .string(sentence)), ("diff", .string("")),
            ]))
        case .failed(let mismatches)?:
            failures = mismatches.map { m in
                .object([
                    ("turn", .int(m.turn)), ("user", .string(m.user)), ("kind", .string(m.kind.rawValue)), ("what", .string(m.what(messages))),
                    ("expected", .array(m.expected.map { .string($0) })), ("actual", .array(m.actual.map { .string($0) })),
                    ("diff", .string(m.diff.joined(separator: "\n"))),
                ])
            }
        case nil: break
        }
        fields.append(("failures", .array(failures)))
        if let rewritten { fields.append(("rewritten", .array(rewritten.map { .int($0) }))) }
        fields.append(("seconds", .number(String(format: "%.3f", seconds))))
        return .object(fields)
    }
}

/// JUnit XML as Jenkins, GitLab and most CI servers read it (the Ant task's format; `Tests/Schemas/junit.xsd` is its schema):
/// one `<testsuite>` for the run, one `<testcase>` per transcript, a `<failure>` whose message names the first
/// failing turn and whose text is the diff, an `<error>` for a file that could not be read or parsed.
enum JUnitReport {
    static func xml(_ results: [ReplayResult], messages: Messages, suite: String = "plugphone replay", timestamp: Date, seconds: Double) -> String {
        let failures = results.filter { if case .failed? = $0.problem { true } else { false } }.count
        let errors = results.filter { if case .broken? = $0.problem { true } else { false } }.count
        let time = String(format: "%.3f", seconds)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\(attribute(suite)) tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(time)\">\n"
        out += "  <testsuite name=\(attribute(suite)) tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"0\""
        out += " time=\"\(time)\" timestamp=\"\(Timestamp.format(timestamp).replacingOccurrences(of: "Z", with: ""))\">\n"
        for result in results {
            // By the transcript's language (`lang:`), as documented; `transcripts` alone for a file that could not be read.
            let classname = "transcripts" + (result.language.map { "." + $0 } ?? "")
            out += "    <testcase name=\(attribute(result.path)) classname=\(attribute(classname)) time=\"\(String(format: "%.3f", result.seconds))\""
            switch result.problem {
            case nil:
                out += "/>\n"
            case .broken(let kind, _, let sentence):
                out += ">\n      <error message=\(attribute(sentence)) type=\(attribute(kind))/>\n    </testcase>\n"
            case .failed(let mismatches):
                let first = mismatches.first
                let message = first.map {
                    messages.text("conv.replay.failure_at", [
                        "where": $0.turn == 0 ? messages.text("conv.replay.greeting") : messages.text("conv.replay.turn", ["turn": String($0.turn)]),
                        "what": $0.what(messages),
                    ])
                } ?? ""
                let body = mismatches.map { $0.report(messages) }.joined(separator: "\n")
                out += ">\n      <failure message=\(attribute(message)) type=\(attribute(first?.kind.rawValue ?? "mismatch"))>\(text(body))</failure>\n    </testcase>\n"
            }
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// A quoted attribute value: markup and line breaks escaped, characters XML 1.0 forbids replaced.
    static func attribute(_ value: String) -> String { "\"" + escaped(value, inAttribute: true) + "\"" }

    /// Element text: markup escaped, characters XML 1.0 forbids replaced.
    static func text(_ value: String) -> String { escaped(value, inAttribute: false) }

    /// Markup escaped; in an attribute also the quote and the line breaks, which a parser would otherwise normalise.
    private static func escaped(_ value: String, inAttribute: Bool) -> String {
        var out = ""
        for scalar in allowed(value).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\"" where inAttribute: out += "&quot;"
            case "\n" where inAttribute: out += "&#10;"
            case "\t" where inAttribute: out += "&#9;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// XML 1.0 allows tab, line feed, carriage return and U+0020 up, less the surrogates and U+FFFE, U+FFFF: anything
    /// else (a control character typed into a transcript) becomes U+FFFD rather than making the file unreadable.
    private static func allowed(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            let v = scalar.value
            let ok = v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000
            out.append(ok ? scalar : "\u{FFFD}")
        }
        return String(out)
    }
}

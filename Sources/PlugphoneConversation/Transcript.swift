import Foundation
import PlugphoneDomain
import PlugphoneLocalization

/// One conversation written down as a regression test, in a plain-text format people read and write
/// (`Dialogues/README.md`):
///
/// ```
/// # Exchange a T41S for a T46S, express.
/// account: ab12345-ovh
/// lang: fr
/// now: 2026-11-28T10:00:00Z
///
/// bot: Bonjour ! …
/// user: je veux échanger le téléphone du 09 72 10 10 11 contre un T46S en express
/// bot: Voici le récapitulatif de votre demande :
///      - Demande : échange de téléphone
/// user: oui
/// bot: C'est enregistré : …
/// written: reference=RMA-000002 kind=exchange line=+33972101011 … status=open
/// ```
///
/// Indented lines continue the entry above them; `#` lines are comments; blank lines are ignored.
public struct Transcript: Hashable, Sendable {
    public var comments: [String]
    public var account: AccountID
    public var language: Language
    /// The clock of the session, so that deadlines are the same at every replay.
    public var now: Date
    /// What the assistant says before the first user turn.
    public var greeting: String
    public var turns: [Turn]

    public struct Turn: Hashable, Sendable {
        public var user: String
        public var bot: String
        /// The requests this turn wrote; empty when it wrote none.
        public var written: [WrittenRequest]

        public init(user: String, bot: String, written: [WrittenRequest] = []) {
            self.user = user
            self.bot = bot
            self.written = written
        }
    }

    public init(comments: [String] = [], account: AccountID, language: Language, now: Date, greeting: String, turns: [Turn]) {
        self.comments = comments
        self.account = account
        self.language = language
        self.now = now
        self.greeting = greeting
        self.turns = turns
    }

    /// Every request written by the session.
    public var written: [WrittenRequest] { turns.flatMap(\.written) }
}

/// A request as a transcript states it: `key=value` fields, `-` for none. Only the fields given are checked.
public struct WrittenRequest: Hashable, Sendable, CustomStringConvertible {
    public static let fieldOrder = ["reference", "kind", "line", "old_model", "new_model", "mode", "due_now_cents", "refund_on_return_cents", "status"]
    public var fields: [String: String]

    public init(fields: [String: String]) { self.fields = fields }

    public init(_ request: Request) {
        fields = [
            "reference": request.reference.rawValue,
            "kind": request.kind.rawValue,
            "line": request.line.rawValue,
            "old_model": request.oldModel?.rawValue ?? "-",
            "new_model": request.newModel?.rawValue ?? "-",
            "mode": request.shippingMode?.rawValue ?? "-",
            "due_now_cents": String(request.dueNow.cents),
            "refund_on_return_cents": String(request.refundOnReturn.cents),
            "status": request.status.rawValue,
        ]
    }

    /// True when every field stated here has this value in `actual`.
    public func matches(_ actual: WrittenRequest) -> Bool {
        fields.allSatisfy { actual.fields[$0.key] == $0.value }
    }

    public var description: String {
        let known = Self.fieldOrder.compactMap { key in fields[key].map { "\(key)=\($0)" } }
        let others = fields.keys.filter { !Self.fieldOrder.contains($0) }.sorted().map { "\($0)=\(fields[$0] ?? "")" }
        return (known + others).joined(separator: " ")
    }
}

extension Transcript {
    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    private enum Entry {
        case header(String, String)
        case bot(String)
        case user(String)
        case written(WrittenRequest?)
    }

    /// Reads the format described in `Dialogues/README.md`.
    public static func parse(_ text: String) throws(ParseError) -> Transcript {
        var comments: [String] = []
        var entries: [(line: Int, entry: Entry)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.trimmedOfSpaces.isEmpty { continue }
            if line.hasPrefix("#") {
                if entries.isEmpty { comments.append(String(line.dropFirst()).trimmedOfSpaces) }
                continue
            }
            if line.first == " " || line.first == "\t" {
                let continuation = String(line.drop(while: { $0 == " " || $0 == "\t" }))
                guard let last = entries.last else { throw ParseError(line: number, reason: "an indented line must continue a bot: or user: line") }
                switch last.entry {
                case .bot(let said): entries[entries.count - 1].entry = .bot(said + "\n" + continuation)
                case .user(let said): entries[entries.count - 1].entry = .user(said + " " + continuation)
                default: throw ParseError(line: number, reason: "an indented line must continue a bot: or user: line")
                }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw ParseError(line: number, reason: "expected `bot:`, `user:`, `written:` or a header such as `account:`")
            }
            let key = line[..<colon].trimmedOfSpaces.lowercased()
            var value = String(line[line.index(after: colon)...])
            if value.hasPrefix(" ") { value.removeFirst() }
            switch key {
            case "bot": entries.append((number, .bot(value)))
            case "user": entries.append((number, .user(value.trimmedOfSpaces)))
            case "written":
                let body = value.trimmedOfSpaces
                if body == "nothing" { entries.append((number, .written(nil))); continue }
                var fields: [String: String] = [:]
                // Pairs are separated by spaces or tabs, the whitespace the line is trimmed of (found by fuzzing: a tab
                // ending a value was kept in the middle of a line and trimmed at its end, so a saved transcript read back
                // differently).
                for pair in body.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2 else { throw ParseError(line: number, reason: "`\(pair)` is not key=value") }
                    fields[String(parts[0])] = String(parts[1])
                }
                entries.append((number, .written(WrittenRequest(fields: fields))))
            case "account", "lang", "now": entries.append((number, .header(key, value.trimmedOfSpaces)))
            default: throw ParseError(line: number, reason: "unknown entry `\(key):`")
            }
        }

        var headers: [String: String] = [:]
        var greeting: String?
        var turns: [Turn] = []
        var pendingUser: (line: Int, text: String)?
        for (number, entry) in entries {
            switch entry {
            case .header(let key, let value):
                guard greeting == nil, turns.isEmpty else { throw ParseError(line: number, reason: "headers come before the conversation") }
                headers[key] = value
            case .user(let text):
                if pendingUser != nil { throw ParseError(line: number, reason: "two user: lines without a bot: reply between them") }
                guard greeting != nil else { throw ParseError(line: number, reason: "the conversation starts with the bot's greeting") }
                pendingUser = (number, text)
            case .bot(let text):
                if let user = pendingUser {
                    turns.append(Turn(user: user.text, bot: text))
                    pendingUser = nil
                } else if greeting == nil, turns.isEmpty {
                    greeting = text
                } else {
                    throw ParseError(line: number, reason: "two bot: replies in a row")
                }
            case .written(let request):
                guard pendingUser == nil, !turns.isEmpty else { throw ParseError(line: number, reason: "written: follows the bot: reply of the turn that wrote") }
                if let request { turns[turns.count - 1].written.append(request) }
            }
        }
        if let user = pendingUser { throw ParseError(line: user.line, reason: "this user: line has no bot: reply") }
        guard let accountText = headers["account"] else { throw ParseError(line: 1, reason: "missing header `account:`") }
        guard let languageText = headers["lang"], let language = Language(rawValue: languageText) else {
            throw ParseError(line: 1, reason: "missing or unknown header `lang:` (fr or en)")
        }
        guard let nowText = headers["now"], let now = Timestamp.parse(nowText) else {
            throw ParseError(line: 1, reason: "missing header `now:` (ISO 8601, e.g. 2026-11-28T10:00:00Z)")
        }
        guard let greeting else { throw ParseError(line: 1, reason: "missing the bot's greeting") }
        return Transcript(comments: comments, account: AccountID(accountText), language: language, now: now, greeting: greeting, turns: turns)
    }

    /// Writes the format back, as `chat --record` saves a session.
    public var text: String {
        var out = comments.map { "# \($0)\n" }.joined()
        out += "account: \(account.rawValue)\nlang: \(language.rawValue)\nnow: \(Timestamp.format(now))\n\n"
        out += Self.entry("bot", greeting)
        for turn in turns {
            out += "\n" + Self.entry("user", turn.user) + Self.entry("bot", turn.bot)
            for request in turn.written { out += "written: \(request)\n" }
        }
        if written.isEmpty, !turns.isEmpty { out += "written: nothing\n" }
        return out
    }

    private static func entry(_ who: String, _ text: String) -> String {
        let indent = String(repeating: " ", count: who.count + 2)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset == 0 ? "\(who): \($0.element)\n" : "\(indent)\($0.element)\n" }.joined()
    }
}

private extension StringProtocol {
    /// Without leading and trailing spaces and tabs (cheaper than Foundation's bridged trimming).
    var trimmedOfSpaces: String {
        guard let first = firstIndex(where: { $0 != " " && $0 != "\t" }), let last = lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(self[first...last])
    }
}

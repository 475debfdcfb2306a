import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneUnderstanding

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
/// Indented lines continue the entry above them; `#` lines are comments; blank lines are ignored. Beside the
/// words, a turn may assert its meaning: `understood:` (see `Understood`), `state:`, `bot~:` (words the reply
/// contains) and `bot: …` (anything); `audience: agent` in the header replays agent mode's phrasing.
public struct Transcript: Hashable, Sendable {
    public var comments: [String]
    public var account: AccountID
    public var language: Language
    /// The clock of the session, so that deadlines are the same at every replay.
    public var now: Date
    /// Who the replies are phrased for: `audience: agent` replays agent mode's guidance.
    public var audience: Audience
    /// What the assistant says before the first user turn: nil when the transcript does not check it (no `bot:`
    /// before the first `user:`), `…` for « anything ».
    public var greeting: String?
    /// Fragments the greeting must contain (`bot~:` before the first `user:`).
    public var greetingContains: [String]
    public var turns: [Turn]

    /// The reply that means « anything »: `bot: …`.
    public static let anyReply = "…"

    public struct Turn: Hashable, Sendable {
        public var user: String
        /// The exact reply (`bot:`); nil when the turn has none, `…` for « anything ».
        public var bot: String?
        /// Fragments the reply must contain, white space normalised (`bot~:`).
        public var botContains: [String]
        /// The intent and slots the understanding must find (`understood:`).
        public var understood: Understood?
        /// The dialogue state after the turn, `Conversation.State.name` (`state:`).
        public var state: String?
        /// The requests this turn wrote; empty when it wrote none.
        public var written: [WrittenRequest]

        public init(
            user: String, bot: String?, botContains: [String] = [], understood: Understood? = nil, state: String? = nil,
            written: [WrittenRequest] = []
        ) {
            self.user = user
            self.bot = bot
            self.botContains = botContains
            self.understood = understood
            self.state = state
            self.written = written
        }
    }

    public init(
        comments: [String] = [], account: AccountID, language: Language, now: Date, audience: Audience = .customer, greeting: String?,
        greetingContains: [String] = [], turns: [Turn]
    ) {
        self.comments = comments
        self.account = account
        self.language = language
        self.now = now
        self.audience = audience
        self.greeting = greeting
        self.greetingContains = greetingContains
        self.turns = turns
    }

    /// Every request written by the session.
    public var written: [WrittenRequest] { turns.flatMap(\.written) }
}

/// `understood: change_phone line=+33972101011 model=yealink.t46s`: what the understanding must make of a turn.
/// The intent must be the one named (`*` for any); each slot listed must have that value (`-`: must be absent);
/// slots not listed are not checked, unless `slots=exact` says the listed ones are all there is.
public struct Understood: Hashable, Sendable, CustomStringConvertible {
    public struct Slot: Hashable, Sendable {
        public var key: String
        public var value: String
        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    /// An intent of docs/reference.md §2, or `*`.
    public var intent: String
    public var slots: [Slot]
    public var exact: Bool

    public init(intent: String, slots: [Slot] = [], exact: Bool = false) {
        self.intent = intent
        self.slots = slots
        self.exact = exact
    }

    /// What the understanding found, every slot stated (`parse --json`'s keys, candidates comma-separated), and `best_guess`.
    public init(_ interpretation: Interpretation) {
        var slots: [Slot] = []
        if case .object(let pairs) = interpretation.slotsJSON {
            for (key, value) in pairs {
                switch value {
                case .string(let text): slots.append(Slot(key, text))
                case .array(let items): slots.append(Slot(key, items.compactMap { if case .string(let s) = $0 { s } else { nil } }.joined(separator: ",")))
                default: slots.append(Slot(key, value.serialized()))
                }
            }
        }
        // Not a slot, but what a low-confidence turn is tested on: `understood: out_of_scope best_guess=request_status`.
        if let guess = interpretation.bestGuess { slots.append(Slot("best_guess", guess.rawValue)) }
        // Not a slot either: the finer meaning inside the intent, `understood: list_models act=compare_models`.
        if let act = interpretation.act { slots.append(Slot("act", act.rawValue)) }
        self.init(intent: interpretation.intent.rawValue, slots: slots, exact: true)
    }

    /// True when `actual` (what was understood) satisfies this assertion.
    public func matches(_ actual: Understood) -> Bool {
        guard intent == "*" || intent == actual.intent else { return false }
        var found: [String: String] = [:]
        for slot in actual.slots { found[slot.key] = slot.value }
        for slot in slots where (found[slot.key] ?? "-") != slot.value { return false }
        if exact {
            let listed = Set(slots.filter { $0.value != "-" }.map(\.key))
            if !Set(found.keys).isSubset(of: listed) { return false }
        }
        return true
    }

    /// `change_phone line=+33972101011 model=yealink.t46s`, `slots=exact` last when set.
    public var description: String {
        ([intent] + slots.map { "\($0.key)=\($0.value)" } + (exact ? ["slots=exact"] : [])).joined(separator: " ")
    }

    /// What `understood:` may name: the slots of `parse --json` (`Interpretation.slotKeys`), `best_guess` and `act`.
    public static let knownKeys = Interpretation.slotKeys + ["best_guess", "act"]

    /// Reads the words after `understood:`.
    static func parse(_ body: String, line: Int) throws(Transcript.ParseError) -> Understood {
        let words = body.split(separator: " ").map(String.init)
        guard let intent = words.first else { throw Transcript.ParseError(line: line, reason: "`understood:` names an intent, e.g. `understood: change_phone line=+33972101011`", code: "understood_empty", values: [:]) }
        guard intent == "*" || Intent(rawValue: intent) != nil else {
            throw Transcript.ParseError(line: line, reason: "unknown intent `\(intent)` (one of \(Intent.allCases.map(\.rawValue).joined(separator: ", ")), or *)", code: "unknown_intent", values: ["intent": intent, "intents": Intent.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        var result = Understood(intent: intent)
        for word in words.dropFirst() {
            let parts = word.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw Transcript.ParseError(line: line, reason: "`\(word)` is not key=value", code: "not_key_value", values: ["word": word]) }
            if parts[0] == "slots" {
                guard parts[1] == "exact" else { throw Transcript.ParseError(line: line, reason: "`\(word)`: the only option is slots=exact", code: "slots_option", values: ["word": word]) }
                result.exact = true
            } else {
                let key = String(parts[0])
                guard knownKeys.contains(key) else {
                    throw Transcript.ParseError(line: line, reason: "unknown key `\(key)` in `understood:` (one of \(knownKeys.joined(separator: ", ")), or slots=exact)", code: "unknown_understood_key", values: ["key": key, "keys": knownKeys.joined(separator: ", ")])
                }
                result.slots.append(Slot(key, String(parts[1])))
            }
        }
        return result
    }
}

extension Transcript {
    /// Collapses every run of white space (line breaks and the no-break spaces of French typography included) into
    /// one space, and trims: how `bot~:` fragments and replies are compared.
    public static func normalisedSpaces(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(character)
            }
        }
        return out
    }

    /// `text` with every control character but line feed and tab (C0, DEL, C1: an `ESC` that would drive a terminal)
    /// written visibly as `\u{1B}`: what `chat --record` writes into a transcript and what `replay` prints of one.
    public static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: out.unicodeScalars.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The reverse of `visible`: `\u{1B}` back into the control character it stands for (only C0, DEL and C1 —
    /// any other `\u{…}` is left as written), so that a recorded session replays as it was typed.
    public static func unescapingControls(_ text: String) -> String {
        guard text.contains("\\u{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "\\u{") {
            out += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            if let close = after.firstIndex(of: "}"), let value = UInt32(after[..<close], radix: 16),
               value <= 0x1F || (0x7F...0x9F).contains(value), let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
                rest = after[after.index(after: close)...]
            } else {
                out += rest[range]
                rest = after
            }
        }
        return out + rest
    }

    /// True when `reply` contains `fragment`, white space normalised.
    public static func reply(_ reply: String, contains fragment: String) -> Bool {
        normalisedSpaces(reply).contains(normalisedSpaces(fragment))
    }
}

/// A request as a transcript states it: `key=value` fields, `-` for none. Only the fields given are checked.
public struct WrittenRequest: Hashable, Sendable, CustomStringConvertible {
    public static let fieldOrder = ["reference", "kind", "line", "old_model", "new_model", "mode", "due_now_cents", "refund_on_return_cents", "status"]
    public var fields: [String: String]
    /// The order the fields were written in (the file's), for showing them back; not part of equality.
    public var order: [String]

    public init(fields: [String: String], order: [String] = []) {
        self.fields = fields
        self.order = order
    }

    public static func == (lhs: WrittenRequest, rhs: WrittenRequest) -> Bool { lhs.fields == rhs.fields }
    public func hash(into hasher: inout Hasher) { hasher.combine(fields) }

    public init(_ request: Request) {
        order = Self.fieldOrder
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

    public var description: String { described(inOrderOf: order) }

    /// The fields as `key=value` words, those of `keys` first in that order, then the others in `fieldOrder`.
    public func described(inOrderOf keys: [String]) -> String {
        var seen: Set<String> = []
        var words: [String] = []
        for key in keys + Self.fieldOrder + fields.keys.sorted() where !seen.contains(key) {
            seen.insert(key)
            if let value = fields[key] { words.append("\(key)=\(value)") }
        }
        return words.joined(separator: " ")
    }
}

extension Transcript {
    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        /// In English, for logs and tests; `replay` says it in the session's language from `code` and `values`.
        public var reason: String
        /// A stable name of what is wrong: the message `conv.replay.parse.<code>` of `Locales/`.
        public var code: String
        /// The placeholders of that message.
        public var values: [String: String]
        public var description: String { "line \(line): \(reason)" }

        public init(line: Int, reason: String, code: String, values: [String: String] = [:]) {
            self.line = line
            self.reason = reason
            self.code = code
            self.values = values
        }
    }

    /// Where the exact `bot:` replies stand in the source text, for `replay --update`: 0-based line indexes of each
    /// entry (its first line, then its continuation lines), by turn (0 for the greeting).
    public struct Layout: Hashable, Sendable {
        public var replyLines: [Int: [Int]] = [:]
    }

    private enum Entry {
        case header(String, String)
        case bot(String)
        case botContains(String)
        case user(String)
        case understood(Understood)
        case state(String)
        case written(WrittenRequest?)
    }

    /// Reads the format described in `Dialogues/README.md`.
    public static func parse(_ text: String) throws(ParseError) -> Transcript {
        try parseWithLayout(text).transcript
    }

    /// Reads the format, and where each exact reply stands in `text`.
    public static func parseWithLayout(_ text: String) throws(ParseError) -> (transcript: Transcript, layout: Layout) {
        var comments: [String] = []
        var entries: [(line: Int, lines: [Int], entry: Entry)] = []
        for (index, (line, _)) in sourceLines(text).enumerated() {
            let number = index + 1
            if line.trimmedOfSpaces.isEmpty { continue }
            if line.hasPrefix("#") {
                if entries.isEmpty { comments.append(String(line.dropFirst()).trimmedOfSpaces) }
                continue
            }
            // An indented `#` line is a comment too (between the lines of a reply, say), not part of the reply.
            if line.trimmedOfSpaces.hasPrefix("#") { continue }
            if line.first == " " || line.first == "\t" {
                let continuation = String(line.drop(while: { $0 == " " || $0 == "\t" }))
                let misplaced = ParseError(line: number, reason: "an indented line must continue a bot:, bot~: or user: line", code: "misplaced_indent", values: [:])
                guard let last = entries.last else { throw misplaced }
                switch last.entry {
                case .bot(let said): entries[entries.count - 1].entry = .bot(said + "\n" + unescapingControls(continuation))
                case .botContains(let said): entries[entries.count - 1].entry = .botContains(said + " " + continuation)
                case .user(let said): entries[entries.count - 1].entry = .user(said + " " + unescapingControls(continuation))
                default: throw misplaced
                }
                entries[entries.count - 1].lines.append(index)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw ParseError(line: number, reason: "expected `bot:`, `bot~:`, `user:`, `understood:`, `state:`, `written:` or a header such as `account:`", code: "unexpected_line", values: [:])
            }
            let key = line[..<colon].trimmedOfSpaces.lowercased()
            var value = String(line[line.index(after: colon)...])
            if value.hasPrefix(" ") { value.removeFirst() }
            let entry: Entry
            switch key {
            case "bot": entry = .bot(unescapingControls(value))
            case "bot~":
                guard !value.trimmedOfSpaces.isEmpty else { throw ParseError(line: number, reason: "`bot~:` needs the words the reply must contain", code: "contains_empty", values: [:]) }
                entry = .botContains(value.trimmedOfSpaces)
            case "user": entry = .user(unescapingControls(value.trimmedOfSpaces))
            case "understood":
                entry = .understood(try Understood.parse(value.trimmedOfSpaces, line: number))
            case "state":
                let name = value.trimmedOfSpaces
                guard !name.isEmpty, !name.contains(" ") else { throw ParseError(line: number, reason: "`state:` names one dialogue state, e.g. `state: awaiting_confirmation`", code: "state_one_name", values: [:]) }
                guard Conversation.State.allNames.contains(name) else {
                    throw ParseError(line: number, reason: "unknown state `\(name)` (one of \(Conversation.State.allNames.joined(separator: ", ")))", code: "unknown_state", values: ["state": name, "states": Conversation.State.allNames.joined(separator: ", ")])
                }
                entry = .state(name)
            case "written":
                let body = value.trimmedOfSpaces
                if body.isEmpty {
                    throw ParseError(line: number, reason: "`written:` needs `nothing` or key=value fields, e.g. `written: reference=RMA-000002 status=open`", code: "written_empty", values: [:])
                } else if body == "nothing" {
                    entry = .written(nil)
                } else {
                    var fields: [String: String] = [:]
                    var order: [String] = []
                    // Pairs are separated by spaces or tabs, the whitespace the line is trimmed of (found by fuzzing: a
                    // tab ending a value was kept in the middle of a line and trimmed at its end, so a saved transcript
                    // read back differently).
                    for pair in body.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                        let parts = pair.split(separator: "=", maxSplits: 1)
                        guard parts.count == 2 else { throw ParseError(line: number, reason: "`\(pair)` is not key=value", code: "not_key_value", values: ["word": String(pair)]) }
                        let key = String(parts[0])
                        guard WrittenRequest.fieldOrder.contains(key) else {
                            throw ParseError(line: number, reason: "unknown field `\(key)` in `written:` (one of \(WrittenRequest.fieldOrder.joined(separator: ", ")))", code: "unknown_written_field", values: ["field": key, "fields": WrittenRequest.fieldOrder.joined(separator: ", ")])
                        }
                        guard fields[key] == nil else { throw ParseError(line: number, reason: "`written:` states `\(key)` twice", code: "written_twice", values: ["field": key]) }
                        fields[key] = String(parts[1])
                        order.append(key)
                    }
                    entry = .written(WrittenRequest(fields: fields, order: order))
                }
            case "account", "lang", "now", "audience": entry = .header(key, value.trimmedOfSpaces)
            default: throw ParseError(line: number, reason: "unknown entry `\(key):`", code: "unknown_entry", values: ["entry": key])
            }
            entries.append((number, [index], entry))
        }

        var headers: [String: (value: String, line: Int)] = [:]
        var layout = Layout()
        var greeting: String?
        var greetingContains: [String] = []
        var turns: [Turn] = []
        for (number, lines, entry) in entries {
            let inGreeting = turns.isEmpty
            switch entry {
            case .header(let key, let value):
                guard inGreeting, greeting == nil, greetingContains.isEmpty else { throw ParseError(line: number, reason: "headers come before the conversation", code: "header_late", values: [:]) }
                if let first = headers[key] { throw ParseError(line: number, reason: "a second `\(key):` header (the first is at line \(first.line))", code: "header_twice", values: ["header": key, "first": String(first.line)]) }
                headers[key] = (value, number)
            case .user(let text):
                turns.append(Turn(user: text, bot: nil))
            case .bot(let text):
                if inGreeting {
                    guard greeting == nil else { throw ParseError(line: number, reason: "two bot: replies in a row", code: "two_replies", values: [:]) }
                    greeting = text
                } else {
                    guard turns[turns.count - 1].bot == nil else { throw ParseError(line: number, reason: "two bot: replies in a row", code: "two_replies", values: [:]) }
                    turns[turns.count - 1].bot = text
                }
                if text != anyReply { layout.replyLines[turns.count] = lines }
            case .botContains(let fragment):
                if inGreeting { greetingContains.append(fragment) } else { turns[turns.count - 1].botContains.append(fragment) }
            case .understood(let understood):
                guard !inGreeting else { throw ParseError(line: number, reason: "understood: belongs to a turn: put it after its user: line", code: "understood_before_turn", values: [:]) }
                guard turns[turns.count - 1].understood == nil else { throw ParseError(line: number, reason: "two understood: lines in one turn", code: "two_understood", values: [:]) }
                turns[turns.count - 1].understood = understood
            case .state(let name):
                guard !inGreeting else { throw ParseError(line: number, reason: "state: belongs to a turn: put it after its user: line", code: "state_before_turn", values: [:]) }
                guard turns[turns.count - 1].state == nil else { throw ParseError(line: number, reason: "two state: lines in one turn", code: "two_states", values: [:]) }
                turns[turns.count - 1].state = name
            case .written(let request):
                guard !inGreeting else { throw ParseError(line: number, reason: "written: follows the bot: reply of the turn that wrote", code: "written_before_turn", values: [:]) }
                if let request { turns[turns.count - 1].written.append(request) }
            }
        }
        guard let accountText = headers["account"]?.value else { throw ParseError(line: 1, reason: "missing header `account:`", code: "missing_account", values: [:]) }
        guard !accountText.isEmpty, !accountText.contains(" ") else {
            throw ParseError(line: headers["account"]?.line ?? 1, reason: "`account:` names one account, e.g. `account: ab12345-ovh`", code: "account_one", values: [:])
        }
        guard let languageHeader = headers["lang"] else { throw ParseError(line: 1, reason: "missing header `lang:` (fr or en)", code: "missing_lang", values: [:]) }
        guard let language = Language(rawValue: languageHeader.value) else {
            throw ParseError(line: languageHeader.line, reason: "unknown language `lang: \(languageHeader.value)` (fr or en)", code: "unknown_lang", values: ["value": languageHeader.value])
        }
        guard let nowHeader = headers["now"] else { throw ParseError(line: 1, reason: "missing header `now:` (ISO 8601, e.g. 2026-11-28T10:00:00Z)", code: "missing_now", values: [:]) }
        guard let now = Timestamp.parse(nowHeader.value) else {
            throw ParseError(line: nowHeader.line, reason: "`now: \(nowHeader.value)` is not an ISO 8601 time (e.g. 2026-11-28T10:00:00Z)", code: "bad_now", values: ["value": nowHeader.value])
        }
        let audience: Audience
        if let audienceHeader = headers["audience"] {
            let audienceText = audienceHeader.value
            guard let known = Audience(rawValue: audienceText) else { throw ParseError(line: audienceHeader.line, reason: "unknown header `audience: \(audienceText)` (customer or agent)", code: "unknown_audience", values: ["value": audienceText]) }
            audience = known
        } else {
            audience = .customer
        }
        guard greeting != nil || !greetingContains.isEmpty || !turns.isEmpty else { throw ParseError(line: 1, reason: "missing the conversation (bot: and user: lines)", code: "no_conversation", values: [:]) }
        let transcript = Transcript(
            comments: comments, account: AccountID(accountText), language: language, now: now, audience: audience, greeting: greeting,
            greetingContains: greetingContains, turns: turns
        )
        return (transcript, layout)
    }

    /// Writes the format back, as `chat --record` saves a session.
    public var text: String {
        var out = comments.map { "# \($0)\n" }.joined()
        out += "account: \(account.rawValue)\nlang: \(language.rawValue)\nnow: \(Timestamp.format(now))\n"
        if audience != .customer { out += "audience: \(audience.rawValue)\n" }
        out += "\n"
        if let greeting { out += Self.entry("bot", greeting) }
        for fragment in greetingContains { out += "bot~: \(fragment)\n" }
        for turn in turns {
            out += "\n" + Self.entry("user", turn.user)
            if let bot = turn.bot { out += Self.entry("bot", bot) }
            for fragment in turn.botContains { out += "bot~: \(Self.visible(fragment))\n" }
            if let understood = turn.understood { out += "understood: \(understood)\n" }
            if let state = turn.state { out += "state: \(state)\n" }
            for request in turn.written { out += "written: \(request)\n" }
        }
        if written.isEmpty, !turns.isEmpty { out += "written: nothing\n" }
        return out
    }

    /// `source` with the exact replies of `replies` (by turn, 0 for the greeting) written in place of those `layout`
    /// locates; every other byte — comments, headers, `user:` lines, assertions, blank lines, line endings — is kept.
    public static func rewriting(_ source: String, layout: Layout, replies: [Int: String]) -> String {
        var lines = sourceLines(source)
        var dropped: Set<Int> = []
        for (turn, text) in replies {
            guard let indexes = layout.replyLines[turn], let first = indexes.first, first < lines.count else { continue }
            // The reply's lines end as the file's did (CRLF stays CRLF); the last one keeps the original ending.
            // Line i of the new reply goes where line i of the old one stood, the surplus with the last one: comment
            // lines between them stay where they were.
            let ending = lines[first].ending.isEmpty ? "\n" : lines[first].ending
            let rendered = entry("bot", text).split(separator: "\n").map(String.init)
            let slots = indexes.filter { $0 < lines.count }
            for (position, index) in slots.enumerated() {
                if position >= rendered.count {
                    dropped.insert(index)
                } else if position == slots.count - 1 {
                    lines[index].content = rendered[position...].joined(separator: ending)
                } else {
                    lines[index].content = rendered[position]
                }
            }
            // A shorter reply: its last line ends as the old reply's last line did.
            if rendered.count < slots.count, let last = slots.last {
                lines[slots[rendered.count - 1]].ending = lines[last].ending
            }
        }
        return lines.enumerated().filter { !dropped.contains($0.offset) }.map { $0.element.content + $0.element.ending }.joined()
    }

    /// The lines of `text` with how each ends (`\n`, `\r\n`, or nothing for the last), so that joining them gives
    /// `text` back byte for byte. Swift sees `\r\n` as one character: splitting on `\n` alone would miss it.
    static func sourceLines(_ text: String) -> [(content: String, ending: String)] {
        var lines: [(content: String, ending: String)] = []
        var current = ""
        for character in text {
            if character == "\n" || character == "\r\n" {
                lines.append((current, String(character)))
                current = ""
            } else {
                current.append(character)
            }
        }
        lines.append((current, ""))
        return lines
    }

    private static func entry(_ who: String, _ text: String) -> String {
        let indent = String(repeating: " ", count: who.count + 2)
        return visible(text).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
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

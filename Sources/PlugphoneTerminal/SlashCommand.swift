import Foundation
import PlugphoneLocalization

/// What a line starting with `/` asks the session to do.
public enum SlashCommand: Sendable, Equatable {
    case help
    /// `/langue en`; nil when the argument is missing or not a language plugphone speaks (the argument as typed).
    case language(Language?, argument: String)
    case cancel
    case restart
    case requests
    case debug
    case quit
    /// Agent mode: record a back-office event (`received`, `shipped`) on a request (`RMA-000003`, as typed).
    case backOffice(event: String, reference: String)
    /// Agent mode: take the oldest case of the hand-off queue.
    case next
    /// Agent mode: take the next caller (find their account) without leaving.
    case account
    /// Agent mode: a request's timeline (the reference as typed).
    case history(reference: String)
    /// Agent mode: a note on the account, or on a request when the text starts with its reference.
    case note(String)
    /// A `/word` that names no command.
    case unknown(String)

    /// The commands in the order `/aide` lists them, with the key of their names in `messages-terminal.yaml`.
    public enum Name: String, Sendable, CaseIterable {
        case help, language, cancel, restart, requests, debug, quit, received, shipped, next, account, history, note
        /// The other back-office events of the lifecycle (their raw values are `RequestEvent`'s).
        case refunded, completed, deadlinePassed = "deadline-passed", cancelled

        /// Commands only a call-centre agent has: they record what the back office saw, or take the queue's cases.
        public var isAgentOnly: Bool { [.received, .shipped, .refunded, .completed, .deadlinePassed, .cancelled, .next, .account, .history, .note].contains(self) }
    }
}

/// Reads slash commands. Their names and aliases are data (`term.commands.<name>.names` in every
/// `messages-terminal.yaml`), so `/aide` and `/help` both work whatever the session's language.
public struct SlashCommandParser: Sendable {
    /// Alias (without the slash, lowercased) → command.
    private let aliases: [String: SlashCommand.Name]
    /// Language names accepted by `/langue` (`fr`, `français`, `english`, …) → language.
    private let languages: [String: Language]
    /// The names shown and completed, in the session's language first.
    public let displayNames: [SlashCommand.Name: String]

    /// `packs` lists the session's language first; every pack's aliases are accepted.
    public init(messages packs: [Messages]) {
        var aliases: [String: SlashCommand.Name] = [:]
        var display: [SlashCommand.Name: String] = [:]
        var languages: [String: Language] = [:]
        for language in Language.allCases { languages[language.rawValue] = language }
        for messages in packs {
            for name in SlashCommand.Name.allCases {
                let names = messages.list("term.commands.\(name.rawValue).names")
                for alias in names where aliases[Self.fold(alias)] == nil { aliases[Self.fold(alias)] = name }
                if display[name] == nil, let first = names.first { display[name] = first }
            }
            for language in Language.allCases {
                for alias in messages.list("term.languages.\(language.rawValue).names") where languages[Self.fold(alias)] == nil {
                    languages[Self.fold(alias)] = language
                }
            }
        }
        self.aliases = aliases
        self.languages = languages
        self.displayNames = display
    }

    /// The command on `line`, or nil when the line is not a slash command (then it is something to understand).
    public func parse(_ line: String) -> SlashCommand? {
        let trimmed = line.trimmingSpaces()
        guard trimmed.hasPrefix("/") else { return nil }
        let body = trimmed.dropFirst()
        let word = String(body.prefix { !$0.isWhitespace })
        let argument = String(body.dropFirst(word.count)).trimmingSpaces()
        guard let name = aliases[Self.fold(word)] else { return .unknown(word) }
        switch name {
        case .help: return .help
        case .language: return .language(languages[Self.fold(argument)], argument: argument)
        case .cancel: return .cancel
        case .restart: return .restart
        case .requests: return .requests
        case .debug: return .debug
        case .quit: return .quit
        case .received, .shipped, .refunded, .completed, .deadlinePassed, .cancelled: return .backOffice(event: name.rawValue, reference: argument)
        case .next: return .next
        case .account: return .account
        case .history: return .history(reference: argument)
        case .note: return .note(argument)
        }
    }

    /// `/aide`, `/langue`, … as shown to the user and offered by completion; the agent's own commands too
    /// when `agent` is true.
    public func commandWords(agent: Bool = false) -> [String] {
        names(agent: agent).compactMap { displayNames[$0] }.map { "/" + $0 }
    }

    /// The commands available in a session.
    public func names(agent: Bool) -> [SlashCommand.Name] {
        SlashCommand.Name.allCases.filter { agent || !$0.isAgentOnly }
    }

    /// Every alias with its slash, for completion: a user who types `/he` gets `/help` in a French session too.
    public func allCommandWords(agent: Bool = false) -> [String] {
        let shown = commandWords(agent: agent)
        let available = Set(names(agent: agent))
        let others = aliases.filter { available.contains($0.value) }.keys.map { "/" + $0 }.filter { !shown.contains($0) }.sorted()
        return shown + others
    }

    /// Values `/langue` accepts, for completion.
    public var languageArguments: [String] { Language.allCases.map(\.rawValue) }

    /// Whether `word` (`/langue`, `/lang`) is the language command.
    public func isLanguageCommand(_ word: String) -> Bool {
        guard word.hasPrefix("/") else { return false }
        return aliases[Self.fold(String(word.dropFirst()))] == .language
    }

    /// Lowercased, without accents: `/Français` and `/francais` are the same word.
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

}

import Foundation

/// What Tab can complete: slash commands, the arguments of `/langue`, phone models, the account's lines.
public struct CompletionCandidates: Sendable, Equatable {
    /// `/aide`, `/langue`, … (every alias; the session's own names first).
    public var slashCommands: [String]
    /// Words that introduce a language argument (`/langue`, `/lang`).
    public var languageCommands: [String]
    public var languageArguments: [String]
    /// Model names as the catalogue writes them: `Yealink T46S`.
    public var models: [String]
    /// The account's lines in their written French form: `09 72 10 10 11`.
    public var lines: [String]

    public init(slashCommands: [String] = [], languageCommands: [String] = [], languageArguments: [String] = [], models: [String] = [], lines: [String] = []) {
        self.slashCommands = slashCommands
        self.languageCommands = languageCommands
        self.languageArguments = languageArguments
        self.models = models
        self.lines = lines
    }

    public init(parser: SlashCommandParser, agent: Bool = false, models: [String], lines: [String]) {
        let words = parser.allCommandWords(agent: agent)
        self.init(
            slashCommands: words, languageCommands: words.filter(parser.isLanguageCommand),
            languageArguments: parser.languageArguments, models: models, lines: lines
        )
    }
}

/// What pressing Tab does to the text before the cursor.
public struct Completion: Sendable, Equatable {
    /// The end of the text before the cursor that the completion replaces.
    public var fragment: String
    /// The text that replaces `fragment`; nil when nothing can be added (then `choices` are shown).
    public var replacement: String?
    /// Every candidate that fits, shown when the completion is ambiguous.
    public var choices: [String]
}

/// Tab completion, free of readline: it decides; the line editor edits the buffer.
///
/// Candidates may hold spaces (`09 72 10 10 11`, `Yealink T46S`), so the fragment is not "the last word":
/// it is the longest end of the text, starting at a word boundary, that begins some candidate. Comparison
/// ignores case, accents, spaces and dots, so `0972101` and `yealink t4` both find their candidates, and
/// a model is also found by a later word of its name (`t46` → `Yealink T46S`).
public enum Completer {
    public static func complete(_ before: String, candidates: CompletionCandidates) -> Completion? {
        let leadingSpaces = before.prefix { $0 == " " }
        let text = before.dropFirst(leadingSpaces.count)

        // `/lan` → `/langue`: a command word is completed only as the first word of the line.
        if text.hasPrefix("/") {
            if let space = text.firstIndex(of: " ") {
                let command = String(text[..<space])
                let argument = text[space...].drop { $0 == " " }
                guard candidates.languageCommands.contains(where: { fold($0) == fold(command) }), !argument.contains(" ") else { return nil }
                return decide(fragment: String(argument), matches: candidates.languageArguments.filter { key($0).hasPrefix(key(String(argument))) })
            }
            return decide(fragment: String(text), matches: candidates.slashCommands.filter { fold($0).hasPrefix(fold(String(text))) })
        }

        let pool = candidates.models + candidates.lines
        var index = text.startIndex
        while index < text.endIndex {
            let atBoundary = index == text.startIndex || text[text.index(before: index)].isWhitespace
            if atBoundary, !text[index].isWhitespace {
                let fragment = String(text[index...])
                let fragmentKey = key(fragment)
                if !fragmentKey.isEmpty {
                    let matches = pool.filter { candidate in wordStarts(of: candidate).contains { $0.hasPrefix(fragmentKey) } }
                    if !matches.isEmpty { return decide(fragment: fragment, matches: matches) }
                }
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func decide(fragment: String, matches: [String]) -> Completion? {
        var unique: [String] = []
        for match in matches where !unique.contains(match) { unique.append(match) }
        guard let first = unique.first else { return nil }
        if unique.count == 1 { return Completion(fragment: fragment, replacement: first + " ", choices: unique) }
        let common = unique.dropFirst().reduce(first) { commonPrefix($0, $1) }
        let commonKey = key(common)
        // Only replace what was typed when it gains something and keeps what was typed.
        if commonKey.count > key(fragment).count, commonKey.hasPrefix(key(fragment)) {
            return Completion(fragment: fragment, replacement: common, choices: unique)
        }
        return Completion(fragment: fragment, replacement: nil, choices: unique)
    }

    /// The keys of `candidate` read from each of its words: `Yealink T46S` → `yealinkt46s`, `t46s`.
    private static func wordStarts(of candidate: String) -> [String] {
        let words = candidate.split(separator: " ")
        return words.indices.map { key(words[$0...].joined(separator: " ")) }
    }

    /// Case-insensitive common prefix of two candidates, in the first one's spelling.
    private static func commonPrefix(_ a: String, _ b: String) -> String {
        var out = ""
        for (x, y) in zip(a, b) {
            guard fold(String(x)) == fold(String(y)) else { break }
            out.append(x)
        }
        return out
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// What is compared: folded, without spaces, dots or hyphens.
    static func key(_ text: String) -> String {
        fold(text).filter { !($0 == " " || $0 == "." || $0 == "-" || $0 == "\u{00A0}" || $0 == "\u{202F}") }
    }
}

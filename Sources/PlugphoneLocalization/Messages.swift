import Foundation
import Yams

/// The user-facing text of one language, loaded from `Locales/<lang>/messages*.yaml`.
///
/// The YAML is nested; keys are read with dots (`refusal.line_not_on_account`). Values use `{name}` placeholders.
public struct Messages: Sendable {
    public let language: Language
    private let table: [String: String]
    private let lists: [String: [String]]
    /// Key → the file and line that define it, for load-time errors.
    let origins: [String: LocaleDataError]

    public init(language: Language, table: [String: String], lists: [String: [String]] = [:]) {
        self.init(language: language, table: table, lists: lists, origins: [:])
    }

    init(language: Language, table: [String: String], lists: [String: [String]], origins: [String: LocaleDataError]) {
        self.language = language
        self.table = table
        self.lists = lists
        self.origins = origins
    }

    /// Loads every `messages*.yaml` of `language` (`messages.yaml`, `messages-conversation.yaml`, …): each part
    /// of the program keeps its text in its own file; a key defined twice is an error, not a silent override.
    public static func load(_ language: Language, from directory: LocalesDirectory) throws -> Messages {
        try load(language, from: LocalesSource(directory))
    }

    /// As above, from the built-in `Locales/` or a folder. Errors name the file and line (`LocaleDataError`).
    public static func load(_ language: Language, from source: LocalesSource) throws -> Messages {
        let names = source.fileNames(for: language).filter { $0.hasPrefix("messages") }
        guard !names.isEmpty else {
            throw LocaleDataError(file: source.displayPath(language, "messages.yaml"), reason: "missing")
        }
        var table: [String: String] = [:]
        var lists: [String: [String]] = [:]
        var origins: [String: LocaleDataError] = [:]
        for name in names {
            let file = source.displayPath(language, name)
            let part = try parse(source.text(language, name) ?? "", language: language, file: file)
            for key in part.keys + part.listKeys {
                if let first = origins[key] {
                    throw LocaleDataError(
                        file: file, line: part.origins[key]?.line,
                        reason: "key \(key) is already defined in \(first.file)\(first.line.map { ":\($0)" } ?? "")"
                    )
                }
                origins[key] = part.origins[key]
            }
            table.merge(part.table) { a, _ in a }
            lists.merge(part.lists) { a, _ in a }
        }
        return Messages(language: language, table: table, lists: lists, origins: origins)
    }

    /// Parses one messages file. A syntax error, a list holding anything but texts, or a key that is not a word is an
    /// error at its line.
    public static func parse(_ yaml: String, language: Language, file: String = "messages.yaml") throws -> Messages {
        // Every value is text: the basic resolver skips the regular expressions that look for booleans and numbers.
        let doc = try LocaleYAML(yaml, file: file, resolver: .basic)
        var table: [String: String] = [:]
        var lists: [String: [String]] = [:]
        var origins: [String: LocaleDataError] = [:]
        func walk(_ node: Node, _ prefix: String) throws {
            switch node {
            case .mapping(let mapping):
                for (keyNode, value) in mapping {
                    guard let key = keyNode.scalar?.string, !key.isEmpty else { throw doc.error("a message key must be a word", at: keyNode) }
                    try walk(value, prefix.isEmpty ? key : prefix + "." + key)
                }
            case .sequence(let sequence):
                guard !prefix.isEmpty else { throw doc.error("expected a mapping of keys to texts at the top level", at: node) }
                lists[prefix] = try sequence.map { item in
                    guard let text = item.scalar?.string else { throw doc.error("each item of \(prefix) must be a text", at: item) }
                    return text
                }
                origins[prefix] = doc.error("", at: node)
            case .scalar(let scalar):
                guard !prefix.isEmpty else { throw doc.error("expected a mapping of keys to texts at the top level", at: node) }
                table[prefix] = scalar.string
                origins[prefix] = doc.error("", at: node)
            case .alias:
                throw doc.error("aliases are not supported in messages", at: node)
            }
        }
        if let root = doc.root { try walk(root, "") }
        return Messages(language: language, table: table, lists: lists, origins: origins)
    }

    public func has(_ key: String) -> Bool { table[key] != nil }

    /// The text for `key` with its `{placeholders}` filled.
    ///
    /// Every key the program uses is checked before a customer sees anything: `MessagesCheckTests` walks the keys of
    /// the code against both languages, and at load time every language must define the same keys
    /// (`checkSameKeys`) and an operator's folder every key of the built-in data (`checkComplete`). `⟦key⟧` is
    /// what a hand-built table without the key gives, never the program's own data.
    public func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        guard let template = table[key] else { return "⟦\(key)⟧" }
        return Self.fill(template, arguments)
    }

    public func list(_ key: String) -> [String] { lists[key] ?? [] }

    public var keys: [String] { Array(table.keys) }

    /// The keys of the lists (`format.months`).
    public var listKeys: [String] { Array(lists.keys) }

    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                rest = rest[open...]
                break
            }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = arguments[name] { out += value } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }
}

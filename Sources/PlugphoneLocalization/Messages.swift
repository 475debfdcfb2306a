import Foundation
import Yams

/// The user-facing text of one language, loaded from `Locales/<lang>/messages*.yaml`.
///
/// The YAML is nested; keys are read with dots (`refusal.line_not_on_account`). Values use `{name}` placeholders.
public struct Messages: Sendable {
    public let language: Language
    private let table: [String: String]
    private let lists: [String: [String]]

    public init(language: Language, table: [String: String], lists: [String: [String]] = [:]) {
        self.language = language
        self.table = table
        self.lists = lists
    }

    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public var file: String
        public var reason: String
        public var description: String { "Cannot read \(file): \(reason)" }
    }

    /// Loads every `messages*.yaml` of `language` (`messages.yaml`, `messages-conversation.yaml`, …): each part
    /// of the program keeps its text in its own file; a key defined twice is an error, not a silent override.
    public static func load(_ language: Language, from directory: LocalesDirectory) throws -> Messages {
        let files = directory.files(for: language).filter { $0.lastPathComponent.hasPrefix("messages") }
        guard !files.isEmpty else {
            throw LoadError(file: directory.folder(for: language).appendingPathComponent("messages.yaml").path, reason: "missing")
        }
        var merged = Messages(language: language, table: [:])
        for url in files {
            let text: String
            do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                throw LoadError(file: url.path, reason: "\(error.localizedDescription)")
            }
            let part = try parse(text, language: language, file: url.path)
            if let clash = part.table.keys.first(where: { merged.table[$0] != nil }) ?? part.lists.keys.first(where: { merged.lists[$0] != nil }) {
                throw LoadError(file: url.path, reason: "key \(clash) is already defined in another messages file")
            }
            merged = Messages(language: language, table: merged.table.merging(part.table) { a, _ in a }, lists: merged.lists.merging(part.lists) { a, _ in a })
        }
        return merged
    }

    public static func parse(_ yaml: String, language: Language, file: String = "messages.yaml") throws -> Messages {
        let root: Any?
        // Every value is text: the basic resolver skips the regular expressions that look for booleans and numbers.
        do { root = try Yams.load(yaml: yaml, .basic) } catch { throw LoadError(file: file, reason: "\(error)") }
        var table: [String: String] = [:]
        var lists: [String: [String]] = [:]
        func walk(_ node: Any?, _ prefix: String) {
            if let dict = node as? [String: Any] {
                for (key, value) in dict { walk(value, prefix.isEmpty ? key : prefix + "." + key) }
            } else if let array = node as? [Any] {
                lists[prefix] = array.map { "\($0)" }
            } else if let string = node as? String {
                table[prefix] = string
            } else if let node {
                table[prefix] = "\(node)"
            }
        }
        walk(root, "")
        return Messages(language: language, table: table, lists: lists)
    }

    public func has(_ key: String) -> Bool { table[key] != nil }

    /// The text for `key` with its `{placeholders}` filled. A missing key shows itself as `⟦key⟧`, visibly.
    public func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        guard let template = table[key] else { return "⟦\(key)⟧" }
        return Self.fill(template, arguments)
    }

    public func list(_ key: String) -> [String] { lists[key] ?? [] }

    public var keys: [String] { Array(table.keys) }

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

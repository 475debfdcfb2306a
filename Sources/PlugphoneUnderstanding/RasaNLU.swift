import Foundation
import Yams

/// Training data in the layout of Rasa's `nlu.yml` (`version: "3.1"`), so that existing data can be brought in and
/// ours taken out: `- intent:`, `- synonym:`, `- lookup:` and `- regex:` items, each with `examples: |` lines `- text`.
/// Entities may be annotated `[le T46S](model)`, `[le T46S](model:yealink.t46s)` or
/// `[le T46S]{"entity": "model", "value": "yealink.t46s"}`; the text is kept and the annotations are collected.
public struct RasaNLU: Sendable {
    public struct Entity: Sendable, Hashable {
        public var name: String
        /// The annotated text as written.
        public var text: String
        /// The normalised value when the annotation gives one.
        public var value: String?
    }

    public struct Example: Sendable, Hashable {
        /// The text with the annotations removed.
        public var text: String
        public var entities: [Entity]
    }

    /// Intent name → examples, in file order.
    public var intents: [(name: String, examples: [Example])] {
        intentOrder.map { ($0, intentExamples[$0] ?? []) }
    }
    public private(set) var intentOrder: [String] = []
    public private(set) var intentExamples: [String: [Example]] = [:]
    /// Synonym value → phrases that mean it.
    public private(set) var synonyms: [String: [String]] = [:]
    public private(set) var synonymOrder: [String] = []
    /// Lookup table name → entries.
    public private(set) var lookups: [String: [String]] = [:]
    /// Regex name → patterns.
    public private(set) var regexes: [String: [String]] = [:]

    public init() {}

    public struct FormatError: Error, CustomStringConvertible, Sendable {
        public var file: String
        public var reason: String
        public var description: String { "Cannot read \(file): \(reason)" }
    }

    public static func load(_ url: URL) throws -> RasaNLU {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw FormatError(file: url.path, reason: error.localizedDescription)
        }
        return try parse(text, file: url.path)
    }

    public static func parse(_ yaml: String, file: String = "nlu.yml") throws -> RasaNLU {
        let root: Any?
        do { root = try Yams.load(yaml: yaml) } catch { throw FormatError(file: file, reason: "\(error)") }
        guard let dict = root as? [String: Any] else { throw FormatError(file: file, reason: "no top-level mapping") }
        var data = RasaNLU()
        guard let items = dict["nlu"] as? [Any] else { return data }
        for case let item as [String: Any] in items {
            let lines = exampleLines(item["examples"])
            if let name = item["intent"].map({ "\($0)" }) {
                if data.intentExamples[name] == nil { data.intentOrder.append(name) }
                data.intentExamples[name, default: []].append(contentsOf: lines.map(parseExample))
            } else if let value = item["synonym"].map({ "\($0)" }) {
                if data.synonyms[value] == nil { data.synonymOrder.append(value) }
                data.synonyms[value, default: []].append(contentsOf: lines)
            } else if let name = item["lookup"].map({ "\($0)" }) {
                data.lookups[name, default: []].append(contentsOf: lines)
            } else if let name = item["regex"].map({ "\($0)" }) {
                data.regexes[name, default: []].append(contentsOf: lines)
            }
        }
        return data
    }

    /// `examples: |` block lines (`- text`), or a list of strings or of `{text: ...}` mappings.
    static func exampleLines(_ node: Any?) -> [String] {
        if let block = node as? String {
            return block.split(whereSeparator: \.isNewline).compactMap { raw in
                let line = trimmed(raw)
                guard line.hasPrefix("-") else { return nil }
                let text = trimmed(line.dropFirst())
                return text.isEmpty ? nil : String(text)
            }
        }
        if let list = node as? [Any] {
            return list.compactMap { element in
                if let text = element as? String { return text }
                if let map = element as? [String: Any], let text = map["text"] { return "\(text)" }
                return nil
            }
        }
        return []
    }

    /// Spaces and tabs off both ends (Foundation's `trimmingCharacters` is slow on Linux, and this runs at start-up).
    static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        return text
    }

    /// Strips `[text](entity)` / `[text](entity:value)` / `[text]{"entity": ..., "value": ...}` to `text`.
    public static func parseExample(_ line: String) -> Example {
        var text = ""
        var entities: [Entity] = []
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            if chars[i] == "[", let close = chars[i...].firstIndex(of: "]"), close + 1 < chars.count,
               chars[close + 1] == "(" || chars[close + 1] == "{" {
                let inner = String(chars[(i + 1)..<close])
                let opener = chars[close + 1]
                let closer: Character = opener == "(" ? ")" : "}"
                if let end = chars[(close + 1)...].firstIndex(of: closer) {
                    let body = String(chars[(close + 2)..<end])
                    var entity = Entity(name: body, text: inner, value: nil)
                    if opener == "(" {
                        if let colon = body.firstIndex(of: ":") {
                            entity.name = String(body[..<colon])
                            entity.value = String(body[body.index(after: colon)...])
                        }
                    } else if let json = try? JSONSerialization.jsonObject(with: Data(("{" + body + "}").utf8)) as? [String: Any] {
                        entity.name = (json["entity"] as? String) ?? ""
                        entity.value = json["value"].map { "\($0)" }
                    }
                    entities.append(entity)
                    text += inner
                    i = end + 1
                    continue
                }
            }
            text.append(chars[i])
            i += 1
        }
        return Example(text: text, entities: entities)
    }
}

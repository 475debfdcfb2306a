import Foundation
import PlugphoneLocalization
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
    /// Intent name → the line of its first `- intent:` item, for errors.
    public private(set) var intentLines: [String: Int] = [:]
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

    /// Parses the file; anything it cannot take — a YAML syntax error, an item that is neither an intent, a synonym, a
    /// lookup nor a regex, examples that are not a block of `- text` lines or a list — is a `LocaleDataError` at its line.
    public static func parse(_ yaml: String, file: String = "nlu.yml") throws -> RasaNLU {
        let doc = try LocaleYAML(yaml, file: file)
        guard let top = try doc.topMapping() else { throw doc.error("no top-level mapping", at: nil) }
        var data = RasaNLU()
        guard let itemsNode = top["nlu"] else { return data }
        guard let items = itemsNode.sequence else { throw doc.error("nlu must be a list of intent, synonym, lookup or regex items", at: itemsNode) }
        for item in items {
            guard let map = item.mapping else { throw doc.error("each nlu item must be a mapping (- intent: … examples: |)", at: item) }
            let lines = try exampleLines(map["examples"], doc)
            if let node = map["intent"] {
                let name = try scalar(node, doc, "intent")
                if data.intentExamples[name] == nil {
                    data.intentOrder.append(name)
                    data.intentLines[name] = node.mark?.line
                }
                data.intentExamples[name, default: []].append(contentsOf: lines.map(parseExample))
            } else if let node = map["synonym"] {
                let value = try scalar(node, doc, "synonym")
                if data.synonyms[value] == nil { data.synonymOrder.append(value) }
                data.synonyms[value, default: []].append(contentsOf: lines)
            } else if let node = map["lookup"] {
                data.lookups[try scalar(node, doc, "lookup"), default: []].append(contentsOf: lines)
            } else if let node = map["regex"] {
                let name = try scalar(node, doc, "regex")
                for pattern in lines where (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])) == nil {
                    throw doc.error("regex \(name): \(pattern) is not a valid regular expression", at: map["examples"])
                }
                data.regexes[name, default: []].append(contentsOf: lines)
            } else {
                throw doc.error("an nlu item must name an intent, a synonym, a lookup or a regex", at: item)
            }
        }
        return data
    }

    private static func scalar(_ node: Node, _ doc: LocaleYAML, _ what: String) throws -> String {
        guard let text = node.scalar?.string, !text.isEmpty else { throw doc.error("\(what) must be a name", at: node) }
        return text
    }

    /// Every intent named is one of the 16 of `Intent`, and every one of them has examples: an unknown name (a typo,
    /// a 17th intent the program does not have) is an error at its line, never examples silently dropped.
    public func checkIntents(file: String) throws {
        for name in intentOrder where Intent(rawValue: name) == nil {
            throw LocaleDataError(
                file: file, line: intentLines[name],
                reason: "unknown intent \(name); the intents are \(Intent.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let missing = Intent.allCases.filter { intentExamples[$0.rawValue, default: []].isEmpty }
        if !missing.isEmpty {
            throw LocaleDataError(file: file, reason: "no examples for the intent(s) \(missing.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// `examples: |` block lines (`- text`), or a list of strings or of `{text: ...}` mappings.
    static func exampleLines(_ node: Node?, _ doc: LocaleYAML) throws -> [String] {
        guard let node else { return [] }
        if let block = node.scalar?.string {
            return block.split(whereSeparator: \.isNewline).compactMap { raw in
                let line = trimmed(raw)
                guard line.hasPrefix("-") else { return nil }
                let text = trimmed(line.dropFirst())
                return text.isEmpty ? nil : String(text)
            }
        }
        if let list = node.sequence {
            return try list.map { element in
                if let text = element.scalar?.string { return text }
                if let text = element.mapping?["text"]?.scalar?.string { return text }
                throw doc.error("each example must be a text or a {text: …} mapping", at: element)
            }
        }
        throw doc.error("examples must be a block of \"- text\" lines or a list", at: node)
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

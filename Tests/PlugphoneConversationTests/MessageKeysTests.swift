import Foundation
import PlugphoneCLI
@testable import PlugphoneConversation
import PlugphoneDomain
import PlugphoneTerminal
import PlugphoneLocalization
import PlugphoneUnderstanding
import Testing

/// Every message key the Swift code names is defined in both languages, so that no customer ever sees `⟦key⟧`.
///
/// The keys are collected from the sources themselves: the literal first argument of `Reply(…)`, `.text(…)`,
/// `.list(…)` and `.has(…)`. A key built with an interpolation (`"status.\(request.status.rawValue)"`) belongs to a
/// family listed below with the values it can take; a new family must be added here, or the test fails.
struct MessageKeysTests {
    /// Prefix of an interpolated key → every value the interpolation can produce.
    static let families: [String: [String]] = {
        let kinds = RequestKind.allCases.map(\.rawValue)
        let statuses = RequestStatus.allCases.map(\.rawValue)
        let modes = ShippingMode.allCases.map(\.rawValue)
        var families: [String: [String]] = [
            "feature.": Array(Set(Catalog.demo.models.flatMap(\.features))),
            "kind.": PhoneKind.allCases.map(\.rawValue),
            "conv.handoff.wanted.": RequestAction.allCases.map(\.rawValue),
            "status.": statuses, "conv.status_name.": statuses,
            "shipping_mode.": modes, "conv.mode.name.": modes, "conv.summary.mode.": modes, "conv.done.exchange.": modes,
            "event.": RequestEvent.allCases.map(\.rawValue),
            // The intents the assistant may ask "did you mean…?" about.
            "conv.intent.": Conversation.guessable.union(Conversation.dropsTheRequest).map(\.rawValue),
            // Switching is offered between ordering and exchanging only (a line with or without a phone).
            "conv.ask.switch.": [RequestKind.order.rawValue, RequestKind.exchange.rawValue],
            "term.commands.": SlashCommand.Name.allCases.map(\.rawValue),
            "term.languages.": Language.allCases.map(\.rawValue),
            // Requests after they are made (`Conversation+ExistingRequests`, `RequestHistoryText`).
            "conv.req.event.": RequestEvent.allCases.map(\.rawValue),
            "conv.req.mode.done.": modes, "conv.req.mode.row.ship.": modes,
            "table.channel.": Channel.allCases.map(\.rawValue),
            // plugphone report (ReportCommand.swift, ReportHTML.swift).
            "report.funnel.": ["kind", "step", "count", "drop"],
            "report.funnel.steps.": ConversationReport.FunnelStep.allCases.map(\.rawValue),
            "report.not_understood.": ["step", "count", "utterances"],
            "report.side.": ["step", "deposit", "shipping", "catalogue"],
            "report.language.": Language.allCases.map(\.rawValue),
            "report.channel.": ["customer", "agent"],
        ]
        for prefix in [
            "request_kind.", "term.agent.action.", "conv.kind.", "conv.status.item.", "conv.ask.line.proposal.", "conv.ask.line.list.",
            "conv.line.none_eligible.", "conv.line_ref.none.", "conv.line.declined_only_one.", "conv.ack.switch.",
            "conv.req.item.", "conv.req.title.",
        ] {
            families[prefix] = kinds
        }
        return families
    }()

    /// Families whose values are computed from strings in the code (table headers, question and step names): each is
    /// checked to exist in both languages, with the same keys (the load-time check makes the languages agree).
    static let openFamilies: Set<String> = ["table.lines.", "table.catalog.", "table.requests.", "conv.reprompt.", "conv.examples.", "conv.step.", "conv.handoff.reason.", "report.step.", "table.channel.",
                                              // The agent desk: consequences of an event, hand-off reasons, queue columns.
                                              "desk.event.trigger.", "desk.reason.", "desk.queue.column.", "conv.replay.parse."]

    /// (file, key literal as written) for every key named in `Sources/`.
    static func keyLiterals() throws -> [(file: String, literal: String)] {
        let sources = packageRoot.appendingPathComponent("Sources")
        let pattern = try NSRegularExpression(pattern: #"(?:Reply|\.text|\.list|\.has)\(\s*"((?:[^"\\]|\\.)*)""#)
        let keyShape = try NSRegularExpression(pattern: #"^[a-z_]+\.(?:[a-z0-9_.]|\\\()"#)
        var found: [(String, String)] = []
        let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            let range = NSRange(text.startIndex..., in: text)
            for match in pattern.matches(in: text, range: range) {
                guard let literalRange = Range(match.range(at: 1), in: text) else { continue }
                let literal = String(text[literalRange])
                guard keyShape.firstMatch(in: literal, range: NSRange(literal.startIndex..., in: literal)) != nil else { continue }
                found.append((url.lastPathComponent, literal))
            }
        }
        return found
    }

    @Test func everyKeyTheCodeNamesIsInBothLanguages() throws {
        let literals = try Self.keyLiterals()
        #expect(literals.count > 100, "the scan found too few keys: \(literals.count)")
        for language in Language.allCases {
            let messages = try #require(packs[language]?.messages)
            let defined = Set(messages.keys).union(messages.listKeys)
            for (file, literal) in literals {
                guard let open = literal.range(of: "\\(") else {
                    let present = defined.contains(literal)
                    #expect(present, "\(file): \(literal) is missing from Locales/\(language.rawValue)")
                    continue
                }
                let prefix = String(literal[..<open.lowerBound])
                // What follows the interpolation, if anything (`"conv.x.\(kind).y"`); its parentheses may nest.
                var depth = 1
                var end = open.upperBound
                while end < literal.endIndex, depth > 0 {
                    if literal[end] == "(" { depth += 1 } else if literal[end] == ")" { depth -= 1 }
                    end = literal.index(after: end)
                }
                let suffix = String(literal[end...])
                if let values = Self.families[prefix] {
                    for value in values {
                        let present = defined.contains(prefix + value + suffix)
                        #expect(present, "\(file): \(prefix + value + suffix) is missing from Locales/\(language.rawValue)")
                    }
                } else if Self.openFamilies.contains(prefix) {
                    let present = defined.contains { $0.hasPrefix(prefix) }
                    #expect(present, "\(file): no key \(prefix)… in Locales/\(language.rawValue)")
                } else {
                    Issue.record("\(file): \(literal) builds a key of an unknown family: list its values in MessageKeysTests.families")
                }
            }
        }
    }

    @Test func bothLanguagesDefineTheSameKeys() throws {
        try Messages.checkSameKeys(Language.allCases.compactMap { packs[$0]?.messages })
    }
}

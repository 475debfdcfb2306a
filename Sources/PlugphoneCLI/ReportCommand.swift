import ArgumentParser
import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore
import PlugphoneTerminal

/// `plugphone report`: where conversations succeed and fail, from the conversation log.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Where conversations succeed and fail, from the conversation log.",
        discussion: """
        The funnel per request kind, how sessions ended (by language and channel), the questions most often not \
        understood with what was written, and the side questions asked. Fields of --json: docs/report.md.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only sessions started on or after this date (2026-11-28 or ISO 8601).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only sessions started before this date; a day (2026-11-28) is included whole.", valueName: "date"))
    var until: String?

    @Flag(help: "The report as one JSON object (fields in docs/report.md).")
    var json = false

    @Option(help: ArgumentHelp("Also write the report as one self-contained HTML page, with the funnel drawn.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write the utterances not understood as a Rasa nlu.yml, grouped by the intent guessed.", valueName: "file"))
    var unrecognised: String?

    func run() throws {
        let pack = try global.languagePack()
        let m = pack.messages
        let from = try since.map { try Self.date($0, messages: m, endOfDay: false) }
        let to = try until.map { try Self.date($0, messages: m, endOfDay: true) }
        if let from, let to, from >= to {
            throw CLIFailure(.usage, m.text("report.since_after_until", ["since": since ?? "", "until": until ?? ""]))
        }
        let store = try global.openStore(pack: pack)
        let report = try pack.storage { try ConversationReport.load(from: store, since: from, until: to, now: Clock.now()) }
        let view = ReportRendering(report: report, pack: pack)

        if let unrecognised {
            try write(view.nlu(), to: unrecognised, pack: pack)
            try pack.output { try Console.write(m.text("report.nlu_written", ["count": String(report.unrecognised.count), "path": unrecognised]) + "\n", to: .error) }
        }
        if let html {
            try write(view.html(), to: html, pack: pack)
            try pack.output { try Console.write(m.text("report.html_written", ["path": html]) + "\n", to: .error) }
        }
        if json {
            try pack.output { try Output.print(view.json.serialized()) }
        } else if html == nil, unrecognised == nil {
            try pack.output { try Output.print(view.text()) }
        }
    }

    /// Only a regular file is written (never through a link, never over a device).
    private func write(_ text: String, to path: String, pack: LanguagePack) throws {
        try RecordFile.write(
            text, to: path, pack: pack, notRegular: "report.not_regular", cannotWrite: "report.cannot_write", database: global.databasePath().path
        )
    }

    /// A day or a timestamp; a day given as the end of the period includes that whole day.
    static func date(_ text: String, messages: Messages, endOfDay: Bool) throws -> Date {
        guard let (date, isDay) = ReportDates.parse(text.trimmingCharacters(in: .whitespaces)) else {
            throw CLIFailure(.usage, messages.text("report.bad_date", ["date": text]))
        }
        return endOfDay && isDay ? date.addingTimeInterval(86_400) : date
    }
}

extension ConversationReport {
    /// Aligned tables for a terminal, in the pack's language.
    public func text(in pack: LanguagePack) -> String { ReportRendering(report: self, pack: pack).text() }
    /// `report --json` (fields in docs/report.md).
    public func json(in pack: LanguagePack) -> JSONValue { ReportRendering(report: self, pack: pack).json }
    /// One self-contained HTML page with the funnel drawn in inline SVG.
    public func html(in pack: LanguagePack) -> String { ReportRendering(report: self, pack: pack).html() }
    /// The utterances not understood as a Rasa 3.1 nlu.yml.
    public func rasaNLU(in pack: LanguagePack) -> String { ReportRendering(report: self, pack: pack).nlu() }
}

/// The report written for people (terminal tables, HTML) and for scripts (JSON, Rasa NLU).
struct ReportRendering {
    let report: ConversationReport
    let pack: LanguagePack
    var m: Messages { pack.messages }

    // MARK: Words

    func stepName(_ step: String) -> String { m.has("report.step.\(step)") ? m.text("report.step.\(step)") : step }
    func funnelStepName(_ step: ConversationReport.FunnelStep) -> String { m.text("report.funnel.steps.\(step.rawValue)") }
    func kindName(_ kind: RequestKind) -> String { m.text("request_kind.\(kind.rawValue)") }
    func languageName(_ code: String) -> String { m.has("report.language.\(code)") ? m.text("report.language.\(code)") : code }
    func channelName(_ name: String) -> String { m.has("report.channel.\(name)") ? m.text("report.channel.\(name)") : name }

    var period: String {
        switch (report.since, report.until) {
        case (nil, nil): m.text("report.period.all")
        case (let since?, nil): m.text("report.period.since", ["since": start(since)])
        case (nil, let until?): m.text("report.period.until", ["until": end(until)])
        case (let since?, let until?): m.text("report.period.between", ["since": start(since), "until": end(until)])
        }
    }

    /// The first moment of the period: a day, or a day and a time when it is not midnight.
    func start(_ date: Date) -> String { atMidnight(date) ? pack.format.date(date) : dayAndTime(date) }

    /// The period's end is exclusive: an end at midnight shows the last day included, any other end its time.
    func end(_ date: Date) -> String { atMidnight(date) ? pack.format.date(date.addingTimeInterval(-86_400)) : dayAndTime(date) }

    func atMidnight(_ date: Date) -> Bool { Clock.iso8601(date).hasSuffix("T00:00:00Z") }

    func dayAndTime(_ date: Date) -> String {
        let stamp = Clock.iso8601(date)
        let time = stamp.dropFirst(11).prefix(stamp.dropFirst(17).hasPrefix("00") ? 5 : 8)
        return m.text("report.period.at", ["date": pack.format.date(date), "time": String(time)])
    }

    var summary: String { m.text("report.summary", ["sessions": String(report.sessions), "turns": String(report.turns), "period": period]) }

    var generated: String {
        let time = Clock.iso8601(report.generatedAt).dropFirst(11).prefix(5)
        return m.text("report.generated", [
            "date": pack.format.date(report.generatedAt), "time": String(time), "minutes": String(Int(ConversationReport.abandonAfter / 60)),
        ])
    }

    func decimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10)" + m.text("format.decimal_separator") + "\(tenths % 10)"
    }

    func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return m.text("report.seconds", ["seconds": String(whole)]) }
        return m.text("report.minutes_seconds", ["minutes": String(whole / 60), "seconds": String(whole % 60)])
    }

    func drop(_ funnel: ConversationReport.Funnel, _ step: ConversationReport.FunnelStep) -> String {
        guard let index = funnel.steps.firstIndex(of: step), index > 0 else { return "" }
        let lost = funnel.drop(step), before = funnel.count(funnel.steps[index - 1])
        guard before > 0, lost > 0 else { return "" }
        let percent = Int((Double(lost) * 100 / Double(before)).rounded())
        return "−\(lost) (" + m.text("report.percent", ["value": String(percent)]) + ")"
    }

    func quoted(_ utterance: ConversationReport.Utterance) -> String {
        m.text("report.quote", ["text": utterance.text]) + (utterance.count > 1 ? " " + m.text("report.times", ["count": String(utterance.count)]) : "")
    }

    /// Rows of the outcomes table: (label, value per group), groups being all, each language, each channel.
    var outcomeColumns: [(String, ConversationReport.Outcomes)] {
        [(m.text("report.outcomes.all"), report.outcomes)]
            + report.byLanguage.map { (languageName($0.0), $0.1) }
            + report.byChannel.map { (channelName($0.0), $0.1) }
    }

    var outcomeRows: [(String, (ConversationReport.Outcomes) -> String)] {
        let none = m.text("report.none")
        return [
            (m.text("report.outcomes.sessions"), { String($0.sessions) }),
            (m.text("report.outcomes.written"), { String($0.written) }),
            (m.text("report.outcomes.cancelled"), { String($0.cancelled) }),
            (m.text("report.outcomes.handed_off"), { String($0.handedOff) }),
            (m.text("report.outcomes.handed_off_asked"), { String($0.handedOffAsked) }),
            (m.text("report.outcomes.handed_off_not_understood"), { String($0.handedOffNotUnderstood) }),
            (m.text("report.outcomes.abandoned"), { String($0.abandoned) }),
            (m.text("report.outcomes.goodbye"), { String($0.goodbye) }),
            (m.text("report.outcomes.in_progress"), { String($0.inProgress) }),
            (m.text("report.outcomes.median_turns"), { $0.medianTurnsToWritten.map(decimal) ?? none }),
            (m.text("report.outcomes.median_time"), { $0.medianSecondsToWritten.map(duration) ?? none }),
        ]
    }

    // MARK: Terminal

    func text() -> String {
        var out = [m.text("report.title"), summary]
        guard report.sessions > 0 else { return (out + [m.text("report.empty")]).joined(separator: "\n") }

        out += ["", m.text("report.funnel.title")]
        var rows: [[String]] = []
        for funnel in report.funnels {
            for (index, step) in funnel.steps.enumerated() {
                rows.append([index == 0 ? kindName(funnel.kind) : "", funnelStepName(step), String(funnel.count(step)), drop(funnel, step)])
            }
        }
        out.append(TextTable(header: ["kind", "step", "count", "drop"].map { m.text("report.funnel.\($0)") }, rows: rows).rendered())

        out += ["", m.text("report.outcomes.title")]
        let columns = outcomeColumns
        out.append(TextTable(
            header: [m.text("report.outcomes.outcome")] + columns.map(\.0),
            rows: outcomeRows.map { label, value in [label] + columns.map { value($0.1) } }
        ).rendered())

        out += ["", m.text("report.not_understood.title")]
        if report.notUnderstood.isEmpty {
            out.append(m.text("report.not_understood.none"))
        } else {
            out.append(TextTable(
                header: ["step", "count", "utterances"].map { m.text("report.not_understood.\($0)") },
                rows: report.notUnderstood.map { missed in
                    [stepName(missed.step), String(missed.count), missed.utterances.prefix(3).map(quoted).joined(separator: ", ")]
                }
            ).rendered())
        }

        out += ["", m.text("report.side.title")]
        if report.sideQuestions.isEmpty {
            out.append(m.text("report.side.none"))
        } else {
            out.append(TextTable(
                header: ["step", "deposit", "shipping", "catalogue"].map { m.text("report.side.\($0)") },
                rows: report.sideQuestions.map { [stepName($0.step), String($0.deposit), String($0.shipping), String($0.catalogue)] }
            ).rendered())
        }
        return out.joined(separator: "\n")
    }

    // MARK: JSON

    var json: JSONValue {
        func outcomes(_ o: ConversationReport.Outcomes) -> JSONValue {
            .object([
                ("sessions", .int(o.sessions)), ("written", .int(o.written)), ("cancelled", .int(o.cancelled)),
                ("handed_off", .object([("total", .int(o.handedOff)), ("asked", .int(o.handedOffAsked)), ("not_understood", .int(o.handedOffNotUnderstood))])),
                ("abandoned", .int(o.abandoned)), ("goodbye", .int(o.goodbye)), ("in_progress", .int(o.inProgress)),
                ("median_turns_to_written", o.medianTurnsToWritten.map { .number(Self.number($0)) } ?? .null),
                ("median_seconds_to_written", o.medianSecondsToWritten.map { .number(Self.number($0)) } ?? .null),
            ])
        }
        return .object([
            ("since", .string(report.since.map(Clock.iso8601))),
            ("until", .string(report.until.map(Clock.iso8601))),
            ("generated_at", .string(Clock.iso8601(report.generatedAt))),
            ("abandon_after_minutes", .int(Int(ConversationReport.abandonAfter / 60))),
            ("sessions", .int(report.sessions)),
            ("turns", .int(report.turns)),
            ("funnel", .array(report.funnels.map { funnel in
                .object([
                    ("kind", .string(funnel.kind.rawValue)),
                    ("steps", .array(funnel.steps.map { step in
                        .object([("step", .string(step.rawValue)), ("count", .int(funnel.count(step))), ("drop", .int(funnel.drop(step)))])
                    })),
                ])
            })),
            ("outcomes", .object([
                ("all", outcomes(report.outcomes)),
                ("by_language", .object(report.byLanguage.map { ($0.0, outcomes($0.1)) })),
                ("by_channel", .object(report.byChannel.map { ($0.0, outcomes($0.1)) })),
            ])),
            ("not_understood", .array(report.notUnderstood.map { missed in
                .object([
                    ("step", .string(missed.step)), ("count", .int(missed.count)),
                    ("utterances", .array(missed.utterances.map { u in
                        .object([("text", .string(u.text)), ("lang", .string(u.language)), ("best_guess", .string(u.guess)), ("count", .int(u.count))])
                    })),
                ])
            })),
            ("side_questions", .array(report.sideQuestions.map { side in
                .object([
                    ("step", .string(side.step)), ("ask_deposit", .int(side.deposit)), ("ask_shipping", .int(side.shipping)),
                    ("list_models", .int(side.catalogue)),
                ])
            })),
        ])
    }

    /// `4`, `4.5`, `12.25`: a JSON number without locale, at most two decimals.
    static func number(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        if hundredths % 100 == 0 { return String(hundredths / 100) }
        let fraction = abs(hundredths % 100)
        return "\(hundredths / 100)." + (fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0\(fraction)" : String(fraction)))
    }

    // MARK: Rasa NLU

    /// The utterances not understood, in Rasa 3.1's nlu.yml format, grouped by language then by the intent guessed.
    func nlu() -> String {
        let utterances = report.unrecognised
        var out = ["# " + m.text("report.nlu_header"), "version: \"3.1\"", utterances.isEmpty ? "nlu: []" : "nlu:"]
        for language in Set(utterances.map(\.language)).sorted() {
            out.append("# " + m.text("report.nlu_language", ["lang": language]))
            let inLanguage = utterances.filter { $0.language == language }
            let guesses = Set(inLanguage.map { $0.guess ?? "out_of_scope" }).sorted()
            for guess in guesses {
                if guess == "out_of_scope" { out.append("# " + m.text("report.nlu_no_guess")) }
                out.append("- intent: \(guess)")
                out.append("  examples: |")
                var seen: Set<String> = []
                for utterance in inLanguage where (utterance.guess ?? "out_of_scope") == guess {
                    let text = Self.oneLine(utterance.text).trimmingCharacters(in: .whitespaces)
                    guard !text.isEmpty, seen.insert(text).inserted else { continue }
                    out.append("    - " + text)
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// What a user typed, made safe for one line of YAML or HTML: terminal controls (C0, C1 with U+0085, escape
    /// sequences, bidi overrides) removed, line and paragraph separators, tabs and YAML's other non-printable
    /// characters (U+FEFF, U+FFFE, U+FFFF) turned into spaces.
    static func oneLine(_ text: String) -> String {
        let clean = TerminalSanitizer.clean(text)
        var out = String.UnicodeScalarView()
        for scalar in clean.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: out.append(" ")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}

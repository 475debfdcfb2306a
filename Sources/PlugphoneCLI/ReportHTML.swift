import Foundation
import PlugphoneTerminal
import PlugphoneDomain
import PlugphoneLocalization

extension ReportRendering {
    /// The colour of the funnel's bars (the end-to-end test looks for it in a screenshot).
    static let funnelColour = "#2563eb"
    static let dropColour = "#b91c1c"

    /// One self-contained page: no script, no font, no image to fetch; the funnel drawn in inline SVG.
    func html() -> String {
        var body = "<h1>\(escape(m.text("report.title")))</h1>\n<p>\(escape(summary))</p>\n"
        if report.sessions == 0 {
            body += "<p>\(escape(m.text("report.empty")))</p>\n"
        } else {
            body += "<h2>\(escape(m.text("report.funnel.title")))</h2>\n" + funnelChart() + "\n"
            body += "<h2>\(escape(m.text("report.outcomes.title")))</h2>\n" + outcomesTable() + "\n"
            body += "<h2>\(escape(m.text("report.not_understood.title")))</h2>\n" + notUnderstoodTable() + "\n"
            body += "<h2>\(escape(m.text("report.side.title")))</h2>\n" + sideTable() + "\n"
        }
        body += "<p class=\"note\">\(escape(generated))</p>\n"
        return """
        <!DOCTYPE html>
        <html lang="\(pack.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(m.text("report.title")))</title>
        <style>
        body { font-family: system-ui, "DejaVu Sans", sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1f2937; }
        h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
        table { border-collapse: collapse; } th, td { padding: 0.25rem 0.75rem; text-align: left; border-bottom: 1px solid #e5e7eb; }
        td.sub { padding-left: 1.75rem; color: #4b5563; } td.n { text-align: right; font-variant-numeric: tabular-nums; } .note { color: #6b7280; font-size: 0.85rem; margin-top: 2rem; }
        svg text { font-family: system-ui, "DejaVu Sans", sans-serif; font-size: 13px; fill: #1f2937; }
        svg text.kind { font-weight: bold; font-size: 14px; } svg text.drop { fill: \(Self.dropColour); }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// Horizontal bars, one group per request kind, one bar per step, lengths to scale across kinds.
    func funnelChart() -> String {
        let labelWidth = 200, barMax = 460, rowHeight = 26, groupGap = 14, width = 820
        let largest = max(1, report.funnels.map { $0.count(.started) }.max() ?? 1)
        var y = 0
        var shapes = ""
        for funnel in report.funnels {
            y += 20
            shapes += "<text class=\"kind\" x=\"0\" y=\"\(y)\">\(escape(kindName(funnel.kind).capitalizedFirst))</text>\n"
            y += 8
            for step in funnel.steps {
                let count = funnel.count(step)
                let length = count == 0 ? 0 : max(2, count * barMax / largest)
                shapes += "<text x=\"0\" y=\"\(y + 15)\">\(escape(funnelStepName(step)))</text>\n"
                if length > 0 {
                    shapes += "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(length)\" height=\"18\" rx=\"2\" fill=\"\(Self.funnelColour)\"/>\n"
                }
                shapes += "<text x=\"\(labelWidth + length + 8)\" y=\"\(y + 15)\">\(count)</text>\n"
                let lost = drop(funnel, step)
                if funnel.drop(step) > 0 {
                    shapes += "<text class=\"drop\" x=\"\(labelWidth + length + 48)\" y=\"\(y + 15)\">\(escape(lost))</text>\n"
                }
                y += rowHeight
            }
            y += groupGap
        }
        let title = escape(m.text("report.funnel.chart"))
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(title)\" width=\"\(width)\" height=\"\(y)\" viewBox=\"0 0 \(width) \(y)\">\n<title>\(title)</title>\n\(shapes)</svg>"
    }

    func outcomesTable() -> String {
        let columns = outcomeColumns
        var html = "<table>\n<tr><th>\(escape(m.text("report.outcomes.outcome")))</th>" + columns.map { "<th>\(escape($0.0))</th>" }.joined() + "</tr>\n"
        for (label, value) in outcomeRows {
            let sub = label.hasPrefix(" ") ? " class=\"sub\"" : ""
            html += "<tr><td\(sub)>\(escape(label.trimmingCharacters(in: .whitespaces)))</td>" + columns.map { "<td class=\"n\">\(escape(value($0.1)))</td>" }.joined() + "</tr>\n"
        }
        return html + "</table>"
    }

    func notUnderstoodTable() -> String {
        guard !report.notUnderstood.isEmpty else { return "<p>\(escape(m.text("report.not_understood.none")))</p>" }
        var html = "<table>\n<tr>" + ["step", "count", "utterances"].map { "<th>\(escape(m.text("report.not_understood.\($0)")))</th>" }.joined() + "</tr>\n"
        for missed in report.notUnderstood {
            html += "<tr><td>\(escape(stepName(missed.step)))</td><td class=\"n\">\(missed.count)</td><td>"
                + missed.utterances.map { escape(quoted($0)) }.joined(separator: "<br>") + "</td></tr>\n"
        }
        return html + "</table>"
    }

    func sideTable() -> String {
        guard !report.sideQuestions.isEmpty else { return "<p>\(escape(m.text("report.side.none")))</p>" }
        var html = "<table>\n<tr>" + ["step", "deposit", "shipping", "catalogue"].map { "<th>\(escape(m.text("report.side.\($0)")))</th>" }.joined() + "</tr>\n"
        for side in report.sideQuestions {
            html += "<tr><td>\(escape(stepName(side.step)))</td><td class=\"n\">\(side.deposit)</td><td class=\"n\">\(side.shipping)</td><td class=\"n\">\(side.catalogue)</td></tr>\n"
        }
        return html + "</table>"
    }

    /// Escaped after the control characters and line separators a user may have typed are taken out.
    func escape(_ text: String) -> String {
        var out = ""
        for character in ReportRendering.oneLine(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

extension String {
    /// `Échange` from `échange`.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

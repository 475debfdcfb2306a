/// A plain aligned table for terminals: columns padded to their widest cell, two spaces apart.
struct TextTable {
    var header: [String]
    var rows: [[String]]

    func rendered() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            var line = ""
            for (column, width) in widths.enumerated() {
                let cell = row.indices.contains(column) ? row[column] : ""
                line += cell
                if column < widths.count - 1 { line += String(repeating: " ", count: width - cell.count + 2) }
            }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}

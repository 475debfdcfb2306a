import Foundation
import GRDB
import PlugphoneDomain

extension Store {
    /// Fills the database with `accounts × requestsPerAccount` closed returns on made-up accounts and lines,
    /// in one transaction: volume for benchmarks and load tests, never for real data.
    public func seedForBenchmarks(accounts: Int, requestsPerAccount: Int, at date: Date = Date()) throws(StoreError) {
        defer { localWrites.increment() }
        try perform {
            try writer.write { db in
                var sequence = (try Int.fetchOne(db, RequestRow.select(max(RequestRow.Columns.sequence))) ?? 0)
                for a in 0..<accounts {
                    let account = Account(id: AccountID("zz\(100_000 + a)-ovh"), holder: "Seed \(a)")
                    try AccountRow(account).insert(db)
                    let line = Line(number: LineNumber(rawValue: "+3361\(String(1_000_000 + a).suffix(7))"), account: account.id, phone: "yealink.t41s")
                    try LineRow(line).insert(db)
                    for _ in 0..<requestsPerAccount {
                        sequence += 1
                        var row = RequestRow(Request(
                            reference: RequestReference(sequence: sequence), kind: .return, account: account.id, line: line.number,
                            oldModel: "yealink.t41s", newModel: nil, shippingMode: nil, status: .closed, contractAccepted: true,
                            dueNow: .zero, refundOnReturn: .euros(60), createdAt: date
                        ))
                        try row.insert(db)
                    }
                }
            }
        }
    }
}

extension Store {
    /// Creates `count` accounts, each with one line holding a Yealink T41S and no request, for load tests.
    public func seedLoadAccounts(count: Int, id: (Int) -> AccountID) throws(StoreError) {
        defer { localWrites.increment() }
        try perform {
            try writer.write { db in
                for i in 0..<count {
                    let account = Account(id: id(i), holder: "Load \(i)")
                    try AccountRow(account).insert(db)
                    try LineRow(Line(number: LineNumber(rawValue: "+3362\(String(1_000_000 + i).suffix(7))"), account: account.id, phone: "yealink.t41s")).insert(db)
                }
            }
        }
    }
}

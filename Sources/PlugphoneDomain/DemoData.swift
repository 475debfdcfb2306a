import Foundation

/// The demo accounts, lines and request of docs/reference.md §4.
public enum DemoData {
    public static let defaultAccount: AccountID = "ab12345-ovh"

    public static let accounts: [Account] = [
        Account(id: "ab12345-ovh", holder: "Camille Martin"),
        Account(id: "cd67890-ovh", holder: "Durand SARL"),
    ]

    public static let lines: [Line] = [
        Line(number: LineNumber(rawValue: "+33972101010"), account: "ab12345-ovh", phone: nil),
        Line(number: LineNumber(rawValue: "+33972101011"), account: "ab12345-ovh", phone: "yealink.t41s"),
        Line(number: LineNumber(rawValue: "+33972101012"), account: "ab12345-ovh", phone: "gigaset.c530ip"),
        Line(number: LineNumber(rawValue: "+33183640000"), account: "cd67890-ovh", phone: "cisco.cp7841"),
        Line(number: LineNumber(rawValue: "+33183640001"), account: "cd67890-ovh", phone: nil),
    ]

    /// The open exchange that blocks `+33972101012`.
    public static let blockingExchange: RequestDraft = .exchange(
        line: LineNumber(rawValue: "+33972101012"), newModel: "yealink.w56p", mode: .afterReturn
    )
}

/// A customer of the provider.
public struct Account: Hashable, Sendable, Codable, Identifiable {
    public var id: AccountID
    public var holder: String

    public init(id: AccountID, holder: String) {
        self.id = id
        self.holder = holder
    }
}

/// A SIP line of an account, with the plug&phone attached to it, if any.
public struct Line: Hashable, Sendable, Codable {
    public var number: LineNumber
    public var account: AccountID
    /// nil for a SIP-only line (no phone from the provider).
    public var phone: PhoneModelID?

    public init(number: LineNumber, account: AccountID, phone: PhoneModelID?) {
        self.number = number
        self.account = account
        self.phone = phone
    }
}

/// Load-time checks that make a missing text impossible at run time: a key is defined in every language or in none,
/// and an operator's `--locales` folder defines every key of the data the program was built with.
extension Messages {
    /// Every key (text or list) of each language is defined in every other one. A key present in one language only
    /// is an error at the line that defines it.
    public static func checkSameKeys(_ all: [Messages]) throws {
        for messages in all {
            for other in all where other.language != messages.language {
                try other.checkDefines(messages, whatIsMissing: "defined for \(messages.language.rawValue) but missing from \(other.language.rawValue)")
            }
        }
    }

    /// Every key of `reference` (the built-in data of the same language) is defined here too: the program uses them.
    public func checkComplete(against reference: Messages) throws {
        try checkDefines(reference, whatIsMissing: "used by the program but missing from the \(language.rawValue) messages in use")
    }

    private func checkDefines(_ reference: Messages, whatIsMissing: String) throws {
        let lists = Set(listKeys)
        let missing = (reference.keys.filter { !has($0) } + reference.listKeys.filter { !lists.contains($0) }).sorted()
        guard let first = missing.first else { return }
        let origin = reference.origins[first]
        let more = missing.count > 1 ? " (and \(missing.count - 1) more: \(missing.dropFirst().prefix(5).joined(separator: ", ")))" : ""
        throw LocaleDataError(
            file: origin?.file ?? reference.language.rawValue, line: origin?.line,
            reason: "message key \(first) is \(whatIsMissing)\(more)"
        )
    }
}

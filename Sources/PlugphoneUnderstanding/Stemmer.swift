import CStemmer
import Foundation
import PlugphoneLocalization

/// One Snowball stemmer (Debian's libstemmer) for one language.
///
/// libstemmer's `sb_stemmer` keeps its working buffer inside the object, so one instance must not be used by two
/// threads at once: every call goes through a lock. Stems are cached (bounded) because a conversation or a
/// `parse` stream repeats the same few hundred words.
final class SnowballStemmer: @unchecked Sendable {
    private let handle: OpaquePointer?
    private let lock = NSLock()
    private var cache: [String: String] = [:]
    private static let cacheLimit = 50_000

    /// `algorithm` is a libstemmer name: `french`, `english`. With an unknown name the stemmer returns words unchanged.
    init(algorithm: String) {
        handle = sb_stemmer_new(algorithm, "UTF_8")
    }

    deinit {
        if let handle { sb_stemmer_delete(handle) }
    }

    convenience init(language: Language) {
        switch language {
        case .fr: self.init(algorithm: "french")
        case .en: self.init(algorithm: "english")
        }
    }

    func stem(_ word: String) -> String {
        guard let handle, !word.isEmpty else { return word }
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[word] { return cached }
        var utf8 = Array(word.utf8)
        let result: String = utf8.withUnsafeMutableBufferPointer { buffer -> String in
            guard let base = buffer.baseAddress,
                  let output = sb_stemmer_stem(handle, base, Int32(buffer.count)) else { return word }
            let length = Int(sb_stemmer_length(handle))
            return String(decoding: UnsafeBufferPointer(start: output, count: length), as: UTF8.self)
        }
        if cache.count < Self.cacheLimit { cache[word] = result }
        return result
    }
}

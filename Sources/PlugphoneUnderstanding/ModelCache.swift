import Foundation
import PlugphoneDomain
import PlugphoneLocalization

/// The trained intent classifiers, kept on disk between runs so that a process does not train them again at start-up
/// (issue 10: first reply under 30 ms). Keyed by a digest of what training depends on: the content of the `Locales/`
/// files in use, the catalogue, and the feature layout (`formatVersion`). A missing, corrupt, truncated or foreign
/// file is ignored and rebuilt; failing to write it is never fatal.
public struct ModelCache: Sendable {
    /// Bump when features or the classifier change: older files are then simply not found.
    static let formatVersion: UInt32 = 1
    static let magic: [UInt8] = Array("PPNLUMDL".utf8)

    public var folder: URL

    public init(folder: URL) { self.folder = folder }

    /// `$XDG_CACHE_HOME/plugphone/` (`~/.cache/plugphone/` when unset); nil without any home.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ModelCache? {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return ModelCache(folder: URL(fileURLWithPath: xdg).appendingPathComponent("plugphone"))
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return ModelCache(folder: URL(fileURLWithPath: home).appendingPathComponent(".cache/plugphone"))
    }

    // MARK: - The key

    /// The digest of the locale data in use (`LocalesSource.contentDigest`, FNV-1a 64 over sorted paths and
    /// contents), for the built-in data and a `--locales` folder alike. Message texts are left out: rewording a reply
    /// need not throw away a trained model.
    public static func localesDigest(_ locales: LocalesSource) -> UInt64 {
        UInt64(locales.contentDigest(where: { !$0.contains("/messages") }), radix: 16) ?? 0
    }

    static func key(locales digest: UInt64, catalog: Catalog) -> UInt64 {
        var hash = FNV1a()
        hash.add(withUnsafeBytes(of: digest.littleEndian) { Array($0) })
        hash.add(withUnsafeBytes(of: formatVersion.littleEndian) { Array($0) })
        hash.add(withUnsafeBytes(of: UInt32(IntentClassifier.buckets).littleEndian) { Array($0) })
        for model in catalog.models {
            hash.add(Array("\(model.id.rawValue)|\(model.name)|\(model.kind.rawValue)|\(model.features.joined(separator: ","))|\(model.deposit.cents)|\(model.orderable)".utf8))
            hash.add([0])
        }
        return hash.value
    }

    func file(for key: UInt64) -> URL {
        folder.appendingPathComponent("understanding-\(String(key, radix: 16)).bin")
    }

    // MARK: - Reading and writing

    /// The classifiers stored under `key`, or nil (absent, unreadable, corrupt, another key or layout).
    func load(key: UInt64) -> [Language: IntentClassifier]? {
        guard let data = try? Data(contentsOf: file(for: key), options: .mappedIfSafe) else { return nil }
        return Self.decode(data, key: key)
    }

    /// Writes atomically (a temporary file renamed into place); any failure is ignored.
    func store(_ classifiers: [Language: IntentClassifier], key: UInt64) {
        let data = Self.encode(classifiers, key: key)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: file(for: key), options: .atomic)
            // Models of other Locales contents are stale: one file is kept, the one just written.
            let kept = file(for: key).lastPathComponent
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            where name.hasPrefix("understanding-") && name.hasSuffix(".bin") && name != kept {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        } catch {
            // A cache is an optimisation: a read-only or full disk only means training again next time.
        }
    }

    static func encode(_ classifiers: [Language: IntentClassifier], key: UInt64) -> Data {
        var out = Data(magic)
        func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        func string(_ text: String) { u32(UInt32(text.utf8.count)); out.append(contentsOf: Array(text.utf8)) }
        u32(formatVersion)
        u64(key)
        let languages = classifiers.keys.sorted { $0.rawValue < $1.rawValue }
        u32(UInt32(languages.count))
        for language in languages {
            guard let classifier = classifiers[language] else { continue }
            string(language.rawValue)
            u32(UInt32(classifier.labels.count))
            for label in classifier.labels { string(label.rawValue) }
            u32(UInt32(classifier.weights.count * IntentClassifier.Row.scalarCount))
            // Rows of little-endian floats, as laid out in memory on the little-endian machines Swift runs on here.
            classifier.weights.withUnsafeBytes { out.append(contentsOf: $0) }
        }
        u64(checksum(out))
        return out
    }

    static func decode(_ data: Data, key: UInt64) -> [Language: IntentClassifier]? {
        guard data.count > magic.count + 24, Array(data.prefix(magic.count)) == magic else { return nil }
        let body = data.prefix(data.count - 8)
        let check = checksum(body)
        var reader = Reader(data: data, offset: magic.count)
        guard let stored = data.suffix(8).withUnsafeBytes({ $0.loadUnaligned(as: UInt64.self) }).littleEndian as UInt64?,
              stored == check,
              reader.u32() == formatVersion, reader.u64() == key, let count = reader.u32(), count <= 16 else { return nil }
        var classifiers: [Language: IntentClassifier] = [:]
        for _ in 0..<count {
            guard let name = reader.string(), let language = Language(rawValue: name),
                  let labelCount = reader.u32(), labelCount <= UInt32(IntentClassifier.Row.scalarCount) else { return nil }
            var labels: [Intent] = []
            for _ in 0..<labelCount {
                guard let raw = reader.string(), let intent = Intent(rawValue: raw) else { return nil }
                labels.append(intent)
            }
            guard let weightCount = reader.u32(), Int(weightCount) == IntentClassifier.buckets * IntentClassifier.Row.scalarCount,
                  let rows = reader.rows(IntentClassifier.buckets) else { return nil }
            classifiers[language] = IntentClassifier(labels: labels, rows: rows)
        }
        return classifiers
    }

    /// A checksum of the file's body, eight bytes at a time (FNV-1a's mixing over 64-bit words, then the tail bytes):
    /// the model is 4 MB, and it is read before every first reply.
    static func checksum(_ data: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { raw in
            let words = raw.count / 8
            for k in 0..<words {
                hash ^= UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self))
                hash = hash &* 0x0000_0100_0000_01B3
            }
            for k in (words * 8)..<raw.count {
                hash ^= UInt64(raw[k])
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        return hash
    }

    private struct Reader {
        let data: Data
        var offset: Int

        mutating func bytes(_ count: Int) -> Data? {
            guard count >= 0, offset + count <= data.count - 8 else { return nil }
            let start = data.startIndex + offset
            offset += count
            return data[start..<(start + count)]
        }
        mutating func u32() -> UInt32? { bytes(4).map { $0.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }.littleEndian } }
        mutating func u64() -> UInt64? { bytes(8).map { $0.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }.littleEndian } }
        mutating func string() -> String? {
            guard let length = u32(), length <= 64, let raw = bytes(Int(length)) else { return nil }
            return String(bytes: raw, encoding: .utf8)
        }
        mutating func rows(_ count: Int) -> [IntentClassifier.Row]? {
            let size = MemoryLayout<IntentClassifier.Row>.size
            guard let raw = bytes(count * size) else { return nil }
            return [IntentClassifier.Row](unsafeUninitializedCapacity: count) { buffer, initialized in
                raw.withUnsafeBytes { source in
                    for k in 0..<count { buffer[k] = source.loadUnaligned(fromByteOffset: k * size, as: IntentClassifier.Row.self) }
                }
                initialized = count
            }
        }
    }
}

/// FNV-1a, 64 bits.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Over the bytes in place: `Data`'s own iterator is far slower on the 4 MB of a model.
    mutating func add(data: Data) {
        var hash = value
        data.withUnsafeBytes { raw in
            for byte in raw {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        value = hash
    }

    mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
    }
}

import Foundation

/// Where the texts and training data come from: the `Locales/` compiled into the program, or a folder given with
/// `--locales` / `PLUGPHONE_LOCALES` (an operator customising texts or training data).
///
/// Either way it is the same thing: the YAML files of `Locales/` by relative path (`fr/nlu.yml`), read once.
public struct LocalesSource: Sendable {
    /// Where the files were read from.
    public enum Origin: Sendable, Hashable {
        /// Compiled into the program from the package's `Locales/` at build time.
        case builtIn
        /// A folder on disk.
        case folder(URL)
    }

    public let origin: Origin
    /// Relative path (`fr/messages.yaml`) → the file's text.
    public let files: [String: String]

    public init(origin: Origin, files: [String: String]) {
        self.origin = origin
        self.files = files
    }

    /// Reads every `.yaml` / `.yml` file under `folder` (hidden files skipped), as the build embeds them.
    public init(folder: URL) throws {
        let root = folder.standardizedFileURL
        var files: [String: String] = [:]
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) {
            for case let url as URL in walker where url.pathExtension == "yaml" || url.pathExtension == "yml" {
                let full = url.standardizedFileURL.path
                guard full.hasPrefix(root.path + "/") else { continue }
                guard let data = FileManager.default.contents(atPath: full) else {
                    throw LocaleDataError(file: full, reason: "cannot be read")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw LocaleDataError(file: full, reason: "is not UTF-8 text")
                }
                files[String(full.dropFirst(root.path.count + 1))] = text
            }
        }
        self.init(origin: .folder(root), files: files)
    }

    /// The folder found by `LocalesDirectory.resolve`.
    public init(_ directory: LocalesDirectory) throws {
        try self.init(folder: directory.url)
    }

    /// `--locales`, else `PLUGPHONE_LOCALES`, else the built-in `Locales/`. A folder that was asked for and is not
    /// there is an error (`LocalesDirectory.NotFound`), never a silent fallback to the built-in data.
    public static func resolve(
        explicit: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        builtIn: [String: String]
    ) throws -> LocalesSource {
        let given = [explicit, environment["PLUGPHONE_LOCALES"]].compactMap { $0 }.first { !$0.isEmpty }
        guard let given else { return LocalesSource(origin: .builtIn, files: builtIn) }
        let directory = try LocalesDirectory.resolve(explicit: given, environment: [:], executablePath: nil, workingDirectory: workingDirectory)
        return try LocalesSource(directory)
    }

    /// The text of one file of `language` (`nlu.yml`), or nil when there is none.
    public func text(_ language: Language, _ name: String) -> String? {
        files[language.rawValue + "/" + name]
    }

    /// The names of `language`'s files (`messages.yaml`, `nlu.yml`, …), sorted.
    public func fileNames(for language: Language) -> [String] {
        let prefix = language.rawValue + "/"
        return files.keys.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }
            .map { String($0.dropFirst(prefix.count)) }.sorted()
    }

    /// How a file is named in error messages: its path on disk, or `Locales/fr/nlu.yml (built in)`.
    public func displayPath(_ language: Language, _ name: String) -> String {
        switch origin {
        case .builtIn: "Locales/\(language.rawValue)/\(name) (built in)"
        case .folder(let url): url.appendingPathComponent(language.rawValue).appendingPathComponent(name).path
        }
    }

    /// A stable digest of the content: 16 lowercase hex digits of FNV-1a-64 over the files sorted by relative path,
    /// each hashed as its path, a zero byte, its UTF-8 text and a zero byte.
    ///
    /// The same files give the same digest whether built in or read from a folder, on every machine and run (unlike
    /// `Hasher`); any change to a path or a byte changes it. Meant as a cache key for what is derived from the data
    /// (the trained intent classifier), not as a defence against tampering.
    public var contentDigest: String { contentDigest(where: { _ in true }) }

    /// The digest of the files whose relative path passes `include` only: a cache of what is trained on `nlu.yml`
    /// and the word lists need not be dropped when a message text changes
    /// (for example `contentDigest { !$0.contains("/messages") }`).
    public func contentDigest(where include: (String) -> Bool) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            hash ^= 0
            hash = hash &* 0x0000_0100_0000_01B3
        }
        for path in files.keys.sorted() where include(path) {
            mix(path.utf8)
            mix(files[path, default: ""].utf8)
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

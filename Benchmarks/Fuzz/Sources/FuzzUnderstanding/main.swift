import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneUnderstanding

// No top-level code: libFuzzer's `main` runs this program (see run.sh), and calls the function below.

enum Fuzz {
    /// The understanding, trained once per process from the repository's `Locales` (or `PLUGPHONE_LOCALES`).
    static let understander: Understander = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let path = ProcessInfo.processInfo.environment["PLUGPHONE_LOCALES"] ?? root.appendingPathComponent("Locales").path
        do { return try Understander(locales: LocalesDirectory(url: URL(fileURLWithPath: path)), catalog: .demo) } catch {
            fatalError("fuzz set-up: cannot load the understanding from \(path): \(error)")
        }
    }()
}

/// libFuzzer's entry point: any bytes, decoded as the command line decodes stdin (lossy UTF-8), in both languages.
/// A trap, a hang or a slow input is a finding; the interpretation's JSON and summary must always render.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzUnderstanding(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for language in [Language.fr, .en] {
        let interpretation = Fuzz.understander.interpret(text, defaultLanguage: language)
        _ = interpretation.jsonLine
        _ = interpretation.summaryLine
    }
    return 0
}

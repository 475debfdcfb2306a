import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneUnderstanding

/// The understanding, trained once per process from the repository's `Locales` (or `PLUGPHONE_LOCALES`).
let understander: Understander = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let path = ProcessInfo.processInfo.environment["PLUGPHONE_LOCALES"] ?? root.appendingPathComponent("Locales").path
    do { return try Understander(locales: LocalesDirectory(url: URL(fileURLWithPath: path)), catalog: .demo) } catch {
        fatalError("fuzz set-up: cannot load the understanding from \(path): \(error)")
    }
}()

/// libFuzzer's entry point: any bytes, decoded as the command line decodes stdin (lossy UTF-8), in both languages.
/// A trap, a hang or a quadratic blow-up is a finding; the interpretation's JSON must also always serialise.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUnderstanding(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for language in [Language.fr, .en] {
        let interpretation = understander.interpret(text, defaultLanguage: language)
        _ = interpretation.jsonLine
        _ = interpretation.summaryLine
    }
    return 0
}

import PlugphoneConversation

// No top-level code: libFuzzer's `main` runs this program (see run.sh), and calls the function below.

/// libFuzzer's entry point: any bytes as a transcript file. Parsing either succeeds or throws a described error;
/// a parsed transcript written back as text parses again to the same transcript.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzTranscript(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let transcript = try Transcript.parse(text)
        let again = try Transcript.parse(transcript.text)
        if again != transcript { fatalError("a parsed transcript written back does not parse to itself") }
    } catch {
        _ = "\(error)"
    }
    return 0
}

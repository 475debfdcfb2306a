import PlugphoneConversation

/// libFuzzer's entry point: any bytes as a transcript file. Parsing either succeeds or throws a described error;
/// a parsed transcript prints back to text that parses again to the same turns.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTranscript(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
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

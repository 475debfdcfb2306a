/// Strips terminal control sequences from text a user typed before it is printed back, so that a pasted
/// `ESC ] 0 ; … BEL` cannot retitle the window, move the cursor, or hide what follows.
///
/// Removed: CSI (`ESC [` … final byte), OSC (`ESC ]` … BEL or ST), DCS/SOS/PM/APC (`ESC P`/`X`/`^`/`_` … ST),
/// every other `ESC` sequence, the 8-bit C1 controls (U+0080–U+009F, with the strings they open), the C0
/// controls except newline and tab, DEL, and the bidirectional overrides that can reorder a line on screen.
/// Everything else, accents and U+202F included, is kept as typed.
public enum TerminalSanitizer {
    public static func clean(_ text: String) -> String {
        // Most text holds none of these: C0 controls but newline and tab, DEL, 0xC2 (which starts the C1
        // controls in UTF-8) and 0xE2 (which starts the bidi overrides). It is returned as is.
        if !text.utf8.contains(where: { ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) {
            return text
        }
        var scalars = text.unicodeScalars[...]
        var out = String.UnicodeScalarView()
        while let scalar = scalars.popFirst() {
            switch scalar.value {
            case 0x1B:
                skipEscapeSequence(&scalars)
            case 0x9B: // C1 CSI
                skipControlSequence(&scalars)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F: // C1 DCS, SOS, OSC, PM, APC: a string up to ST or BEL
                skipString(&scalars)
            case 0x0A, 0x09:
                out.append(scalar)
            case 0x00...0x1F, 0x7F, 0x80...0x9F:
                continue
            case 0x202A...0x202E, 0x2066...0x2069:
                continue
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// After `ESC`: the sequence's kind is its next byte.
    private static func skipEscapeSequence(_ scalars: inout Substring.UnicodeScalarView) {
        guard let next = scalars.popFirst() else { return }
        switch next {
        case "[": skipControlSequence(&scalars)
        case "]", "P", "X", "^", "_": skipString(&scalars)
        default:
            // nF sequences: intermediates 0x20–0x2F, then one final byte 0x30–0x7E. Fp/Fe/Fs: just the one byte.
            var current = next
            while (0x20...0x2F).contains(current.value), let following = scalars.popFirst() { current = following }
        }
    }

    /// CSI: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E. Stops early at
    /// anything else (a broken sequence must not swallow the rest of the line).
    private static func skipControlSequence(_ scalars: inout Substring.UnicodeScalarView) {
        while let first = scalars.first {
            switch first.value {
            case 0x20...0x3F:
                scalars.removeFirst()
            case 0x40...0x7E:
                scalars.removeFirst()
                return
            default:
                return
            }
        }
    }

    /// OSC, DCS, SOS, PM, APC: everything up to BEL, `ESC \`, or the 8-bit ST (U+009C).
    private static func skipString(_ scalars: inout Substring.UnicodeScalarView) {
        while let scalar = scalars.popFirst() {
            switch scalar.value {
            case 0x07, 0x9C: return
            case 0x1B:
                if scalars.first == "\\" { scalars.removeFirst() }
                return
            default: continue
            }
        }
    }
}

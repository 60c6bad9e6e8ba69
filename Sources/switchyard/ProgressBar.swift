import Foundation

/// How the commands that follow long work show it: a bar of thirty cells, redrawn
/// in place on a terminal, a line per change elsewhere.
enum ProgressBar {
    static let width = 30

    static func draw(done: Int, of total: Int) -> String {
        let filled = total <= 0 ? 0 : min(width, done * width / total)
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }

    static let isTerminal = isatty(STDOUT_FILENO) != 0

    /// Shows `line` in place of the last one on a terminal; elsewhere, prints it when
    /// it differs from `last`.
    static func show(_ line: String, replacing last: String) {
        if isTerminal {
            write("\r\u{1B}[K" + line)
        } else if line != last {
            write(line + "\n")
        }
    }

    /// Written unbuffered, so that a terminal sees each redraw at once.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

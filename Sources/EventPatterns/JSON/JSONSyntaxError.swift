/// Why a document is not JSON. The descriptions follow the wording of the Jackson
/// parser behind EventBridge, because AWS passes them on inside its own messages
/// ("Event pattern is not valid. Reason: Unexpected character ...").
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    /// Byte offset of the problem in the input.
    public var offset: Int

    public init(_ description: String, offset: Int) {
        self.description = description
        self.offset = offset
    }

    static func unexpected(_ byte: UInt8, at offset: Int, _ expectation: String) -> JSONSyntaxError {
        JSONSyntaxError("Unexpected character (\(describe(byte))): \(expectation)", offset: offset)
    }

    static func endOfInput(at offset: Int, _ expectation: String) -> JSONSyntaxError {
        JSONSyntaxError("Unexpected end-of-input: \(expectation)", offset: offset)
    }

    /// Jackson's rendering of a character: `'x' (code 120)` or `CTRL-CHAR, code 10`.
    static func describe(_ byte: UInt8) -> String {
        if byte < 0x20 { return "CTRL-CHAR, code \(byte)" }
        if byte >= 0x80 { return "(0x\(String(byte, radix: 16, uppercase: true))) (code \(byte))" }
        return "'\(Character(Unicode.Scalar(byte)))' (code \(byte))"
    }
}

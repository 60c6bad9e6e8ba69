/// A CloudWatch Logs filter pattern of terms: every term must occur in the message;
/// a quoted term is matched as a phrase. An empty pattern matches every event.
public struct FilterPattern: Sendable {
    let terms: [Substring]

    public init(_ text: String?) {
        var terms: [Substring] = []
        var rest = Substring(text ?? "")
        while let start = rest.firstIndex(where: { !$0.isWhitespace }) {
            rest = rest[start...]
            if rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") {
                terms.append(rest[rest.index(after: rest.startIndex)..<close])
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
                terms.append(rest[..<end])
                rest = rest[end...]
            }
        }
        self.terms = terms
    }

    public func matches(_ message: String) -> Bool {
        terms.allSatisfy { message.contains($0) }
    }
}

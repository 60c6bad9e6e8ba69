/// An `InputTemplate` cut into literal text and `<placeholder>`s. Each placeholder
/// knows whether it sits inside a JSON string of the template, because AWS renders
/// a value differently there.
struct InputTemplate: Sendable {
    enum Segment: Sendable, Equatable {
        case text(Substring)
        case placeholder(name: Substring, quoted: Bool)
    }

    let segments: [Segment]
    /// A template that is a JSON object must still be JSON once filled in; any other
    /// template is plain text.
    let isJSON: Bool

    init(_ template: String) {
        isJSON = template.drop(while: \.isWhitespace).first == "{"
        var segments: [Segment] = []
        var textStart = template.startIndex
        var position = template.startIndex
        var inString = false
        while position < template.endIndex {
            let character = template[position]
            if character == "\\" && inString {
                position = template.index(position, offsetBy: 2, limitedBy: template.endIndex) ?? template.endIndex
                continue
            }
            if character == "\"" { inString.toggle() }
            if character == "<", let close = Self.placeholderEnd(in: template, after: position) {
                if textStart < position { segments.append(.text(template[textStart..<position])) }
                segments.append(.placeholder(name: template[template.index(after: position)..<close], quoted: inString))
                position = template.index(after: close)
                textStart = position
                continue
            }
            position = template.index(after: position)
        }
        if textStart < template.endIndex { segments.append(.text(template[textStart...])) }
        self.segments = segments
    }

    /// Names are the `InputPathsMap` key characters, plus the dots of the predefined names.
    private static func placeholderEnd(in template: String, after open: String.Index) -> String.Index? {
        var position = template.index(after: open)
        while position < template.endIndex {
            let character = template[position]
            if character == ">" { return position > template.index(after: open) ? position : nil }
            guard character.isASCII, character.isLetter || character.isNumber || "_-.".contains(character) else { return nil }
            position = template.index(after: position)
        }
        return nil
    }
}

public import EventPatterns

/// IAM's wildcards in actions, resources and `…Like` conditions: `*` for any run
/// of characters, `?` for one.
enum Wildcard {
    static func matches(_ pattern: JSONValue, _ text: String, ignoringCase: Bool) -> Bool {
        guard let pattern = pattern.stringValue else { return false }
        return matches(pattern, text, ignoringCase: ignoringCase)
    }

    static func matches(_ pattern: String, _ text: String, ignoringCase: Bool) -> Bool {
        let pattern = Array(ignoringCase ? pattern.lowercased() : pattern)
        let text = Array(ignoringCase ? text.lowercased() : text)
        // The classic two-pointer walk: on a mismatch, the last `*` takes one more character.
        var (p, t) = (0, 0)
        var star: (pattern: Int, text: Int)?
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = (p, t)
                p += 1
            } else if let last = star {
                p = last.pattern + 1
                t = last.text + 1
                star = (last.pattern, last.text + 1)
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

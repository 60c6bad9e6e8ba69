import Testing
@testable import SwitchyardServer

@Suite struct ModelPatternTests {
    static let models = [ServiceModel.events, .sqs, .logs, .cloudtrail]

    static var patterns: [String] {
        Set(models.flatMap { model in
            model.shapes.values.compactMap { shape -> String? in
                guard case .string(_, _, let pattern?, _) = shape else { return nil }
                return pattern
            }
        }).sorted()
    }

    @Test func everyPatternOfEveryModelCompiles() {
        for model in Self.models {
            #expect(RequestValidator(model: model).uncompiledPatterns.isEmpty, "\(model.targetPrefix)")
        }
    }

    /// On ASCII text, where Java's classes and Swift's agree, the automaton accepts
    /// exactly what a backtracking engine accepts.
    @Test(arguments: patterns)
    func agreesWithABacktrackingEngine(_ source: String) throws {
        let pattern = try ModelPattern(source)
        // Swift's engine refuses `[\w-_]`, which Java reads as `\w`, `-` and `_`.
        guard let regex = try? Regex(source) else { return }
        var random = SystemRandomNumberGenerator()
        // Characters the patterns name, and some they do not.
        let alphabet = Array("aZ09-_./:@=+,*!$% \t\n\u{1}\u{7F}#&'()[]{}|?^\\~`\"<>;arnsqev") + ["arn:aws:", "events", "s3://", "event-bus/"]
            .flatMap { Array($0) }
        for _ in 0..<400 {
            let text = String((0..<Int.random(in: 0...14, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            let expected = (try? regex.wholeMatch(in: text)) != nil
            #expect(pattern.matches(text) == expected, "\(source) on \(text.debugDescription)")
        }
    }

    @Test func predefinedClassesAreJavasASCIIOnes() throws {
        #expect(try ModelPattern(#"\w+"#).matches("ab_9"))
        #expect(try !ModelPattern(#"\w+"#).matches("é"))
        #expect(try ModelPattern(#"[\w-_]*"#).matches("a-_b"))
        #expect(try ModelPattern(#"[\p{L}\p{N}]+"#).matches("é٣"))
        #expect(try !ModelPattern(#".+"#).matches("a\u{2028}b"))
        #expect(try ModelPattern(#"^(?!\s*$).+"#).matches(" x"))
        #expect(try !ModelPattern(#"^(?!\s*$).+"#).matches("   "))
    }

    /// A backtracking engine takes exponential time here; the automaton takes one pass.
    @Test(.timeLimit(.minutes(1)))
    func nestedRepetitionOnAnAlmostMatchingTextEndsInOnePass() throws {
        let pattern = try ModelPattern(#"^[ \t]*[\x20-\x7E]+([ \t]+[\x20-\x7E]+)*[ \t]*$"#)
        #expect(!pattern.matches("a" + String(repeating: " a", count: 50_000) + "\u{1}"))
        #expect(pattern.matches("a" + String(repeating: " a", count: 50_000)))
    }
}

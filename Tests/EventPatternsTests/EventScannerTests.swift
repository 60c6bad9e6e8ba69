import EventPatterns
import TestSupport
import Testing

@Suite struct EventScannerTests {
    static let pattern = try! EventPattern(#"{"a": [{"exists": true}]}"#)

    @Test(arguments: [
        "", "{", "[]", "\"x\"", "{\"a\":}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":01}", "{\"a\":tru}",
        "{\"a\":\"\u{01}\"}", "{\"a\":\"\\x\"}", "{\"a\":1}}", "{\"a\":[1,]}", "{\"b\":{\"c\":[}}",
        "{\"a\":1.}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":\"\\u12\"}", "{\"a\":NaN}",
    ])
    func malformedEventsAreRejected(_ event: String) {
        #expect(throws: EventSyntaxError.self) { try Self.pattern.matches(Array(event.utf8)) }
    }

    @Test func invalidUTF8IsRejected() {
        #expect(throws: EventSyntaxError.self) { try Self.pattern.matches([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]) }
        #expect(throws: EventSyntaxError.self) { try Self.pattern.matches([0x7B, 0x22, 0x62, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D]) }
    }

    @Test func nestingUpToAWSLimitIsAccepted() throws {
        let depth = 1_000
        let deep = String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1)
        #expect(try Self.pattern.matches(Array(#"{"a": 1, "b": \#(deep)}"#.utf8)))
        let tooDeep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: EventSyntaxError.self) { try Self.pattern.matches(Array(#"{"b": \#(tooDeep)}"#.utf8)) }
        let deepObjects = String(repeating: #"{"x":"#, count: depth - 1) + "1" + String(repeating: "}", count: depth - 1)
        #expect(try Self.pattern.matches(Array(#"{"a": 1, "b": \#(deepObjects)}"#.utf8)))
    }

    @Test func bigAndSmallNumbersAreRead() throws {
        #expect(try matches(#"{"n": [{"numeric": [">", 1e300]}]}"#, #"{"n": 1e308}"#))
        #expect(try matches(#"{"n": [{"numeric": ["<", 1e-300]}]}"#, #"{"n": 1e-320}"#))
        #expect(try matches(#"{"n": [{"numeric": [">", 5]}]}"#, #"{"n": 123456789012345678901234567890}"#))
        #expect(try matches(#"{"n": [{"exists": true}]}"#, #"{"n": -0.0e-0}"#))
    }

    @Test func checkedEventsAreReadOnlyAsFarAsTheLastNamedMember() throws {
        let machine = PatternMachine()
        machine.set("p", to: try EventPattern(#"{"a": {"b": ["x"]}, "c": [1]}"#))
        // Nothing after `c` is read, and inside `a` nothing after `b` but brackets and strings.
        let event = Array(#"{"a": {"b": "x", "z": [{"q": "}]"}, tru]}, "c": 1, "d": nul"#.utf8)
        #expect(try machine.matches(event, validation: .alreadyChecked) == ["p"])
        #expect(throws: EventSyntaxError.self) { try machine.matches(event) }
        // When the last named member of the root is an object, reading stops inside it.
        let lastInside = Array(#"{"c": 1, "a": {"b": "x", "z": [tru"#.utf8)
        #expect(try machine.matches(lastInside, validation: .alreadyChecked) == ["p"])
        // A member the patterns name but the event lacks keeps the whole object in play.
        let lacking = Array(#"{"a": {"z": 1, "b": "x"}, "d": 2, "c": 1}"#.utf8)
        #expect(try machine.matches(lacking, validation: .alreadyChecked) == ["p"])
    }

    @Test func lastValueOfACheckedEventIsReadOnlyWhenAMatchNeedsIt() throws {
        let machine = PatternMachine()
        machine.set("p", to: try EventPattern(#"{"a": ["yes"], "b": {"c": [1]}}"#))
        // `b` is the last value the patterns need, and `a` is walked first: when
        // `a` fails, what follows `"b":` is never read.
        let truncated = #"{"a": "no", "b": {"c": 1, "d": [tru"#
        #expect(try machine.matches(Array(truncated.utf8), validation: .alreadyChecked) == [])
        let needed = #"{"a": "yes", "b": {"c": 1, "d": [tru"#
        #expect(try machine.matches(Array(needed.utf8), validation: .alreadyChecked) == ["p"])
        let neededButCut = #"{"a": "yes", "b": {"d": [1, "c"#
        #expect(throws: EventSyntaxError.self) { try machine.matches(Array(neededButCut.utf8), validation: .alreadyChecked) }
    }

    @Test func deferredArraysKeepFieldsOfOneElementTogether() throws {
        let machine = PatternMachine()
        machine.set("same element", to: try EventPattern(#"{"a": ["yes"], "b": {"c": ["x"], "d": ["y"]}}"#))
        machine.set("any element", to: try EventPattern(#"{"b": {"d": ["y"]}}"#))
        let split = #"{"a": "yes", "b": [{"c": "x", "d": "n"}, {"c": "n", "d": "y"}]}"#
        let together = #"{"a": "yes", "b": [{"c": "n", "d": "n"}, {"c": "x", "d": "y"}]}"#
        for validation in [EventValidation.full, .alreadyChecked] {
            #expect(try machine.matches(Array(split.utf8), validation: validation) == ["any element"])
            #expect(try machine.matches(Array(together.utf8), validation: validation) == ["same element", "any element"])
        }
    }

    /// A number is read once per event and kept with its field; a state whose
    /// constants lie near it must still compare it exactly.
    @Test func numbersReadByManyStatesCompareExactlyWithEach() throws {
        let boundary = 0.30000000000000004
        let near = try EventPattern(#"{"a": ["x"], "n": [{"numeric": ["<", \#(boundary)]}]}"#)
        let far = try EventPattern(#"{"n": [{"numeric": [">", 100]}]}"#)
        for entries in [[("far", far), ("near", near)], [("near", near), ("far", far)]] {
            let machine = PatternMachine()
            machine.set(entries.map { (name: $0.0, pattern: $0.1) })
            for text in ["0.30000000000000004", "0.3000000000000000444", "0.30000000000000003", "0.3", "0.300000000000000049"] {
                let expected = Double(text)! < boundary ? ["near"] : []
                #expect(try machine.matches(Array(#"{"a": "x", "n": \#(text)}"#.utf8)) == expected, "\(text)")
            }
        }
    }

    @Test func plainKeysAreDistinctAndUndotted() throws {
        #expect(try JSONParser.parse(#"{"a": {"b": [{"c": 1}, {"c": 2}]}, "d": "x.y"}"#).hasPlainKeys)
        #expect(try !JSONParser.parse(#"{"a": 1, "a": 2}"#).hasPlainKeys)
        #expect(try !JSONParser.parse(#"{"a": [{"b.c": 1}]}"#).hasPlainKeys)
        let wide = (0..<40).map { "\"k\($0 % 39)\": \($0)" }.joined(separator: ", ")
        #expect(try !JSONParser.parse("{\(wide)}").hasPlainKeys)
    }

    /// Short keys are read a word at a time; escapes, longer keys and keys at
    /// the very end of the event are read byte by byte.
    @Test func keysAreFoundWhateverTheirLengthEscapesOrPlace() throws {
        let machine = PatternMachine()
        let keys = ["k", "seven77", "eight888", #"a\\\"q"#, "é"]
        for key in keys {
            machine.set(key, to: try EventPattern(#"{"o": {"\#(key)": [1]}}"#))
        }
        let events = [
            #"{"o": {"k": 1, "seven77": 1, "eight888": 1, "a\\\"q": 1, "é": 1}}"#,
            #"{"o": {"\u006b": 1, "seven7\u0037": 1, "eight888": 1, "a\u005c\"q": 1, "\u00e9": 1}}"#,
        ]
        for event in events {
            for validation in [EventValidation.full, .alreadyChecked] {
                #expect(try machine.matches(Array(event.utf8), validation: validation) == keys, "\(event)")
            }
        }
        for validation in [EventValidation.full, .alreadyChecked] {
            #expect(try machine.matches(Array(#"{"o":{"k":1}}"#.utf8), validation: validation) == ["k"])
        }
    }

    /// Skipped values of a checked event are read in 64-byte blocks; strings,
    /// escapes and nesting must carry over from one block to the next wherever
    /// the block boundaries fall.
    @Test func skippedValuesEndAtTheirClosingBracketWhereverBlocksSplitThem() throws {
        let machine = PatternMachine()
        machine.set("after skipped", to: try EventPattern(#"{"a": [1]}"#))
        machine.set("after rest of object", to: try EventPattern(#"{"o": {"k": [1]}, "b": [2]}"#))
        var generator = SplitMix(seed: 64)
        for _ in 0..<2_000 {
            let skipped = RandomJSON.value(depth: 0, using: &generator)
            let padding = String(repeating: "p", count: Int(generator.next() % 64))
            let event = #"{"pad": "\#(padding)", "o": {"k": 1, "z": \#(skipped)}, "s": \#(skipped), "a": 1, "b": 2}"#
            let bytes = Array(event.utf8)
            let expected = try machine.matches(bytes)
            #expect(expected == ["after skipped", "after rest of object"], "\(event)")
            #expect(try machine.matches(bytes, validation: .alreadyChecked) == expected, "\(event)")
        }
    }

    /// Random and truncated inputs must produce an answer or an error, never a crash or a hang.
    @Test func arbitraryBytesNeverCrash() throws {
        var generator = SplitMix(seed: 2024)
        let valid = Array(#"{"a": [1, "x\u00e9\n", {"b": null}], "c": {"d": -1.5e3, "e": [true, false]}, "f": "\ud83d\ude00"}"#.utf8)
        let alphabet = Array(#"{}[]:,"\ 0123456789-+.eEtrufalsn\u"#.utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xE2, 0xF0, 0xFF]
        let machine = PatternMachine()
        machine.set("p", to: try! EventPattern(#"{"a": [1], "c": {"d": [{"numeric": ["<", 0]}]}, "f": [{"prefix": "\ud83d\ude00"}]}"#))
        let matcher = machine.makeMatcher()
        func match(_ bytes: [UInt8]) {
            _ = try? matcher.matches(bytes)
            // Bytes that break the promise of a checked event may give any answer, but no crash.
            _ = try? matcher.matches(bytes, validation: .alreadyChecked)
        }
        for length in 0..<valid.count {
            match(Array(valid.prefix(length)))
        }
        for _ in 0..<20_000 {
            var bytes = valid
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let index = Int(generator.next() % UInt64(bytes.count))
                bytes[index] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            match(bytes)
            match((0..<Int(generator.next() % 64)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        }
        #expect(try matcher.matches(valid) == ["p"])
    }
}

/// Random JSON values rich in what a skip must step over: strings holding brackets,
/// quotes and runs of backslashes, and nested arrays and objects.
enum RandomJSON {
    static func value(depth: Int, using generator: inout SplitMix) -> String {
        let choice = depth > 4 ? generator.next() % 3 : generator.next() % 5
        switch choice {
        case 0:
            return string(using: &generator)
        case 1:
            return ["0", "-1.5e3", "true", "null", "123456789"][Int(generator.next() % 5)]
        case 2:
            return #""""#
        case 3:
            let count = Int(generator.next() % 5)
            return "[" + (0..<count).map { _ in value(depth: depth + 1, using: &generator) }.joined(separator: ",") + "]"
        default:
            let count = Int(generator.next() % 5)
            return "{" + (0..<count).map { index in
                "\"k\(index)\": " + value(depth: depth + 1, using: &generator)
            }.joined(separator: ", ") + "}"
        }
    }

    static func string(using generator: inout SplitMix) -> String {
        let pieces = [#"\\"#, #"\""#, "{", "}", "[", "]", "x", "yy", "é", #"\u0022"#, " ", ":"]
        let count = Int(generator.next() % 40)
        return "\"" + (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined() + "\""
    }
}

import Testing
@testable import EventPatterns

/// Expected figures are event-ruler's own, from its complexity tests: the byte
/// machine's unquoted values, and whole rules (quoted string values, unquoted
/// anything-but sets).
@Suite struct WildcardMachineTests {
    private func complexity(_ values: [[String]], quoted: Bool = false) throws -> Int {
        var machine = WildcardMachine()
        for (pattern, strings) in values.enumerated() {
            for text in strings {
                let wildcard = try Wildcard(text)
                machine.add(WildcardMachine.characters(of: wildcard, quoted: quoted), pattern: pattern)
            }
        }
        return machine.complexity(cap: 1_000)
    }

    private func complexityOfEach(_ values: [String], quoted: Bool = false) throws -> Int {
        try complexity(values.map { [$0] }, quoted: quoted)
    }

    @Test(arguments: [
        (["abc"], 1), (["*ab"], 2), (["*aa"], 3), (["a*b"], 2), (["aa*"], 2), (["a*bc"], 2), (["a*bb"], 3),
        (["a*bcb"], 3), (["a*bbb"], 4), (["*ab*ad"], 4), (["*ab*d"], 3), (["*aba*"], 4), (["a*b*bb"], 5),
        (["a*b*cb"], 4), (["a*b*cd"], 3), (["a*b*b"], 4), (["a*bb*"], 4), (["ab*b*"], 3), (["*ab*b*b*"], 7),
        (["*a*a*a*a*a*a*a*a*"], 17), (["1*2345"], 2),
        (["ab*c", "x*xx"], 3), (["*abc", "*abcde"], 4), (["a*bcd", "ab*cd"], 4), (["a*bc", "a*bcde"], 4),
        (["a*aaa", "aa*aa"], 7), (["a*bc", "abc*d"], 4), (["a*aaa", "aaa*a"], 6), (["a*aax", "aaa*x"], 5),
        (["a*bc", "abc*"], 4), (["a*aa", "aaa*"], 5), (["abc*", "abcde*"], 3), (["ab*cd", "ab*wx", "ab*yz"], 6),
    ] as [([String], Int)])
    func byteMachineFigures(values: [String], expected: Int) throws {
        #expect(try complexityOfEach(values) == expected)
        #expect(try complexityOfEach(values.reversed()) == expected)
    }

    static let leadingStars = ["*kiwi*", "*BASE_QuxB*", "*Delta*", "*a/example-lake-abc98765432*"]

    @Test func ruleFigures() throws {
        let exploder = [
            "aahed*", "aal*ii", "aargh*", "aarti*", "a*baca", "*abaci", "a*back", "ab*acs", "abaf*t", "*abaka", "ab*amp",
            "a*band", "*abase", "abash*", "abas*k", "ab*ate", "aba*ya", "abbas*", "abbed*", "ab*bes", "abbey*", "*abbot",
            "ab*cee", "abea*m", "abe*ar", "a*bele", "a*bers", "abet*s", "*abhor", "abi*de", "a*bies", "*abled",
        ]
        #expect(try complexityOfEach(exploder, quoted: true) == 45)
        #expect(try complexity([Self.leadingStars]) == 7)
        #expect(try complexityOfEach(Self.leadingStars, quoted: true) == 12)
        #expect(try complexityOfEach([String(repeating: "*a", count: 50) + "*"], quoted: true) == 101)
        let set = (0..<8).map { "*" + String(UnicodeScalar(UInt8(97 + $0))) + "a*" }
        #expect(try complexityOfEach(Array(set.prefix(4)), quoted: true) == 12)
        #expect(try complexityOfEach(set, quoted: true) == 24)
    }
}

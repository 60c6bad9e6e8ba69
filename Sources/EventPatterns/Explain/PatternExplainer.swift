/// Finds, for each alternative of a pattern, whether the event meets it and if
/// not the fields that fail and why, then words the answer.
struct PatternExplainer {
    let alternatives: [[FieldCondition]]
    let event: EventLeaves

    func explanation(matched: Bool) -> PatternExplanation {
        if matched { return PatternExplanation(matched: true, reasons: [matchingAlternative()]) }
        let failures = alternatives.map(failures(of:))
        // A failure every alternative shares is said once, ahead of the `$or`.
        let shared = failures.dropFirst().reduce(failures.first ?? []) { common, next in common.filter(next.contains) }
        var reasons = shared
        let remaining = failures.map { $0.filter { !shared.contains($0) } }
        if remaining.allSatisfy({ !$0.isEmpty }) {
            if remaining.count == 1 {
                reasons += remaining[0]
            } else {
                let listed = remaining.enumerated().map { "\($0.offset + 1): " + $0.element.joined(separator: " and ") }
                reasons.append("$or: no alternative matched (" + listed.joined(separator: "; ") + ")")
            }
        }
        return PatternExplanation(matched: false, reasons: reasons)
    }

    /// Whether the alternative holds: every field meets a condition, with the
    /// fields' values in one element of every array they share.
    func holds(_ alternative: [FieldCondition]) -> Bool {
        search(alternative[...], chosen: [])
    }

    private func search(_ fields: ArraySlice<FieldCondition>, chosen: [EventLeaves.Leaf]) -> Bool {
        guard let field = fields.first else { return true }
        let rest = fields.dropFirst()
        let candidates = event.leaves(at: field.path).filter { leaf in chosen.allSatisfy(leaf.agrees) }
        for matcher in field.matchers {
            if matcher == .exists(false) {
                if candidates.isEmpty, search(rest, chosen: chosen) { return true }
                continue
            }
            for leaf in candidates where leaf.satisfies(matcher) {
                if search(rest, chosen: chosen + [leaf]) { return true }
            }
        }
        return false
    }

    private func matchingAlternative() -> String {
        guard alternatives.count > 1 else { return "every field matches" }
        guard let index = alternatives.firstIndex(where: holds) else { return "matched" }
        // Name the alternative by what sets it apart from the others.
        let own = alternatives[index].filter { field in !alternatives.allSatisfy { $0.contains(field) } }
        let description = own.map { "\($0.path) \($0.predicate)" }.joined(separator: " and ")
        return "$or: alternative \(index + 1) of \(alternatives.count) matched" + (own.isEmpty ? "" : " (\(description))")
    }

    /// Why the alternative fails, field by field, or nothing when it holds.
    func failures(of alternative: [FieldCondition]) -> [String] {
        if holds(alternative) { return [] }
        let unmet = alternative.compactMap(failure(of:))
        return unmet.isEmpty ? [arrayConflict(in: alternative)] : unmet
    }

    /// Why no value of the field meets its conditions, whatever the others do.
    private func failure(of field: FieldCondition) -> String? {
        let leaves = event.leaves(at: field.path)
        if leaves.isEmpty {
            return field.matchers.contains(.exists(false)) ? nil : "\(field.path) is missing"
        }
        if leaves.contains(where: { leaf in field.matchers.contains(where: leaf.satisfies) }) { return nil }
        let values = leaves.map(\.value.jsonText)
        if values.count == 1 { return "\(field.path): \(values[0]) \(field.negatedPredicate)" }
        let shown = values.count > 5 ? values.prefix(5).joined(separator: ", ") + ", …" : values.joined(separator: ", ")
        return "\(field.path): no value of \(shown) \(field.predicate)"
    }

    /// Every field has a value meeting it alone; name two that never share an
    /// element of some array.
    private func arrayConflict(in alternative: [FieldCondition]) -> String {
        let meeting = alternative.map { field in
            event.leaves(at: field.path).filter { leaf in field.matchers.contains(where: leaf.satisfies) }
        }
        for first in alternative.indices {
            for second in alternative.indices where second > first && !meeting[first].isEmpty && !meeting[second].isEmpty {
                let together = meeting[first].contains { one in meeting[second].contains(where: one.agrees) }
                guard !together, let array = meeting[first][0].divergingArray(from: meeting[second][0]) else { continue }
                return "the fields \(alternative[first].path) and \(alternative[second].path) match only in different elements of \(event.arrayPaths[array])"
            }
        }
        let paths = alternative.map(\.path)
        return "the fields \(paths.dropLast().joined(separator: ", ")) and \(paths.last ?? "") match only in different array elements"
    }
}

extension WildcardMachine {
    /// event-ruler's `MachineComplexityEvaluator` on this machine: over every set
    /// of transitions some input can occupy together, the largest count of
    /// wildcard patterns still reachable, summed per transition. The walk stops
    /// at `cap`, since only whether the limit is passed matters and the walk is
    /// exponential in the worst case.
    func complexity(cap: Int) -> Int {
        let reachable = reachablePatterns()
        var visited: Set<[Int]> = []
        var pending = successors(of: [Self.start])
        var largest = 0
        while let current = pending.popLast() {
            guard visited.insert(current).inserted else { continue }
            var size = 0
            for single in current {
                size += reachable[single].count
                guard let next = transitions[single].nextState else { continue }
                for loop in states[next].forAllBytes where !current.contains(loop) {
                    size += reachable[loop].count
                }
            }
            if size >= cap { return cap }
            largest = max(largest, size)
            pending += successors(of: Set(current.compactMap { transitions[$0].nextState }))
        }
        return largest
    }

    /// The distinct transition sets one byte leads to from `nextStates`.
    private func successors(of nextStates: Set<Int>) -> [[Int]] {
        var bytes = Set<UInt8>()
        for state in nextStates { bytes.formUnion(states[state].transitions.keys) }
        var classes = Array(bytes)
        if let other = (0...255).lazy.map(UInt8.init).first(where: { !bytes.contains($0) }) { classes.append(other) }
        var result = Set<[Int]>()
        for byte in classes {
            let union = Set(nextStates.flatMap { transitionsOn(.byte(byte), from: $0) })
            if !union.isEmpty { result.insert(union.sorted()) }
        }
        return Array(result)
    }

    /// For each transition, the patterns a match can still be reached for.
    private func reachablePatterns() -> [Set<Int>] {
        var reachable = transitions.map { $0.pattern.map { Set([$0]) } ?? [] }
        var changed = true
        while changed {
            changed = false
            // Transitions are made along each pattern, so the reverse order
            // carries a match back to the start in one pass; loops need a second.
            for index in transitions.indices.reversed() {
                guard let next = transitions[index].nextState else { continue }
                let state = states[next]
                var gathered = reachable[index]
                for transition in state.forAllBytes { gathered.formUnion(reachable[transition]) }
                for list in state.transitions.values { for transition in list { gathered.formUnion(reachable[transition]) } }
                if gathered.count != reachable[index].count {
                    reachable[index] = gathered
                    changed = true
                }
            }
        }
        return reachable
    }
}

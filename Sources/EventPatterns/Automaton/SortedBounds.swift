extension UnsafeBufferPointer<Double> {
    /// The index of the first element not below `value`, in sorted elements.
    /// Without branches on the comparisons: the values an event brings fall on
    /// either side of a field's constants at random, which a predictor cannot learn.
    @inline(__always)
    func lowerBound(of value: Double) -> Int {
        guard !isEmpty else { return 0 }
        var base = 0
        var length = count
        while length > 1 {
            let half = length >> 1
            base = self[base + half - 1] < value ? base + half : base
            length -= half
        }
        return self[base] < value ? base + 1 : base
    }
}

import EventPatterns

/// Whether `event` matches `pattern`; both are JSON text.
func matches(_ pattern: String, _ event: String) throws -> Bool {
    try EventPattern(pattern).matches(Array(event.utf8))
}

/// AWS's reason for refusing `pattern`, or nil when it is valid.
func rejection(_ pattern: String) -> String? {
    do {
        _ = try EventPattern(pattern)
        return nil
    } catch {
        return error.reason
    }
}

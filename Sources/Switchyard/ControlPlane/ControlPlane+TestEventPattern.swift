import EventPatterns

extension ControlPlane {
    /// `TestEventPattern`: whether a pattern matches an event that carries AWS's envelope.
    public func testEventPattern(_ pattern: String, event: String) throws(ServiceError) -> Bool {
        do {
            return try PatternTest.evaluate(pattern: pattern, event: event, requireEnvelope: true)
        } catch .invalidPattern(let error) {
            throw .invalidEventPattern(error.description)
        } catch {
            throw .validation(error.description)
        }
    }
}

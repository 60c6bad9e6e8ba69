import EventPatterns

extension ControlPlane {
    /// Runs the request's pattern and rules over its archive (a Switchyard
    /// extension); nothing is delivered.
    public func backtest(_ request: Backtest.Request, caller: Caller) async throws -> Backtest.Outcome {
        guard request.eventPattern != nil || !request.ruleNames.isEmpty else {
            throw ServiceError.validation("Give an EventPattern, RuleNames, or both.")
        }
        guard (0...Backtest.maximumSampleSize).contains(request.sampleSize) else {
            throw ServiceError.validation("SampleSize must be between 0 and \(Backtest.maximumSampleSize).")
        }
        guard request.explainEventIds.count <= Backtest.maximumExplainedEvents else {
            throw ServiceError.validation("At most \(Backtest.maximumExplainedEvents) events can be explained at once.")
        }
        var patterns: [(name: String, pattern: EventPattern)] = []
        if let text = request.eventPattern {
            do {
                patterns.append((Backtest.eventPatternName, try EventPattern(text)))
            } catch {
                throw ServiceError.invalidEventPattern(error.description)
            }
        }
        return try await store.read { [patterns] store in
            var patterns = patterns
            let archive = try await Self.requireArchive(request.archiveName, caller, in: store.archives)
            let busName = try Self.archivedBusName(archive.eventSourceArn, caller)
            for name in request.ruleNames {
                let rule = try await Self.requireRule(name, onBus: busName, caller, in: store.resources)
                guard let text = rule.eventPattern else {
                    throw ServiceError.validation("Rule \(name) has no EventPattern: only a pattern can be run over an archive.")
                }
                patterns.append((name, try EventPattern(text)))
            }
            return try await Backtest.run(patterns, over: archive.arn, request, in: store.archives)
        }
    }
}

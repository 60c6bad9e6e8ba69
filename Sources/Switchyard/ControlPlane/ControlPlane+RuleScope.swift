extension ControlPlane {
    /// The bus a rule or target operation names, and the account that owns it.
    ///
    /// The caller's own bus needs no policy. Another account's (its ARN, in the
    /// caller's Region) is reached only where that bus's policy allows the caller
    /// `action` on the rule, with `events:creatorAccount` the account that created
    /// the rule (the caller, for a rule not yet created): how AWS lets an account
    /// manage the rules it created on a bus it does not own. Anything else is
    /// refused with `AccessDeniedException` in IAM's words, whether or not the bus
    /// exists.
    func ruleScope(
        _ busNameOrArn: String?, rule ruleName: String?, action: String, caller: Caller
    ) async throws -> (busName: String, owner: Caller) {
        let (busName, owner) = try Self.eventBus(busNameOrArn, caller)
        guard owner.account != caller.account, owner.region == caller.region else {
            guard owner == caller else { throw ServiceError.eventBusNotFound(busName) }
            return (busName, caller)
        }
        let resource = ResourceName.rule(ruleName ?? "*", onBus: busName, owner)
        let (bus, creator) = try await store.read { store in
            var creator = caller.account
            if let ruleName, let rule = try await store.resources.rule(named: ruleName, onBus: busName, owner: owner) {
                creator = rule.createdBy
            }
            return (try await store.resources.eventBus(named: busName, owner: owner), creator)
        }
        let request = PolicyRequest(
            account: caller.account, organizations: organizations, action: action, resource: resource,
            context: ["events:creatorAccount": creator])
        let decision = bus?.resourcePolicy?.decision(for: request) ?? .notAllowed
        guard decision == .allowed else {
            throw ServiceError(code: "AccessDeniedException", message: decision.refusal(of: request))
        }
        return (busName, owner)
    }
}

import EventPatterns

extension ControlPlane {
    /// What `PutPermission` grants: one statement, or a whole policy document.
    public enum Permission: Sendable {
        case statement(id: String, action: String, principal: String, condition: EventBusPolicy.Condition?)
        case policy(String)
    }

    public func putPermission(_ permission: Permission, onBus name: String?, caller: Caller) async throws {
        let busName = name ?? ResourceName.defaultEventBus
        try await provisionDefaultBus(for: caller)
        let maximumLength = configuration.maximumPolicyLength
        let modified = clock.now
        try await store.write { store in
            var bus = try await Self.requireEventBus(busName, caller, in: store.resources)
            let policy = try Self.policy(bus.policy, with: permission, busArn: bus.arn)
            guard policy.text.utf8.count <= maximumLength else {
                throw ServiceError.policyLengthExceeded("The event bus policy is too long.")
            }
            bus.policy = policy
            bus.lastModifiedTime = modified
            try await store.resources.save(bus)
        }
    }

    /// Removes one statement, or the whole policy with `removeAll`.
    public func removePermission(statementId: String?, removeAll: Bool, onBus name: String?, caller: Caller) async throws {
        let busName = name ?? ResourceName.defaultEventBus
        guard removeAll || statementId != nil else {
            throw ServiceError.validation("Either StatementId or RemoveAllPermissions must be specified.")
        }
        try await provisionDefaultBus(for: caller)
        let modified = clock.now
        try await store.write { store in
            var bus = try await Self.requireEventBus(busName, caller, in: store.resources)
            if removeAll {
                bus.policy = nil
            } else {
                let statements = bus.policy?.statements ?? []
                let remaining = statements.filter { $0["Sid"]?.stringValue != statementId }
                guard remaining.count < statements.count else {
                    throw ServiceError.resourceNotFound("Statement with the provided id does not exist.")
                }
                bus.policy = remaining.isEmpty ? nil : EventBusPolicy(statements: remaining)
            }
            bus.lastModifiedTime = modified
            try await store.resources.save(bus)
        }
    }

    static func policy(_ current: EventBusPolicy?, with permission: Permission, busArn: String) throws(ServiceError) -> EventBusPolicy {
        switch permission {
        case .policy(let text):
            guard let document = try? JSONParser.parse(text), document["Statement"] != nil else {
                throw .validation("Parameter Policy is not valid. Reason: The policy is not a valid JSON policy document.")
            }
            return EventBusPolicy(document: document)
        case .statement(let id, let action, let principal, let condition):
            guard action == "events:PutEvents" else {
                throw .validation("Provided value in parameter 'action' is not supported.")
            }
            if let condition, condition.type != "StringEquals" || condition.key != "aws:PrincipalOrgID" {
                throw .validation("Parameter Condition is not valid. Reason: Only StringEquals on aws:PrincipalOrgID is supported.")
            }
            let statement = EventBusPolicy.statement(
                id: id, action: action, principal: principal, condition: condition, busArn: busArn)
            return (current ?? EventBusPolicy(statements: [])).setting(statement)
        }
    }
}

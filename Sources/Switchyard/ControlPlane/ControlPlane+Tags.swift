extension ControlPlane {
    public func tags(of resourceArn: String, caller: Caller) async throws -> [Tag] {
        try await provisionDefaultBus(for: caller)
        return try await store.read { store in
            try await Self.requireTaggable(resourceArn, caller, in: store.resources)
            return try await store.resources.tags(of: resourceArn)
        }
    }

    public func tagResource(_ resourceArn: String, tags: [Tag], caller: Caller) async throws {
        try await provisionDefaultBus(for: caller)
        try await store.write { store in
            try await Self.requireTaggable(resourceArn, caller, in: store.resources)
            try await store.resources.setTags(try await store.resources.tags(of: resourceArn).merging(tags), of: resourceArn)
        }
    }

    public func untagResource(_ resourceArn: String, keys: [String], caller: Caller) async throws {
        try await provisionDefaultBus(for: caller)
        try await store.write { store in
            try await Self.requireTaggable(resourceArn, caller, in: store.resources)
            try await store.resources.setTags(try await store.resources.tags(of: resourceArn).filter { !keys.contains($0.key) }, of: resourceArn)
        }
    }

    /// The resource an ARN names must exist in the caller's account and Region; AWS
    /// answers a missing one with the same message its own Describe call gives.
    static func requireTaggable(_ arn: String, _ caller: Caller, in store: any ResourceReader) async throws {
        guard let (resource, owner) = ResourceName.parse(arn), owner == caller else {
            throw ServiceError.resourceNotFound("Resource \(arn) does not exist.")
        }
        switch resource {
        case .eventBus(let name):
            _ = try await requireEventBus(name, caller, in: store)
        case .rule(let name, let bus):
            guard try await store.rule(named: name, onBus: bus, owner: caller) != nil else {
                throw ServiceError.ruleNotFound(name, onBus: bus)
            }
        case .other:
            throw ServiceError.resourceNotFound("Resource \(arn) does not exist.")
        }
    }
}

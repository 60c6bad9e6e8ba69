extension ControlPlane {
    public struct EventBusSettings: Sendable {
        public var description: String?
        public var kmsKeyIdentifier: String?
        public var deadLetterConfig: DeadLetterConfig?
        public var logConfig: LogConfig?

        public init(
            description: String? = nil, kmsKeyIdentifier: String? = nil,
            deadLetterConfig: DeadLetterConfig? = nil, logConfig: LogConfig? = nil
        ) {
            self.description = description
            self.kmsKeyIdentifier = kmsKeyIdentifier
            self.deadLetterConfig = deadLetterConfig
            self.logConfig = logConfig
        }
    }

    public func createEventBus(
        name: String, eventSourceName: String?, settings: EventBusSettings, tags: [Tag], caller: Caller
    ) async throws -> EventBus {
        if let eventSourceName {
            // AWS's wording for a name that differs from the source's is unrecorded.
            guard name == eventSourceName else {
                throw ServiceError.validation("The name of a partner event bus must be the name of its event source, \(eventSourceName).")
            }
        } else {
            if name.hasPrefix("aws.") { throw ServiceError.validation("EventBus name starting with 'aws.' is not valid.") }
            if name.contains("/") { throw ServiceError.validation("Event bus name must not contain '/'.") }
        }
        try Self.validate(settings)
        try await provisionDefaultBus(for: caller)
        let limit = configuration.maximumEventBuses
        var bus = EventBus(name: name, owner: caller, creationTime: clock.now)
        bus.eventSourceName = eventSourceName
        bus.apply(settings)
        let now = clock.now
        return try await store.write { [bus] store in
            if let eventSourceName {
                let offer = try await Self.offered(
                    eventSourceName, to: caller, sources: store.partnerSources, buses: store.resources, at: now)
                guard let offer, offer.state != .deleted else { throw ServiceError.eventSourceNotFound(eventSourceName) }
            }
            if try await store.resources.eventBus(named: name, owner: caller) != nil {
                throw ServiceError.resourceAlreadyExists("Event bus \(name) already exists.")
            }
            // The default bus does not count against the quota of custom buses.
            guard try await store.resources.eventBuses(owner: caller).count - 1 < limit else { throw ServiceError.limitExceeded }
            try await store.resources.save(bus)
            try await store.resources.setTags(tags, of: bus.arn)
            return bus
        }
    }

    public func describeEventBus(_ nameOrArn: String?, caller: Caller) async throws -> EventBus {
        let name = try Self.eventBusName(nameOrArn, caller)
        try await provisionDefaultBus(for: caller)
        return try await store.read { try await Self.requireEventBus(name, caller, in: $0.resources) }
    }

    public func listEventBuses(namePrefix: String?, nextToken: String?, limit: Int?, caller: Caller) async throws -> Page<EventBus> {
        try await provisionDefaultBus(for: caller)
        let buses = try await store.read { try await $0.resources.eventBuses(owner: caller) }
            .filter { $0.name.hasPrefix(namePrefix ?? "") }
        return try Page(buses, key: \.name, after: nextToken, limit: limit)
    }

    /// Replaces the bus's settings: members left out of the request are reset, as
    /// AWS resets an omitted `KmsKeyIdentifier` to an AWS owned key.
    public func updateEventBus(_ name: String?, settings: EventBusSettings, caller: Caller) async throws -> EventBus {
        let name = name ?? ResourceName.defaultEventBus
        try Self.validate(settings)
        try await provisionDefaultBus(for: caller)
        let modified = clock.now
        return try await store.write { store in
            var bus = try await Self.requireEventBus(name, caller, in: store.resources)
            bus.apply(settings)
            bus.lastModifiedTime = modified
            try await store.resources.save(bus)
            return bus
        }
    }

    /// Deleting a bus that does not exist succeeds, as on AWS.
    public func deleteEventBus(_ name: String, caller: Caller) async throws {
        guard name != ResourceName.defaultEventBus else {
            throw ServiceError.validation("Cannot delete event bus default.")
        }
        try await store.write { store in
            guard try await store.resources.eventBus(named: name, owner: caller) != nil else { return }
            guard try await store.resources.rules(onBus: name, owner: caller).isEmpty else {
                throw ServiceError.validation("EventBus can't be deleted since it has rules.")
            }
            try await store.resources.deleteEventBus(named: name, owner: caller)
        }
    }

    static func validate(_ settings: EventBusSettings) throws(ServiceError) {
        if let arn = settings.deadLetterConfig?.arn, !ResourceName.isQueueArn(arn) {
            throw .validation("Parameter DeadLetterConfig.Arn is not valid. Reason: Provided Arn is not a valid SQS queue ARN.")
        }
    }
}

extension EventBus {
    mutating func apply(_ settings: ControlPlane.EventBusSettings) {
        description = settings.description
        kmsKeyIdentifier = settings.kmsKeyIdentifier
        deadLetterConfig = settings.deadLetterConfig
        logConfig = settings.logConfig
    }
}

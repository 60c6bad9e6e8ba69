import Foundation
import EventPatterns

extension ControlPlane {
    /// An archive as DescribeArchive and ListArchives show it: with the number and
    /// size of the events it keeps.
    public struct ArchiveDescription: Sendable {
        public var archive: Archive
        public var eventCount: Int
        public var sizeBytes: Int
    }

    public struct ArchiveDefinition: Sendable {
        public var description: String?
        public var eventPattern: String?
        public var retentionDays: Int?
        public var kmsKeyIdentifier: String?

        public init(description: String? = nil, eventPattern: String? = nil, retentionDays: Int? = nil, kmsKeyIdentifier: String? = nil) {
            self.description = description
            self.eventPattern = eventPattern
            self.retentionDays = retentionDays
            self.kmsKeyIdentifier = kmsKeyIdentifier
        }
    }

    /// Creates the archive and the rule EventBridge manages to feed it.
    public func createArchive(
        _ name: String, eventSourceArn: String, _ definition: ArchiveDefinition, caller: Caller
    ) async throws -> Archive {
        let busName = try Self.archivedBusName(eventSourceArn, caller)
        try Self.validateArchivePattern(definition.eventPattern)
        try await provisionDefaultBus(for: caller)
        let moment = clock.now
        return try await writeChangingRules { store in
            _ = try await Self.requireEventBus(busName, caller, in: store.resources)
            guard try await store.archives.archive(named: name, owner: caller) == nil else {
                throw ServiceError.resourceAlreadyExists("Archive \(name) already exists.")
            }
            var archive = Archive(
                name: name, owner: caller, eventSourceArn: ResourceName.eventBus(busName, caller),
                retentionDays: definition.retentionDays ?? 0, creationTime: moment)
            archive.description = definition.description
            archive.eventPattern = definition.eventPattern
            archive.kmsKeyIdentifier = definition.kmsKeyIdentifier
            try await store.archives.save(archive)
            try await Self.feed(archive, onBus: busName, in: store)
            return archive
        }
    }

    public func describeArchive(_ name: String, caller: Caller) async throws -> ArchiveDescription {
        try await store.read { store in
            let archive = try await Self.requireArchive(name, caller, in: store.archives)
            let statistics = try await store.archives.statistics(ofArchive: archive.arn)
            return ArchiveDescription(archive: archive, eventCount: statistics.eventCount, sizeBytes: statistics.sizeBytes)
        }
    }

    /// AWS filters by one of the prefix, the bus and the state at a time.
    public func listArchives(
        namePrefix: String?, eventSourceArn: String?, state: Archive.State?, nextToken: String?, limit: Int?, caller: Caller
    ) async throws -> Page<ArchiveDescription> {
        guard [namePrefix as Any?, eventSourceArn, state].compactMap({ $0 }).count <= 1 else {
            throw ServiceError.validation(
                "At most one filter is allowed for ListArchives. Use either : State, EventSourceArn, or NamePrefix.")
        }
        let busName = try eventSourceArn.map { try Self.archivedBusName($0, caller) }
        try await provisionDefaultBus(for: caller)
        let described = try await store.read { store in
            if let busName { _ = try await Self.requireEventBus(busName, caller, in: store.resources) }
            var described: [ArchiveDescription] = []
            for archive in try await store.archives.archives(owner: caller)
            where archive.name.hasPrefix(namePrefix ?? "") && (state == nil || archive.state == state)
                && (busName == nil || archive.eventSourceArn == ResourceName.eventBus(busName!, caller)) {
                let statistics = try await store.archives.statistics(ofArchive: archive.arn)
                described.append(ArchiveDescription(archive: archive, eventCount: statistics.eventCount, sizeBytes: statistics.sizeBytes))
            }
            return described
        }
        return try Page(described, key: \.archive.name, after: nextToken, limit: limit)
    }

    /// Changes what the request gives; a new pattern changes the archive's rule too.
    public func updateArchive(_ name: String, _ definition: ArchiveDefinition, caller: Caller) async throws -> Archive {
        guard definition.eventPattern != nil || definition.retentionDays != nil || definition.description != nil else {
            throw ServiceError.validation("At least one of EventPattern, RetentionDays or Description must be provided.")
        }
        try Self.validateArchivePattern(definition.eventPattern)
        return try await writeChangingRules { store in
            var archive = try await Self.requireArchive(name, caller, in: store.archives)
            if let description = definition.description { archive.description = description }
            if let retentionDays = definition.retentionDays { archive.retentionDays = retentionDays }
            if let kmsKeyIdentifier = definition.kmsKeyIdentifier { archive.kmsKeyIdentifier = kmsKeyIdentifier }
            if let pattern = definition.eventPattern {
                archive.eventPattern = pattern
                guard let (resource, _) = ResourceName.parse(archive.eventSourceArn), case .eventBus(let busName) = resource else {
                    throw ServiceError.internalFailure("Archive \(name) has no bus.")
                }
                try await Self.feed(archive, onBus: busName, in: store)
            }
            try await store.archives.save(archive)
            return archive
        }
    }

    /// Deletes the archive, the events it keeps, and its rule.
    public func deleteArchive(_ name: String, caller: Caller) async throws {
        try await writeChangingRules { store in
            let archive = try await Self.requireArchive(name, caller, in: store.archives)
            if let (resource, _) = ResourceName.parse(archive.eventSourceArn), case .eventBus(let busName) = resource {
                let ruleArn = ResourceName.rule(archive.ruleName, onBus: busName, caller)
                try await store.resources.setTargets([], ofRule: ruleArn)
                try await store.resources.deleteRule(named: archive.ruleName, onBus: busName, owner: caller)
            }
            try await store.archives.deleteArchive(arn: archive.arn)
        }
    }

    /// Puts the rule that feeds `archive`: the archive's pattern, or every event,
    /// never a replayed one; its one target names the archive.
    static func feed(_ archive: Archive, onBus busName: String, in store: any StoreWriter) async throws {
        var members: [JSONValue.Member] = []
        if let pattern = archive.eventPattern, case .object(let given) = try JSONParser.parse(pattern) {
            members = given.filter { $0.key != DataPlane.replayNameField }
        }
        members.append(.init(key: DataPlane.replayNameField, value: .array([.structure(["exists": .bool(false)])])))
        var rule = Rule(name: archive.ruleName, eventBusName: busName, owner: archive.owner)
        rule.eventPattern = JSONValue.object(members).jsonText
        rule.managedBy = Archive.managingPrincipal
        try await store.resources.save(rule)
        let template = JSONValue.structure([
            "archive-arn": JSONValue(archive.arn), "event": JSONValue("<aws.events.event.json>"),
            "ingestion-time": JSONValue("<aws.events.event.ingestion-time>"),
        ])
        let target = Target(definition: .structure([
            "Id": JSONValue(archive.ruleName), "Arn": JSONValue(Archive.feedArn(archive.owner)),
            "InputTransformer": .structure(["InputPathsMap": .object([]), "InputTemplate": JSONValue(template.jsonText)]),
        ]))
        try await store.resources.setTargets([target], ofRule: rule.arn)
    }

    /// The caller's bus an `EventSourceArn` names.
    static func archivedBusName(_ arn: String, _ caller: Caller) throws(ServiceError) -> String {
        guard let (resource, owner) = ResourceName.parse(arn), case .eventBus(let name) = resource else {
            throw .validation("Parameter EventSourceArn is not valid. Reason: Provided Arn is not in correct format.")
        }
        guard owner == caller else { throw .eventBusNotFound(name) }
        return name
    }

    static func validateArchivePattern(_ pattern: String?) throws(ServiceError) {
        guard let pattern else { return }
        do {
            _ = try EventPattern(pattern)
        } catch {
            throw .invalidEventPattern(error.description)
        }
    }

    static func requireArchive(_ name: String, _ caller: Caller, in store: any ArchiveReader) async throws -> Archive {
        guard let archive = try await store.archive(named: name, owner: caller) else {
            throw ServiceError.resourceNotFound("Archive \(name) does not exist.")
        }
        return archive
    }
}

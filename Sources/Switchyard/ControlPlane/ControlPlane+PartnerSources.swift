public import Foundation

/// Partner event sources, both sides: the partner account creates, lists and
/// deletes the sources it offers; the customer account lists, describes, activates
/// and deactivates those offered to it, and matches one with a partner event bus.
/// Which accounts are partners, under which names, is the server's configuration
/// (`switchyard serve --partner ACCOUNT=NAME`): on AWS partners register with AWS.
extension ControlPlane {
    /// A source as one side sees it: with its state, or nil when it is gone for good.
    public struct OfferedSource: Sendable {
        public var source: PartnerEventSource
        public var state: PartnerEventSource.State
        public var expirationTime: Date?
    }

    // MARK: The partner's side

    public func createPartnerEventSource(named name: String, account: String, caller: Caller) async throws -> PartnerEventSource {
        let partnerName = PartnerEventSource.partnerName(of: name) ?? ""
        guard configuration.partners[caller.account]?.contains(partnerName) == true else {
            // AWS's wording for an account that is not a registered partner is unrecorded.
            throw ServiceError(
                code: "AccessDeniedException",
                message: "Account \(caller.account) is not the partner \(partnerName): it cannot create event sources named \(name).")
        }
        let now = clock.now
        let source = PartnerEventSource(
            name: name, owner: Caller(account: account, region: caller.region), partnerAccount: caller.account,
            creationTime: now)
        return try await store.write { store in
            if let existing = try await Self.offered(source.name, to: source.owner, sources: store.partnerSources, buses: store.resources, at: now), existing.state != .deleted {
                throw ServiceError.resourceAlreadyExists("Event source \(name) already exists.")
            }
            try await store.partnerSources.save(source)
            return source
        }
    }

    public func describePartnerEventSource(named name: String, caller: Caller) async throws -> PartnerEventSource {
        guard let source = try await partnerSources(createdBy: caller).first(where: { $0.source.name == name }) else {
            throw ServiceError.eventSourceNotFound(name)
        }
        return source.source
    }

    /// The names the partner offers, once each however many accounts have them.
    public func listPartnerEventSources(
        namePrefix: String, nextToken: String?, limit: Int?, caller: Caller
    ) async throws -> Page<PartnerEventSource> {
        var seen: Set<String> = []
        let sources = try await partnerSources(createdBy: caller).map(\.source)
            .filter { $0.name.hasPrefix(namePrefix) && seen.insert($0.name).inserted }
        return try Page(sources, key: \.name, after: nextToken, limit: limit)
    }

    public func listPartnerEventSourceAccounts(
        named name: String, nextToken: String?, limit: Int?, caller: Caller
    ) async throws -> Page<OfferedSource> {
        let offers = try await partnerSources(createdBy: caller).filter { $0.source.name == name }
        guard !offers.isEmpty else { throw ServiceError.eventSourceNotFound(name) }
        return try Page(offers, key: \.source.owner.account, after: nextToken, limit: limit)
    }

    /// Deleting what does not exist succeeds, as on AWS. A customer with the
    /// matching bus keeps it, and sees the source `DELETED`.
    public func deletePartnerEventSource(named name: String, account: String, caller: Caller) async throws {
        let owner = Caller(account: account, region: caller.region)
        try await store.write { store in
            guard var source = try await store.partnerSources.partnerEventSource(named: name, owner: owner),
                  source.partnerAccount == caller.account else { return }
            if try await store.resources.eventBus(named: name, owner: owner) != nil {
                source.isDeleted = true
                try await store.partnerSources.save(source)
            } else {
                try await store.partnerSources.deletePartnerEventSource(named: name, owner: owner)
            }
        }
    }

    private func partnerSources(createdBy caller: Caller) async throws -> [OfferedSource] {
        let now = clock.now
        return try await store.read { store in
            var offered: [OfferedSource] = []
            for source in try await store.partnerSources.partnerEventSources(createdBy: caller.account, region: caller.region) {
                if let offer = try await Self.offered(source, buses: store.resources, at: now) { offered.append(offer) }
            }
            return offered
        }
    }

    // MARK: The customer's side

    public func listEventSources(
        namePrefix: String?, nextToken: String?, limit: Int?, caller: Caller
    ) async throws -> Page<OfferedSource> {
        let now = clock.now
        let offers = try await store.read { store in
            var offered: [OfferedSource] = []
            for source in try await store.partnerSources.partnerEventSources(owner: caller)
            where source.name.hasPrefix(namePrefix ?? "") {
                if let offer = try await Self.offered(source, buses: store.resources, at: now) { offered.append(offer) }
            }
            return offered
        }
        return try Page(offers, key: \.source.name, after: nextToken, limit: limit)
    }

    public func describeEventSource(named name: String, caller: Caller) async throws -> OfferedSource {
        let now = clock.now
        return try await store.read { store in
            guard let offer = try await Self.offered(name, to: caller, sources: store.partnerSources, buses: store.resources, at: now) else {
                throw ServiceError.eventSourceNotFound(name)
            }
            return offer
        }
    }

    /// Activation before the matching bus exists is kept: the source turns
    /// `ACTIVE` when the bus is created.
    public func activateEventSource(named name: String, caller: Caller) async throws {
        try await changeActivation(of: name, caller: caller) { $0.deactivatedTime = nil }
    }

    public func deactivateEventSource(named name: String, caller: Caller) async throws {
        let now = clock.now
        try await changeActivation(of: name, caller: caller) { $0.deactivatedTime = $0.deactivatedTime ?? now }
    }

    private func changeActivation(
        of name: String, caller: Caller, _ change: @escaping @Sendable (inout PartnerEventSource) -> Void
    ) async throws {
        let now = clock.now
        try await store.write { store in
            guard let offer = try await Self.offered(name, to: caller, sources: store.partnerSources, buses: store.resources, at: now) else {
                throw ServiceError.eventSourceNotFound(name)
            }
            guard offer.state != .deleted else {
                // AWS's wording is unrecorded.
                throw ServiceError(code: "InvalidStateException", message: "Event source \(name) is deleted.")
            }
            var source = offer.source
            change(&source)
            try await store.partnerSources.save(source)
        }
    }

    /// The source offered to `owner` under `name`, with its state; nil when there is none.
    static func offered(
        _ name: String, to owner: Caller, sources: any PartnerSourceReader, buses: any ResourceReader, at now: Date
    ) async throws -> OfferedSource? {
        guard let source = try await sources.partnerEventSource(named: name, owner: owner) else { return nil }
        return try await offered(source, buses: buses, at: now)
    }

    static func offered(_ source: PartnerEventSource, buses: any ResourceReader, at now: Date) async throws -> OfferedSource? {
        let hasBus = try await buses.eventBus(named: source.name, owner: source.owner)?.eventSourceName == source.name
        guard let state = source.state(hasBus: hasBus, at: now) else { return nil }
        return OfferedSource(source: source, state: state, expirationTime: source.expirationTime(hasBus: hasBus))
    }
}

extension ServiceError {
    static func eventSourceNotFound(_ name: String) -> ServiceError {
        .resourceNotFound("Event source \(name) does not exist.")
    }
}

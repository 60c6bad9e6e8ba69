import EventPatterns
import Foundation

extension DataPlane {
    /// A partner's events (`PutPartnerEvents`): each entry's `Source` must be one of
    /// the caller's partner event sources, and reaches the partner event bus of
    /// every customer account where that source is `ACTIVE`, as an event of that
    /// account. A source no customer has active yet takes the event and drops it,
    /// as PutEvents does for a bus without rules.
    public func putPartnerEvents(_ entries: [PutEventsEntry], caller: Caller) async throws -> [PutEventsResult] {
        guard entries.reduce(0, { $0 + $1.size }) <= Self.maximumRequestSize else {
            throw ServiceError.validation("Total size of the entries in the request is over the limit.")
        }
        let ingestionTime = clock.now
        let customers = try await activeCustomers(ofPartner: caller, at: ingestionTime)
        var results: [PutEventsResult] = []
        var accepted: [AcceptedEvent] = []
        for entry in entries {
            let detail: JSONValue
            switch Self.detail(of: entry) {
            case .success(let parsed): detail = parsed
            case .failure(let failure):
                results.append(.failed(errorCode: failure.code, errorMessage: failure.message))
                continue
            }
            guard let owners = customers[entry.source!] else {
                results.append(.failed(errorCode: "NotAuthorizedForSourceException", errorMessage: "Not authorized for the source."))
                continue
            }
            var eventIds: [String] = []
            for owner in owners {
                let id = UUID().uuidString.lowercased()
                let text = EventEnvelope.text(
                    id: id, detailType: entry.detailType!, source: entry.source!, caller: owner, time: entry.time ?? ingestionTime,
                    resources: entry.resources ?? [], detail: detail)
                let event = Event(
                    id: id, eventBusArn: ResourceName.eventBus(entry.source!, owner), text: text, ingestionTime: ingestionTime)
                let matched = try matchedRules(
                    event, validation: detail.hasPlainKeys ? .alreadyChecked : .full, onBus: entry.source!, owner: owner,
                    readOnlyCloudTrail: false)
                accepted.append(AcceptedEvent(event: event, matchedRuleArns: matched))
                eventIds.append(id)
            }
            results.append(.accepted(eventId: eventIds.first ?? UUID().uuidString.lowercased()))
        }
        try await commit(accepted)
        return results
    }

    /// The partner's sources by name, each with the customers that have it active.
    private func activeCustomers(ofPartner partner: Caller, at now: Date) async throws -> [String: [Caller]] {
        try await store.read { store in
            var customers: [String: [Caller]] = [:]
            for source in try await store.partnerSources.partnerEventSources(createdBy: partner.account, region: partner.region) {
                let offer = try await ControlPlane.offered(source, buses: store.resources, at: now)
                guard let offer else { continue }
                customers[source.name, default: []] += offer.state == .active ? [source.owner] : []
            }
            return customers
        }
    }
}

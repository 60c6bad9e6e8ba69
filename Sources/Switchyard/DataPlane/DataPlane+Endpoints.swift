extension DataPlane {
    /// PutEvents through a global endpoint: onto the endpoint's bus in its home
    /// Region while the primary's health check passes, in the secondary Region while
    /// it fails; with replication, the other Region gets a copy of each accepted
    /// event, committed with it. An entry may name the endpoint's bus, by name or by
    /// its ARN in either Region, or no bus.
    func putEvents(
        _ entries: [PutEventsEntry], caller: Caller, lineage: Lineage, through endpointId: String
    ) async throws -> [PutEventsResult] {
        let (endpoint, healthy) = try await store.read { store -> (GlobalEndpoint?, Bool) in
            guard let endpoint = try await store.endpoints.endpoint(id: endpointId) else { return (nil, true) }
            return (endpoint, try await store.endpoints.healthCheckIsHealthy(endpoint.healthCheck) ?? true)
        }
        guard let endpoint, endpoint.owner.account == caller.account else {
            // AWS's wording is unrecorded: there, an unknown id is a host name that does not resolve.
            throw ServiceError.resourceNotFound("Endpoint \(endpointId) does not exist.")
        }
        let (primary, secondary) = (endpoint.owner.region, endpoint.secondaryRegion)
        let (active, other) = healthy ? (primary, secondary) : (secondary, primary)
        let busName = endpoint.eventBusArns.first.flatMap { ResourceName.parse($0) }.flatMap { resource -> String? in
            if case .eventBus(let name) = resource.resource { return name }
            return nil
        } ?? ResourceName.defaultEventBus

        var results = [PutEventsResult?](repeating: nil, count: entries.count)
        var routed: [(index: Int, entry: PutEventsEntry)] = []
        for (index, entry) in entries.enumerated() {
            if let named = entry.eventBusName, Self.busName(named) != busName {
                // AWS's wording is unrecorded.
                results[index] = .failed(
                    errorCode: "InvalidArgument", errorMessage: "Event bus \(named) is not a bus of endpoint \(endpoint.name).")
                continue
            }
            routed.append((index, entry))
        }
        func onto(_ region: String) -> [PutEventsEntry] {
            routed.map { item in
                var entry = item.entry
                entry.eventBusName = ResourceName.eventBus(busName, Caller(account: caller.account, region: region))
                return entry
            }
        }
        let (answers, acceptedHere) = try await accept(
            onto(active), caller: Caller(account: caller.account, region: active), lineage: lineage)
        var accepted = acceptedHere
        if endpoint.replicationEnabled {
            let copies = zip(onto(other), answers).filter { if case .accepted = $0.1 { true } else { false } }.map(\.0)
            if !copies.isEmpty {
                accepted += try await accept(copies, caller: Caller(account: caller.account, region: other), lineage: lineage).accepted
            }
        }
        for (item, answer) in zip(routed, answers) { results[item.index] = answer }
        try await commit(accepted)
        return results.map { $0! }
    }

    /// The name in a bus name or ARN.
    static func busName(_ nameOrArn: String) -> String {
        guard nameOrArn.hasPrefix("arn:"), let (resource, _) = ResourceName.parse(nameOrArn),
              case .eventBus(let name) = resource else { return nameOrArn }
        return name
    }
}

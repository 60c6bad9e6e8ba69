/// The policies of the buses a request reaches in other accounts, read from the
/// store once per bus and request. A bus that is not here allows nothing: on AWS
/// a bus of another account that does not exist is refused as one that does not
/// allow, and this keeps an account from learning which buses another has.
struct BusPolicies {
    let store: any Store
    private var read: [String: ResourcePolicy?] = [:]

    init(store: any Store) {
        self.store = store
    }

    mutating func decision(
        forBus name: String, of owner: Caller, on request: PolicyRequest
    ) async throws -> ResourcePolicy.Decision {
        let arn = ResourceName.eventBus(name, owner)
        if read[arn] == nil {
            let bus = try await store.read { try await $0.resources.eventBus(named: name, owner: owner) }
            read[arn] = .some(bus?.resourcePolicy)
        }
        return read[arn]!.map { $0.decision(for: request) } ?? .notAllowed
    }
}

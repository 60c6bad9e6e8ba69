/// Partner event sources: each name offered to each customer account and Region
/// once. Lists come sorted by name, then account.
public protocol PartnerSourceReader: Sendable {
    func partnerEventSource(named name: String, owner: Caller) async throws -> PartnerEventSource?
    /// The sources offered to the owner's account in its Region.
    func partnerEventSources(owner: Caller) async throws -> [PartnerEventSource]
    /// The sources a partner account created in a Region, for every customer.
    func partnerEventSources(createdBy partnerAccount: String, region: String) async throws -> [PartnerEventSource]
}

public protocol PartnerSourceWriter: PartnerSourceReader {
    /// Creates the source, or replaces it whole.
    func save(_ source: PartnerEventSource) async throws
    func deletePartnerEventSource(named name: String, owner: Caller) async throws
}

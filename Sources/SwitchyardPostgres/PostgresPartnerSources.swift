import Foundation
import PostgresNIO
import Switchyard

/// Partner event sources in PostgreSQL.
struct PostgresPartnerSources: PartnerSourceWriter {
    let session: PostgresSession

    func partnerEventSource(named name: String, owner: Caller) async throws -> PartnerEventSource? {
        try await session.row("""
            SELECT * FROM partner_event_source WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)
            """).map(Self.source)
    }

    func partnerEventSources(owner: Caller) async throws -> [PartnerEventSource] {
        try await session.rows("""
            SELECT * FROM partner_event_source WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name
            """).map(Self.source)
    }

    func partnerEventSources(createdBy partnerAccount: String, region: String) async throws -> [PartnerEventSource] {
        try await session.rows("""
            SELECT * FROM partner_event_source WHERE partner_account = \(partnerAccount) AND region = \(region)
            ORDER BY name, account
            """).map(Self.source)
    }

    func save(_ source: PartnerEventSource) async throws {
        try await session.execute("""
            INSERT INTO partner_event_source
              (account, region, name, partner_account, creation_time, deactivated_time, is_deleted)
            VALUES (\(source.owner.account), \(source.owner.region), \(source.name), \(source.partnerAccount),
                    \(source.creationTime.timeIntervalSince1970), \(source.deactivatedTime?.timeIntervalSince1970),
                    \(source.isDeleted))
            ON CONFLICT (account, region, name) DO UPDATE SET partner_account = excluded.partner_account,
              creation_time = excluded.creation_time, deactivated_time = excluded.deactivated_time,
              is_deleted = excluded.is_deleted
            """)
    }

    func deletePartnerEventSource(named name: String, owner: Caller) async throws {
        try await session.execute("""
            DELETE FROM partner_event_source WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)
            """)
    }

    private static func source(_ row: PostgresRandomAccessRow) throws -> PartnerEventSource {
        var source = PartnerEventSource(
            name: try row.value("name"), owner: Caller(account: try row.value("account"), region: try row.value("region")),
            partnerAccount: try row.value("partner_account"),
            creationTime: Date(timeIntervalSince1970: try row.value("creation_time")))
        source.deactivatedTime = try row.value("deactivated_time", as: Double?.self).map(Date.init(timeIntervalSince1970:))
        source.isDeleted = try row.value("is_deleted")
        return source
    }
}

import Foundation
import GRDB
import Switchyard

/// Partner event sources in SQLite.
struct SQLitePartnerSources: PartnerSourceWriter {
    let connection: SQLiteConnection

    func partnerEventSource(named name: String, owner: Caller) async throws -> PartnerEventSource? {
        try await connection.access { db in
            try Row.fetchOne(db, SQLRequest<Row>("""
                SELECT * FROM partnerEventSource WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)
                """)).map(Self.source)
        }
    }

    func partnerEventSources(owner: Caller) async throws -> [PartnerEventSource] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>("""
                SELECT * FROM partnerEventSource WHERE account = \(owner.account) AND region = \(owner.region) ORDER BY name
                """)).map(Self.source)
        }
    }

    func partnerEventSources(createdBy partnerAccount: String, region: String) async throws -> [PartnerEventSource] {
        try await connection.access { db in
            try Row.fetchAll(db, SQLRequest<Row>("""
                SELECT * FROM partnerEventSource WHERE partnerAccount = \(partnerAccount) AND region = \(region)
                ORDER BY name, account
                """)).map(Self.source)
        }
    }

    func save(_ source: PartnerEventSource) async throws {
        try await connection.access { db in
            try db.execute(literal: """
                INSERT OR REPLACE INTO partnerEventSource
                  (account, region, name, partnerAccount, creationTime, deactivatedTime, isDeleted)
                VALUES (\(source.owner.account), \(source.owner.region), \(source.name), \(source.partnerAccount),
                        \(source.creationTime.timeIntervalSince1970), \(source.deactivatedTime?.timeIntervalSince1970),
                        \(source.isDeleted))
                """)
        }
    }

    func deletePartnerEventSource(named name: String, owner: Caller) async throws {
        try await connection.access { db in
            try db.execute(literal: """
                DELETE FROM partnerEventSource WHERE account = \(owner.account) AND region = \(owner.region) AND name = \(name)
                """)
        }
    }

    private static func source(_ row: Row) -> PartnerEventSource {
        var source = PartnerEventSource(
            name: row["name"], owner: Caller(account: row["account"], region: row["region"]),
            partnerAccount: row["partnerAccount"], creationTime: Date(timeIntervalSince1970: row["creationTime"]))
        source.deactivatedTime = (row["deactivatedTime"] as Double?).map(Date.init(timeIntervalSince1970:))
        source.isDeleted = row["isDeleted"]
        return source
    }
}

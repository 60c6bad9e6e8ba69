import PostgresNIO

extension PostgresStore {
    /// The tables whose rows live briefly: a message until it is deleted, a
    /// deduplication id for five minutes, a delivery (and its event) until it is made.
    static let queueLikeTables = ["message", "deduplication", "delivery", "event"]
    /// Dead rows that make a queue-like table worth vacuuming at once.
    public static let vacuumThreshold = 5_000

    /// Vacuums each queue-like table as soon as it holds `vacuumThreshold` dead rows.
    /// Receives and claims read these tables from the oldest row on, so after a
    /// burst (a purge, a drained backlog) every one of them wades through the dead
    /// rows' index entries until a vacuum removes them; autovacuum looks only once a
    /// minute, and a minute of that doubled the p99 of a PutEvents→receive here.
    /// Run by the singleton role's holder, on a pooled connection, so that a long
    /// vacuum never delays the role's own checks.
    func vacuumQueueLikeTables(every interval: Duration) async {
        while !Task.isCancelled {
            do {
                let rows = try await client.withConnection { connection in
                    try await PostgresSession(connection: connection, logger: logger).rows("""
                        SELECT relname::text AS relname FROM pg_stat_user_tables
                        WHERE relname = ANY(\(Self.queueLikeTables)) AND n_dead_tup >= \(Self.vacuumThreshold)
                        """)
                }
                for row in rows {
                    let table = try row.value("relname", as: String.self)
                    // A table name cannot be bound; this one comes from the list above.
                    try await client.withConnection { connection in
                        try await PostgresSession(connection: connection, logger: logger)
                            .execute(PostgresQuery(unsafeSQL: "VACUUM \(table)"))
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("Vacuuming queue-like tables failed", metadata: ["error": "\(Self.reason(error))"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}

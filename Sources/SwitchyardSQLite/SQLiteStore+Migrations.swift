import GRDB

extension SQLiteStore {
    /// Named, ordered schema changes; a database records which it has applied.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("control plane: buses, rules, targets, tags") { db in
            try db.create(table: "eventBus") { table in
                table.primaryKey("arn", .text)
                table.column("account", .text).notNull()
                table.column("region", .text).notNull()
                table.column("name", .text).notNull()
                table.column("description", .text)
                table.column("kmsKeyIdentifier", .text)
                table.column("deadLetterConfig", .text)
                table.column("logConfig", .text)
                table.column("eventSourceName", .text)
                table.column("policy", .text)
                table.column("creationTime", .double).notNull()
                table.column("lastModifiedTime", .double).notNull()
            }
            try db.create(index: "eventBusByOwner", on: "eventBus", columns: ["account", "region", "name"])
            try db.create(table: "rule") { table in
                table.primaryKey("arn", .text)
                table.column("account", .text).notNull()
                table.column("region", .text).notNull()
                table.column("eventBusName", .text).notNull()
                table.column("name", .text).notNull()
                table.column("eventPattern", .text)
                table.column("scheduleExpression", .text)
                table.column("state", .text).notNull()
                table.column("description", .text)
                table.column("roleArn", .text)
                table.column("managedBy", .text)
                table.column("createdBy", .text).notNull()
            }
            try db.create(index: "ruleByBus", on: "rule", columns: ["account", "region", "eventBusName", "name"])
            try db.create(table: "target") { table in
                table.column("ruleArn", .text).notNull()
                table.column("position", .integer).notNull()
                table.column("definition", .text).notNull()
                table.primaryKey(["ruleArn", "position"])
            }
            try db.create(table: "tag") { table in
                table.column("resourceArn", .text).notNull()
                table.column("position", .integer).notNull()
                table.column("key", .text).notNull()
                table.column("value", .text).notNull()
                table.primaryKey(["resourceArn", "position"])
            }
        }
        return migrator
    }
}

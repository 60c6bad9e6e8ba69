import Switchyard

/// The store's areas over committed state.
struct PostgresReader: StoreReader {
    let session: PostgresSession

    var resources: any ResourceReader { PostgresResources(session: session) }
    var queues: any QueueReader { PostgresQueues(session: session) }
    var logs: any LogReader { PostgresLogs(session: session) }
    var schedules: any ScheduleReader { PostgresSchedules(session: session) }
    var archives: any ArchiveReader { PostgresArchives(session: session) }
    var connections: any ConnectionReader { PostgresConnections(session: session) }
    var trails: any TrailReader { PostgresTrails(session: session) }
    var partnerSources: any PartnerSourceReader { PostgresPartnerSources(session: session) }
    var endpoints: any EndpointReader { PostgresEndpoints(session: session) }
}

/// The store's areas inside one PostgreSQL transaction.
struct PostgresTransaction: StoreWriter {
    let session: PostgresSession

    var resources: any ResourceWriter { PostgresResources(session: session) }
    var eventLog: any EventLog { PostgresEventLog(session: session) }
    var queues: any QueueWriter { PostgresQueues(session: session) }
    var logs: any LogWriter { PostgresLogs(session: session) }
    var schedules: any ScheduleWriter { PostgresSchedules(session: session) }
    var archives: any ArchiveWriter { PostgresArchives(session: session) }
    var connections: any ConnectionWriter { PostgresConnections(session: session) }
    var trails: any TrailWriter { PostgresTrails(session: session) }
    var partnerSources: any PartnerSourceWriter { PostgresPartnerSources(session: session) }
    var endpoints: any EndpointWriter { PostgresEndpoints(session: session) }
}

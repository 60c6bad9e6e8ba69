import Foundation
import EventPatterns
public import Logging
import Metrics

/// EventBridge's data plane: PutEvents. Each accepted entry becomes an event on its
/// bus, matched against the bus's compiled rules, and is committed together with
/// what it owes every target of every matching rule before PutEvents answers. The
/// store commits concurrent requests together, so this durability is cheap.
///
/// A queue of this server is delivered to in that same commit: the message is
/// there, atomically with the acknowledgement. Every other target, and a queue
/// delivery that cannot be made at once, gets a durable delivery that the delivery
/// worker attempts, retries and dead-letters.
public struct DataPlane: Sendable {
    /// AWS's limit on the summed size of a request's entries.
    public static let maximumRequestSize = 262_144
    /// The envelope field a replayed event carries: the replay's name.
    static let replayNameField = "replay-name"

    let store: any Store
    let machines: RuleMachines
    let queues: QueueService
    let clock: any WallClock
    let logger: Logger
    let organizations: any Organizations
    private let deliveriesArrived: @Sendable () -> Void

    struct AcceptedEvent: Sendable {
        var event: Event
        var matchedRuleArns: [String]
    }

    /// `deliveriesArrived` runs after each commit that created deliveries: it wakes the
    /// delivery workers.
    public init(
        store: any Store, machines: RuleMachines, queues: QueueService, clock: any WallClock = SystemClock(), logger: Logger,
        organizations: any Organizations = NoOrganizations(), deliveriesArrived: @escaping @Sendable () -> Void
    ) {
        self.organizations = organizations
        self.store = store
        self.machines = machines
        self.queues = queues
        self.clock = clock
        self.logger = logger
        self.deliveriesArrived = deliveriesArrived
    }

    /// `lineage` is the call's: set when a rule's delivery made it. With
    /// `endpointId`, the events go where that global endpoint routes them.
    public func putEvents(
        _ entries: [PutEventsEntry], caller: Caller, lineage: Lineage = .none, endpointId: String? = nil
    ) async throws -> [PutEventsResult] {
        guard entries.reduce(0, { $0 + $1.size }) <= Self.maximumRequestSize else {
            throw ServiceError.validation("Total size of the entries in the request is over the limit.")
        }
        if let endpointId { return try await putEvents(entries, caller: caller, lineage: lineage, through: endpointId) }
        let (results, accepted) = try await accept(entries, caller: caller, lineage: lineage)
        try await commit(accepted)
        return results
    }

    /// The events entries make, each matched, and the answer for each entry.
    func accept(
        _ entries: [PutEventsEntry], caller: Caller, lineage: Lineage
    ) async throws -> (results: [PutEventsResult], accepted: [AcceptedEvent]) {
        let ingestionTime = clock.now
        var results: [PutEventsResult] = []
        var accepted: [AcceptedEvent] = []
        var policies = BusPolicies(store: store)
        for entry in entries {
            switch Self.event(from: entry, caller: caller, ingestionTime: ingestionTime) {
            case .success(let (built, bus, readOnlyCloudTrail, validation)):
                var event = built
                event.lineage = lineage
                if bus.owner != caller {
                    let request = PolicyRequest(
                        account: caller.account, organizations: organizations, action: "events:PutEvents",
                        resource: event.eventBusArn, context: ["events:source": entry.source!, "events:detail-type": entry.detailType!])
                    let decision = try await policies.decision(forBus: bus.name, of: bus.owner, on: request)
                    guard decision == .allowed else {
                        results.append(.failed(errorCode: "AccessDeniedException", errorMessage: decision.refusal(of: request)))
                        continue
                    }
                }
                do {
                    let matched = try matchedRules(
                        event, validation: validation, onBus: bus.name, owner: bus.owner, readOnlyCloudTrail: readOnlyCloudTrail)
                    results.append(.accepted(eventId: event.id))
                    accepted.append(AcceptedEvent(event: event, matchedRuleArns: matched))
                } catch {
                    // An event built here always scans; were it not to, this entry fails alone, not the batch.
                    results.append(.failed(errorCode: "InternalFailure", errorMessage: "The event could not be matched: \(error)"))
                }
            case .failure(let failure):
                results.append(.failed(errorCode: failure.code, errorMessage: failure.message))
            }
        }
        return (results, accepted)
    }

    /// What became of an event a rule forwards to a bus.
    public enum Forwarding: Sendable {
        case delivered
        case failed(DeliveryFailure)
        /// The bus is another account's, and that account has no such bus here: it is elsewhere.
        case notHere
    }

    /// Puts an event a rule forwards onto another bus, as a new event there. A bus
    /// of another account takes it only while its policy allows the rule's account
    /// (or the target's role) to put events on it, as on AWS; a refusal is not retried.
    public func forward(_ invocation: TargetInvocation) async throws -> Forwarding {
        let busArn = invocation.target.arn
        guard let (resource, owner) = ResourceName.parse(busArn), case .eventBus(let busName) = resource,
              let sender = ResourceName.parse(invocation.ruleArn)?.caller else {
            return .failed(DeliveryFailure(code: "RESOURCE_NOT_FOUND", message: "Event bus \(busArn) does not exist.", isRetryable: false))
        }
        guard let bus = try await store.read({ try await $0.resources.eventBus(named: busName, owner: owner) }) else {
            if owner.account != sender.account { return .notHere }
            return .failed(DeliveryFailure(code: "RESOURCE_NOT_FOUND", message: "Event bus \(busArn) does not exist.", isRetryable: false))
        }
        guard bus.eventSourceName == nil else {
            // A partner event bus takes its partner's events only.
            return .failed(DeliveryFailure(
                code: "NO_PERMISSIONS", message: "Event bus \(busArn) is a partner event bus: only its partner puts events on it.",
                isRetryable: false))
        }
        guard case .object(var members) = try JSONParser.parse(invocation.input) else {
            return .failed(DeliveryFailure(code: "INVALID_JSON", message: "The event is not a JSON object.", isRetryable: false))
        }
        if owner.account != sender.account, let refusal = refusal(of: invocation, by: bus, event: JSONValue.object(members)) {
            return .failed(refusal)
        }
        let id = UUID().uuidString.lowercased()
        if let index = members.firstIndex(where: { $0.key == "id" }) { members[index].value = .string(id) }
        let forwarded = JSONValue.object(members)
        let event = Event(
            id: id, eventBusArn: busArn, text: forwarded.jsonText, ingestionTime: clock.now, forwarded: true,
            lineage: invocation.event.lineage.caused(by: invocation.ruleArn))
        let readOnlyCloudTrail = CloudTrailEvents.isReadOnlyAPICall(
            detailType: forwarded["detail-type"]?.stringValue, detail: forwarded["detail"])
        let matchedRuleArns = try matchedRules(
            event, validation: forwarded.hasPlainKeys ? .alreadyChecked : .full, onBus: busName, owner: owner,
            readOnlyCloudTrail: readOnlyCloudTrail)
        try await commit([AcceptedEvent(event: event, matchedRuleArns: matchedRuleArns)])
        return .delivered
    }

    /// Why another account's bus refuses what a rule forwards, if it does: its
    /// policy must allow the rule's account, or the target's role, to put the event.
    private func refusal(of invocation: TargetInvocation, by bus: EventBus, event: JSONValue) -> DeliveryFailure? {
        let sender = ResourceName.parse(invocation.ruleArn)?.caller.account ?? ""
        let request = PolicyRequest(
            account: sender, role: invocation.target.definition["RoleArn"]?.stringValue, organizations: organizations,
            action: "events:PutEvents", resource: bus.arn,
            context: [
                "aws:SourceArn": invocation.ruleArn, "aws:SourceAccount": sender,
                "events:source": event["source"]?.stringValue ?? "", "events:detail-type": event["detail-type"]?.stringValue ?? "",
            ])
        let decision = bus.resourcePolicy?.decision(for: request) ?? .notAllowed
        guard decision != .allowed else { return nil }
        return DeliveryFailure(code: "CROSS_ACCOUNT_INGESTION_FAILED", message: decision.refusal(of: request), isRetryable: false)
    }

    /// An event an AWS service sends (`source` `aws.…`): onto the default bus of
    /// `owner`, or onto `busName` of that account, matched now. `account` is the one
    /// the event says it is from, the bus's own by default. A read-only API call
    /// that CloudTrail reports reaches only the rules that ask for those.
    func serviceEvent(
        source: String, detailType: String, detail: JSONValue, owner: Caller, account: String? = nil, time: Date,
        resources: [String] = [], busName: String = "default", lineage: Lineage = .none
    ) throws -> AcceptedEvent {
        let id = UUID().uuidString.lowercased()
        let text = EventEnvelope.text(
            id: id, detailType: detailType, source: source, caller: Caller(account: account ?? owner.account, region: owner.region),
            time: time, resources: resources, detail: detail)
        let event = Event(
            id: id, eventBusArn: ResourceName.eventBus(busName, owner), text: text, ingestionTime: clock.now, lineage: lineage)
        let readOnlyCloudTrail = CloudTrailEvents.isReadOnlyAPICall(detailType: detailType, detail: detail)
        let matched = try matchedRules(
            event, validation: detail.hasPlainKeys ? .alreadyChecked : .full, onBus: busName, owner: owner,
            readOnlyCloudTrail: readOnlyCloudTrail)
        return AcceptedEvent(event: event, matchedRuleArns: matched)
    }

    /// Whole events as AWS services send them (Switchyard's `PutServiceEvents`):
    /// each onto the default bus (or `busName`) of the caller's account in the
    /// event's Region, committed and owed to its rules' targets before this returns.
    /// An event that is not one fails alone, as a PutEvents entry does.
    public func putServiceEvents(
        _ texts: [String], busName: String?, caller: Caller, lineage: Lineage = .none
    ) async throws -> [PutEventsResult] {
        var results: [PutEventsResult] = []
        var accepted: [AcceptedEvent] = []
        for text in texts {
            do {
                let event = try ServiceEvent(text, caller: caller)
                let busName = try ControlPlane.eventBusName(busName, Caller(account: caller.account, region: event.region))
                // A partner event bus takes its partner's events only, never AWS services'.
                guard !busName.hasPrefix("aws.") else { throw ServiceError.validation("Event bus \(busName) is a partner event bus.") }
                let owner = Caller(account: caller.account, region: event.region)
                let item = try serviceEvent(
                    source: event.source, detailType: event.detailType, detail: event.detail, owner: owner,
                    account: event.account, time: event.time, resources: event.resources, busName: busName, lineage: lineage)
                accepted.append(item)
                results.append(.accepted(eventId: item.event.id))
            } catch let failure as EntryFailure {
                results.append(.failed(errorCode: failure.code, errorMessage: failure.message))
            } catch let error as ServiceError {
                results.append(.failed(errorCode: "InvalidArgument", errorMessage: error.message))
            }
        }
        try await commit(accepted)
        return results
    }

    func commit(_ accepted: [AcceptedEvent]) async throws {
        let owing = accepted.filter { !$0.matchedRuleArns.isEmpty }
        guard !owing.isEmpty else { return }
        let moment = clock.now
        let (deliveries, queueArns) = try await store.write { store in
            try await Self.deliver(owing, at: moment, in: store)
        }
        announce(deliveries: deliveries, queueArns: queueArns)
    }

    /// After a commit that delivered: wakes the receivers of the queues it sent to,
    /// and the delivery workers when it recorded deliveries.
    func announce(deliveries: Int, queueArns: Set<String>) {
        queues.signalArrivals(queueArns)
        if deliveries > 0 { deliveriesArrived() }
    }

    /// Inside the accepting transaction: keeps what archives' rules matched, sends
    /// what it can to this server's queues, records a delivery for everything else.
    /// Returns how many deliveries it recorded and the queues it sent to.
    static func deliver(_ accepted: [AcceptedEvent], at now: Date, in store: any StoreWriter) async throws -> (Int, Set<String>) {
        var routesByRule: [String: [(target: Target, route: Route)]] = [:]
        var deliveries: [Delivery] = []
        var sends: [(queueArn: String, message: OutgoingMessage)] = []
        var sent: [Delivery] = []
        var archived: [ArchivedEvent] = []
        for item in accepted {
            let event = item.event
            for ruleArn in item.matchedRuleArns {
                if routesByRule[ruleArn] == nil {
                    routesByRule[ruleArn] = try await store.resources.targets(ofRule: ruleArn).map { ($0, Route(of: $0, ruleArn: ruleArn)) }
                }
                for (target, route) in routesByRule[ruleArn]! {
                    switch route {
                    case .archive(let archiveArn):
                        archived.append(ArchivedEvent(
                            archiveArn: archiveArn, eventId: event.id, receivedTime: event.ingestionTime, text: event.text))
                    case .localQueue:
                        let delivery = Delivery(eventId: event.id, ruleArn: ruleArn, targetId: target.id, ingestionTime: event.ingestionTime)
                        guard let input = try? target.input(forEvent: event.text, ruleArn: ruleArn, ingestionTime: event.ingestionTime) else {
                            deliveries.append(delivery)
                            continue
                        }
                        sends.append((target.arn, LocalQueues.message(input, for: target, event: event)))
                        sent.append(delivery)
                    case .delivery:
                        deliveries.append(Delivery(eventId: event.id, ruleArn: ruleArn, targetId: target.id, ingestionTime: event.ingestionTime))
                    }
                }
            }
        }
        var queueArns: Set<String> = []
        for (result, send) in zip(try await QueueService.send(sends, at: now, in: store), zip(sent, sends)) {
            switch result {
            case .success: queueArns.insert(send.1.queueArn)
            // The worker makes the attempt again, and fails, retries or dead-letters it as the target says.
            case .failure: deliveries.append(send.0)
            }
        }
        try await store.eventLog.append(accepted.map(\.event), deliveries: deliveries)
        if !archived.isEmpty { try await store.archives.append(archived) }
        return (deliveries.count, queueArns)
    }

    /// Where a rule's target takes an event in the accepting commit, worked out once
    /// per rule and batch rather than per event.
    enum Route {
        /// An archive's rule: the event is kept in the archive.
        case archive(arn: String)
        /// A queue of this server: the message is sent in the commit.
        case localQueue
        /// Anything else: a durable delivery for the worker.
        case delivery

        init(of target: Target, ruleArn: String) {
            if let archiveArn = Archive.arn(fedBy: target, ofRule: ruleArn) {
                self = .archive(arn: archiveArn)
            } else if target.destination?.kind == .queue, target.destination?.isLocal(toRule: ruleArn) == true {
                self = .localQueue
            } else {
                self = .delivery
            }
        }
    }

    /// The ARNs of the rules on the event's bus that match it. An event for a bus that
    /// does not exist matches nothing: AWS accepts it and drops it.
    /// Plain ENABLED rules do not see read-only API calls that CloudTrail reports.
    func matchedRules(
        _ event: Event, validation: EventValidation, onBus busName: String, owner: Caller, readOnlyCloudTrail: Bool
    ) throws -> [String] {
        guard let machine = machines.machine(forBus: event.eventBusArn) else { return [] }
        var names = try machine.matches(event.text.utf8, validation: validation)
        if readOnlyCloudTrail {
            names.removeAll { !machines.receivesReadOnlyCloudTrailEvents($0, onBus: event.eventBusArn) }
        }
        return names.map { ResourceName.rule($0, onBus: busName, owner) }.filter { !stopsLoop(of: $0, at: event) }
    }

    /// Whether a rule had its generations of the events it causes: its deliveries
    /// of this one are left out, with a log line and a count.
    func stopsLoop(of ruleArn: String, at event: Event) -> Bool {
        guard event.lineage.hasLooped(ruleArn) else { return false }
        logger.warning("A rule triggers itself: its deliveries are stopped", metadata: [
            "rule": "\(ruleArn)", "eventId": "\(event.id)", "generations": "\(Lineage.limit)",
        ])
        Counter(label: "switchyard_rule_loops_stopped", dimensions: [("rule", ruleArn)]).increment()
        return true
    }

    struct EntryFailure: Error {
        var code: String
        var message: String

        static func invalidArgument(_ parameter: String) -> EntryFailure {
            EntryFailure(code: "InvalidArgument", message: "Parameter \(parameter) is not valid. Reason: \(parameter) is a required argument.")
        }
    }

    /// An entry's detail, once it has the members every event needs.
    static func detail(of entry: PutEventsEntry) -> Result<JSONValue, EntryFailure> {
        guard let source = entry.source, !source.isEmpty else { return .failure(.invalidArgument("Source")) }
        guard let detailType = entry.detailType, !detailType.isEmpty else { return .failure(.invalidArgument("DetailType")) }
        guard let detailText = entry.detail, !detailText.isEmpty else { return .failure(.invalidArgument("Detail")) }
        // The envelope puts the detail one level down: a detail as deep as the parser
        // allows would make an event too deep to match.
        guard let detail = try? JSONParser.parse(detailText, maximumDepth: JSONParser.defaultMaximumDepth - 1),
              case .object = detail else {
            return .failure(EntryFailure(code: "MalformedDetail", message: "Detail is malformed."))
        }
        return .success(detail)
    }

    /// The event an entry makes, with its bus, whether it is a read-only CloudTrail
    /// API call and how much matching may take for granted; or the per-entry error
    /// AWS answers with.
    static func event(
        from entry: PutEventsEntry, caller: Caller, ingestionTime: Date
    ) -> Result<(Event, bus: (name: String, owner: Caller), readOnlyCloudTrail: Bool, validation: EventValidation), EntryFailure> {
        let detail: JSONValue
        switch Self.detail(of: entry) {
        case .success(let parsed): detail = parsed
        case .failure(let failure): return .failure(failure)
        }
        let (source, detailType) = (entry.source!, entry.detailType!)
        if source.hasPrefix("aws.") {
            return .failure(EntryFailure(code: "NotAuthorizedForSourceException", message: "Not authorized for the source."))
        }
        let bus: (name: String, owner: Caller)
        do throws(ServiceError) {
            bus = try ControlPlane.eventBus(entry.eventBusName, caller)
            // Another account's bus is reached in the caller's Region only.
            guard bus.owner.region == caller.region else { throw .eventBusNotFound(bus.name) }
        } catch {
            return .failure(EntryFailure(code: "InvalidArgument", message: error.message))
        }
        let id = UUID().uuidString.lowercased()
        let text = EventEnvelope.text(
            id: id, detailType: detailType, source: source, caller: caller, time: entry.time ?? ingestionTime,
            resources: entry.resources ?? [], detail: detail)
        let event = Event(
            id: id, eventBusArn: ResourceName.eventBus(bus.name, bus.owner), text: text, ingestionTime: ingestionTime,
            traceHeader: entry.traceHeader)
        // The envelope's own keys are plain, so the detail decides.
        return .success((
            event, bus, CloudTrailEvents.isReadOnlyAPICall(detailType: detailType, detail: detail),
            detail.hasPlainKeys ? .alreadyChecked : .full))
    }
}

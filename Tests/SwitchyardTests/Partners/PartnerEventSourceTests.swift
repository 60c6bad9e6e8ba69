import EventPatterns
import Foundation
import Logging
import Switchyard
import SwitchyardSQLite
import Testing

/// A partner account offers a source to a customer account, which matches it with
/// a partner event bus and receives the partner's events there.
struct PartnerEventSourceTests {
    let partner = Caller(account: "999999999999", region: "eu-west-1")
    let customer = Caller(account: "111111111111", region: "eu-west-1")
    let name = "aws.partner/example.com/tenant-1/orders"
    let clock = TestClock()
    let backend: Backend

    init() throws {
        var configuration = ControlPlane.Configuration()
        configuration.partners = [partner.account: ["example.com"]]
        backend = Backend(
            store: try SQLiteStore.temporary(), logger: Logger(label: "test"), clock: clock,
            controlPlaneConfiguration: configuration)
    }

    var controlPlane: ControlPlane { backend.controlPlane }

    func state() async throws -> String? {
        try? await controlPlane.describeEventSource(named: name, caller: customer).state.rawValue
    }

    /// The customer's partner bus, with a rule sending everything on it to a queue.
    func partnerBusWithInbox() async throws -> Queue {
        _ = try await controlPlane.createEventBus(name: name, eventSourceName: name, settings: .init(), tags: [], caller: customer)
        let inbox = try await backend.queues.createQueue(named: "inbox", attributes: [:], caller: customer)
        _ = try await controlPlane.putRule(
            "all", onBus: name, .init(eventPattern: #"{"source":[{"prefix":"aws.partner/"}]}"#), tags: [], caller: customer)
        _ = try await controlPlane.putTargets(
            [Target(definition: try JSONParser.parse(#"{"Id":"q","Arn":"\#(inbox.arn)"}"#))], rule: "all", onBus: name,
            caller: customer)
        return inbox
    }

    func putPartnerEvent(source: String? = nil) async throws -> PutEventsResult? {
        try await backend.dataPlane.putPartnerEvents(
            [PutEventsEntry(source: source ?? name, detailType: "order", detail: #"{"n":1}"#)], caller: partner
        ).first
    }

    func received(_ queue: Queue) async throws -> [String] {
        try await backend.queues.receive(fromQueue: queue.arn, maximum: 10, visibilityTimeout: nil, waitTime: 0).map(\.body)
    }

    @Test func onlyAnAccountThatIsThePartnerCreatesSourcesUnderItsName() async throws {
        await #expect(throws: ServiceError.self) {
            try await controlPlane.createPartnerEventSource(named: name, account: customer.account, caller: customer)
        }
        await #expect(throws: ServiceError.self) {
            try await controlPlane.createPartnerEventSource(
                named: "aws.partner/other.com/x", account: customer.account, caller: partner)
        }
        let source = try await controlPlane.createPartnerEventSource(named: name, account: customer.account, caller: partner)
        #expect(source.arn == "arn:aws:events:eu-west-1::event-source/\(name)")
        await #expect(throws: ServiceError.resourceAlreadyExists("Event source \(name) already exists.")) {
            try await controlPlane.createPartnerEventSource(named: name, account: customer.account, caller: partner)
        }
    }

    @Test func aSourceIsPendingUntilItsBusExistsAndWhileItIsDeactivated() async throws {
        _ = try await controlPlane.createPartnerEventSource(named: name, account: customer.account, caller: partner)
        let offered = try await controlPlane.describeEventSource(named: name, caller: customer)
        #expect(offered.state == .pending)
        #expect(offered.expirationTime == clock.now.addingTimeInterval(PartnerEventSource.pendingLifetime))
        #expect(offered.source.partnerName == "example.com")

        let inbox = try await partnerBusWithInbox()
        #expect(try await state() == "ACTIVE")
        guard case .accepted = try await putPartnerEvent() else { throw Failure("refused") }
        let events = try await received(inbox).map { try JSONParser.parse($0) }
        #expect(events.map { $0["source"]?.stringValue } == [name])
        #expect(events.map { $0["account"]?.stringValue } == [customer.account], "the event is the customer's")

        try await controlPlane.deactivateEventSource(named: name, caller: customer)
        #expect(try await state() == "PENDING")
        guard case .accepted = try await putPartnerEvent() else { throw Failure("refused") }
        #expect(try await received(inbox).isEmpty, "a deactivated source delivers nothing")

        try await controlPlane.activateEventSource(named: name, caller: customer)
        _ = try await putPartnerEvent()
        #expect(try await received(inbox).count == 1)
    }

    @Test func aPartnerPutsEventsOnlyFromItsOwnSources() async throws {
        guard case .failed("NotAuthorizedForSourceException", _) = try await putPartnerEvent(source: "aws.partner/example.com/none") else {
            throw Failure("accepted from a source that is not the partner's")
        }
    }

    @Test func aDeletedSourceIsDeletedForACustomerWithTheBusAndGoneForOneWithout() async throws {
        let other = Caller(account: "222222222222", region: "eu-west-1")
        for account in [customer.account, other.account] {
            _ = try await controlPlane.createPartnerEventSource(named: name, account: account, caller: partner)
        }
        _ = try await partnerBusWithInbox()
        for account in [customer.account, other.account] {
            try await controlPlane.deletePartnerEventSource(named: name, account: account, caller: partner)
        }
        #expect(try await state() == "DELETED")
        await #expect(throws: ServiceError.resourceNotFound("Event source \(name) does not exist.")) {
            try await controlPlane.describeEventSource(named: name, caller: other)
        }
        await #expect(throws: ServiceError.self) { try await controlPlane.activateEventSource(named: name, caller: customer) }
        let accounts = try await controlPlane.listPartnerEventSourceAccounts(named: name, nextToken: nil, limit: nil, caller: partner)
        #expect(accounts.items.map { [$0.source.owner.account, $0.state.rawValue] } == [[customer.account, "DELETED"]])
    }

    @Test func aSourceLeftPendingForTwoWeeksExpires() async throws {
        _ = try await controlPlane.createPartnerEventSource(named: name, account: customer.account, caller: partner)
        clock.advance(by: PartnerEventSource.pendingLifetime + 1)
        #expect(try await state() == nil)
        #expect(try await controlPlane.listEventSources(namePrefix: nil, nextToken: nil, limit: nil, caller: customer).items.isEmpty)
    }

    @Test func aPartnerBusIsNamedAfterASourceOfferedToTheAccount() async throws {
        await #expect(throws: ServiceError.resourceNotFound("Event source \(name) does not exist.")) {
            try await controlPlane.createEventBus(name: name, eventSourceName: name, settings: .init(), tags: [], caller: customer)
        }
        _ = try await controlPlane.createPartnerEventSource(named: name, account: customer.account, caller: partner)
        await #expect(throws: ServiceError.self) {
            try await controlPlane.createEventBus(name: "orders", eventSourceName: name, settings: .init(), tags: [], caller: customer)
        }
        await #expect(throws: ServiceError.validation("EventBus name starting with 'aws.' is not valid.")) {
            try await controlPlane.createEventBus(name: "aws.orders", eventSourceName: nil, settings: .init(), tags: [], caller: customer)
        }
        let bus = try await controlPlane.createEventBus(name: name, eventSourceName: name, settings: .init(), tags: [], caller: customer)
        #expect(bus.arn == "arn:aws:events:eu-west-1:111111111111:event-bus/\(name)")
    }

    @Test func aRuleCannotForwardEventsOntoAPartnerBus() async throws {
        _ = try await controlPlane.createPartnerEventSource(named: name, account: customer.account, caller: partner)
        let inbox = try await partnerBusWithInbox()
        let busArn = ResourceName.eventBus(name, customer)
        _ = try await controlPlane.putRule("forward", onBus: nil, .init(eventPattern: #"{"source":["app"]}"#), tags: [], caller: customer)
        _ = try await controlPlane.putTargets(
            [Target(definition: try JSONParser.parse(#"{"Id":"bus","Arn":"\#(busArn)"}"#))], rule: "forward", onBus: nil, caller: customer)
        _ = try await backend.dataPlane.putEvents([PutEventsEntry(source: "app", detailType: "x", detail: "{}")], caller: customer)
        try await backend.deliveryWorker.deliverDue()
        #expect(try await received(inbox).isEmpty)
    }
}

import Switchyard
import Testing

struct ResourcePolicyTests {
    let bus = "arn:aws:events:us-east-1:222222222222:event-bus/shared"

    func policy(_ statements: String) throws -> ResourcePolicy {
        try #require(ResourcePolicy(text: #"{"Version":"2012-10-17","Statement":\#(statements)}"#))
    }

    func putEvents(by account: String, organization: String? = nil, context: [String: String] = [:]) -> PolicyRequest {
        var context = context
        if let organization { context["aws:PrincipalOrgID"] = organization }
        return PolicyRequest(principal: .account(account), action: "events:PutEvents", resource: bus, context: context)
    }

    @Test func anAccountIsNamedByItsIdOrItsRootArn() throws {
        let byRoot = try policy(#"[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"events:PutEvents","Resource":"\#(bus)"}]"#)
        let byId = try policy(#"[{"Effect":"Allow","Principal":{"AWS":["333333333333","111111111111"]},"Action":"events:PutEvents","Resource":"\#(bus)"}]"#)
        for policy in [byRoot, byId] {
            #expect(policy.allows(putEvents(by: "111111111111")))
            #expect(!policy.allows(putEvents(by: "444444444444")))
        }
    }

    @Test func nothingIsAllowedThatNoStatementAllows() throws {
        let policy = try policy(#"[{"Effect":"Allow","Principal":"*","Action":"events:PutRule","Resource":"\#(bus)"}]"#)
        #expect(policy.decision(for: putEvents(by: "111111111111")) == .notAllowed)
    }

    @Test func anExplicitDenyWinsOverAnyAllow() throws {
        let policy = try policy(#"""
            [{"Effect":"Allow","Principal":"*","Action":"events:*","Resource":"*"},
             {"Effect":"Deny","Principal":{"AWS":"111111111111"},"Action":"events:PutEvents","Resource":"\#(bus)"}]
            """#)
        #expect(policy.decision(for: putEvents(by: "111111111111")) == .explicitlyDenied)
        #expect(policy.decision(for: putEvents(by: "333333333333")) == .allowed)
    }

    @Test func actionsMatchWildcardsWithoutRegardToCaseAndResourcesWithIt() throws {
        let policy = try policy(#"[{"Effect":"Allow","Principal":"*","Action":"EVENTS:Put*","Resource":"arn:aws:events:us-east-1:222222222222:event-bus/sh?red"}]"#)
        #expect(policy.allows(putEvents(by: "111111111111")))
        let other = PolicyRequest(
            principal: .account("111111111111"), action: "events:PutEvents", resource: "arn:aws:events:us-east-1:222222222222:event-bus/SHARED")
        #expect(!policy.allows(other))
        let backtracking = try self.policy(#"[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"arn:*:event-bus/s*e*d"}]"#)
        #expect(backtracking.allows(putEvents(by: "111111111111")), "a star gives back what the next one needs")
        #expect(!backtracking.allows(other))
    }

    @Test func anOrganizationIsGrantedThroughPrincipalOrgID() throws {
        let policy = try policy(#"""
            [{"Sid":"org","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"\#(bus)",
              "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]
            """#)
        #expect(policy.allows(putEvents(by: "111111111111", organization: "o-abc123")))
        #expect(!policy.allows(putEvents(by: "111111111111", organization: "o-other")))
        #expect(!policy.allows(putEvents(by: "111111111111")), "an account in no organisation is in none of them")
    }

    @Test func conditionsOnTheEventsSourceAndTheSendingRule() throws {
        let policy = try policy(#"""
            [{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"events:PutEvents","Resource":"\#(bus)",
              "Condition":{"StringLike":{"events:source":"com.shop.*"},
                           "ArnEqualsIfExists":{"aws:SourceArn":"arn:aws:events:us-east-1:111111111111:rule/forward"}}}]
            """#)
        #expect(policy.allows(putEvents(by: "111111111111", context: ["events:source": "com.shop.orders"])))
        #expect(!policy.allows(putEvents(by: "111111111111", context: ["events:source": "com.other"])))
        #expect(policy.allows(putEvents(by: "111111111111", context: [
            "events:source": "com.shop.orders", "aws:SourceArn": "arn:aws:events:us-east-1:111111111111:rule/forward"])))
        #expect(!policy.allows(putEvents(by: "111111111111", context: [
            "events:source": "com.shop.orders", "aws:SourceArn": "arn:aws:events:us-east-1:111111111111:rule/other"])))
    }

    @Test func aConditionKeyIsNamedWithoutRegardToCase() throws {
        let policy = try policy(#"[{"Effect":"Allow","Principal":"*","Action":"events:PutEvents","Condition":{"StringEquals":{"AWS:principalaccount":"111111111111"}}}]"#)
        #expect(policy.allows(putEvents(by: "111111111111")))
        #expect(!policy.allows(putEvents(by: "333333333333")))
    }

    @Test func anUnknownConditionOperatorNeverWidensWhatIsAllowed() throws {
        let policy = try policy(#"[{"Effect":"Allow","Principal":"*","Action":"events:PutEvents","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]"#)
        #expect(!policy.allows(putEvents(by: "111111111111")))
    }

    @Test func aServiceIsNamedAsAService() throws {
        let policy = try policy(#"""
            {"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sqs:SendMessage",
             "Resource":"arn:aws:sqs:us-east-1:222222222222:inbox"}
            """#)
        let byService = PolicyRequest(
            principal: .service("events.amazonaws.com"), action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-1:222222222222:inbox")
        let byAccount = PolicyRequest(
            principal: .account("111111111111"), action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-1:222222222222:inbox")
        #expect(policy.allows(byService))
        #expect(!policy.allows(byAccount))
    }

    @Test func notPrincipalAppliesToEveryoneElse() throws {
        let policy = try policy(#"""
            [{"Effect":"Allow","Principal":"*","Action":"events:PutEvents"},
             {"Effect":"Deny","NotPrincipal":{"AWS":"111111111111"},"Action":"events:PutEvents"}]
            """#)
        #expect(policy.allows(putEvents(by: "111111111111")))
        #expect(policy.decision(for: putEvents(by: "333333333333")) == .explicitlyDenied)
    }

    @Test func aRefusalIsExplainedInIAMsWords() throws {
        let request = putEvents(by: "111111111111")
        #expect(ResourcePolicy.Decision.notAllowed.refusal(of: request)
            == "User: arn:aws:iam::111111111111:root is not authorized to perform: events:PutEvents on resource: \(bus) because no resource-based policy allows the events:PutEvents action")
    }
}

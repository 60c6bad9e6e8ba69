"""The control plane through the real AWS CLI and boto3, against a running server."""
import json
import unittest

from botocore.exceptions import ClientError

from server import ServerTestCase


class ControlPlaneTest(ServerTestCase):
    def error(self, call, **arguments):
        with self.assertRaises(ClientError) as raised:
            call(**arguments)
        return raised.exception.response["Error"]

    def test_buses_rules_targets_tags_and_permissions_survive_a_restart(self):
        bus_arn = self.events.create_event_bus(Name="orders", Tags=[{"Key": "team", "Value": "checkout"}])["EventBusArn"]
        self.assertEqual(bus_arn, "arn:aws:events:us-east-1:000000000000:event-bus/orders")
        pattern = json.dumps({"source": ["shop"], "detail": {"total": [{"numeric": [">", 100]}]}})
        rule_arn = self.events.put_rule(Name="big-orders", EventBusName="orders", EventPattern=pattern,
                                        Description="orders over 100")["RuleArn"]
        self.assertEqual(rule_arn, "arn:aws:events:us-east-1:000000000000:rule/orders/big-orders")
        answer = self.events.put_targets(Rule="big-orders", EventBusName="orders", Targets=[
            {"Id": "queue", "Arn": "arn:aws:sqs:us-east-1:000000000000:orders",
             "InputTransformer": {"InputPathsMap": {"total": "$.detail.total"}, "InputTemplate": '{"total": <total>}'},
             "RetryPolicy": {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 600},
             "DeadLetterConfig": {"Arn": "arn:aws:sqs:us-east-1:000000000000:dlq"}},
        ])
        self.assertEqual(answer["FailedEntryCount"], 0)
        self.events.put_permission(EventBusName="orders", Action="events:PutEvents",
                                   Principal="123456789012", StatementId="partner")

        self.server.restart()
        events = self.server.client()

        bus = events.describe_event_bus(Name="orders")
        self.assertEqual(json.loads(bus["Policy"])["Statement"][0]["Sid"], "partner")
        rule = events.describe_rule(Name="big-orders", EventBusName="orders")
        self.assertEqual((rule["EventPattern"], rule["State"], rule["Description"]), (pattern, "ENABLED", "orders over 100"))
        target = events.list_targets_by_rule(Rule="big-orders", EventBusName="orders")["Targets"][0]
        self.assertEqual(target["RetryPolicy"], {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 600})
        self.assertEqual(events.list_tags_for_resource(ResourceARN=bus_arn)["Tags"], [{"Key": "team", "Value": "checkout"}])
        self.assertEqual(events.list_rule_names_by_target(
            TargetArn="arn:aws:sqs:us-east-1:000000000000:orders", EventBusName="orders")["RuleNames"], ["big-orders"])

        self.assertEqual(self.error(events.delete_rule, Name="big-orders", EventBusName="orders")["Message"],
                         "Rule can't be deleted since it has targets.")
        events.remove_targets(Rule="big-orders", EventBusName="orders", Ids=["queue"])
        events.delete_rule(Name="big-orders", EventBusName="orders")
        events.remove_permission(EventBusName="orders", StatementId="partner")
        self.assertNotIn("Policy", events.describe_event_bus(Name="orders"))
        events.delete_event_bus(Name="orders")
        self.assertEqual(self.error(events.describe_event_bus, Name="orders")["Code"], "ResourceNotFoundException")

    def test_list_rules_pages_with_the_paginator(self):
        for index in range(7):
            self.events.put_rule(Name=f"page-{index}", ScheduleExpression="rate(5 minutes)", State="DISABLED")
        pages = list(self.events.get_paginator("list_rules").paginate(NamePrefix="page-", PaginationConfig={"PageSize": 3}))
        self.assertEqual([len(page["Rules"]) for page in pages], [3, 3, 1])
        self.assertEqual([rule["Name"] for page in pages for rule in page["Rules"]], [f"page-{i}" for i in range(7)])
        for index in range(7):
            self.events.delete_rule(Name=f"page-{index}")

    def test_errors_carry_aws_codes_and_messages(self):
        error = self.error(self.events.describe_rule, Name="nothing")
        self.assertEqual((error["Code"], error["Message"]), ("ResourceNotFoundException", "Rule nothing does not exist on EventBus default."))
        error = self.error(self.events.put_rule, Name="bad", EventPattern='{"source": "x"}')
        self.assertEqual(error["Code"], "InvalidEventPatternException")
        self.assertTrue(error["Message"].startswith("Event pattern is not valid. Reason: "))
        error = self.error(self.events.put_rule, Name="bad", ScheduleExpression="rate(1 minutes)")
        self.assertEqual((error["Code"], error["Message"]), ("ValidationException", "Parameter ScheduleExpression is not valid."))
        error = self.error(self.events.delete_event_bus, Name="default")
        self.assertEqual(error["Code"], "ValidationException")

    def test_event_pattern_testing(self):
        event = json.dumps({"id": "1", "account": "000000000000", "source": "shop", "time": "2026-01-01T00:00:00Z",
                            "region": "us-east-1", "detail-type": "Order", "detail": {"total": 150}})
        self.assertTrue(self.events.test_event_pattern(EventPattern='{"detail": {"total": [{"numeric": [">", 100]}]}}', Event=event)["Result"])
        self.assertFalse(self.events.test_event_pattern(EventPattern='{"source": ["other"]}', Event=event)["Result"])
        error = self.error(self.events.test_event_pattern, EventPattern='{"source": ["shop"]}', Event='{"source": "shop"}')
        self.assertEqual((error["Code"], error["Message"]), ("ValidationException", "Parameter Event is not valid."))

    def test_patterns_follow_the_engine_behind_eventbridge(self):
        event = json.dumps({"id": "1", "account": "000000000000", "source": "shop", "time": "2026-01-01T00:00:00Z",
                            "region": "us-east-1", "detail-type": "Order", "detail": {"ip": "192.168.1.10"}})
        self.assertTrue(self.events.test_event_pattern(EventPattern='{"detail": {"ip": ["192.168.001.010"]}}', Event=event)["Result"])
        self.assertTrue(self.events.test_event_pattern(EventPattern='{"detail": {"ip": [{"cidr": "::/0"}]}}', Event=event)["Result"])
        refusals = {
            '{"detail": {"ip": [{"cidr": "192.168.1.10/32"}]}}': "IPv4 mask bits must be < 32",
            '{"detail": {"n": [{"numeric": ["<", 9007199254740995]}]}}': "Cannot compare number : 9007199254740995",
            '{"$or": [{"suffix": ["-prod"]}, {"source": ["shop"]}]}': "suffix is Ruler reserved fieldName which cannot be used inside $or.",
            '{"detail": {"f": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}}':
                "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character",
        }
        for pattern, reason in refusals.items():
            error = self.error(self.events.put_rule, Name="refused", EventPattern=pattern)
            self.assertEqual((error["Code"], error["Message"]), ("InvalidEventPatternException", "Event pattern is not valid. Reason: " + reason))
        accepted = '{"detail": {"f": [{"anything-but": {"wildcard": ["*kiwi*", "*BASE_QuxB*", "*Delta*", "*a/example-lake-abc98765432*"]}}]}}'
        self.events.put_rule(Name="accepted", EventPattern=accepted)
        self.events.delete_rule(Name="accepted")

    def test_regions_keep_their_own_resources(self):
        west = self.server.client(region="eu-west-1")
        west.create_event_bus(Name="regional")
        self.assertIn("regional", [bus["Name"] for bus in west.list_event_buses()["EventBuses"]])
        self.assertNotIn("regional", [bus["Name"] for bus in self.events.list_event_buses()["EventBuses"]])
        west.delete_event_bus(Name="regional")

    def test_the_aws_cli(self):
        status, created = self.server.cli("create-event-bus", "--name", "cli-bus")
        self.assertEqual(status, 0, created)
        self.assertEqual(created["EventBusArn"], "arn:aws:events:us-east-1:000000000000:event-bus/cli-bus")
        status, _ = self.server.cli("put-rule", "--name", "cli-rule", "--event-bus-name", "cli-bus",
                                    "--event-pattern", '{"source": ["cli"]}')
        self.assertEqual(status, 0)
        status, _ = self.server.cli("tag-resource", "--resource-arn", created["EventBusArn"], "--tags", "Key=env,Value=test")
        self.assertEqual(status, 0)
        status, listed = self.server.cli("list-rules", "--event-bus-name", "cli-bus")
        self.assertEqual([rule["Name"] for rule in listed["Rules"]], ["cli-rule"])
        status, message = self.server.cli("put-targets", "--rule", "cli-rule", "--event-bus-name", "cli-bus",
                                          "--targets", "Id=!!,Arn=arn:aws:sqs:us-east-1:000000000000:q")
        self.assertNotEqual(status, 0)
        self.assertIn("ValidationException", message)
        self.assertIn("at 'targets.1.member.id' failed to satisfy constraint", message)
        status, _ = self.server.cli("delete-event-bus", "--name", "cli-bus")
        self.assertNotEqual(status, 0)  # the rule is still there
        self.server.cli("delete-rule", "--name", "cli-rule", "--event-bus-name", "cli-bus")
        status, _ = self.server.cli("delete-event-bus", "--name", "cli-bus")
        self.assertEqual(status, 0)


if __name__ == "__main__":
    unittest.main()

"""Crossing accounts by policy, with real signing: another account's PutEvents, a
rule's bus target and a queue target or dead-letter queue of another account work
only while the receiving side's policy allows them, as on AWS."""
import json
import subprocess
import time
import unittest

import botocore

from signed_server import ALICE, BOB, CAROL, SignedServerTest, profile

REGION = "us-east-1"


class ResourcePolicyTest(SignedServerTest):
    profiles = profile("alice", ALICE) + profile("bob", BOB) + profile("carol", CAROL, "o-shop12345")

    def cli(self, key, *arguments):
        result = subprocess.run(["aws", "--endpoint-url", self.server.endpoint, "--output", "json", *arguments],
                                capture_output=True, text=True, env=self.environment(key), timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout) if result.stdout.strip() else None

    def inbox(self, key, bus_name, queue_name, source):
        """A queue of `key`'s account fed by a rule on its bus `bus_name`."""
        events, sqs = self.client("events", key), self.client("sqs", key)
        if bus_name != "default":
            events.create_event_bus(Name=bus_name)
        url = sqs.create_queue(QueueName=queue_name)["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        events.put_rule(Name=f"collect-{queue_name}", EventBusName=bus_name, EventPattern=json.dumps({"source": [source]}))
        events.put_targets(Rule=f"collect-{queue_name}", EventBusName=bus_name, Targets=[{"Id": "q", "Arn": arn}])
        return url, arn

    def drain(self, key, url, wait=1):
        sqs = self.client("sqs", key)
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=wait,
                                       MessageAttributeNames=["All"]).get("Messages", [])
        for message in messages:
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        return messages

    def put(self, key, bus_arn, source):
        return self.client("events", key).put_events(Entries=[
            {"Source": source, "DetailType": "order", "Detail": "{}", "EventBusName": bus_arn}])

    def test_another_accounts_put_events_work_only_while_the_bus_policy_allows_them(self):
        url, _ = self.inbox(ALICE, "orders", "orders-inbox", "bob.shop")
        bus = f"arn:aws:events:{REGION}:{ALICE[2]}:event-bus/orders"

        refused = self.put(BOB, bus, "bob.shop")
        self.assertEqual(refused["FailedEntryCount"], 1)
        self.assertEqual(refused["Entries"][0]["ErrorCode"], "AccessDeniedException")
        self.assertEqual(self.drain(ALICE, url, wait=0), [])

        self.cli(ALICE, "events", "put-permission", "--event-bus-name", "orders", "--action", "events:PutEvents",
                 "--principal", BOB[2], "--statement-id", "bob")
        accepted = self.put(BOB, bus, "bob.shop")
        self.assertEqual(accepted["FailedEntryCount"], 0)
        delivered = self.drain(ALICE, url)
        self.assertEqual(len(delivered), 1)
        self.assertEqual(json.loads(delivered[0]["Body"])["account"], BOB[2])
        self.assertEqual(self.put(CAROL, bus, "bob.shop")["FailedEntryCount"], 1, "the grant names Bob's account only")

        self.cli(ALICE, "events", "remove-permission", "--event-bus-name", "orders", "--statement-id", "bob")
        self.assertEqual(self.put(BOB, bus, "bob.shop")["Entries"][0]["ErrorCode"], "AccessDeniedException")
        self.assertEqual(self.drain(ALICE, url, wait=0), [])

    def test_an_organization_is_granted_through_principal_org_id(self):
        url, _ = self.inbox(ALICE, "org-orders", "org-inbox", "org.shop")
        bus = f"arn:aws:events:{REGION}:{ALICE[2]}:event-bus/org-orders"
        self.cli(ALICE, "events", "put-permission", "--event-bus-name", "org-orders", "--action", "events:PutEvents",
                 "--principal", "*", "--statement-id", "org",
                 "--condition", "Type=StringEquals,Key=aws:PrincipalOrgID,Value=o-shop12345")
        self.assertEqual(self.put(CAROL, bus, "org.shop")["FailedEntryCount"], 0)
        self.assertEqual(self.put(BOB, bus, "org.shop")["FailedEntryCount"], 1, "Bob's profile names no organisation")
        self.assertEqual(len(self.drain(ALICE, url)), 1)

    def test_a_rule_targeting_another_accounts_bus_delivers_only_while_that_bus_allows_it(self):
        url, _ = self.inbox(BOB, "default", "forwarded-inbox", "alice.forward")
        events, sqs = self.client("events", ALICE), self.client("sqs", ALICE)
        dead_letters = sqs.create_queue(QueueName="forward-dead-letters")["QueueUrl"]
        dead_letters_arn = sqs.get_queue_attributes(
            QueueUrl=dead_letters, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        events.put_rule(Name="forward", EventPattern=json.dumps({"source": ["alice.forward"]}))
        failed = events.put_targets(Rule="forward", Targets=[{
            "Id": "bob", "Arn": f"arn:aws:events:{REGION}:{BOB[2]}:event-bus/default",
            "RoleArn": f"arn:aws:iam::{ALICE[2]}:role/forward", "DeadLetterConfig": {"Arn": dead_letters_arn}}])
        self.assertEqual(failed["FailedEntryCount"], 0)
        alices_default = f"arn:aws:events:{REGION}:{ALICE[2]}:event-bus/default"

        self.put(ALICE, alices_default, "alice.forward")
        refused = self.drain(ALICE, dead_letters, wait=5)
        self.assertEqual(len(refused), 1, "a refused delivery is dead-lettered at once, not retried")
        self.assertEqual(refused[0]["MessageAttributes"]["ERROR_CODE"]["StringValue"], "CROSS_ACCOUNT_INGESTION_FAILED")
        self.assertEqual(self.drain(BOB, url, wait=0), [])

        self.cli(BOB, "events", "put-permission", "--action", "events:PutEvents", "--principal", ALICE[2],
                 "--statement-id", "alice")
        self.put(ALICE, alices_default, "alice.forward")
        self.assertEqual(len(self.drain(BOB, url, wait=5)), 1)

        self.cli(BOB, "events", "remove-permission", "--statement-id", "alice")
        self.put(ALICE, alices_default, "alice.forward")
        self.assertEqual(len(self.drain(ALICE, dead_letters, wait=5)), 1)
        self.assertEqual(self.drain(BOB, url, wait=0), [])

    def test_another_accounts_queue_follows_its_queue_policy(self):
        alices, bobs = self.client("sqs", ALICE), self.client("sqs", BOB)
        url = alices.create_queue(QueueName="shared-inbox")["QueueUrl"]
        arn = alices.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        with self.assertRaises(botocore.exceptions.ClientError) as raised:
            bobs.send_message(QueueUrl=url, MessageBody="hello")
        self.assertEqual(raised.exception.response["Error"]["Code"], "AccessDenied")

        events = self.client("events", BOB)
        events.put_rule(Name="to-alices-queue", EventPattern=json.dumps({"source": ["bob.queue"]}))
        events.put_targets(Rule="to-alices-queue", Targets=[{"Id": "q", "Arn": arn}])
        rule_arn = events.describe_rule(Name="to-alices-queue")["Arn"]
        self.put(BOB, f"arn:aws:events:{REGION}:{BOB[2]}:event-bus/default", "bob.queue")
        time.sleep(1)
        self.assertEqual(self.drain(ALICE, url, wait=0), [], "no policy lets EventBridge send for Bob's rule")

        alices.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sqs:SendMessage",
             "Resource": arn, "Condition": {"ArnEquals": {"aws:SourceArn": rule_arn}}},
            {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{BOB[2]}:root"}, "Action": "sqs:SendMessage",
             "Resource": arn}]})})
        bobs.send_message(QueueUrl=url, MessageBody="hello")
        self.put(BOB, f"arn:aws:events:{REGION}:{BOB[2]}:event-bus/default", "bob.queue")
        bodies = sorted(message["Body"] for message in self.drain(ALICE, url, wait=5) + self.drain(ALICE, url, wait=2))
        self.assertEqual(len(bodies), 2, bodies)
        self.assertEqual(bodies[0], "hello")
        with self.assertRaises(botocore.exceptions.ClientError) as raised:
            bobs.receive_message(QueueUrl=url)
        self.assertEqual(raised.exception.response["Error"]["Code"], "AccessDenied", "the policy grants sending only")


    def test_another_account_manages_the_rules_it_created_where_the_bus_policy_allows(self):
        self.client("events", ALICE).create_event_bus(Name="team-bus")
        bus = f"arn:aws:events:{REGION}:{ALICE[2]}:event-bus/team-bus"
        bobs = self.client("events", BOB)
        with self.assertRaises(botocore.exceptions.ClientError) as raised:
            bobs.put_rule(Name="bobs-rule", EventBusName=bus, EventPattern=json.dumps({"source": ["x"]}))
        self.assertEqual(raised.exception.response["Error"]["Code"], "AccessDeniedException")

        self.cli(ALICE, "events", "put-permission", "--event-bus-name", "team-bus", "--policy", json.dumps({
            "Version": "2012-10-17", "Statement": [{
                "Sid": "ManageOwnRules", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{BOB[2]}:root"},
                "Action": ["events:PutRule", "events:DescribeRule", "events:DeleteRule"],
                "Resource": f"arn:aws:events:{REGION}:{ALICE[2]}:rule/team-bus/*",
                "Condition": {"StringEqualsIfExists": {"events:creatorAccount": BOB[2]}}}]}))
        arn = bobs.put_rule(Name="bobs-rule", EventBusName=bus, EventPattern=json.dumps({"source": ["x"]}))["RuleArn"]
        self.assertEqual(arn, f"arn:aws:events:{REGION}:{ALICE[2]}:rule/team-bus/bobs-rule")
        self.assertEqual(bobs.describe_rule(Name="bobs-rule", EventBusName=bus)["CreatedBy"], BOB[2])
        self.assertEqual(self.client("events", ALICE).describe_rule(Name="bobs-rule", EventBusName="team-bus")["CreatedBy"],
                         BOB[2])
        bobs.delete_rule(Name="bobs-rule", EventBusName=bus)

if __name__ == "__main__":
    unittest.main()

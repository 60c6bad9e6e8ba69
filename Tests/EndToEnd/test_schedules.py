"""Scheduled rules against running servers: fired now with `switchyard fire-rule`,
and on the real clock — rate, cron, disabled, and one firing per period across
two nodes of one PostgreSQL database."""
import json
import os
import subprocess
import time
import unittest

from server import CREDENTIALS, Server, ServerTestCase, fresh_postgres_database


def queue(sqs, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    return url, f"arn:aws:sqs:us-east-1:000000000000:{name}"


def scheduled_rule(events, name, expression, queue_arn):
    events.put_rule(Name=name, ScheduleExpression=expression)
    answer = events.put_targets(Rule=name, Targets=[{"Id": "q", "Arn": queue_arn}])
    assert answer["FailedEntryCount"] == 0, answer


def receive(sqs, url, expected, within):
    """The events in the queue, once `expected` arrived or `within` seconds passed."""
    events = []
    deadline = time.time() + within
    while len(events) < expected and time.time() < deadline:
        answer = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=2)
        for message in answer.get("Messages", []):
            events.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    return events


class FireRuleTest(ServerTestCase):
    def fire(self, name):
        return subprocess.run(
            [os.environ["SWITCHYARD_BINARY"], "fire-rule", name, "--endpoint-url", self.server.endpoint],
            capture_output=True, text=True, env=dict(os.environ, **CREDENTIALS), timeout=60)

    def test_fire_rule_sends_the_scheduled_event_to_the_targets_now(self):
        url, arn = queue(self.sqs, "hourly")
        scheduled_rule(self.events, "hourly", "rate(1 hour)", arn)
        result = self.fire("hourly")
        self.assertEqual(result.returncode, 0, result.stderr)
        event_id = json.loads(result.stdout)["EventId"]
        [event] = receive(self.sqs, url, 1, within=10)
        self.assertEqual(event["id"], event_id)
        self.assertEqual(event["source"], "aws.events")
        self.assertEqual(event["detail-type"], "Scheduled Event")
        self.assertEqual(event["resources"], ["arn:aws:events:us-east-1:000000000000:rule/hourly"])
        self.assertEqual(event["detail"], {})
        self.assertEqual((event["account"], event["region"]), ("000000000000", "us-east-1"))
        self.assertTrue(event["time"].endswith(":00Z"), event["time"])

    def test_fire_rule_explains_what_cannot_fire(self):
        missing = self.fire("no-such-rule")
        self.assertEqual(missing.returncode, 1)
        self.assertIn("An error occurred (ResourceNotFoundException) when calling the FireRule operation: "
                      "Rule no-such-rule does not exist on EventBus default.", missing.stderr)
        self.events.put_rule(Name="by-pattern", EventPattern=json.dumps({"source": ["shop"]}))
        self.assertIn("ValidationException", self.fire("by-pattern").stderr)
        self.events.put_rule(Name="off", ScheduleExpression="rate(1 minute)", State="DISABLED")
        self.assertIn("Rule off is DISABLED", self.fire("off").stderr)


class RealClockTest(unittest.TestCase):
    """Every rule here is put in setUpClass, so that the tests share one real minute."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.server.start()
        events, cls.sqs = cls.server.client(), cls.server.client(service="sqs")
        cls.rate_url, arn = queue(cls.sqs, "rate")
        scheduled_rule(events, "every-minute", "rate(1 minute)", arn)
        cls.cron_url, arn = queue(cls.sqs, "cron")
        scheduled_rule(events, "each-minute", "cron(* * * * ? *)", arn)
        cls.off_url, arn = queue(cls.sqs, "off")
        scheduled_rule(events, "switched-off", "rate(1 minute)", arn)
        events.disable_rule(Name="switched-off")

        cls.nodes = []
        database = fresh_postgres_database()
        if database:
            cls.nodes = [Server(store=database), Server(store=database)]
            for node in cls.nodes:
                node.start()
            cls.node_sqs = cls.nodes[1].client(service="sqs")
            cls.nodes_url, arn = queue(cls.node_sqs, "nodes")
            scheduled_rule(cls.nodes[0].client(), "on-two-nodes", "rate(1 minute)", arn)
        cls.started = time.time()

    @classmethod
    def tearDownClass(cls):
        for server in [cls.server, *cls.nodes]:
            server.remove()

    def remaining(self):
        """A rate fires one minute after the minute it started in: at most two minutes."""
        return max(1, self.started + 130 - time.time())

    def test_a_cron_rule_fires_at_the_next_minute(self):
        [event] = receive(self.sqs, self.cron_url, 1, within=self.remaining())
        self.assertEqual(event["resources"], ["arn:aws:events:us-east-1:000000000000:rule/each-minute"])
        self.assertTrue(event["time"].endswith(":00Z"), event["time"])

    def rate_firing(self):
        """The first firing of `every-minute`, received once for every test that needs it."""
        cls = type(self)
        if not hasattr(cls, "rate_events"):
            cls.rate_events = receive(self.sqs, self.rate_url, 1, within=self.remaining())
        return cls.rate_events

    def test_a_rate_rule_fires_on_the_real_clock(self):
        [event] = self.rate_firing()
        self.assertEqual(event["detail-type"], "Scheduled Event")
        self.assertEqual(event["resources"], ["arn:aws:events:us-east-1:000000000000:rule/every-minute"])

    def test_a_disabled_rule_does_not_fire(self):
        self.assertEqual(len(self.rate_firing()), 1)
        # Its twin fired: this one would have fired with it.
        self.assertEqual(receive(self.sqs, self.off_url, 1, within=3), [])

    def test_two_nodes_fire_each_period_once(self):
        if not self.nodes:
            self.skipTest("needs SWITCHYARD_TEST_POSTGRES; `make test` starts a cluster")
        first = receive(self.node_sqs, self.nodes_url, 1, within=self.remaining())
        self.assertEqual(len(first), 1)
        # A second node firing the same period would have delivered by now.
        later = receive(self.node_sqs, self.nodes_url, 1, within=5)
        self.assertNotIn(first[0]["time"], [event["time"] for event in later])


if __name__ == "__main__":
    unittest.main()

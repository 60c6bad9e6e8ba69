"""Events from PutEvents to queue targets and dead-letter queues, through boto3 and
the AWS CLI, against a running server."""
import json
import threading
import time
import unittest

from server import Server, ServerTestCase


def put(events, source="shop", detail=None, bus=None, count=1):
    entry = {"Source": source, "DetailType": "order placed", "Detail": json.dumps(detail or {"total": 120})}
    if bus:
        entry["EventBusName"] = bus
    answer = events.put_events(Entries=[entry] * count)
    assert answer["FailedEntryCount"] == 0, answer
    return [e["EventId"] for e in answer["Entries"]]


class EventFlowTest(ServerTestCase):
    def queue(self, name):
        url = self.sqs.create_queue(QueueName=name)["QueueUrl"]
        return url, f"arn:aws:sqs:us-east-1:000000000000:{name}"

    def receive(self, url, expected, within=10, **arguments):
        messages = []
        deadline = time.time() + within
        while len(messages) < expected and time.time() < deadline:
            answer = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=2, **arguments)
            for message in answer.get("Messages", []):
                messages.append(message)
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        return messages

    def test_matching_events_reach_the_queue_as_aws_builds_them(self):
        url, arn = self.queue("orders")
        self.events.put_rule(Name="orders", EventPattern=json.dumps({"source": ["shop"], "detail": {"total": [{"numeric": [">", 100]}]}}))
        self.events.put_targets(Rule="orders", Targets=[{"Id": "queue", "Arn": arn}])
        ids = put(self.events, count=2)
        put(self.events, detail={"total": 5})

        messages = self.receive(url, 2)
        self.assertEqual(len(messages), 2)
        bodies = [json.loads(m["Body"], object_pairs_hook=list) for m in messages]
        self.assertEqual([key for key, _ in bodies[0]],
                         ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"])
        events = [dict(body) for body in bodies]
        self.assertEqual(sorted(e["id"] for e in events), sorted(ids))
        self.assertEqual(events[0]["detail"], [("total", 120)])
        self.assertEqual(events[0]["account"], "000000000000")
        self.assertEqual(self.receive(url, 1, within=2), [], "the event with a small total matched")

    def test_cli_delivers_transformed_input_and_a_disabled_rule_delivers_nothing(self):
        status, created = self.server.cli("create-queue", "--queue-name", "shaped", service="sqs")
        self.assertEqual(status, 0, created)
        url, arn = created["QueueUrl"], "arn:aws:sqs:us-east-1:000000000000:shaped"
        pattern = json.dumps({"source": ["cli"]})
        self.assertEqual(self.server.cli("put-rule", "--name", "shaped", "--event-pattern", pattern)[0], 0)
        targets = json.dumps([{"Id": "t", "Arn": arn, "InputTransformer": {
            "InputPathsMap": {"total": "$.detail.total", "kind": "$.detail-type"},
            "InputTemplate": '{"total": <total>, "summary": "<kind> for <total>", "rule": <aws.events.rule-name>}'}}])
        self.assertEqual(self.server.cli("put-targets", "--rule", "shaped", "--targets", targets)[0], 0)
        entries = json.dumps([{"Source": "cli", "DetailType": "order placed", "Detail": '{"total": 7}'}])
        status, answer = self.server.cli("put-events", "--entries", entries)
        self.assertEqual((status, answer["FailedEntryCount"]), (0, 0))

        status, received = self.server.cli("receive-message", "--queue-url", url, "--wait-time-seconds", "5", service="sqs")
        self.assertEqual(status, 0, received)
        self.assertEqual(json.loads(received["Messages"][0]["Body"]),
                         {"total": 7, "summary": "order placed for 7", "rule": "shaped"})
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=received["Messages"][0]["ReceiptHandle"])

        self.assertEqual(self.server.cli("disable-rule", "--name", "shaped")[0], 0)
        self.server.cli("put-events", "--entries", entries)
        self.assertEqual(self.receive(url, 1, within=2), [])

    def test_undeliverable_target_goes_to_the_dead_letter_queue(self):
        url, dlq = self.queue("dead-letters")
        # A service EventBridge targets and Switchyard does not call yet.
        target = "arn:aws:codebuild:us-east-1:000000000000:project/missing"
        self.events.put_rule(Name="to-lambda", EventPattern=json.dumps({"source": ["lambda-bound"]}))
        self.events.put_targets(Rule="to-lambda", Targets=[{
            "Id": "fn", "Arn": target, "RoleArn": "arn:aws:iam::000000000000:role/events", "DeadLetterConfig": {"Arn": dlq},
            "RetryPolicy": {"MaximumRetryAttempts": 1, "MaximumEventAgeInSeconds": 60}}])
        [event_id] = put(self.events, source="lambda-bound")

        [letter] = self.receive(url, 1, MessageAttributeNames=["All"])
        self.assertEqual(json.loads(letter["Body"])["id"], event_id)
        attributes = {name: value["StringValue"] for name, value in letter["MessageAttributes"].items()}
        self.assertEqual(attributes["RULE_ARN"], "arn:aws:events:us-east-1:000000000000:rule/to-lambda")
        self.assertEqual(attributes["TARGET_ARN"], target)
        self.assertEqual(attributes["ERROR_CODE"], "NO_HANDLER")
        self.assertEqual(attributes["EXHAUSTED_RETRY_CONDITION"], "MaximumRetryAttempts")
        self.assertEqual(attributes["RETRY_ATTEMPTS"], "1")


    def test_log_group_target_shows_events_to_aws_logs(self):
        logs = self.server.client(service="logs")
        logs.create_log_group(logGroupName="/aws/events/shop")
        group_arn = "arn:aws:logs:us-east-1:000000000000:log-group:/aws/events/shop:*"
        self.events.put_rule(Name="to-logs", EventPattern=json.dumps({"source": ["logged"]}))
        self.events.put_targets(Rule="to-logs", Targets=[{"Id": "logs", "Arn": group_arn}])
        [event_id] = put(self.events, source="logged")

        deadline, found = time.time() + 10, []
        while not found and time.time() < deadline:
            status, answer = self.server.cli(
                "filter-log-events", "--log-group-name", "/aws/events/shop", "--filter-pattern", event_id, service="logs")
            self.assertEqual(status, 0, answer)
            found = answer["events"]
            time.sleep(0.1)
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0]["logStreamName"], event_id)
        self.assertEqual(json.loads(found[0]["message"])["source"], "logged")

        status, stream = self.server.cli(
            "get-log-events", "--log-group-name", "/aws/events/shop", "--log-stream-name", event_id, service="logs")
        self.assertEqual((status, len(stream["events"])), (0, 1))

    def test_event_bus_target_forwards_to_another_bus(self):
        url, arn = self.queue("forwarded")
        self.events.create_event_bus(Name="downstream")
        self.events.put_rule(Name="forward", EventPattern=json.dumps({"source": ["upstream"]}))
        self.events.put_targets(Rule="forward", Targets=[
            {"Id": "bus", "Arn": "arn:aws:events:us-east-1:000000000000:event-bus/downstream"}])
        self.events.put_rule(Name="collect", EventBusName="downstream", EventPattern=json.dumps({"source": ["upstream"]}))
        self.events.put_targets(Rule="collect", EventBusName="downstream", Targets=[{"Id": "q", "Arn": arn}])
        put(self.events, source="upstream", detail={"hop": 1})

        [message] = self.receive(url, 1)
        event = json.loads(message["Body"])
        self.assertEqual((event["source"], event["detail"]), ("upstream", {"hop": 1}))


class CrashTest(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.server.start()

    def tearDown(self):
        self.server.remove()

    def test_every_acknowledged_event_is_delivered_after_sigkill(self):
        events, sqs = self.server.client(), self.server.client(service="sqs")
        url = sqs.create_queue(QueueName="durable")["QueueUrl"]
        # The queue receives in the accepting commit; the log group through the delivery worker.
        self.server.client(service="logs").create_log_group(logGroupName="durable")
        events.put_rule(Name="all", EventPattern=json.dumps({"source": ["load"]}))
        events.put_targets(Rule="all", Targets=[
            {"Id": "q", "Arn": "arn:aws:sqs:us-east-1:000000000000:durable"},
            {"Id": "logs", "Arn": "arn:aws:logs:us-east-1:000000000000:log-group:durable"}])

        acknowledged, stop = [], threading.Event()

        def produce():
            while not stop.is_set():
                try:
                    acknowledged.extend(put(events, source="load", count=10))
                except Exception:
                    return

        producers = [threading.Thread(target=produce) for _ in range(4)]
        for producer in producers:
            producer.start()
        time.sleep(1)
        self.server.kill()
        stop.set()
        for producer in producers:
            producer.join()
        self.assertGreater(len(acknowledged), 100)

        self.server.start()
        sqs = self.server.client(service="sqs")
        delivered, deadline = set(), time.time() + 60
        while not set(acknowledged) <= delivered and time.time() < deadline:
            messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
            delivered.update(json.loads(message["Body"])["id"] for message in messages)
            if messages:
                sqs.delete_message_batch(QueueUrl=url, Entries=[
                    {"Id": str(index), "ReceiptHandle": message["ReceiptHandle"]} for index, message in enumerate(messages)])
        self.assertEqual(set(acknowledged) - delivered, set())

        logs, logged = self.server.client(service="logs"), set()
        while not set(acknowledged) <= logged and time.time() < deadline:
            pages = logs.get_paginator("filter_log_events").paginate(logGroupName="durable")
            logged = {json.loads(event["message"])["id"] for page in pages for event in page["events"]}
            time.sleep(1)
        self.assertEqual(set(acknowledged) - logged, set())


if __name__ == "__main__":
    unittest.main()

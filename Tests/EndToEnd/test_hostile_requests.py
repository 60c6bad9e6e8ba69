"""Requests that once crashed or stalled the server, sent as users send them: with
the AWS CLI and boto3, against a running server."""
import threading
import time
import unittest

import botocore.exceptions

from server import Server


class HostileRequestTest(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.server.start()

    def tearDown(self):
        self.server.remove()

    def test_list_queues_with_a_negative_maximum_is_refused_and_the_server_lives(self):
        status, error = self.server.cli("list-queues", "--max-results", "-1", service="sqs")
        self.assertNotEqual(status, 0)
        self.assertIn("InvalidParameterValue", error)
        self.assertIn("Must be between 1 and 1000", error)
        self.assertEqual(self.server.cli("list-queues", service="sqs")[0], 0)

    def test_get_log_events_with_an_overflowing_token_is_refused(self):
        logs = self.server.client(service="logs")
        logs.create_log_group(logGroupName="g")
        logs.create_log_stream(logGroupName="g", logStreamName="s")
        with self.assertRaises(botocore.exceptions.ClientError) as raised:
            logs.get_log_events(logGroupName="g", logStreamName="s", nextToken="f/9223372036854775807")
        self.assertEqual(raised.exception.response["Error"]["Code"], "InvalidParameterException")
        self.assertEqual(logs.get_log_events(logGroupName="g", logStreamName="s")["events"], [])

    def test_header_value_built_to_backtrack_is_refused_at_once(self):
        events = self.server.client()
        events.put_rule(Name="r", EventPattern='{"source": ["shop"]}')
        started = time.time()
        with self.assertRaises(botocore.exceptions.ClientError) as raised:
            events.put_targets(Rule="r", Targets=[{
                "Id": "t", "Arn": "arn:aws:events:us-east-1:000000000000:api-destination/d/1",
                "HttpParameters": {"HeaderParameters": {"h": "a" + " a" * 30 + "\u0001"}}}])
        self.assertEqual(raised.exception.response["Error"]["Code"], "ValidationException")
        self.assertLess(time.time() - started, 10)

    def test_fifo_dead_letter_queue_is_refused_with_aws_words(self):
        self.server.cli("put-rule", "--name", "r", "--event-pattern", '{"source": ["shop"]}')
        status, error = self.server.cli(
            "put-targets", "--rule", "r", "--targets",
            '[{"Id": "t", "Arn": "arn:aws:sqs:us-east-1:000000000000:q",'
            ' "DeadLetterConfig": {"Arn": "arn:aws:sqs:us-east-1:000000000000:dlq.fifo"}}]')
        self.assertNotEqual(status, 0)
        self.assertIn("SQS FIFO is not supported by Dead Letter Queues.", error)

    def test_a_waiting_long_poll_does_not_hold_up_shutdown(self):
        sqs = self.server.client(service="sqs")
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        poll = threading.Thread(target=lambda: sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20), daemon=True)
        poll.start()
        time.sleep(1)
        started = time.time()
        self.server.stop()
        self.assertLess(time.time() - started, 6)
        poll.join(timeout=30)

"""Three `switchyard serve` nodes on one PostgreSQL database, driven with boto3 and
the AWS CLI: any node serves any API, rules and long polls follow commits made on
other nodes, and a node killed mid-flight loses nothing it acknowledged."""
import json
import os
import threading
import time
import unittest

from server import Server, fresh_postgres_database

ACCOUNT = "000000000000"
REGION = "us-east-1"


def queue_arn(name):
    return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"


def event(source, index=0):
    return {"Source": source, "DetailType": "t", "Detail": f'{{"n": {index}}}'}


@unittest.skipUnless(os.environ.get("SWITCHYARD_TEST_POSTGRES"),
                     "needs SWITCHYARD_TEST_POSTGRES; `make test` starts a cluster")
class SeveralNodesTest(unittest.TestCase):
    def setUp(self):
        self.store = fresh_postgres_database()
        # A short lease, so that a killed node's claims come back within the test.
        self.nodes = [Server(store=self.store, options=["--delivery-lease", "3"]) for _ in range(3)]
        for node in self.nodes:
            node.start()
        self.events = [node.client() for node in self.nodes]
        self.queues = [node.client(service="sqs") for node in self.nodes]

    def tearDown(self):
        for node in self.nodes:
            node.remove()

    def make_queue(self, name, node=0):
        url = self.queues[node].create_queue(QueueName=name)["QueueUrl"]
        return url

    def route(self, rule, source, target_arn, node=0, bus="default"):
        self.events[node].put_rule(Name=rule, EventBusName=bus, EventPattern=f'{{"source":["{source}"]}}')
        self.events[node].put_targets(Rule=rule, EventBusName=bus, Targets=[{"Id": "t", "Arn": target_arn}])

    def receive_all(self, url, expected, node=2, timeout=30):
        """The `n` of each event's detail from the queue, until every one of
        `expected` arrived or time ran out. A bus target forwards an event under a
        new id, so the detail is what identifies it at the end of the route. Events
        may come that were not expected: a killed node commits calls it never
        answers."""
        ids = set()
        deadline = time.time() + timeout
        while not expected <= ids and time.time() < deadline:
            messages = self.queues[node].receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1)
            for message in messages.get("Messages", []):
                ids.add(json.loads(message["Body"])["detail"]["n"])
                self.queues[node].delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        return ids

    def test_events_put_on_one_node_are_received_on_another(self):
        url = self.make_queue("orders")
        self.route("orders", "shop", queue_arn("orders"), node=1)
        time.sleep(1.1)
        status, answer = self.nodes[0].cli("put-events", "--entries", 'Source=shop,DetailType=t,Detail="{}"')
        self.assertEqual(status, 0, answer)
        event_id = answer["Entries"][0]["EventId"]
        status, received = self.nodes[2].cli("receive-message", "--queue-url", url, "--wait-time-seconds", "5", service="sqs")
        self.assertEqual(status, 0, received)
        self.assertIn(event_id, received["Messages"][0]["Body"])

    def test_a_rule_put_on_one_node_routes_events_put_on_another_within_a_second(self):
        url = self.make_queue("fresh")
        self.route("fresh", "new-source", queue_arn("fresh"), node=1)
        time.sleep(1.0)
        self.events[0].put_events(Entries=[event("new-source")])
        self.assertEqual(self.receive_all(url, {0}, timeout=5), {0})

    def test_a_long_poll_on_one_node_returns_when_another_node_delivers(self):
        url = self.make_queue("waiting")
        self.route("waiting", "poke", queue_arn("waiting"))
        time.sleep(1.1)
        answer = {}

        def poll():
            started = time.time()
            answer["messages"] = self.queues[2].receive_message(QueueUrl=url, WaitTimeSeconds=10).get("Messages", [])
            answer["returned"] = time.time()
            answer["waited"] = answer["returned"] - started

        poller = threading.Thread(target=poll)
        poller.start()
        time.sleep(1.5)
        put = time.time()
        self.events[0].put_events(Entries=[event("poke")])
        poller.join(timeout=15)
        self.assertEqual(len(answer["messages"]), 1)
        self.assertLess(answer["returned"] - put, 0.5, "woken by the other node's commit, not by its recheck")
        self.assertGreater(answer["waited"], 1.0, "the poll was waiting when the event came")

    def test_a_node_killed_while_producers_put_events_loses_nothing_acknowledged(self):
        # Events take a hop through the delivery worker (a bus target) before the
        # queue, so that the killed node dies holding claimed deliveries.
        url = self.make_queue("relayed")
        self.events[0].create_event_bus(Name="relay")
        self.route("to-relay", "load", f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/relay")
        self.route("to-queue", "load", queue_arn("relayed"), bus="relay")
        time.sleep(1.1)

        acknowledged = set()
        lock = threading.Lock()
        stop = threading.Event()

        def produce(client, first):
            index = first
            while not stop.is_set():
                try:
                    answer = client.put_events(Entries=[event("load", index + n) for n in range(10)])
                except Exception:
                    continue  # the killed node's callers get connection errors: nothing was acknowledged
                with lock:
                    acknowledged.update(index + n for n, entry in enumerate(answer["Entries"]) if "EventId" in entry)
                index += 10

        producers = [threading.Thread(target=produce, args=(self.nodes[n % 3].client(), n * 1_000_000)) for n in range(4)]
        for producer in producers:
            producer.start()
        time.sleep(2)
        self.nodes[1].kill()
        time.sleep(2)
        stop.set()
        for producer in producers:
            producer.join()

        self.assertGreater(len(acknowledged), 100)
        received = self.receive_all(url, acknowledged, node=2, timeout=60)
        self.assertEqual(acknowledged - received, set(), "every acknowledged event is delivered")


if __name__ == "__main__":
    unittest.main()

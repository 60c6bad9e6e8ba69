"""Archives and replays against a running server, through boto3, the AWS CLI and
the switchyard commands: what an archive keeps and for how long, what a replay
sends and to whom, a replay that survives SIGKILL, cancelling, watching, and
back-testing."""
import datetime
import json
import math
import os
import sqlite3
import subprocess
import threading
import time
import unittest

from server import CREDENTIALS, Server, ServerTestCase

BUS = "arn:aws:events:us-east-1:000000000000:event-bus/default"


def put(events, source, count, **detail):
    for start in range(0, count, 10):
        entries = [{"Source": source, "DetailType": "order", "Detail": json.dumps(dict(detail, n=start + i))}
                   for i in range(min(10, count - start))]
        answer = events.put_events(Entries=entries)
        assert answer["FailedEntryCount"] == 0, answer


def put_in_parallel(events, source, count, threads=8):
    workers = [threading.Thread(target=put, args=(events, source, count // threads)) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


def drain(sqs, url, settle=2):
    """Every message the queue delivers until none came for `settle` seconds."""
    bodies = []
    while True:
        answer = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=settle)
        messages = answer.get("Messages", [])
        if not messages:
            return bodies
        bodies += [message["Body"] for message in messages]
        sqs.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])


def wait_for_replay(events, name, states, within=120):
    deadline = time.time() + within
    while time.time() < deadline:
        replay = events.describe_replay(ReplayName=name)
        if replay["State"] in states:
            return replay
        time.sleep(0.2)
    raise AssertionError(f"replay {name} stayed {replay['State']}")


def next_second():
    """Waits for the next whole second, and a little more; returns that second."""
    second = math.ceil(time.time())
    time.sleep(second - time.time() + 0.05)
    return second


def seconds_ago(seconds):
    return datetime.datetime.fromtimestamp(time.time() - seconds, tz=datetime.timezone.utc)


class ArchiveTest(ServerTestCase):
    def queue(self, name):
        url = self.sqs.create_queue(QueueName=name)["QueueUrl"]
        return url, f"arn:aws:sqs:us-east-1:000000000000:{name}"

    def rule(self, name, pattern, queue_arn, input_text=None):
        rule_arn = self.events.put_rule(Name=name, EventPattern=json.dumps(pattern))["RuleArn"]
        target = {"Id": "q", "Arn": queue_arn}
        if input_text:
            target["Input"] = json.dumps(input_text)
        self.events.put_targets(Rule=name, Targets=[target])
        return rule_arn

    def test_an_archive_with_a_pattern_keeps_and_counts_only_matching_events(self):
        self.events.create_archive(ArchiveName="paid", EventSourceArn=BUS,
                                   EventPattern=json.dumps({"detail": {"state": ["paid"]}}), RetentionDays=3)
        put(self.events, "counting", 3, state="paid")
        put(self.events, "counting", 2, state="open")
        status, archive = self.server.cli("describe-archive", "--archive-name", "paid")
        self.assertEqual(status, 0, archive)
        self.assertEqual(archive["EventCount"], 3)
        self.assertGreater(archive["SizeBytes"], 0)
        self.assertEqual((archive["State"], archive["RetentionDays"]), ("ENABLED", 3))
        listed = self.events.list_archives(NamePrefix="pa")["Archives"]
        self.assertEqual([a["ArchiveName"] for a in listed], ["paid"])
        rule = self.events.describe_rule(Name="Events-Archive-paid")
        self.assertEqual(rule["ManagedBy"], "prod.vhs.events.aws.internal")

    def test_a_replay_sends_exactly_its_window_with_its_name_to_the_rules_it_names(self):
        self.events.create_archive(ArchiveName="windows", EventSourceArn=BUS,
                                   EventPattern=json.dumps({"source": ["window"]}))
        url, queue_arn = self.queue("windowed")
        chosen = self.rule("chosen", {"source": ["window"]}, queue_arn)
        self.rule("left-out", {"source": ["window"]}, queue_arn, input_text="left-out")
        # botocore sends these times in whole seconds: each batch gets seconds of its own.
        put(self.events, "window", 3, batch="before")
        start = next_second()
        put(self.events, "window", 4, batch="inside")
        end = next_second()
        put(self.events, "window", 2, batch="after")
        drain(self.sqs, url)

        self.events.start_replay(
            ReplayName="inside-only", EventSourceArn="arn:aws:events:us-east-1:000000000000:archive/windows",
            EventStartTime=datetime.datetime.fromtimestamp(start, tz=datetime.timezone.utc),
            EventEndTime=datetime.datetime.fromtimestamp(end, tz=datetime.timezone.utc),
            Destination={"Arn": BUS, "FilterArns": [chosen]})
        replay = wait_for_replay(self.events, "inside-only", {"COMPLETED", "FAILED"})
        self.assertEqual(replay["State"], "COMPLETED")
        bodies = [json.loads(body) for body in drain(self.sqs, url)]
        self.assertEqual(sorted(b["detail"]["n"] for b in bodies), [0, 1, 2, 3])
        self.assertEqual({b["detail"]["batch"] for b in bodies}, {"inside"})
        self.assertEqual({b["replay-name"] for b in bodies}, {"inside-only"})
        self.assertEqual(self.events.describe_archive(ArchiveName="windows")["EventCount"], 9,
                         "replayed events are not archived again")

    def test_a_cancelled_replay_stops(self):
        self.events.create_archive(ArchiveName="bulk", EventSourceArn=BUS, EventPattern=json.dumps({"source": ["bulk"]}))
        url, queue_arn = self.queue("bulk")
        self.rule("bulk", {"source": ["bulk"]}, queue_arn)
        put_in_parallel(self.events, "bulk", 2000)
        archive = "arn:aws:events:us-east-1:000000000000:archive/bulk"
        window = {"EventStartTime": seconds_ago(3600), "EventEndTime": seconds_ago(-60), "EventSourceArn": archive,
                  "Destination": {"Arn": BUS}}
        # Replays take turns: the last waits while the two before it work through
        # 40 batches, so it is still waiting when it is cancelled a moment later.
        for ahead in ("ahead", "further-ahead"):
            self.events.start_replay(ReplayName=ahead, **window)
        self.events.start_replay(ReplayName="behind", **window)
        cancelled = self.events.cancel_replay(ReplayName="behind")
        self.assertEqual(cancelled["State"], "CANCELLING")
        replay = wait_for_replay(self.events, "behind", {"CANCELLED", "COMPLETED"})
        self.assertEqual(replay["State"], "CANCELLED")
        for ahead in ("ahead", "further-ahead"):
            self.assertEqual(wait_for_replay(self.events, ahead, {"COMPLETED"})["State"], "COMPLETED")
        self.assertEqual(
            self.events.list_replays(State="CANCELLED")["Replays"][0]["ReplayName"], "behind")

    def watch(self, name):
        return subprocess.run(
            [os.environ["SWITCHYARD_BINARY"], "replay", "watch", name, "--endpoint-url", self.server.endpoint,
             "--interval", "0.1"],
            capture_output=True, text=True, env=dict(os.environ, **CREDENTIALS), timeout=120)

    def test_replay_watch_follows_a_replay_to_its_end(self):
        self.events.create_archive(ArchiveName="watched", EventSourceArn=BUS, EventPattern=json.dumps({"source": ["watched"]}))
        put_in_parallel(self.events, "watched", 800)
        self.events.start_replay(
            ReplayName="watched", EventSourceArn="arn:aws:events:us-east-1:000000000000:archive/watched",
            EventStartTime=seconds_ago(3600), EventEndTime=seconds_ago(-60), Destination={"Arn": BUS})
        result = self.watch("watched")
        self.assertEqual(result.returncode, 0, result.stderr)
        last = result.stdout.strip().splitlines()[-1]
        self.assertIn("[" + "#" * 30 + "]", last)
        self.assertIn("800/800 events", last)
        self.assertTrue(last.endswith("COMPLETED"), last)

        missing = self.watch("no-such-replay")
        self.assertEqual(missing.returncode, 1)
        self.assertIn("An error occurred (ResourceNotFoundException) when calling the DescribeReplayProgress operation: "
                      "Replay no-such-replay does not exist.", missing.stderr)

    def backtest(self, *arguments):
        return subprocess.run(
            [os.environ["SWITCHYARD_BINARY"], "backtest", *arguments, "--endpoint-url", self.server.endpoint],
            capture_output=True, text=True, env=dict(os.environ, **CREDENTIALS), timeout=120)

    def test_backtest_runs_a_pattern_and_a_rule_over_an_archive_and_delivers_nothing(self):
        self.events.create_archive(ArchiveName="tested", EventSourceArn=BUS, EventPattern=json.dumps({"source": ["tested"]}))
        url, queue_arn = self.queue("tested")
        self.rule("big", {"source": ["tested"], "detail": {"n": [{"numeric": [">=", 7]}]}}, queue_arn)
        put(self.events, "tested", 10)
        drain(self.sqs, url)
        result = self.backtest("tested", "--pattern", json.dumps({"detail": {"n": [0, 1]}}), "--rule", "big",
                               "--sample-size", "1")
        self.assertEqual(result.returncode, 0, result.stderr)
        outcome = json.loads(result.stdout)
        self.assertEqual(outcome["EventsScanned"], 10)
        self.assertEqual([(r["Name"], r["MatchedCount"], len(r["Samples"])) for r in outcome["Results"]],
                         [("EventPattern", 2, 1), ("big", 3, 1)])
        self.assertEqual(drain(self.sqs, url, settle=1), [], "a back-test delivers nothing")

        sample = json.loads(outcome["Results"][0]["Samples"][0])
        explained = json.loads(self.backtest("tested", "--rule", "big", "--explain", sample["id"]).stdout)
        [explanation] = explained["Explanations"]
        self.assertEqual((explanation["EventId"], explanation["Name"], explanation["Matched"]), (sample["id"], "big", False))
        self.assertIn("detail.n", explanation["Reasons"][0])

        missing = self.backtest("no-such-archive", "--rule", "big")
        self.assertEqual(missing.returncode, 1)
        self.assertIn("(ResourceNotFoundException) when calling the Backtest operation: Archive no-such-archive does not exist.",
                      missing.stderr)


class RestartTest(unittest.TestCase):
    """Tests that stop or kill their own server."""

    def setUp(self):
        self.server = Server()
        self.server.start()

    def tearDown(self):
        self.server.remove()

    def test_a_replay_survives_sigkill_and_delivers_every_event_of_its_window(self):
        events, sqs = self.server.client(), self.server.client(service="sqs")
        events.create_archive(ArchiveName="crash", EventSourceArn=BUS, EventPattern=json.dumps({"source": ["crash"]}))
        url = sqs.create_queue(QueueName="crash")["QueueUrl"]
        events.put_rule(Name="crash", EventPattern=json.dumps({"source": ["crash"], "replay-name": [{"exists": True}]}))
        events.put_targets(Rule="crash", Targets=[{"Id": "q", "Arn": "arn:aws:sqs:us-east-1:000000000000:crash"}])
        put_in_parallel(events, "crash", 4000)
        events.start_replay(
            ReplayName="through-a-crash", EventSourceArn="arn:aws:events:us-east-1:000000000000:archive/crash",
            EventStartTime=seconds_ago(3600), EventEndTime=seconds_ago(-60), Destination={"Arn": BUS})
        at_kill = wait_for_replay(events, "through-a-crash", {"RUNNING", "COMPLETED"})
        self.server.kill()
        self.assertEqual(at_kill["State"], "RUNNING", "killed mid-replay")

        self.server.start()
        events, sqs = self.server.client(), self.server.client(service="sqs")
        self.assertEqual(wait_for_replay(events, "through-a-crash", {"COMPLETED"})["State"], "COMPLETED")
        replayed = {json.loads(body)["id"] for body in drain(sqs, url)}
        self.assertEqual(len(replayed), 4000)


    def test_retention_purges_events_past_their_archive_retention(self):
        events = self.server.client()
        events.create_archive(ArchiveName="short", EventSourceArn=BUS, RetentionDays=1,
                              EventPattern=json.dumps({"source": ["aged"]}))
        events.create_archive(ArchiveName="forever", EventSourceArn=BUS, EventPattern=json.dumps({"source": ["aged"]}))
        put(events, "aged", 5)
        self.server.stop()
        # Two days pass for the archived events while the server is down; it sweeps as it starts.
        with sqlite3.connect(os.path.join(self.server.data_dir, "switchyard.sqlite")) as database:
            database.execute("UPDATE archivedEvent SET receivedTime = receivedTime - 2 * 86400")
        self.server.start()
        events = self.server.client()
        deadline = time.time() + 30
        while events.describe_archive(ArchiveName="short")["EventCount"] and time.time() < deadline:
            time.sleep(0.2)
        self.assertEqual(events.describe_archive(ArchiveName="short")["EventCount"], 0)
        self.assertEqual(events.describe_archive(ArchiveName="forever")["EventCount"], 5)


if __name__ == "__main__":
    unittest.main()

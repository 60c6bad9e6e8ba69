"""Real CloudTrail history through the server's rules: `switchyard import-cloudtrail`
puts the events EventBridge would have delivered for CloudTrail log files and
lookup-events output, and its dry run counts the same matches; `switchyard
put-service-events` feeds whole AWS service events. The records are written here
from the examples of AWS's documentation."""
import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import uuid

from server import CREDENTIALS, ServerTestCase

ACCOUNT = "000000000000"
RECORDED_ACCOUNT = "111122223333"


def record(name, source, event_type="AwsApiCall", read_only=False, region="us-east-1", **extra):
    """A CloudTrail record in the form of the documentation's examples."""
    value = {
        "eventVersion": "1.08",
        "userIdentity": {"type": "IAMUser", "principalId": "AIDACKCEVSQ6C2EXAMPLE",
                         "arn": f"arn:aws:iam::{RECORDED_ACCOUNT}:user/Mary_Major", "accountId": RECORDED_ACCOUNT,
                         "accessKeyId": "AKIAIOSFODNN7EXAMPLE", "userName": "Mary_Major"},
        "eventTime": "2024-01-15T10:05:12Z", "eventSource": source, "eventName": name, "awsRegion": region,
        "sourceIPAddress": "192.0.2.0", "userAgent": "aws-cli/2.13.5", "requestParameters": {},
        "responseElements": None, "requestID": "47B8E8D397DCE7A6", "eventID": str(uuid.uuid4()),
        "readOnly": read_only, "eventType": event_type, "managementEvent": True,
        "recipientAccountId": RECORDED_ACCOUNT, "eventCategory": "Management",
    }
    value.update(extra)
    return value


class CloudTrailImportTest(ServerTestCase):
    # What the rules below should see of the history written in setUp.
    EXPECTED = {"buckets": 1, "ec2-everything": 2, "ec2-changes": 1, "sign-ins": 1, "users": 1}

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="cloudtrail-history-")
        day = os.path.join(self.folder, "bucket", "AWSLogs", RECORDED_ACCOUNT, "CloudTrail", "us-east-1", "2024", "01", "15")
        os.makedirs(day)
        records = [
            record("CreateBucket", "s3.amazonaws.com", requestParameters={"bucketName": "amzn-s3-demo-bucket"}),
            record("RunInstances", "ec2.amazonaws.com"),
            record("DescribeInstances", "ec2.amazonaws.com", read_only=True),
            record("ConsoleLogin", "signin.amazonaws.com", event_type="AwsConsoleSignIn",
                   responseElements={"ConsoleLogin": "Success"}),
            record("UpdateTrail", "cloudtrail.amazonaws.com", event_type="AwsCloudTrailInsight"),
            record("CreateBucket", "s3.amazonaws.com", region="eu-west-1"),
            record("PutObject", "s3.amazonaws.com", requestParameters={"key": "x" * 270_000}),
        ]
        with gzip.open(os.path.join(day, f"{RECORDED_ACCOUNT}_CloudTrail_us-east-1_20240115T1005Z_Mu0KsOhtH1ar15ZZ.json.gz"), "wt") as out:
            json.dump({"Records": records}, out)
        with open(os.path.join(self.folder, "lookup-events.json"), "w") as out:
            json.dump({"Events": [{"EventId": "e", "EventName": "CreateUser",
                                   "CloudTrailEvent": json.dumps(record("CreateUser", "iam.amazonaws.com"))}]}, out)

    def tearDown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def switchyard(self, *arguments):
        return subprocess.run(
            [os.environ["SWITCHYARD_BINARY"], *arguments, "--endpoint-url", self.server.endpoint],
            capture_output=True, text=True, env=dict(os.environ, **CREDENTIALS), timeout=120)

    def rule(self, name, pattern, state="ENABLED"):
        url = self.sqs.create_queue(QueueName=name)["QueueUrl"]
        self.events.put_rule(Name=name, State=state, EventPattern=json.dumps(pattern))
        self.events.put_targets(Rule=name, Targets=[{"Id": "q", "Arn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:{name}"}])
        return url

    def drain(self, url, expected=0, within=15):
        """The queue's messages once `expected` arrived, and any more that come within a second."""
        bodies, deadline = [], time.time() + within
        while True:
            messages = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
            for message in messages:
                bodies.append(json.loads(message["Body"]))
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            if (len(bodies) >= expected and not messages) or time.time() > deadline:
                return bodies

    def test_an_import_delivers_what_its_dry_run_counts(self):
        queues = {
            "buckets": self.rule("buckets", {"source": ["aws.s3"], "detail": {"eventName": ["CreateBucket"]}}),
            "ec2-everything": self.rule("ec2-everything", {"source": ["aws.ec2"]},
                                        state="ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"),
            "ec2-changes": self.rule("ec2-changes", {"source": ["aws.ec2"]}),
            "sign-ins": self.rule("sign-ins", {"detail-type": ["AWS Console Sign In via CloudTrail"]}),
            "users": self.rule("users", {"source": ["aws.iam"], "detail": {"eventName": ["CreateUser"]}}),
        }
        paths = [os.path.join(self.folder, "bucket"), os.path.join(self.folder, "lookup-events.json")]

        dry = self.switchyard("import-cloudtrail", "--dry-run", *paths)
        self.assertEqual(dry.returncode, 0, dry.stderr)
        counts = {match[0]: int(match[1]) for match in re.findall(r"^rule (\S+) \(us-east-1, [A-Z_]+\)\s+(\d+)$", dry.stdout, re.M)}
        self.assertEqual(counts, self.EXPECTED, dry.stdout)
        self.assertRegex(dry.stdout, r"(?m)^records read\s+8$")
        self.assertRegex(dry.stdout, r"(?m)^skipped: not delivered by EventBridge\s+1$")
        self.assertRegex(dry.stdout, r"(?m)^skipped: over 256 KB\s+1$")
        for url in queues.values():
            self.assertEqual(self.drain(url), [], "a dry run delivers nothing")

        imported = self.switchyard("import-cloudtrail", *paths)
        self.assertEqual(imported.returncode, 0, imported.stderr)
        self.assertRegex(imported.stdout, r"(?m)^events put\s+6$")
        delivered = {name: self.drain(url, self.EXPECTED[name]) for name, url in queues.items()}
        self.assertEqual({name: len(bodies) for name, bodies in delivered.items()}, self.EXPECTED)
        [bucket] = delivered["buckets"]
        self.assertEqual((bucket["source"], bucket["detail-type"], bucket["account"], bucket["region"], bucket["time"]),
                         ("aws.s3", "AWS API Call via CloudTrail", RECORDED_ACCOUNT, "us-east-1", "2024-01-15T10:05:12Z"))
        self.assertEqual(bucket["resources"], [])
        self.assertEqual(bucket["detail"]["requestParameters"], {"bucketName": "amzn-s3-demo-bucket"})
        self.assertEqual(delivered["ec2-changes"][0]["detail"]["eventName"], "RunInstances")

    def test_put_service_events_feeds_whole_aws_events_that_put_events_refuses(self):
        url = self.rule("state-changes", {"source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"],
                                          "detail": {"state": ["running"]}})
        event = {"version": "0", "id": "7bf73129-1428-4cd3-a780-95db273d1602",
                 "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2",
                 "account": "123456789012", "time": "2021-11-11T21:29:54Z", "region": "us-east-1",
                 "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
                 "detail": {"instance-id": "i-abcd1111", "state": "running"}}
        path = os.path.join(self.folder, "events.json")
        with open(path, "w") as out:
            out.write(json.dumps(event) + "\n" + json.dumps(dict(event, detail={"instance-id": "i-2", "state": "pending"})) + "\n")
            out.write(json.dumps({"source": "aws.ec2", "detail-type": "no detail"}) + "\n")
        put = self.switchyard("put-service-events", path)
        self.assertEqual(put.returncode, 1, put.stdout)
        lines = put.stdout.strip().splitlines()
        self.assertEqual(len(lines), 3)
        self.assertEqual(lines[2], "InvalidArgument: Parameter detail is not a JSON object.")
        [received] = self.drain(url, 1)
        self.assertEqual({key: received[key] for key in ("source", "account", "time", "region", "resources", "detail")},
                         {key: event[key] for key in ("source", "account", "time", "region", "resources", "detail")})
        self.assertNotEqual(received["id"], event["id"])

        refused = self.events.put_events(Entries=[{"Source": "aws.ec2", "DetailType": "x", "Detail": "{}"}])["Entries"][0]
        self.assertEqual(refused["ErrorCode"], "NotAuthorizedForSourceException")

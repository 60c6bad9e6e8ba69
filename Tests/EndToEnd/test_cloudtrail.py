"""CloudTrail for the server's own APIs, through the real AWS CLI and boto3: a
logging trail turns calls into "AWS API Call via CloudTrail" events on the default
bus, read-only calls reach only the rules that ask for them, event history finds
calls, and trails write CloudTrail's own log files."""
import glob
import gzip
import json
import os
import re
import time

from server import ServerTestCase

ACCOUNT = "000000000000"
REGION = "us-east-1"
BUCKET = "audit-logs"


class CloudTrailTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cloudtrail = cls.server.client(service="cloudtrail")
        status, created = cls.server.cli("create-trail", "--name", "audit", "--s3-bucket-name", BUCKET, service="cloudtrail")
        assert status == 0, created
        status, started = cls.server.cli("start-logging", "--name", "audit", service="cloudtrail")
        assert status == 0, started

    def queue(self, name):
        url = self.sqs.create_queue(QueueName=name)["QueueUrl"]
        return url, f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"

    def rule(self, name, detail, state="ENABLED"):
        """A rule for API calls CloudTrail reports, with a queue of its own."""
        url, arn = self.queue(name)
        self.events.put_rule(Name=name, State=state, EventPattern=json.dumps({
            "source": ["aws.events"], "detail-type": ["AWS API Call via CloudTrail"], "detail": detail}))
        self.events.put_targets(Rule=name, Targets=[{"Id": "q", "Arn": arn}])
        return url

    def received(self, url, within=15):
        deadline = time.time() + within
        while time.time() < deadline:
            messages = self.sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages", [])
            if messages:
                return [json.loads(message["Body"]) for message in messages]
        return []

    def test_a_create_event_bus_call_reaches_a_rule_as_cloudtrail_reports_it(self):
        url = self.rule("bus-created", {"eventName": ["CreateEventBus"], "requestParameters": {"name": ["orders"]}})
        status, created = self.server.cli("create-event-bus", "--name", "orders")
        self.assertEqual(status, 0, created)
        [event] = self.received(url)
        self.assertEqual((event["source"], event["detail-type"], event["account"], event["region"]),
                         ("aws.events", "AWS API Call via CloudTrail", ACCOUNT, REGION))
        detail = event["detail"]
        self.assertEqual((detail["eventSource"], detail["eventName"], detail["awsRegion"]),
                         ("events.amazonaws.com", "CreateEventBus", REGION))
        self.assertEqual(detail["responseElements"], {"eventBusArn": created["EventBusArn"]})
        self.assertEqual((detail["readOnly"], detail["managementEvent"], detail["eventCategory"], detail["eventType"]),
                         (False, True, "Management", "AwsApiCall"))
        self.assertEqual(detail["userIdentity"]["accountId"], ACCOUNT)
        self.assertTrue(detail["userAgent"].startswith("aws-cli/"), detail["userAgent"])
        self.assertEqual(detail["recipientAccountId"], ACCOUNT)

    def test_a_read_only_call_reaches_only_rules_enabled_for_all_management_events(self):
        every = self.rule("lists-all", {"eventName": ["ListRules"]}, state="ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")
        plain = self.rule("lists-plain", {"eventName": ["ListRules"]})
        status, listed = self.server.cli("list-rules")
        self.assertEqual(status, 0, listed)
        [event] = self.received(every)[:1]
        self.assertEqual((event["detail"]["eventName"], event["detail"]["readOnly"]), ("ListRules", True))
        self.assertEqual(self.received(plain, within=2), [])

    def test_nothing_is_delivered_while_logging_is_stopped(self):
        url = self.rule("quiet", {"eventName": ["CreateEventBus"], "requestParameters": {"name": ["quiet-bus"]}})
        self.assertEqual(self.server.cli("stop-logging", "--name", "audit", service="cloudtrail")[0], 0)
        try:
            self.assertFalse(self.cloudtrail.get_trail_status(Name="audit")["IsLogging"])
            self.events.create_event_bus(Name="quiet-bus")
            self.assertEqual(self.received(url, within=3), [])
        finally:
            self.assertEqual(self.server.cli("start-logging", "--name", "audit", service="cloudtrail")[0], 0)
        self.events.delete_event_bus(Name="quiet-bus")
        self.events.create_event_bus(Name="quiet-bus")
        self.assertEqual(len(self.received(url)), 1)

    def test_lookup_events_finds_a_call_by_its_name_and_by_its_resource(self):
        self.events.create_event_bus(Name="looked-up")
        deadline, found = time.time() + 10, []
        while not found and time.time() < deadline:
            status, answer = self.server.cli(
                "lookup-events", "--lookup-attributes", "AttributeKey=EventName,AttributeValue=CreateEventBus",
                service="cloudtrail")
            self.assertEqual(status, 0, answer)
            found = [event for event in answer["Events"]
                     if json.loads(event["CloudTrailEvent"])["requestParameters"] == {"name": "looked-up"}]
            time.sleep(0.2)
        self.assertEqual(len(found), 1)
        self.assertEqual((found[0]["EventSource"], found[0]["ReadOnly"], found[0]["Username"]),
                         ("events.amazonaws.com", "false", "root"))
        bus_arn = f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/looked-up"
        self.assertEqual(found[0]["Resources"], [{"ResourceType": "AWS::Events::EventBus", "ResourceName": bus_arn}])
        by_resource = self.cloudtrail.lookup_events(
            LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": bus_arn}])["Events"]
        self.assertEqual([event["EventId"] for event in by_resource], [found[0]["EventId"]])

    def test_trails_write_cloudtrail_log_files(self):
        self.events.create_event_bus(Name="logged-bus")
        folder = os.path.join(self.server.data_dir, "buckets", BUCKET, "AWSLogs", ACCOUNT, "CloudTrail", REGION)
        deadline, records = time.time() + 20, []
        while time.time() < deadline:
            files = glob.glob(os.path.join(folder, "*", "*", "*", "*.json.gz"))
            records = [record for path in files for record in json.load(gzip.open(path))["Records"]]
            if any(record["requestParameters"] == {"name": "logged-bus"} for record in records):
                break
            time.sleep(0.5)
        name = re.compile(rf"^{ACCOUNT}_CloudTrail_{REGION}_\d{{8}}T\d{{4}}Z_[A-Za-z0-9]{{16}}\.json\.gz$")
        self.assertTrue(files and all(name.match(os.path.basename(path)) for path in files), files)
        self.assertTrue(all(re.search(r"/\d{4}/\d{2}/\d{2}/[^/]+$", path) for path in files), files)
        [logged] = [record for record in records if record["requestParameters"] == {"name": "logged-bus"}]
        for field in ("eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion",
                      "sourceIPAddress", "userAgent", "requestID", "eventID", "readOnly", "eventType",
                      "managementEvent", "recipientAccountId", "eventCategory"):
            self.assertIn(field, logged)
        self.assertIsNotNone(self.cloudtrail.get_trail_status(Name="audit").get("LatestDeliveryTime"))

    def test_advanced_selectors_log_queue_data_events(self):
        self.cloudtrail.create_trail(Name="queue-data", S3BucketName="queue-data-logs")
        self.cloudtrail.put_event_selectors(TrailName="queue-data", AdvancedEventSelectors=[{
            "Name": "sends", "FieldSelectors": [
                {"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::SQS::Queue"]},
                {"Field": "eventName", "Equals": ["SendMessage"]}]}])
        self.cloudtrail.start_logging(Name="queue-data")
        url, arn = self.queue("sent-to")
        self.events.put_rule(Name="sends", EventPattern=json.dumps({
            "source": ["aws.sqs"], "detail": {"eventName": ["SendMessage"]}}))
        watcher, watcher_arn = self.queue("send-watcher")
        self.events.put_targets(Rule="sends", Targets=[{"Id": "q", "Arn": watcher_arn}])
        deadline, events = time.time() + 15, []
        while not events and time.time() < deadline:
            # The recorder reads the new selectors within a second.
            self.sqs.send_message(QueueUrl=url, MessageBody="hello")
            events = self.received(watcher, within=2)
        detail = events[0]["detail"]
        self.assertEqual((detail["eventCategory"], detail["managementEvent"]), ("Data", False))
        self.assertEqual(detail["resources"], [{"accountId": ACCOUNT, "type": "AWS::SQS::Queue", "ARN": arn}])
        history = self.cloudtrail.lookup_events(
            LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "SendMessage"}])["Events"]
        self.assertEqual(history, [], "event history keeps management events only")

    def test_trail_operations_answer_as_cloudtrail_does(self):
        described = self.cloudtrail.describe_trails(trailNameList=["audit"])["trailList"]
        self.assertEqual([(t["Name"], t["HomeRegion"], t["TrailARN"]) for t in described],
                         [("audit", REGION, f"arn:aws:cloudtrail:{REGION}:{ACCOUNT}:trail/audit")])
        self.assertIn("audit", [t["Name"] for t in self.cloudtrail.list_trails()["Trails"]])
        selectors = self.cloudtrail.get_event_selectors(TrailName="audit")["EventSelectors"]
        self.assertEqual(selectors, [{"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": [],
                                      "ExcludeManagementEventSources": []}])
        arn = described[0]["TrailARN"]
        self.assertEqual(self.server.cli("add-tags", "--resource-id", arn, "--tags-list", "Key=team,Value=security",
                                         service="cloudtrail")[0], 0)
        status, tags = self.server.cli("list-tags", "--resource-id-list", arn, service="cloudtrail")
        self.assertEqual(tags["ResourceTagList"], [{"ResourceId": arn, "TagsList": [{"Key": "team", "Value": "security"}]}])
        for arguments, code, message in [
            (("create-trail", "--name", "ab", "--s3-bucket-name", BUCKET), "InvalidTrailNameException",
             "Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters."),
            (("create-trail", "--name", "audit", "--s3-bucket-name", BUCKET), "TrailAlreadyExistsException",
             f"Trail audit already exists for customer: {ACCOUNT}"),
            (("get-trail", "--name", "missing"), "TrailNotFoundException", f"Unknown trail: missing for the user: {ACCOUNT}"),
        ]:
            status, error = self.server.cli(*arguments, service="cloudtrail")
            self.assertEqual(status, 255)
            self.assertIn(f"({code})", error)
            self.assertIn(message, error)

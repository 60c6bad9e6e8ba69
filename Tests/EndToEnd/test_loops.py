"""A rule whose action triggers the same rule: Switchyard stops it after five
generations. The loop here runs through CloudTrail: the rule matches the records
of PutEvents calls, and its target is a bus of another account whose endpoint is
this very server, so that each delivery is a PutEvents call that makes a record
the rule matches again."""
import json
import time
import unittest

from server import Server

ACCOUNT = "000000000000"


class LoopTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(environment={"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test"})
        cls.server.environment["AWS_ENDPOINT_URL_EVENTBRIDGE"] = cls.server.endpoint
        cls.server.start()
        cls.events = cls.server.client()
        cls.sqs = cls.server.client(service="sqs")
        cloudtrail = cls.server.client(service="cloudtrail")
        cloudtrail.create_trail(Name="data", S3BucketName="data-events")
        cloudtrail.put_event_selectors(TrailName="data", AdvancedEventSelectors=[{"FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::Events::EventBus"]}]}])
        cloudtrail.start_logging(Name="data")

    @classmethod
    def tearDownClass(cls):
        cls.server.remove()

    def test_a_rule_that_triggers_itself_stops_after_five_generations(self):
        url = self.sqs.create_queue(QueueName="generations")["QueueUrl"]
        self.events.put_rule(Name="echo", EventPattern=json.dumps({
            "source": ["aws.events"], "detail": {"eventName": ["PutEvents"]}}))
        self.events.put_targets(Rule="echo", Targets=[
            {"Id": "watch", "Arn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:generations"},
            {"Id": "again", "Arn": "arn:aws:events:us-east-1:111111111111:event-bus/default",
             "RoleArn": "arn:aws:iam::111111111111:role/events"}])
        # The recorder reads the trail's new selectors within a second.
        time.sleep(1.5)
        self.events.put_events(Entries=[{"Source": "shop", "DetailType": "order", "Detail": "{}"}])
        seen, deadline = [], time.time() + 30
        while time.time() < deadline:
            messages = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
            for message in messages:
                seen.append(json.loads(message["Body"]))
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            if len(seen) >= 5 and not messages:
                break
        self.assertEqual(len(seen), 5, [event["detail"]["userAgent"] for event in seen])
        time.sleep(3)
        self.assertEqual(self.sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages", []), [])

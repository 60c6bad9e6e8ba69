"""Global endpoints through boto3, which signs PutEvents with an EndpointId with
SigV4a: events go to the primary Region's bus while its health check passes, to the
secondary's while `switchyard set-health-check` marks it unhealthy, and with
replication the other Region gets a copy. Under --credentials, SigV4a is verified."""
import json
import subprocess
import unittest

import botocore

from server import Server
from signed_server import ALICE, SignedServerTest, profile

ACCOUNT = "111111111111"
PRIMARY, SECONDARY = "us-east-1", "us-west-2"


def create_endpoint(events, name, health_check, replication):
    events.create_endpoint(
        Name=name, ReplicationConfig={"State": replication},
        RoutingConfig={"FailoverConfig": {"Primary": {"HealthCheck": f"arn:aws:route53:::healthcheck/{health_check}"},
                                          "Secondary": {"Route": SECONDARY}}},
        EventBuses=[{"EventBusArn": f"arn:aws:events:{region}:{ACCOUNT}:event-bus/{name}"} for region in (PRIMARY, SECONDARY)])
    return events.describe_endpoint(Name=name)


class GlobalEndpointTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.remove()

    def client(self, service, region=PRIMARY):
        return self.server.client(region=region, service=service, account=ACCOUNT)

    def buses_with_inboxes(self, name):
        """A bus `name` in both Regions, each with a rule sending its events to a queue."""
        urls = {}
        for region in (PRIMARY, SECONDARY):
            events, sqs = self.client("events", region), self.client("sqs", region)
            events.create_event_bus(Name=name)
            urls[region] = sqs.create_queue(QueueName=f"{name}-inbox")["QueueUrl"]
            events.put_rule(Name="all", EventBusName=name, EventPattern=json.dumps({"source": ["shop"]}))
            events.put_targets(Rule="all", EventBusName=name, Targets=[
                {"Id": "q", "Arn": f"arn:aws:sqs:{region}:{ACCOUNT}:{name}-inbox"}])
        return urls

    def received(self, urls):
        """The Regions of the events each Region's queue received."""
        seen = {}
        for region, url in urls.items():
            sqs = self.client("sqs", region)
            messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1, MaxNumberOfMessages=10).get("Messages", [])
            for message in messages:
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            seen[region] = [json.loads(message["Body"])["region"] for message in messages]
        return seen

    def put(self, endpoint_id, bus):
        answer = self.client("events").put_events(EndpointId=endpoint_id, Entries=[
            {"Source": "shop", "DetailType": "order", "Detail": "{}", "EventBusName": bus}])
        self.assertEqual(answer["FailedEntryCount"], 0, answer)

    def set_health(self, health_check, status):
        subprocess.run([self.server.binary, "set-health-check", health_check, status, "--endpoint-url", self.server.endpoint],
                       check=True, capture_output=True, timeout=60)

    def test_an_endpoint_is_created_described_listed_updated_and_deleted(self):
        events = self.client("events")
        self.buses_with_inboxes("described")
        endpoint = create_endpoint(events, "described", "described-check", "DISABLED")
        self.assertEqual(endpoint["State"], "ACTIVE")
        self.assertEqual(endpoint["EndpointUrl"], f"https://{endpoint['EndpointId']}.endpoint.events.amazonaws.com")
        self.assertEqual(endpoint["Arn"], f"arn:aws:events:{PRIMARY}:{ACCOUNT}:endpoint/described")
        self.assertIn("described", [e["Name"] for e in events.list_endpoints(NamePrefix="desc")["Endpoints"]])
        self.assertEqual(self.client("events", SECONDARY).describe_endpoint(Name="described", HomeRegion=PRIMARY)["Name"],
                         "described")
        updated = events.update_endpoint(Name="described", ReplicationConfig={"State": "ENABLED"})
        self.assertEqual((updated["State"], updated["ReplicationConfig"]["State"]), ("UPDATING", "ENABLED"))
        with self.assertRaises(botocore.exceptions.ClientError) as raised:
            create_endpoint(events, "described", "described-check", "DISABLED")
        self.assertEqual(raised.exception.response["Error"]["Code"], "ResourceAlreadyExistsException")
        events.delete_endpoint(Name="described")
        with self.assertRaises(botocore.exceptions.ClientError) as raised:
            events.describe_endpoint(Name="described")
        self.assertEqual(raised.exception.response["Error"]["Code"], "ResourceNotFoundException")

    def test_events_go_to_the_primary_and_fail_over_to_the_secondary_while_it_is_unhealthy(self):
        urls = self.buses_with_inboxes("failover")
        endpoint_id = create_endpoint(self.client("events"), "failover", "failover-check", "DISABLED")["EndpointId"]
        self.put(endpoint_id, "failover")
        self.assertEqual(self.received(urls), {PRIMARY: [PRIMARY], SECONDARY: []})

        self.set_health("failover-check", "unhealthy")
        self.put(endpoint_id, f"arn:aws:events:{PRIMARY}:{ACCOUNT}:event-bus/failover")
        self.assertEqual(self.received(urls), {PRIMARY: [], SECONDARY: [SECONDARY]})

        self.set_health("failover-check", "healthy")
        self.put(endpoint_id, "failover")
        self.assertEqual(self.received(urls), {PRIMARY: [PRIMARY], SECONDARY: []})

    def test_with_replication_the_secondary_receives_a_copy(self):
        urls = self.buses_with_inboxes("replicated")
        endpoint_id = create_endpoint(self.client("events"), "replicated", "replicated-check", "ENABLED")["EndpointId"]
        self.put(endpoint_id, "replicated")
        self.assertEqual(self.received(urls), {PRIMARY: [PRIMARY], SECONDARY: [SECONDARY]})

    def test_a_bus_that_is_not_the_endpoints_is_refused_per_entry(self):
        self.buses_with_inboxes("own")
        endpoint_id = create_endpoint(self.client("events"), "own", "own-check", "DISABLED")["EndpointId"]
        answer = self.client("events").put_events(EndpointId=endpoint_id, Entries=[
            {"Source": "shop", "DetailType": "order", "Detail": "{}", "EventBusName": "elsewhere"}])
        self.assertEqual(answer["FailedEntryCount"], 1)


class SignedGlobalEndpointTest(SignedServerTest):
    profiles = profile("alice", ALICE)

    def test_sigv4a_is_verified(self):
        events = self.client("events", ALICE)
        for region in (PRIMARY, SECONDARY):
            self.client("events", ALICE, region=region).create_event_bus(Name="signed")
        endpoint_id = create_endpoint(events, "signed", "signed-check", "DISABLED")["EndpointId"]
        entry = {"Source": "shop", "DetailType": "order", "Detail": "{}", "EventBusName": "signed"}
        self.assertEqual(events.put_events(EndpointId=endpoint_id, Entries=[entry])["FailedEntryCount"], 0)
        with self.assertRaises(botocore.exceptions.ClientError) as raised:
            self.client("events", ALICE, secret="wrong").put_events(EndpointId=endpoint_id, Entries=[entry])
        self.assertEqual(raised.exception.response["Error"]["Code"], "InvalidSignatureException")


if __name__ == "__main__":
    unittest.main()

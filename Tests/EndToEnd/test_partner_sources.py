"""Partner event sources through boto3: a partner account (`serve --partner`) offers a
source to a customer account, which matches it with a partner event bus and receives
the partner's PutPartnerEvents there; clients cannot put events on that bus."""
import json
import unittest

import botocore

from server import Server

PARTNER = "999999999999"
CUSTOMER = "111111111111"
SOURCE = "aws.partner/example.com/tenant-1/orders"


class PartnerSourceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(options=["--partner", f"{PARTNER}=example.com"])
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.remove()

    def client(self, account, service="events"):
        return self.server.client(service=service, account=account)

    def test_a_customer_receives_its_partners_events_on_the_partner_bus(self):
        partner, customer, sqs = self.client(PARTNER), self.client(CUSTOMER), self.client(CUSTOMER, "sqs")
        arn = partner.create_partner_event_source(Name=SOURCE, Account=CUSTOMER)["EventSourceArn"]
        self.assertEqual(arn, f"arn:aws:events:us-east-1::event-source/{SOURCE}")
        self.assertEqual(partner.describe_partner_event_source(Name=SOURCE)["Name"], SOURCE)
        self.assertEqual([s["Name"] for s in partner.list_partner_event_sources(NamePrefix="aws.partner/example.com/")
                          ["PartnerEventSources"]], [SOURCE])
        offered = customer.describe_event_source(Name=SOURCE)
        self.assertEqual((offered["State"], offered["CreatedBy"]), ("PENDING", "example.com"))
        self.assertIn("ExpirationTime", offered)

        customer.activate_event_source(Name=SOURCE)
        bus = customer.create_event_bus(Name=SOURCE, EventSourceName=SOURCE)["EventBusArn"]
        self.assertEqual(bus, f"arn:aws:events:us-east-1:{CUSTOMER}:event-bus/{SOURCE}")
        self.assertEqual(customer.describe_event_source(Name=SOURCE)["State"], "ACTIVE")
        accounts = partner.list_partner_event_source_accounts(EventSourceName=SOURCE)["PartnerEventSourceAccounts"]
        self.assertEqual([(a["Account"], a["State"]) for a in accounts], [(CUSTOMER, "ACTIVE")])

        url = sqs.create_queue(QueueName="partner-inbox")["QueueUrl"]
        customer.put_rule(Name="orders", EventBusName=SOURCE, EventPattern=json.dumps({"detail-type": ["order"]}))
        customer.put_targets(Rule="orders", EventBusName=SOURCE, Targets=[
            {"Id": "q", "Arn": f"arn:aws:sqs:us-east-1:{CUSTOMER}:partner-inbox"}])

        put = partner.put_partner_events(Entries=[
            {"Source": SOURCE, "DetailType": "order", "Detail": json.dumps({"id": 1})},
            {"Source": "aws.partner/example.com/not-mine", "DetailType": "order", "Detail": "{}"}])
        self.assertEqual(put["FailedEntryCount"], 1)
        self.assertEqual(put["Entries"][1]["ErrorCode"], "NotAuthorizedForSourceException")
        messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=2, MaxNumberOfMessages=10)["Messages"]
        event = json.loads(messages[0]["Body"])
        self.assertEqual((event["source"], event["account"], event["id"]), (SOURCE, CUSTOMER, put["Entries"][0]["EventId"]))
        sqs.delete_message(QueueUrl=url, ReceiptHandle=messages[0]["ReceiptHandle"])

        with self.assertRaises(botocore.exceptions.ClientError) as raised:
            customer.put_events(Entries=[{"Source": "me", "DetailType": "order", "Detail": "{}", "EventBusName": bus}])
        self.assertEqual(raised.exception.response["Error"]["Code"], "ValidationException")

        customer.deactivate_event_source(Name=SOURCE)
        self.assertEqual(customer.describe_event_source(Name=SOURCE)["State"], "PENDING")
        partner.put_partner_events(Entries=[{"Source": SOURCE, "DetailType": "order", "Detail": "{}"}])
        self.assertEqual(sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages", []), [])

        partner.delete_partner_event_source(Name=SOURCE, Account=CUSTOMER)
        self.assertEqual(customer.describe_event_source(Name=SOURCE)["State"], "DELETED")

    def test_an_account_that_is_not_the_partner_cannot_create_its_sources(self):
        with self.assertRaises(botocore.exceptions.ClientError) as raised:
            self.client(CUSTOMER).create_partner_event_source(Name="aws.partner/example.com/x/y", Account=CUSTOMER)
        self.assertEqual(raised.exception.response["Error"]["Code"], "AccessDeniedException")
        with self.assertRaises(botocore.exceptions.ClientError) as raised:
            self.client(CUSTOMER).describe_event_source(Name="aws.partner/example.com/x/y")
        self.assertEqual(raised.exception.response["Error"]["Code"], "ResourceNotFoundException")


if __name__ == "__main__":
    unittest.main()

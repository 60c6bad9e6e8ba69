"""Who is calling, with real signing: `switchyard serve --credentials FILE` takes only
requests signed with the file's keys, each acting in its profile's account, and
answers the rest with AWS's errors; accounts do not see each other's resources; the
file is read again on SIGHUP. Without the flag the server stays open."""
import datetime
import json
import signal
import subprocess
import time
import unittest
import urllib.error
import urllib.request
from unittest import mock

import boto3
import botocore
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from server import Server
from signed_server import ALICE, BOB, CAROL, SignedServerTest, profile


class AuthenticationTest(SignedServerTest):
    profiles = profile("alice", ALICE) + profile("bob", BOB)

    def refusal(self, call):
        with self.assertRaises(botocore.exceptions.ClientError) as raised:
            call()
        return raised.exception.response["Error"]["Code"], raised.exception.response["Error"]["Message"]

    def cli(self, key, *arguments):
        environment = self.environment(key)
        return subprocess.run(["aws", "--endpoint-url", self.server.endpoint, "--output", "json", *arguments],
                              capture_output=True, text=True, env=environment, timeout=60)

    def raw(self, body, amz_date=None, tamper=None, key=ALICE):
        """A ListRules request signed by botocore's own signer, then sent as is (or tampered with)."""
        request = AWSRequest(method="POST", url=self.server.endpoint + "/", data=body, headers={
            "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSEvents.ListRules"})
        moment = amz_date or datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        with mock.patch("botocore.auth.get_current_datetime", return_value=moment):
            SigV4Auth(Credentials(key[0], key[1]), "events", "us-east-1").add_auth(request)
        sent = urllib.request.Request(self.server.endpoint + "/", data=(tamper or body).encode(),
                                      headers=dict(request.headers.items()), method="POST")
        try:
            with urllib.request.urlopen(sent, timeout=10) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def test_valid_keys_work_on_every_service(self):
        self.assertEqual(self.client("events", ALICE).create_event_bus(Name="alices")["EventBusArn"],
                         f"arn:aws:events:us-east-1:{ALICE[2]}:event-bus/alices")
        self.assertTrue(self.client("sqs", ALICE).create_queue(QueueName="alices")["QueueUrl"].endswith(f"/{ALICE[2]}/alices"))
        self.client("logs", ALICE).create_log_group(logGroupName="alices")
        self.client("cloudtrail", ALICE).create_trail(Name="alices", S3BucketName="alices-logs")
        listed = self.cli(ALICE, "events", "list-event-buses")
        self.assertEqual(listed.returncode, 0, listed.stderr)
        self.assertIn(f"arn:aws:events:us-east-1:{ALICE[2]}:event-bus/alices", listed.stdout)
        self.assertEqual(self.cli(ALICE, "sqs", "list-queues").returncode, 0)

    def test_bad_requests_get_awss_errors(self):
        unsigned = self.client("events", ALICE, signature_version=botocore.UNSIGNED)
        self.assertEqual(self.refusal(unsigned.list_rules),
                         ("MissingAuthenticationTokenException", "Request is missing Authentication Token"))
        self.assertEqual(self.refusal(self.client("events", ("AKIANOBODY", "x", "0")).list_rules),
                         ("UnrecognizedClientException", "The security token included in the request is invalid."))
        code, message = self.refusal(self.client("events", ALICE, secret="wrong").list_rules)
        self.assertEqual(code, "InvalidSignatureException")
        self.assertTrue(message.startswith("The request signature we calculated does not match the signature you provided."))
        self.assertEqual(self.refusal(self.client("sqs", ALICE, secret="wrong").list_queues)[0], "SignatureDoesNotMatch")
        self.assertEqual(self.refusal(self.client("logs", BOB, secret="wrong").describe_log_groups)[0], "InvalidSignatureException")

        self.assertEqual(self.raw('{"NamePrefix":"a"}')[0], 200)
        status, tampered = self.raw('{"NamePrefix":"a"}', tamper='{"NamePrefix":"b"}')
        self.assertEqual((status, tampered["__type"]), (400, "InvalidSignatureException"))
        stale = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(minutes=20)
        status, expired = self.raw("{}", amz_date=stale)
        self.assertEqual((status, expired["__type"]), (400, "InvalidSignatureException"))
        self.assertRegex(expired["message"], r"^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$")

    def test_accounts_do_not_see_each_others_resources(self):
        alice, bob = self.client("events", ALICE), self.client("events", BOB)
        alice.create_event_bus(Name="private")
        alice.put_rule(Name="secret-rule", EventBusName="private", EventPattern='{"source":["a"]}')
        self.assertNotIn("private", [bus["Name"] for bus in bob.list_event_buses()["EventBuses"]])
        self.assertEqual(self.refusal(lambda: bob.describe_rule(Name="secret-rule", EventBusName="private"))[0],
                         "ResourceNotFoundException")
        self.assertEqual(self.refusal(lambda: bob.describe_event_bus(
            Name=f"arn:aws:events:us-east-1:{ALICE[2]}:event-bus/private"))[0], "ResourceNotFoundException")
        url = self.client("sqs", ALICE).create_queue(QueueName="alices-only")["QueueUrl"]
        code, message = self.refusal(lambda: self.client("sqs", BOB).send_message(QueueUrl=url, MessageBody="x"))
        self.assertEqual(code, "AccessDenied")
        self.assertEqual(message, f"Access to the resource https://sqs.us-east-1.amazonaws.com/{ALICE[2]}/alices-only is denied.")
        self.assertNotIn(url, self.client("sqs", BOB).list_queues().get("QueueUrls", []))

    def test_the_credentials_file_is_read_again_on_sighup(self):
        self.assertEqual(self.refusal(self.client("events", CAROL).list_rules)[0], "UnrecognizedClientException")
        with open(self.credentials.name, "w") as out:
            out.write(profile("alice", ALICE) + profile("bob", BOB) + profile("carol", CAROL))
        self.server.process.send_signal(signal.SIGHUP)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                self.client("events", CAROL).list_rules()
                break
            except botocore.exceptions.ClientError:
                time.sleep(0.2)
        self.assertEqual(self.client("events", CAROL).list_event_buses()["EventBuses"][0]["Arn"],
                         f"arn:aws:events:us-east-1:{CAROL[2]}:event-bus/default")


class OpenModeTest(unittest.TestCase):
    def test_any_key_is_taken_and_a_12_digit_one_selects_its_account(self):
        server = Server()
        server.start()
        try:
            def client(key):
                return boto3.client("events", endpoint_url=server.endpoint, region_name="us-east-1",
                                    aws_access_key_id=key, aws_secret_access_key="anything")
            self.assertEqual(client("test").create_event_bus(Name="mine")["EventBusArn"],
                             "arn:aws:events:us-east-1:000000000000:event-bus/mine")
            self.assertEqual(client("444455556666").create_event_bus(Name="theirs")["EventBusArn"],
                             "arn:aws:events:us-east-1:444455556666:event-bus/theirs")
            self.assertNotIn("theirs", [bus["Name"] for bus in client("test").list_event_buses()["EventBuses"]])
        finally:
            server.remove()

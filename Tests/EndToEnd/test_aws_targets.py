"""Targets that are AWS services, reached through their own APIs: moto in server
mode stands in for AWS (SNS, Kinesis, Firehose, Step Functions, and the queues, log
groups and buses of another account), and a capture server for Lambda, whose invocations moto
would run in containers, and for API Gateway, whose REST APIs moto's server does not invoke."""
import base64
import http.server
import json
import subprocess
import sys
import threading
import time
import unittest
import urllib.request

import boto3

from server import Server, free_port

MOTO_ACCOUNT = "123456789012"
REGION = "us-east-1"


class Capture(http.server.BaseHTTPRequestHandler):
    """Keeps every request. Answers Lambda's asynchronous Invoke as Lambda does, and
    the REST APIs of API Gateway by their id: `flaky` fails with 503 once, `refusing`
    answers 400, any other 200."""
    requests = []
    failed_once = set()

    def answer(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        Capture.requests.append((self.command, self.path, dict(self.headers), body.decode()))
        api = self.path.split("/")[1]
        if self.path.startswith("/2015-03-31/functions/"):
            status = 202
        elif api == "flaky" and api not in Capture.failed_once:
            Capture.failed_once.add(api)
            status = 503
        else:
            status = 400 if api == "refusing" else 200
        reply = b'{"message": "Invalid request body"}' if status == 400 else b""
        self.send_response(status)
        self.send_header("content-length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    do_POST = do_PUT = do_GET = answer

    @classmethod
    def to(cls, prefix):
        return [request for request in cls.requests if request[1].startswith(prefix)]

    def log_message(self, *arguments):
        pass


class AWSTargetsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto_port = free_port()
        cls.moto = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-p", str(cls.moto_port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cls.moto_url = f"http://127.0.0.1:{cls.moto_port}"
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(cls.moto_url + "/moto-api/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        cls.capture = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Capture)
        threading.Thread(target=cls.capture.serve_forever, daemon=True).start()
        cls.server = Server(environment={
            "AWS_ENDPOINT_URL": cls.moto_url,
            "AWS_ENDPOINT_URL_LAMBDA": f"http://127.0.0.1:{cls.capture.server_address[1]}",
            "AWS_ENDPOINT_URL_EXECUTE_API": f"http://127.0.0.1:{cls.capture.server_address[1]}",
            "AWS_ACCESS_KEY_ID": "moto", "AWS_SECRET_ACCESS_KEY": "moto",
        })
        cls.server.start()
        cls.events = cls.server.client()
        cls.sqs = cls.server.client(service="sqs")

    @classmethod
    def tearDownClass(cls):
        cls.server.remove()
        cls.capture.shutdown()
        # moto's server does not always stop on SIGTERM; nothing of it needs keeping.
        cls.moto.kill()
        cls.moto.wait(timeout=30)

    def aws(self, service):
        return boto3.client(service, endpoint_url=self.moto_url, region_name=REGION,
                            aws_access_key_id="moto", aws_secret_access_key="moto")

    def route(self, name, target):
        self.events.put_rule(Name=name, EventPattern=json.dumps({"source": [name]}))
        answer = self.events.put_targets(Rule=name, Targets=[dict(target, Id="t")])
        self.assertEqual(answer["FailedEntryCount"], 0, answer)
        answer = self.events.put_events(Entries=[{
            "Source": name, "DetailType": "order", "Detail": json.dumps({"customer": "c-42", "total": 120})}])
        return answer["Entries"][0]["EventId"]

    def eventually(self, read, within=20):
        deadline = time.time() + within
        while time.time() < deadline:
            found = read()
            if found:
                return found
            time.sleep(0.3)
        self.fail("nothing arrived")

    def test_an_sns_topic_receives_the_event(self):
        sns, sqs = self.aws("sns"), self.aws("sqs")
        topic = sns.create_topic(Name="orders")["TopicArn"]
        url = sqs.create_queue(QueueName="from-sns")["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes={"RawMessageDelivery": "true"})
        event_id = self.route("to-sns", {"Arn": topic})
        messages = self.eventually(lambda: sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages"))
        self.assertEqual(json.loads(messages[0]["Body"])["id"], event_id)

    def test_a_kinesis_stream_receives_the_event_keyed_by_its_partition_key_path(self):
        kinesis = self.aws("kinesis")
        kinesis.create_stream(StreamName="orders", ShardCount=1)
        arn = kinesis.describe_stream(StreamName="orders")["StreamDescription"]["StreamARN"]
        event_id = self.route("to-kinesis", {
            "Arn": arn, "RoleArn": f"arn:aws:iam::{MOTO_ACCOUNT}:role/events",
            "KinesisParameters": {"PartitionKeyPath": "$.detail.customer"}})
        shard = kinesis.describe_stream(StreamName="orders")["StreamDescription"]["Shards"][0]["ShardId"]
        iterator = kinesis.get_shard_iterator(StreamName="orders", ShardId=shard, ShardIteratorType="TRIM_HORIZON")
        records = self.eventually(
            lambda: kinesis.get_records(ShardIterator=iterator["ShardIterator"])["Records"])
        self.assertEqual(json.loads(records[0]["Data"])["id"], event_id)
        self.assertEqual(records[0]["PartitionKey"], "c-42")

    def test_a_step_functions_state_machine_starts_an_execution_with_the_event(self):
        states = self.aws("stepfunctions")
        machine = states.create_state_machine(
            name="orders", roleArn=f"arn:aws:iam::{MOTO_ACCOUNT}:role/states",
            definition=json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}))["stateMachineArn"]
        event_id = self.route("to-states", {"Arn": machine, "RoleArn": f"arn:aws:iam::{MOTO_ACCOUNT}:role/events"})
        executions = self.eventually(lambda: states.list_executions(stateMachineArn=machine)["executions"])
        started = states.describe_execution(executionArn=executions[0]["executionArn"])
        self.assertEqual(json.loads(started["input"])["id"], event_id)

    def test_a_firehose_stream_receives_the_event(self):
        s3, firehose = self.aws("s3"), self.aws("firehose")
        s3.create_bucket(Bucket="orders-out")
        arn = firehose.create_delivery_stream(
            DeliveryStreamName="orders", ExtendedS3DestinationConfiguration={
                "RoleARN": f"arn:aws:iam::{MOTO_ACCOUNT}:role/firehose", "BucketARN": "arn:aws:s3:::orders-out"},
        )["DeliveryStreamARN"]
        event_id = self.route("to-firehose", {"Arn": arn, "RoleArn": f"arn:aws:iam::{MOTO_ACCOUNT}:role/events"})
        objects = self.eventually(lambda: s3.list_objects_v2(Bucket="orders-out").get("Contents"))
        body = s3.get_object(Bucket="orders-out", Key=objects[0]["Key"])["Body"].read().decode()
        self.assertIn(event_id, body)

    def test_a_lambda_function_is_invoked_asynchronously_and_signed(self):
        function = f"arn:aws:lambda:{REGION}:{MOTO_ACCOUNT}:function:handle-orders"
        event_id = self.route("to-lambda", {"Arn": function})
        _, path, headers, body = self.eventually(lambda: Capture.to("/2015-03-31/"))[0]
        headers = {name.lower(): value for name, value in headers.items()}
        self.assertEqual(path, "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Ahandle-orders/invocations")
        self.assertEqual(headers["x-amz-invocation-type"], "Event")
        self.assertIn(f"/{REGION}/lambda/aws4_request", headers["authorization"])
        self.assertEqual(json.loads(body)["id"], event_id)

    def test_an_api_gateway_method_gets_the_event_on_its_path_with_the_targets_parameters(self):
        event_id = self.route("to-api-gateway", {
            "Arn": f"arn:aws:execute-api:{REGION}:{MOTO_ACCOUNT}:a1b2c3/prod/PUT/customers/*/orders",
            "HttpParameters": {
                "PathParameterValues": ["$.detail.customer"], "QueryStringParameters": {"source": "rules"},
                "HeaderParameters": {"X-Team": "billing", "Host": "not-sent"}}})
        method, path, headers, body = self.eventually(lambda: Capture.to("/a1b2c3/"))[0]
        headers = {name.lower(): value for name, value in headers.items()}
        self.assertEqual((method, path), ("PUT", "/a1b2c3/prod/customers/c-42/orders?source=rules"))
        self.assertEqual(headers["x-team"], "billing")
        self.assertEqual(headers["host"], f"127.0.0.1:{self.capture.server_address[1]}")
        self.assertEqual(headers["content-type"], "application/json; charset=utf-8")
        self.assertIn(f"/{REGION}/execute-api/aws4_request", headers["authorization"])
        self.assertEqual(json.loads(body)["id"], event_id)

    def test_an_api_gateway_answering_503_is_retried_and_one_answering_400_dead_letters(self):
        url = self.sqs.create_queue(QueueName="api-gateway-dlq")["QueueUrl"]
        dead_letters = {"Arn": "arn:aws:sqs:us-east-1:000000000000:api-gateway-dlq"}
        flaky_id = self.route("to-flaky-api", {
            "Arn": f"arn:aws:execute-api:{REGION}:{MOTO_ACCOUNT}:flaky/prod/POST/orders", "DeadLetterConfig": dead_letters})
        self.route("to-refusing-api", {
            "Arn": f"arn:aws:execute-api:{REGION}:{MOTO_ACCOUNT}:refusing/prod/POST/orders", "DeadLetterConfig": dead_letters,
            "RetryPolicy": {"MaximumRetryAttempts": 5}})
        attempts = self.eventually(lambda: len(Capture.to("/flaky/")) >= 2 and Capture.to("/flaky/"), within=60)
        self.assertEqual([json.loads(request[3])["id"] for request in attempts], [flaky_id, flaky_id])
        letters = self.eventually(lambda: self.sqs.receive_message(
            QueueUrl=url, WaitTimeSeconds=1, MessageAttributeNames=["All"]).get("Messages"))
        self.assertEqual(len(letters), 1)
        attributes = {name: value["StringValue"] for name, value in letters[0]["MessageAttributes"].items()}
        self.assertEqual(attributes["ERROR_MESSAGE"], "API Gateway answered 400: Invalid request body")
        self.assertEqual(attributes["RETRY_ATTEMPTS"], "0")
        self.assertEqual(len(Capture.to("/refusing/")), 1)

    def test_a_queue_of_another_account_is_sent_to_through_sqs(self):
        sqs = self.aws("sqs")
        url = sqs.create_queue(QueueName="elsewhere")["QueueUrl"]
        event_id = self.route("to-remote-queue", {"Arn": f"arn:aws:sqs:{REGION}:{MOTO_ACCOUNT}:elsewhere"})
        messages = self.eventually(lambda: sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages"))
        self.assertEqual(json.loads(messages[0]["Body"])["id"], event_id)

    def test_a_bus_of_another_account_gets_the_event_through_put_events(self):
        events, sqs = self.aws("events"), self.aws("sqs")
        bus = events.create_event_bus(Name="elsewhere")["EventBusArn"]
        url = sqs.create_queue(QueueName="behind-remote-bus")["QueueUrl"]
        events.put_rule(Name="all", EventBusName="elsewhere", EventPattern=json.dumps({"source": ["to-remote-bus"]}))
        events.put_targets(Rule="all", EventBusName="elsewhere", Targets=[
            {"Id": "q", "Arn": f"arn:aws:sqs:{REGION}:{MOTO_ACCOUNT}:behind-remote-bus"}])
        self.route("to-remote-bus", {"Arn": bus, "RoleArn": f"arn:aws:iam::{MOTO_ACCOUNT}:role/events"})
        messages = self.eventually(lambda: sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages"))
        received = json.loads(messages[0]["Body"])
        self.assertEqual((received["source"], received["detail"]), ("to-remote-bus", {"customer": "c-42", "total": 120}))

    def test_a_log_group_of_another_account_gets_a_stream_per_event(self):
        logs = self.aws("logs")
        logs.create_log_group(logGroupName="elsewhere")
        event_id = self.route("to-remote-logs", {"Arn": f"arn:aws:logs:{REGION}:{MOTO_ACCOUNT}:log-group:elsewhere"})
        events = self.eventually(lambda: logs.filter_log_events(logGroupName="elsewhere")["events"])
        self.assertEqual(events[0]["logStreamName"], event_id)
        self.assertEqual(json.loads(events[0]["message"])["id"], event_id)

    def test_a_missing_topic_is_not_retried_and_dead_letters_with_the_services_error(self):
        url = self.sqs.create_queue(QueueName="aws-dlq")["QueueUrl"]
        self.route("to-nowhere", {
            "Arn": f"arn:aws:sns:{REGION}:{MOTO_ACCOUNT}:no-such-topic",
            "DeadLetterConfig": {"Arn": "arn:aws:sqs:us-east-1:000000000000:aws-dlq"},
            "RetryPolicy": {"MaximumRetryAttempts": 5}})
        letters = self.eventually(lambda: self.sqs.receive_message(
            QueueUrl=url, WaitTimeSeconds=1, MessageAttributeNames=["All"]).get("Messages"))
        attributes = {name: value["StringValue"] for name, value in letters[0]["MessageAttributes"].items()}
        self.assertEqual(attributes["ERROR_CODE"], "RESOURCE_NOT_FOUND")
        self.assertIn("NotFound", attributes["ERROR_MESSAGE"])
        self.assertEqual(attributes["RETRY_ATTEMPTS"], "0")


if __name__ == "__main__":
    unittest.main()

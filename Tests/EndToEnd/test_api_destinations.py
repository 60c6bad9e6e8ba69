"""API destinations called over HTTP, against a local capture server: each kind of
authorization, path wildcards, header and query parameters, an OAuth token that
expires once, the rate limit under a burst, retries on 503, and a 400 that goes
straight to the dead-letter queue; the connection states that calls move a
connection through."""
import base64
import http.server
import json
import threading
import time
import unittest
import urllib.parse

from server import ServerTestCase, free_port

ROLE = "arn:aws:iam::000000000000:role/events"


class Endpoint(http.server.BaseHTTPRequestHandler):
    """Keeps every call; answers as its path says."""
    calls = []
    tokens_issued = 0
    refused_once = set()
    lock = threading.Lock()

    def answer(self, status, body=b""):
        self.send_response(status)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle_call(self):
        length = int(self.headers.get("content-length", 0))
        body = self.rfile.read(length).decode() if length else ""
        with Endpoint.lock:
            Endpoint.calls.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                                   "body": body, "time": time.time()})
        path = urllib.parse.urlparse(self.path).path
        if path == "/token":
            with Endpoint.lock:
                Endpoint.tokens_issued += 1
                token = f"token-{Endpoint.tokens_issued}"
            return self.answer(200, json.dumps({"access_token": token, "expires_in": 3600}).encode())
        if path == "/token-refused":
            return self.answer(401, b'{"error": "invalid_client"}')
        if path.startswith("/oauth") and self.headers.get("authorization") == "Bearer token-1":
            return self.answer(401)  # the first token expires at once
        if path.startswith("/flaky"):
            with Endpoint.lock:
                first = path not in Endpoint.refused_once
                Endpoint.refused_once.add(path)
            if first:
                return self.answer(503)
        if path.startswith("/bad"):
            return self.answer(400, b"no")
        self.answer(200, b"{}")

    do_POST = do_PUT = do_GET = handle_call

    def log_message(self, *arguments):
        pass


class ApiDestinationTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.endpoint = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
        threading.Thread(target=cls.endpoint.serve_forever, daemon=True).start()
        cls.base = f"http://127.0.0.1:{cls.endpoint.server_address[1]}"

    @classmethod
    def tearDownClass(cls):
        cls.endpoint.shutdown()
        super().tearDownClass()

    def destination(self, name, authorization, parameters, path, method="POST", rate=None, base=None, **connection):
        connection = self.events.create_connection(
            Name=name, AuthorizationType=authorization, AuthParameters=parameters, **connection)
        arguments = dict(Name=name, ConnectionArn=connection["ConnectionArn"], InvocationEndpoint=(base or self.base) + path,
                         HttpMethod=method)
        if rate:
            arguments["InvocationRateLimitPerSecond"] = rate
        return self.events.create_api_destination(**arguments)["ApiDestinationArn"]

    def route(self, name, target, count=1):
        self.events.put_rule(Name=name, EventPattern=json.dumps({"source": [name]}))
        answer = self.events.put_targets(Rule=name, Targets=[dict(target, Id="t", RoleArn=ROLE)])
        self.assertEqual(answer["FailedEntryCount"], 0, answer)
        ids = []
        for n in range(count):
            answer = self.events.put_events(Entries=[{
                "Source": name, "DetailType": "order", "Detail": json.dumps({"order": f"o-{n}", "total": 120})}])
            ids.append(answer["Entries"][0]["EventId"])
        return ids

    def calls_to(self, prefix, count, within=20):
        deadline = time.time() + within
        while time.time() < deadline:
            with Endpoint.lock:
                found = [call for call in Endpoint.calls if call["path"].startswith(prefix)]
            if len(found) >= count:
                return found
            time.sleep(0.1)
        self.fail(f"{len(found)} of {count} calls to {prefix}")

    def test_basic_authorization_with_wildcards_and_parameters(self):
        arn = self.destination("basic", "BASIC", {
            "BasicAuthParameters": {"Username": "ada", "Password": "pass"},
            "InvocationHttpParameters": {
                "HeaderParameters": [{"Key": "x-from-connection", "Value": "c", "IsValueSecret": True}],
                "QueryStringParameters": [{"Key": "source", "Value": "switchyard", "IsValueSecret": False}]}},
            "/basic/*/items/*", method="PUT")
        [event_id] = self.route("to-basic", {"Arn": arn, "HttpParameters": {
            "PathParameterValues": ["$.detail.order", "fixed"],
            "HeaderParameters": {"x-order": "$.detail.order"}, "QueryStringParameters": {"mode": "test"}}})
        [call] = self.calls_to("/basic/", 1)
        headers = {name.lower(): value for name, value in call["headers"].items()}
        self.assertEqual(call["method"], "PUT")
        path, _, query = call["path"].partition("?")
        self.assertEqual(path, "/basic/o-0/items/fixed")
        self.assertEqual(dict(urllib.parse.parse_qsl(query)), {"mode": "test", "source": "switchyard"})
        self.assertEqual(headers["authorization"], "Basic " + base64.b64encode(b"ada:pass").decode())
        self.assertEqual((headers["x-order"], headers["x-from-connection"]), ("o-0", "c"))
        self.assertEqual(headers["user-agent"], "Amazon/EventBridge/ApiDestinations")
        self.assertEqual(headers["content-type"], "application/json; charset=utf-8")
        self.assertEqual(json.loads(call["body"])["id"], event_id)

    def test_an_api_key_goes_in_its_header(self):
        arn = self.destination("keyed", "API_KEY", {"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "k-1"}},
                               "/keyed")
        self.route("to-keyed", {"Arn": arn, "InputPath": "$.detail"})
        [call] = self.calls_to("/keyed", 1)
        self.assertEqual({k.lower(): v for k, v in call["headers"].items()}["x-api-key"], "k-1")
        self.assertEqual(json.loads(call["body"]), {"order": "o-0", "total": 120})

    def test_an_oauth_token_is_fetched_and_fetched_again_when_refused(self):
        arn = self.destination("oauth", "OAUTH_CLIENT_CREDENTIALS", {"OAuthParameters": {
            "ClientParameters": {"ClientID": "client", "ClientSecret": "secret"},
            "AuthorizationEndpoint": self.base + "/token", "HttpMethod": "POST",
            "OAuthHttpParameters": {"BodyParameters": [{"Key": "grant_type", "Value": "client_credentials"}]}}}, "/oauth")
        self.route("to-oauth", {"Arn": arn})
        calls = self.calls_to("/oauth", 2)
        tokens = [{k.lower(): v for k, v in c["headers"].items()}["authorization"] for c in calls]
        self.assertEqual(tokens[:2], ["Bearer token-1", "Bearer token-2"])
        [first_token] = self.calls_to("/token", 1)[:1]
        self.assertEqual({k.lower(): v for k, v in first_token["headers"].items()}["authorization"],
                         "Basic " + base64.b64encode(b"client:secret").decode())
        self.assertEqual(first_token["body"], "grant_type=client_credentials")
        self.assertEqual(self.events.describe_connection(Name="oauth")["ConnectionState"], "AUTHORIZED")

    def connection_state(self, name, state, within=30):
        deadline = time.time() + within
        while time.time() < deadline:
            connection = self.events.describe_connection(Name=name)
            if connection["ConnectionState"] == state:
                return connection
            time.sleep(0.2)
        self.fail(f"{name} is {connection['ConnectionState']}, not {state}")

    def test_credentials_the_oauth_endpoint_refuses_deauthorize_the_connection(self):
        arn = self.destination("refused", "OAUTH_CLIENT_CREDENTIALS", {"OAuthParameters": {
            "ClientParameters": {"ClientID": "client", "ClientSecret": "wrong"},
            "AuthorizationEndpoint": self.base + "/token-refused", "HttpMethod": "POST"}}, "/oauth-refused")
        self.route("to-refused", {"Arn": arn})
        connection = self.connection_state("refused", "DEAUTHORIZED")
        self.assertEqual(connection["StateReason"], "The authorization endpoint answered 401 without a token.")
        self.assertEqual(self.calls_to("/oauth-refused", 0), [])

    def test_a_private_api_is_active_and_an_unreachable_one_fails_connectivity_until_it_answers(self):
        configuration = "arn:aws:vpc-lattice:us-east-1:000000000000:resourceconfiguration/rcfg-0123456789abcdef0"
        arn = self.destination(
            "private", "API_KEY", {"ApiKeyAuthParameters": {"ApiKeyName": "k", "ApiKeyValue": "v"}}, "/private",
            base=f"http://127.0.0.1:{free_port()}",
            InvocationConnectivityParameters={"ResourceParameters": {"ResourceConfigurationArn": configuration}})
        connection = self.events.describe_connection(Name="private")
        self.assertEqual(connection["ConnectionState"], "ACTIVE")
        resource = connection["InvocationConnectivityParameters"]["ResourceParameters"]
        self.assertEqual(resource["ResourceConfigurationArn"], configuration)
        self.assertRegex(resource["ResourceAssociationArn"],
                         r"^arn:aws:vpc-lattice:us-east-1:000000000000:servicenetworkresourceassociation/snra-[0-9a-z]{17}$")

        self.route("to-private", {"Arn": arn})
        self.assertIn("Could not connect to", self.connection_state("private", "FAILED_CONNECTIVITY")["StateReason"])
        self.events.update_api_destination(Name="private", InvocationEndpoint=self.base + "/private")
        self.assertEqual(len(self.calls_to("/private", 1, within=60)), 1)
        self.assertNotIn("StateReason", self.connection_state("private", "ACTIVE"))

    def test_the_rate_limit_spaces_a_burst_and_drops_nothing(self):
        arn = self.destination("slow", "API_KEY", {"ApiKeyAuthParameters": {"ApiKeyName": "k", "ApiKeyValue": "v"}},
                               "/slow", rate=2)
        self.route("to-slow", {"Arn": arn}, count=6)
        calls = self.calls_to("/slow", 6, within=30)
        self.assertGreaterEqual(calls[-1]["time"] - calls[0]["time"], 2.0)

    def test_a_503_is_retried_and_a_400_dead_letters_at_once(self):
        flaky = self.destination("flaky", "API_KEY", {"ApiKeyAuthParameters": {"ApiKeyName": "k", "ApiKeyValue": "v"}},
                                 "/flaky")
        self.route("to-flaky", {"Arn": flaky})
        self.assertEqual(len(self.calls_to("/flaky", 2, within=60)), 2)

        url = self.sqs.create_queue(QueueName="api-dlq")["QueueUrl"]
        bad = self.destination("bad", "API_KEY", {"ApiKeyAuthParameters": {"ApiKeyName": "k", "ApiKeyValue": "v"}}, "/bad")
        self.route("to-bad", {"Arn": bad, "DeadLetterConfig": {"Arn": "arn:aws:sqs:us-east-1:000000000000:api-dlq"},
                              "RetryPolicy": {"MaximumRetryAttempts": 5}})
        deadline, letters = time.time() + 20, []
        while not letters and time.time() < deadline:
            letters = self.sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1, MessageAttributeNames=["All"]).get("Messages", [])
        attributes = {name: value["StringValue"] for name, value in letters[0]["MessageAttributes"].items()}
        self.assertIn("400", attributes["ERROR_MESSAGE"])
        self.assertEqual(attributes["RETRY_ATTEMPTS"], "0")
        self.assertEqual(len(self.calls_to("/bad", 1)), 1)


if __name__ == "__main__":
    unittest.main()

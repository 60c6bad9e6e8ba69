"""Connections and API destinations through the AWS CLI: no answer and no file of
the data directory ever holds a secret in clear text."""
import json
import os

from server import ServerTestCase

SECRETS = ["pa55-word-basic", "api-key-value-42", "client-secret-oauth", "hidden-header-value"]


class ConnectionTest(ServerTestCase):
    def create(self, name, authorization, parameters):
        status, created = self.server.cli(
            "create-connection", "--name", name, "--authorization-type", authorization,
            "--auth-parameters", json.dumps(parameters))
        self.assertEqual(status, 0, created)
        return created

    def test_no_answer_and_no_file_holds_a_secret(self):
        basic = self.create("basic", "BASIC", {
            "BasicAuthParameters": {"Username": "ada", "Password": SECRETS[0]},
            "InvocationHttpParameters": {"HeaderParameters": [
                {"Key": "x-hidden", "Value": SECRETS[3], "IsValueSecret": True},
                {"Key": "x-open", "Value": "shown", "IsValueSecret": False}]}})
        self.assertEqual(basic["ConnectionState"], "AUTHORIZED")
        self.create("key", "API_KEY", {"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": SECRETS[1]}})
        oauth = self.create("oauth", "OAUTH_CLIENT_CREDENTIALS", {"OAuthParameters": {
            "ClientParameters": {"ClientID": "client", "ClientSecret": SECRETS[2]},
            "AuthorizationEndpoint": "https://auth.example/token", "HttpMethod": "POST"}})
        self.assertEqual(oauth["ConnectionState"], "AUTHORIZING")

        answers = []
        for name in ["basic", "key", "oauth"]:
            status, described = self.server.cli("describe-connection", "--name", name)
            self.assertEqual(status, 0, described)
            answers.append(json.dumps(described))
        status, listed = self.server.cli("list-connections")
        answers.append(json.dumps(listed))
        for answer in answers:
            for secret in SECRETS:
                self.assertNotIn(secret, answer)
        described = json.loads(answers[0])
        self.assertEqual(described["AuthParameters"]["BasicAuthParameters"], {"Username": "ada"})
        self.assertEqual(described["AuthParameters"]["InvocationHttpParameters"]["HeaderParameters"],
                         [{"Key": "x-hidden", "IsValueSecret": True}, {"Key": "x-open", "Value": "shown", "IsValueSecret": False}])
        self.assertTrue(described["SecretArn"].startswith("arn:aws:secretsmanager:us-east-1:000000000000:secret:events!connection/basic/"))
        self.assertLessEqual({"basic", "key", "oauth"}, {c["Name"] for c in listed["Connections"]})

        for folder, _, files in os.walk(self.server.data_dir):
            for name in files:
                with open(os.path.join(folder, name), "rb") as file:
                    content = file.read()
                for secret in SECRETS:
                    self.assertNotIn(secret.encode(), content, f"{name} holds a secret")
        key = os.path.join(self.server.data_dir, "secrets.key")
        self.assertEqual(os.stat(key).st_mode & 0o777, 0o600)

    def test_an_api_destination_is_created_over_a_connection_and_deleted(self):
        connection = self.create("for-hooks", "API_KEY", {"ApiKeyAuthParameters": {"ApiKeyName": "k", "ApiKeyValue": "v"}})
        # boto3: the AWS CLI v1 would fetch an https:// argument's content instead of passing it.
        created = self.events.create_api_destination(
            Name="hook", ConnectionArn=connection["ConnectionArn"], InvocationEndpoint="https://hooks.example/orders/*",
            HttpMethod="POST", InvocationRateLimitPerSecond=5)
        self.assertEqual(created["ApiDestinationState"], "ACTIVE")
        status, described = self.server.cli("describe-api-destination", "--name", "hook")
        self.assertEqual((described["InvocationEndpoint"], described["HttpMethod"], described["InvocationRateLimitPerSecond"]),
                         ("https://hooks.example/orders/*", "POST", 5))
        self.assertEqual(self.server.cli("delete-api-destination", "--name", "hook")[0], 0)
        status, error = self.server.cli("describe-api-destination", "--name", "hook")
        self.assertNotEqual(status, 0)
        self.assertIn("An api-destination 'hook' does not exist.", error)

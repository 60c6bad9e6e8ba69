"""A server that takes only requests signed with the keys of a credentials file,
for tests that act as several accounts."""
import os
import tempfile
import unittest

import boto3
from botocore.config import Config

from server import Server

ALICE = ("AKIAALICEEXAMPLE", "alice-secret", "111111111111")
BOB = ("AKIABOBEXAMPLE", "bob-secret", "222222222222")
CAROL = ("AKIACAROLEXAMPLE", "carol-secret", "333333333333")


def profile(name, key, organization=None):
    text = f"[{name}]\naws_access_key_id = {key[0]}\naws_secret_access_key = {key[1]}\naws_account_id = {key[2]}\n"
    return text + (f"aws_organization_id = {organization}\n" if organization else "") + "\n"


class SignedServerTest(unittest.TestCase):
    """Starts `switchyard serve --credentials FILE` with `profiles` as FILE."""
    profiles = ""

    @classmethod
    def setUpClass(cls):
        cls.credentials = tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False)
        cls.credentials.write(cls.profiles)
        cls.credentials.close()
        cls.server = Server(options=["--credentials", cls.credentials.name])
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.remove()
        os.unlink(cls.credentials.name)

    def client(self, service, key, secret=None, region="us-east-1", **config):
        return boto3.client(service, endpoint_url=self.server.endpoint, region_name=region,
                            aws_access_key_id=key[0], aws_secret_access_key=secret or key[1],
                            config=Config(retries={"max_attempts": 0}, **config))

    @staticmethod
    def environment(key):
        """The environment the `aws` CLI signs with `key` in."""
        return dict(os.environ, AWS_ACCESS_KEY_ID=key[0], AWS_SECRET_ACCESS_KEY=key[1], AWS_DEFAULT_REGION="us-east-1")

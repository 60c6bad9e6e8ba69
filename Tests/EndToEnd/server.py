"""Starts a real `switchyard serve` on a free loopback port for end-to-end tests."""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request
import uuid

import boto3

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One server process and its data folder; `restart` keeps the folder. Given a
    PostgreSQL URL, the server keeps everything there instead: several servers on
    one URL are the nodes of one deployment."""

    def __init__(self, store=None, options=(), environment=None):
        self.binary = os.environ["SWITCHYARD_BINARY"]
        self.environment = dict(os.environ, **(environment or {}))
        self.data_dir = tempfile.mkdtemp(prefix="switchyard-e2e-")
        self.port = free_port()
        self.process = None
        self.store = store
        self.options = list(options)

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        store = ["--store", self.store] if self.store else []
        self.process = subprocess.Popen(
            [self.binary, "serve", "--port", str(self.port), "--data-dir", self.data_dir, "--log-level", "warning",
             *store, *self.options], env=self.environment)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.endpoint + "/health", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("switchyard serve did not become healthy")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)

    def kill(self):
        """Ends the process at once, as a crash or power cut would: no shutdown runs."""
        self.process.kill()
        self.process.wait(timeout=30)

    def restart(self):
        self.stop()
        self.start()

    def remove(self):
        if self.process and self.process.poll() is None:
            self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def client(self, region="us-east-1", service="events", account=None):
        """A boto3 client; with `account`, its access key is that 12-digit account id,
        which an open server takes as the account to act in."""
        return boto3.client(service, endpoint_url=self.endpoint, region_name=region,
                            aws_access_key_id=account or "test", aws_secret_access_key="test")

    def cli(self, *arguments, service="events"):
        """Runs `aws <service> …` and returns (exit status, parsed JSON or stderr text)."""
        environment = dict(os.environ, **CREDENTIALS)
        result = subprocess.run(
            ["aws", "--endpoint-url", self.endpoint, "--output", "json", service, *arguments],
            capture_output=True, text=True, env=environment, timeout=60)
        if result.returncode != 0:
            return result.returncode, result.stderr
        return 0, json.loads(result.stdout) if result.stdout.strip() else {}


class ServerTestCase(unittest.TestCase):
    """Tests that share one server on the embedded store, with events and SQS clients."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.server.start()
        cls.events = cls.server.client()
        cls.sqs = cls.server.client(service="sqs")

    @classmethod
    def tearDownClass(cls):
        cls.server.remove()


def fresh_postgres_database():
    """A new, empty database on the test cluster (`SWITCHYARD_TEST_POSTGRES`), as a
    URL; None when no cluster is given."""
    cluster = os.environ.get("SWITCHYARD_TEST_POSTGRES")
    if not cluster:
        return None
    name = "e2e_" + uuid.uuid4().hex
    subprocess.run(["psql", cluster, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    return cluster.rsplit("/", 1)[0] + "/" + name

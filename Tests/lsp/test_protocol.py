"""The wire itself: framing, malformed input, cancellation, exit codes. Driven
over raw stdio, since a well-behaved client library never sends garbage."""

import json
import subprocess

from conftest import BINARY


class RawClient:
    def __init__(self):
        self.process = subprocess.Popen([BINARY, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def send_bytes(self, body: bytes):
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def send(self, message: dict):
        self.send_bytes(json.dumps(message).encode())

    def receive(self) -> dict:
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            byte = self.process.stdout.read(1)
            assert byte, "the server closed its output"
            header += byte
        length = int(header.decode().split("Content-Length:")[1].split("\r\n")[0])
        return json.loads(self.process.stdout.read(length))

    def initialize(self):
        self.send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}})
        assert "capabilities" in self.receive()["result"]

    def finish(self) -> int:
        self.send({"jsonrpc": "2.0", "id": 99, "method": "shutdown"})
        assert self.receive() == {"jsonrpc": "2.0", "id": 99, "result": None}
        self.send({"jsonrpc": "2.0", "method": "exit"})
        return self.process.wait(timeout=10)


def test_malformed_messages_get_errors_and_the_server_carries_on():
    client = RawClient()
    client.send_bytes(b"{not json")
    assert client.receive()["error"]["code"] == -32700
    client.send_bytes(b"[1, 2]")
    assert client.receive()["error"]["code"] == -32600
    client.send({"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": {}})
    assert client.receive()["error"]["code"] == -32002, "before initialize"
    client.initialize()
    client.send({"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": {"nonsense": True}})
    assert client.receive()["error"]["code"] == -32602
    client.send({"jsonrpc": "2.0", "id": 7, "method": "no/such/method"})
    assert client.receive() == {"jsonrpc": "2.0", "id": 7, "error": {"code": -32601, "message": "unsupported method no/such/method"}}
    # A header block without Content-Length: answered, and the next message still read.
    client.process.stdin.write(b"Content-Type: nothing\r\n\r\n")
    client.process.stdin.flush()
    assert client.receive()["error"]["code"] == -32700
    assert client.finish() == 0


def test_a_cancelled_request_is_answered_as_cancelled():
    client = RawClient()
    client.initialize()
    client.send({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 8}})
    client.send({"jsonrpc": "2.0", "id": 8, "method": "textDocument/hover",
                 "params": {"textDocument": {"uri": "file:///nowhere.yaml"}, "position": {"line": 0, "character": 0}}})
    assert client.receive()["error"]["code"] == -32800
    assert client.finish() == 0


def test_exit_without_shutdown_is_status_1():
    client = RawClient()
    client.initialize()
    client.send({"jsonrpc": "2.0", "method": "exit"})
    assert client.process.wait(timeout=10) == 1

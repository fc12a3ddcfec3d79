"""The HTTP protocol `rambu serve` runs (`rambu.web.protocol`), on a real uvicorn server and real sockets: a
request head beyond the bound is refused before it is all read (httptools alone keeps any length), while
large headers within it, large bodies and several requests on one connection go through."""
import socket
import threading
import time

import pytest
import uvicorn

from rambu.web import protocol

pytest.importorskip("httptools")


async def _echo(scope, receive, send):
    """Answers with how many body bytes it read."""
    if scope["type"] != "http":
        return
    n = 0
    while True:
        m = await receive()
        n += len(m.get("body", b""))
        if not m.get("more_body"):
            break
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"%d" % len(str(n)))]})
    await send({"type": "http.response.body", "body": str(n).encode()})


@pytest.fixture(scope="module")
def port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(_echo, host="127.0.0.1", port=free, log_level="error",
                                           **protocol.options()))
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield free
    server.should_exit = True
    t.join(10)


def _read_all(sock: socket.socket, ending: bytes | None = None) -> bytes:
    """What the server sends until it closes the connection (or sends `ending`)."""
    sock.settimeout(10)
    out = b""
    try:
        while chunk := sock.recv(65536):
            out += chunk
            if ending and out.endswith(ending):
                break
    except (ConnectionResetError, socket.timeout):
        pass
    return out


def _request(head_extra: bytes = b"", body: bytes = b"") -> bytes:
    return (b"POST /x HTTP/1.1\r\nHost: t\r\n" + head_extra + b"content-length: %d\r\n\r\n" % len(body) + body)


def test_protocol_is_the_bounded_httptools_one():
    assert protocol.options()["http"] is protocol.BoundedHead


def test_a_head_beyond_the_bound_is_refused_before_it_is_all_read(port):
    sent = 0
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: t\r\nX-Big: ")
        piece = b"a" * 65536
        try:
            while sent < 64 * 1024 * 1024:
                s.sendall(piece)
                sent += len(piece)
            answer = _read_all(s)
        except (ConnectionResetError, BrokenPipeError):
            answer = b""
    assert sent < 64 * 1024 * 1024, "the server read a 64 MB header to its end"
    assert answer == b"" or answer.startswith(b"HTTP/1.1 431")


def test_a_head_just_over_the_bound_gets_431(port):
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + b"a" * (protocol.HEAD_LIMIT + 10))
        answer = _read_all(s)
    assert answer.startswith(b"HTTP/1.1 431"), answer[:80]


def test_large_headers_within_the_bound_a_large_body_and_kept_alive_requests_pass(port):
    big_header = b"X-Big: " + b"b" * 40_000 + b"\r\n"  # 40 KB: within the bound, twice on one connection
    body = b"c" * (3 * 1024 * 1024)  # bodies are not the head: 3 MB arrives in many pieces
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(_request(big_header, body) + _request(big_header, b"xyz"))
        answer = _read_all(s, ending=b"\r\n\r\n3")  # the second answer: 3 body bytes read
    assert answer.count(b"HTTP/1.1 200") == 2, answer[:200]
    assert b"\r\n\r\n%d" % len(body) in answer  # the first: every byte of the 3 MB body

"""The HTTP protocol `rambu serve` runs: uvicorn's httptools parser, with a bound on a request's head.

httptools (a C parser) costs a draft check about 1.5 ms less server CPU than h11, but unlike h11
(`h11_max_incomplete_event_size`) it keeps whatever a client sends as a request line or header, however long:
a 200 MB header took 420 MB of memory. Here the bytes of a head still incomplete are counted as they arrive
(after a request that ended in the same piece, from the next piece on), and a head beyond `HEAD_LIMIT` is answered 431 and the
connection closed.
"""
from __future__ import annotations

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEAD_LIMIT = 64 * 1024  # request line and headers of one request (what h11 was given before)


class BoundedHead(HttpToolsProtocol):
    _in_head = False
    _head_bytes = 0
    _after = False  # a request ended inside the piece being parsed: the next head shares the piece with it

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head, self._head_bytes = True, 0

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._after = True

    def on_headers_complete(self) -> None:
        self._in_head = False
        super().on_headers_complete()

    def data_received(self, data: bytes) -> None:
        self._after = False
        super().data_received(data)
        if not self._in_head or self.transport.is_closing():
            return
        if self._after:
            # With requests sent back to back the piece also holds the end of the previous request (a 3 MB
            # upload's last 200 KB would count as a 200 KB head); the head is counted from the next piece on,
            # and one piece is bounded by the transport's read size anyway.
            return
        # a piece that left the head unfinished counts whole (one that finished it is not counted)
        self._head_bytes += len(data)
        if self._head_bytes > HEAD_LIMIT:
            self._in_head = False
            self.logger.warning("kepala permintaan HTTP melebihi %d bait; koneksi ditutup", HEAD_LIMIT)
            self.transport.write(b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
                                 b"content-type: text/plain; charset=utf-8\r\ncontent-length: 0\r\n"
                                 b"connection: close\r\n\r\n")
            self.transport.close()


def options() -> dict:
    """uvicorn's settings for the protocol: httptools when installed (bounded), h11 with its own bound otherwise."""
    try:
        import httptools  # noqa: F401
    except ImportError:
        return {"http": "h11", "h11_max_incomplete_event_size": HEAD_LIMIT}
    return {"http": BoundedHead}

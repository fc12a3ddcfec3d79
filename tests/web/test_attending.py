"""Background screening in the web server's own thread gives way to people's requests, but never starves."""
from __future__ import annotations

import threading
import time

from rambu.store import screening
from rambu.store.screening import ScreenerProvider


class _Result:
    def to_dict(self) -> dict:
        return {"decision": "clean"}


class _Screener:
    def screen(self, activity, prior_offences=0, draft=False):
        return _Result()


def _background(provider: ScreenerProvider, finished: list) -> threading.Thread:
    t = threading.Thread(target=lambda: (provider.screen_with(_Screener(), None), finished.append(True)))
    t.start()
    return t


def test_background_line_waits_while_a_request_is_in_progress_and_goes_on_when_it_ends(monkeypatch):
    monkeypatch.setattr(screening, "BACKGROUND_WAIT", 30.0)  # only the request's end can release it
    provider, finished = ScreenerProvider(lambda s: _Screener()), []
    with provider.attending():
        worker = _background(provider, finished)
        worker.join(0.3)
        assert worker.is_alive() and not finished, "baris latar tidak memberi jalan kepada permintaan"
        # a person's own check is never held up by this
        assert provider.screen_with(_Screener(), None, draft=True) == {"decision": "clean"}
    worker.join(10)
    assert finished == [True]


def test_background_line_waits_at_most_the_limit(monkeypatch):
    monkeypatch.setattr(screening, "BACKGROUND_WAIT", 0.2)
    provider, finished = ScreenerProvider(lambda s: _Screener()), []
    with provider.attending():  # a request that lasts longer than the limit
        worker = _background(provider, finished)
        worker.join(10)
        assert finished == [True], "baris latar menunggu tanpa batas"


def test_no_request_no_wait(monkeypatch):
    monkeypatch.setattr(screening, "BACKGROUND_WAIT", 30.0)
    provider, finished = ScreenerProvider(lambda s: _Screener()), []
    _background(provider, finished).join(10)
    assert finished == [True]

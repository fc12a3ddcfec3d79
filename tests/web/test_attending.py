"""Background screening in the web server's own thread gives way to people's requests, but never starves."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

from rambu.store import screening
from rambu.store.screening import ScreenerProvider
from rambu.web.served import Presence


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


_SIBLING = ("import sys; from rambu.web.served import Presence; p = Presence(sys.argv[1]); p.arrive(); "
            "print('in', flush=True); sys.stdin.readline(); p.leave(); print('out', flush=True); sys.stdin.readline()")


def test_background_line_waits_for_a_request_in_a_sibling_process(tmp_path, monkeypatch):
    monkeypatch.setattr(screening, "BACKGROUND_WAIT", 30.0)
    path = str(tmp_path / "rambu.lock.attending")
    provider, finished = ScreenerProvider(lambda s: _Screener()), []
    provider.presence = Presence(path)
    sibling = subprocess.Popen([sys.executable, "-c", _SIBLING, path], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    try:
        assert sibling.stdout.readline().strip() == "in"  # the sibling process is answering a request
        worker = _background(provider, finished)
        worker.join(0.3)
        assert worker.is_alive() and not finished, "baris latar tidak memberi jalan kepada proses lain"
        sibling.stdin.write("\n")
        sibling.stdin.flush()
        assert sibling.stdout.readline().strip() == "out"  # its request is over (the process lives on)
        worker.join(10)
        assert finished == [True]
    finally:
        sibling.kill()
        sibling.wait(10)


def test_a_request_here_is_seen_by_sibling_processes(tmp_path):
    path = str(tmp_path / "rambu.lock.attending")
    provider = ScreenerProvider(lambda s: _Screener())
    provider.presence = Presence(path)
    other = Presence(path)  # as a sibling process opens it
    assert not other.anyone()
    with provider.attending(), provider.attending():  # two requests in progress
        assert other.anyone()
    assert not other.anyone()


def test_a_forked_child_does_not_end_its_parents_presence(tmp_path):
    path = str(tmp_path / "rambu.lock.attending")
    parent = Presence(path)
    parent.arrive()
    pid = os.fork()
    if pid == 0:  # the child answers a request of its own, then exits
        code = 0
        try:
            parent.arrive()
            parent.leave()
        except BaseException:
            code = 1
        os._exit(code)
    assert os.waitpid(pid, 0)[1] == 0
    assert Presence(path).anyone(), "proses anak melepas kunci kehadiran milik induknya"
    parent.leave()
    assert not Presence(path).anyone()


def test_a_settled_provider_keeps_its_screener_out_of_the_collectors_passes():
    """Served processes settle: the Screener's objects are frozen (full collections of them stalled requests
    for 100-300 ms), and a rebuilt Screener's predecessor is unfrozen first, so it can be collected."""
    import gc
    from rambu.web.app import create_app
    assert ScreenerProvider(lambda s: _Screener()).settle is False  # a library user's process: untouched
    provider = ScreenerProvider(lambda s: _Screener(), settle=True)
    try:
        gc.unfreeze()
        revision = iter([1, 2])
        screening.config.revision, saved = (lambda s: next(revision)), screening.config.revision
        try:
            first = provider.get(None)
            assert gc.get_freeze_count() > 0
            frozen = gc.get_freeze_count()
            second = provider.get(None)  # a new revision: rebuilt, the old one unfrozen before
            assert second is not first and gc.get_freeze_count() <= frozen + 1000
        finally:
            screening.config.revision = saved
    finally:
        gc.unfreeze()
    app = create_app("sqlite://", start_worker=False, run_migrations=False, settle_screener=True)
    assert app.state.provider.settle is True
    assert create_app("sqlite://", start_worker=False, run_migrations=False).state.provider.settle is False

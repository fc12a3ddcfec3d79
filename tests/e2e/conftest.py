"""End-to-end fixtures: the real `rambu serve --demo` in a subprocess and Debian's headless Chromium.

Nothing is downloaded: Selenium is given /usr/bin/chromium and /usr/bin/chromedriver explicitly (so
Selenium Manager never runs). When either is missing every e2e test is skipped with the reason;
`.ci/chromium.sh` installs them from Debian's packages.

Environment:
  RAMBU_E2E_ARTIFACTS   folder for screenshots, the server log and downloads (default tests/e2e/artifacts/)
  RAMBU_CHROMIUM        browser binary (default /usr/bin/chromium)
  RAMBU_CHROMEDRIVER    driver binary (default /usr/bin/chromedriver)
"""
from __future__ import annotations

import base64
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("RAMBU_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("RAMBU_CHROMEDRIVER", "/usr/bin/chromedriver")
ARTIFACTS = Path(os.environ.get("RAMBU_E2E_ARTIFACTS") or ROOT / "tests" / "e2e" / "artifacts")
CHROME_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-extensions", "--disable-default-apps",
                "--no-default-browser-check", "--lang=id-ID", "--window-size=1280,900")
WAIT = 20  # seconds for one page to appear
_SHOTS = itertools.count(1)  # screenshots are numbered in the order they were taken, across tests


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chrome_paths():
    """Skip the whole suite cleanly when the browser, its driver or Selenium is not there."""
    for path, what in ((CHROMIUM, "Chromium"), (CHROMEDRIVER, "chromedriver")):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            pytest.skip(f"{what} not found at {path} (run .ci/chromium.sh as root to install Debian's chromium "
                        f"chromium-driver)")
    pytest.importorskip("selenium", reason="selenium not installed (pip install '.[test]')")
    return CHROMIUM, CHROMEDRIVER


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("[0-9][0-9]-*.png"):  # this suite's screenshots of an earlier run
        old.unlink()
    return ARTIFACTS


# --- the server ------------------------------------------------------------------------------------------

@dataclass
class Server:
    url: str
    password: str  # the demo admin password, shared by every demo account
    proc: subprocess.Popen
    log: Path


def start_server(workdir: Path, log_path: Path, timeout: float = 90.0) -> Server:
    """`rambu serve --demo` on 127.0.0.1:<free port> with SQLite in `workdir`; waits until /healthz answers."""
    port = _free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1",
               PYTHONPATH=os.pathsep.join([str(ROOT)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    env.pop("RAMBU_DATABASE_URL", None)
    env["RAMBU_KEY_DIR"] = str(workdir / "keys")  # the audit keys, outside the database
    cmd = [sys.executable, "-m", "rambu.cli", "serve", "--demo", "--host", "127.0.0.1", "--port", str(port),
           "--database", f"sqlite:///{workdir / 'rambu.db'}"]
    log = open(log_path, "wb")
    proc = subprocess.Popen(cmd, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    log.close()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    password = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"rambu serve stopped (exit {proc.returncode}):\n{log_path.read_text(errors='replace')}")
        text = log_path.read_text(errors="replace")
        m = re.search(r"kata sandi\s*:\s*(\S+)", text)
        if m:
            password = m.group(1)
        if password and "rambu berjalan" in text:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                    if json.load(r).get("ok"):
                        return Server(url, password, proc, log_path)
            except OSError:
                pass
        time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError(f"rambu serve did not come up in {timeout:.0f} s:\n{log_path.read_text(errors='replace')}")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)  # uvicorn shuts down gracefully (the worker thread stops)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


@pytest.fixture(scope="session")
def server(chrome_paths, artifacts, tmp_path_factory):
    work = tmp_path_factory.mktemp("rambu-e2e")
    srv = start_server(work, artifacts / "server.log")
    yield srv
    stop_server(srv.proc)


# --- the browser -----------------------------------------------------------------------------------------

class UI:
    """A thin helper over one Selenium Chrome driver, bound to the server."""

    def __init__(self, driver, server: Server, artifacts: Path, downloads: Path):
        self.d, self.server, self.artifacts, self.downloads = driver, server, artifacts, downloads

    # navigation
    def go(self, path: str):
        self.d.get(self.server.url + path)
        self.wait_ready()

    def path(self) -> str:
        from urllib.parse import urlsplit
        return urlsplit(self.d.current_url).path

    def wait_ready(self):
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait
        WebDriverWait(self.d, WAIT, poll_frequency=0.1, ignored_exceptions=(WebDriverException,)).until(
            lambda d: d.execute_script("return document.readyState") == "complete")

    def wait(self, css: str, visible: bool = True):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import WebDriverWait
        cond = EC.visibility_of_element_located if visible else EC.presence_of_element_located
        return WebDriverWait(self.d, WAIT).until(cond((By.CSS_SELECTOR, css)))

    def wait_until(self, fn, timeout: float = WAIT, message: str = ""):
        """Wait for fn() to be true; errors while a page (re)loads count as 'not yet'."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait
        return WebDriverWait(self.d, timeout, poll_frequency=0.2, ignored_exceptions=(WebDriverException,)).until(
            lambda d: fn(), message)

    def find(self, css: str):
        return self.d.find_element("css selector", css)

    def all(self, css: str):
        return self.d.find_elements("css selector", css)

    def exists(self, css: str) -> bool:
        return bool(self.all(css))

    def text(self, css: str) -> str:
        return self.find(css).text

    # forms
    def fill(self, css: str, value: str):
        el = self.find(css)
        el.clear()
        el.send_keys(value)
        return el

    def set_value(self, css: str, value: str):
        """For inputs whose typing is locale dependent (date, datetime-local)."""
        self.d.execute_script("var e=document.querySelector(arguments[0]); e.value=arguments[1];"
                              "e.dispatchEvent(new Event('input',{bubbles:true}));"
                              "e.dispatchEvent(new Event('change',{bubbles:true}));", css, value)

    def choose(self, css: str, *, text: str | None = None, value: str | None = None):
        from selenium.webdriver.support.ui import Select
        sel = Select(self.find(css))
        if text is not None:
            sel.select_by_visible_text(text)
        else:
            sel.select_by_value(value)

    def click(self, css: str):
        el = self.find(css)
        self.d.execute_script("arguments[0].scrollIntoView({block:'center'})", el)
        el.click()

    def submit(self, css: str):
        """Click a submit button and wait for the next page to load."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait
        token = f"p{time.monotonic_ns()}"
        self.d.execute_script("window.__rambuE2E = arguments[0]", token)
        self.click(css)
        # a new document has no marker; while it loads the driver may answer with transient errors
        WebDriverWait(self.d, WAIT, poll_frequency=0.1, ignored_exceptions=(WebDriverException,)).until(
            lambda d: d.execute_script("return document.readyState === 'complete' && window.__rambuE2E === undefined"))

    def flash(self) -> tuple[str, str]:
        """(kind, message) of the page's flash message, or ('', '')."""
        els = self.all("#flash")
        if not els:
            return "", ""
        return ("error" if "error" in els[0].get_attribute("class") else "ok"), els[0].text

    # sign-in
    def login(self, username: str, password: str | None = None):
        self.d.delete_all_cookies()
        self.go("/login")
        self.fill("#username", username)
        self.fill("#password", password or self.server.password)
        self.submit("#login-submit")
        assert self.path() != "/login", f"sign-in as {username} failed: {self.d.page_source[:2000]}"

    def logout(self):
        self.submit("#logout")
        assert self.path() == "/login"

    # requests made by the page itself (same cookies), for status codes and bytes
    def fetch(self, path: str) -> tuple[int, bytes]:
        r = self.d.execute_async_script(
            "var done=arguments[arguments.length-1];"
            "fetch(arguments[0],{credentials:'same-origin',redirect:'manual'}).then(function(r){"
            " return r.arrayBuffer().then(function(b){var u=new Uint8Array(b),s='';"
            "  for(var i=0;i<u.length;i+=8192){s+=String.fromCharCode.apply(null,u.subarray(i,i+8192));}"
            "  done([r.status,btoa(s)]);});}).catch(function(e){done([-1,''])});", path)
        return int(r[0]), base64.b64decode(r[1])

    # layout
    def overflow(self) -> dict:
        """Page width vs viewport width, and the widest elements sticking out (for messages)."""
        return self.d.execute_script(
            "var de=document.documentElement, w=de.clientWidth, out=[];"
            "document.querySelectorAll('body *').forEach(function(e){var r=e.getBoundingClientRect();"
            " if(r.width>0 && r.right>w+1){out.push((e.tagName.toLowerCase()+(e.id?'#'+e.id:'')+"
            "(e.className&&typeof e.className==='string'?'.'+e.className.split(' ').join('.'):''))+' right='+Math.round(r.right));}});"
            "return {scroll: de.scrollWidth, client: w, inner: window.innerWidth, offenders: out.slice(0,10)};")

    def wide_pages(self, pages: list[str], shot_prefix: str = "phone") -> dict:
        """Visit each page and return those wider than the viewport (with their offenders); shots of each."""
        wide = {}
        for page in pages:
            self.go(page)
            o = self.overflow()
            if o["scroll"] > o["client"]:
                wide[page] = o
            self.shot(f"{shot_prefix}-" + re.sub(r"[^a-z0-9]+", "-", page.split("?")[0]))
        return wide

    def emulate_phone(self, width: int = 390, height: int = 844):
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
        self.d.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})

    def emulate_desktop(self):
        self.d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        self.d.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})

    # artefacts
    def shot(self, name: str) -> Path:
        """Full-page PNG screenshot (capped at 8000 px high) in the artefacts folder."""
        n = next(_SHOTS)
        path = self.artifacts / f"{n:02d}-{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
        try:
            m = self.d.execute_cdp_cmd("Page.getLayoutMetrics", {})
            size = m.get("cssContentSize") or m["contentSize"]
            vw = m.get("cssLayoutViewport", {}).get("clientWidth") or size["width"]
            clip = {"x": 0, "y": 0, "width": max(vw, 1), "height": min(max(size["height"], 1), 8000), "scale": 1}
            data = self.d.execute_cdp_cmd("Page.captureScreenshot",
                                          {"format": "png", "captureBeyondViewport": True, "clip": clip})["data"]
            path.write_bytes(base64.b64decode(data))
        except Exception:  # noqa: BLE001 - a plain viewport screenshot is still useful
            self.d.save_screenshot(str(path))
        return path

    def wait_download(self, suffix: str, timeout: float = WAIT) -> Path:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = [p for p in self.downloads.iterdir() if p.name.endswith(suffix)]
            partial = [p for p in self.downloads.iterdir() if p.name.endswith(".crdownload")]
            if done and not partial:
                return max(done, key=lambda p: p.stat().st_mtime)
            time.sleep(0.2)
        raise AssertionError(f"no *{suffix} downloaded into {self.downloads}: {os.listdir(self.downloads)}")


def make_driver(profile: Path, downloads: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    os.environ.setdefault("SE_OFFLINE", "true")  # belt and braces: Selenium Manager must never download
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in CHROME_FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False,
                                           "plugins.always_open_pdf_externally": True,
                                           "intl.accept_languages": "id-ID,id"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(WAIT * 2)
    driver.set_script_timeout(WAIT)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver


@pytest.fixture(scope="session")
def driver(chrome_paths, artifacts):
    profile = Path(tempfile.mkdtemp(prefix="rambu-e2e-profile-"))
    downloads = Path(tempfile.mkdtemp(prefix="rambu-e2e-downloads-"))
    d = make_driver(profile, downloads)
    d.rambu_downloads = downloads
    yield d
    d.quit()
    shutil.rmtree(profile, ignore_errors=True)
    shutil.rmtree(downloads, ignore_errors=True)


@pytest.fixture
def ui(driver, server, artifacts):
    u = UI(driver, server, artifacts, driver.rambu_downloads)
    u.emulate_desktop()
    driver.delete_all_cookies()
    yield u

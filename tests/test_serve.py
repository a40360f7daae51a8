"""``plans serve``: the textual-serve server it builds (address, port, the command each browser
session runs) without starting it; the websocket's origin check; and end to end in headless
Chromium: the served page shows the municipality list, and in read-only mode an edit key
changes nothing on disk (the read-only mode itself: test_read_only.py)."""

from __future__ import annotations

import asyncio
import contextlib
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from app_helpers import copy_plans, pilot_test
from cdp import CHROMIUM, chromium
from test_read_only import contents

from tui.app import serve
from tui.app.web_server import PlansServer, origin_of
from tui.cli.main import build_parser

EXTRA = (("serve", serve),)


def _args(*argv: str):  # type: ignore[no-untyped-def]
    return build_parser(EXTRA, ["serve", *argv]).parse_args(["serve", *argv])


# -- the server, not started ----------------------------------------------------------------
def test_default_is_this_machine_only() -> None:
    server = serve.build_server(_args("plans"))
    assert isinstance(server, PlansServer)
    assert (server.host, server.port, server.public_url, server.title) == (
        "127.0.0.1",
        8000,
        "http://127.0.0.1:8000",
        "plans",
    )
    assert shlex.split(server.command) == [
        sys.executable,
        "-m",
        "tui.main",
        "tui",
        str(Path("plans").resolve()),
        "--lang",
        "ja",
    ]
    # a page this machine serves itself, under any of its names, may open the app; no other
    assert (
        server.allowed("http://127.0.0.1:8000")
        and server.allowed("http://localhost:8000")
        and server.allowed("http://[::1]:8000")
    )
    assert (
        not server.allowed("http://127.0.0.1:8001")
        and not server.allowed("https://evil.example")
        and not server.allowed("null")
    )
    assert server.allowed(None)  # not a browser: nothing to check (the README says the port is open)


def test_each_session_runs_plans_tui_with_the_options(tmp_path: Path) -> None:
    nat = tmp_path / "national.toml"
    server = serve.build_server(
        _args(
            str(tmp_path),
            "--port",
            "8123",
            "--read-only",
            "--lang",
            "en",
            "--as-of",
            "R4.2",
            "--national",
            str(nat),
            "--theme",
            "nord",
        )
    )
    assert server.port == 8123 and server.public_url == "http://127.0.0.1:8123"
    cmd = shlex.split(server.command)
    assert cmd == [
        sys.executable,
        "-m",
        "tui.main",
        "tui",
        str(tmp_path),
        "--lang",
        "en",
        "--national",
        str(nat),
        "--as-of",
        "R4.2",
        "--theme",
        "nord",
        "--read-only",
    ]
    # the session's command line is one `plans tui` accepts, read-only included
    from tui.app import command as app_command

    tui = build_parser((("tui", app_command),), cmd[3:]).parse_args(cmd[3:])
    assert tui.read_only and tui.path == tmp_path and tui.lang == "en" and tui.as_of is not None


def test_other_addresses_only_when_asked() -> None:
    server = serve.build_server(_args("--host", "192.0.2.7", "--port", "9000"))
    assert (server.host, server.public_url) == ("192.0.2.7", "http://192.0.2.7:9000")
    assert not serve.is_loopback("192.0.2.7") and serve.is_loopback("127.0.0.2") and serve.is_loopback("::1")
    v6 = serve.build_server(_args("--host", "::1"))
    assert (v6.host, v6.public_url) == ("::1", "http://[::1]:8000") and v6.allowed("http://[::1]:8000")
    # behind a proxy: the page says wss://…, and only the proxy's origin may open the app
    proxied = serve.build_server(_args("--public-url", "https://plans.example.org/"))
    assert proxied.host == "127.0.0.1" and proxied.public_url == "https://plans.example.org"
    assert proxied.allowed("https://plans.example.org") and not proxied.allowed("http://plans.example.org")
    assert origin_of("https://plans.example.org") == ("https", "plans.example.org", 443)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--host", ""], "--host is empty"),
        (["--host", "0.0.0.0"], "--public-url http://"),
        (["--host", "::"], "--public-url http://"),
        (["--public-url", "ftp://x"], "write an http:// or https:// URL"),
    ],
)
def test_refused_binds(argv: list[str], says: str) -> None:
    with pytest.raises(serve.UsageError, match=says.replace("/", ".")):
        serve.build_server(_args(*argv))


def test_bad_port_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    for port in ("0", "65536", "http"):
        with pytest.raises(SystemExit) as e:
            _args("--port", port)
        assert e.value.code == 2
    assert "not a port number" in capsys.readouterr().err


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[PlansServer]:
    """PlansServer.serve recorded, not run."""
    started: list[PlansServer] = []
    monkeypatch.setattr(PlansServer, "serve", lambda self, debug=False: started.append(self))
    return started


def _plans(*argv: str) -> int:
    from tui.main import main

    return main(["serve", *argv])


def test_run_checks_then_serves(tmp_path: Path, served: list[PlansServer], capsys: pytest.CaptureFixture[str]) -> None:
    plans = copy_plans(tmp_path)
    assert _plans(str(plans), "--port", "8124") == 0
    assert [s.port for s in served] == [8124] and capsys.readouterr().err == ""  # loopback: no warning
    assert _plans(str(plans), "--host", "192.0.2.7", "--read-only") == 0
    err = capsys.readouterr().err
    assert "no log-in and no TLS" in err and "look only (--read-only)" in err and "認証も暗号化(TLS)もありません" in err
    assert _plans(str(plans), "--host", "192.0.2.7") == 0
    assert "also edit and save the plans" in capsys.readouterr().err
    # nothing served on what cannot work: a usage error, a folder that does not load, a theme
    assert _plans(str(plans), "--host", "0.0.0.0") == 2
    assert _plans(str(tmp_path / "missing")) == 2
    assert _plans(str(plans), "--theme", "no-such-theme") == 2
    assert len(served) == 3


@pilot_test
async def test_websocket_refuses_other_origins() -> None:
    server = serve.build_server(_args("plans", "--port", "8125"))
    async with TestClient(TestServer(await server._make_app())) as client:
        page = await client.get("/")
        assert page.status == 200 and 'data-session-websocket-url="ws://127.0.0.1:8125/ws"' in await page.text()
        ws = await client.get(
            "/ws",
            headers={
                "Origin": "https://evil.example",
                "Connection": "Upgrade",
                "Upgrade": "websocket",
                "Sec-WebSocket-Version": "13",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            },
        )
        assert ws.status == 403  # refused before any app process starts


# -- end to end: plans serve in headless Chromium ---------------------------------------------
# The page draws the terminal on a canvas (xterm.js): the test keeps the page's xterm.js
# Terminal when the page creates it (a setter for ``terminal`` on Object.prototype, installed
# before the page's scripts run) and reads the screen from its buffer.
KEEP_TERMINAL = """Object.defineProperty(Object.prototype, "terminal", {configurable: true, set(v) {
  Object.defineProperty(this, "terminal", {value: v, writable: true, configurable: true, enumerable: true});
  if (v && v.buffer) window.__plansTerminal = v; }});"""
SCREEN_TEXT = """(() => { const t = window.__plansTerminal; if (!t) return ""; const b = t.buffer.active, rows = [];
  for (let y = 0; y < t.rows; y++) { const l = b.getLine(b.viewportY + y); rows.push(l ? l.translateToString(true) : ""); }
  return rows.join("\\n"); })()"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _running(needle: str) -> list[str]:
    """The command lines of this machine's processes that mention ``needle``."""
    out = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            line = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
            if needle in line:
                out.append(line)
    return out


@contextlib.contextmanager
def _serving(plans: Path, log: Path, *options: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``plans serve`` on a free port: its URL, once it listens, and its process."""
    port = _free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tui.main", "serve", str(plans), "--port", str(port), *options],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"plans serve did not listen on {port}:\n{log.read_text(errors='replace')}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/", proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=30)


@pytest.mark.app
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_served_page_shows_the_list_and_refuses_edits(tmp_path: Path) -> None:
    plans = copy_plans(tmp_path)
    before = contents(plans)

    async def look(url: str, server: subprocess.Popen[bytes]) -> tuple[str, list[str]]:
        async with chromium(tmp_path / "profile") as page:
            await page.call("Page.addScriptToEvaluateOnNewDocument", source=KEEP_TERMINAL)
            await page.call("Page.navigate", url=url)
            first = await page.wait_for(
                f"(s => s.includes('宇部市') && s.includes('コマンド') && s)({SCREEN_TEXT})", timeout=120
            )
            await page.screenshot(tmp_path / "served.png")
            await page.evaluate("window.__plansTerminal.focus()")
            await page.press("e")  # edit the highlighted phase
            await page.wait_for(
                f"({SCREEN_TEXT}).includes('読み取り専用です')", timeout=30
            )  # the toast: the key arrived
            await page.screenshot(tmp_path / "refused.png")
            for key, ctrl in (("s", True), ("v", False), ("z", True), ("enter", False)):
                await page.press(key, ctrl=ctrl)
            await asyncio.sleep(1)
            session = _running(f"tui.main tui {plans}")
            # Ctrl+C with the page still open: the server ends the session and stops at once
            server.send_signal(signal.SIGINT)
            await asyncio.to_thread(server.wait, 20)
            return first, session

    with _serving(plans, tmp_path / "serve.log", "--read-only") as (url, server):
        first, session = asyncio.run(look(url, server))
    assert all(name in first for name in ("下関市", "宇部市", "阿武町"))  # the municipality list
    footer = first.rstrip().splitlines()[-1]
    assert "終了" in footer and not any(word in footer for word in ("保存", "元に戻す", "編集"))  # no edit offered
    assert contents(plans) == before
    assert any(line.rstrip().endswith("--read-only") for line in session), session  # the session ran read-only
    assert server.returncode == 0 and _running(f"tui.main tui {plans}") == []  # no session left running

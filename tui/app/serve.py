"""``plans serve [DIR]``: the app (``plans tui``) in a browser, with textual-serve.

Each browser tab that opens the page starts its own ``plans tui DIR`` process on this
machine, as the user who runs ``plans serve``, and sees it through a websocket. It listens
on 127.0.0.1 (this machine only) unless --host names another address. textual-serve has no
log-in and no TLS: whoever can reach the port can use the app and, without --read-only,
edit and save the plans in DIR."""

from __future__ import annotations

# ipaddress, shlex and socket are imported where used: this module is imported by every
# `plans` command line (it registers `plans serve`)
import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.commands.common import ExitCode, add_lang, as_of_arg

if TYPE_CHECKING:
    from tui.app.web_server import Origin, PlansServer

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
WILDCARDS = frozenset({"0.0.0.0", "::"})
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")  # how a browser on this machine may name it


def port_arg(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (1-65535): {text!r}")
    return port


def as_of_text(text: str) -> str:
    """--as-of checked here, passed on to each session's ``plans tui`` as written."""
    as_of_arg(text)
    return text


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "serve", help="アプリをブラウザで開く / the app in a browser (textual-serve)", description=__doc__
    )
    p.add_argument(
        "path", nargs="?", type=Path, default=Path("plans"), metavar="DIR", help="folder of plans (default: ./plans)"
    )
    p.add_argument(
        "--host",
        default=None,
        help=f"address to listen on (default: {DEFAULT_HOST}, this machine only); another address lets anyone who can reach it in",
    )
    p.add_argument("--port", type=port_arg, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})")
    p.add_argument(
        "--public-url",
        default=None,
        metavar="URL",
        help="the address browsers open when it is not http://HOST:PORT: a proxy in front (https://plans.example.org), or --host 0.0.0.0",
    )
    p.add_argument("--read-only", action="store_true", help="見るだけ: 編集・保存をしない / refuse every edit and save")
    p.add_argument(
        "--national", type=Path, default=None, help="national timeline (default: national.toml beside the plans)"
    )
    p.add_argument(
        "--as-of",
        type=as_of_text,
        default=None,
        metavar="DATE",
        help="evaluation month (default: national.toml's evaluation_date)",
    )
    p.add_argument(
        "--theme", default=None, metavar="NAME", help="a Textual theme, e.g. textual-light (see plans tui --help)"
    )
    add_lang(p)
    p.set_defaults(func=run)


class UsageError(ValueError):
    """A --host / --public-url that cannot be served as asked (exit 2)."""


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where the server listens and the URL its page gives browsers for the websocket."""

    host: str
    port: int
    public_url: str
    loopback: bool  # reachable from this machine only

    @property
    def origins(self) -> frozenset[Origin]:
        """The pages that may open the app: the public URL's, and on a loopback address each
        name this machine has for itself."""
        from tui.app.web_server import origin_of

        urls = [self.public_url, *(url_of(name, self.port) for name in (LOOPBACK_NAMES if self.loopback else ()))]
        return frozenset(o for o in map(origin_of, urls) if o is not None)


def url_of(host: str, port: int) -> str:
    netloc = f"[{host}]" if ":" in host else host
    return f"http://{netloc}" if port == 80 else f"http://{netloc}:{port}"


def is_loopback(host: str) -> bool:
    """True when every address ``host`` names is this machine's own (127.0.0.0/8, ::1)."""
    import ipaddress
    import socket

    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except OSError as e:
        raise UsageError(f"--host {host!r}: {e.strerror or e}") from None
    return all(ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_loopback for info in infos)


def endpoint(host: str | None, port: int, public_url: str | None) -> Endpoint:
    """The address to listen on: 127.0.0.1 unless ``host`` is given; never every interface by
    accident (aiohttp listens on all of them for an empty host)."""
    if host is None:
        host = DEFAULT_HOST
    host = host.strip()
    if not host:
        raise UsageError("--host is empty (that would listen on every address); write one, e.g. --host 0.0.0.0")
    if public_url is not None:
        from tui.app.web_server import origin_of

        if origin_of(public_url) is None:
            raise UsageError(
                f"--public-url {public_url!r}: write an http:// or https:// URL, e.g. https://plans.example.org"
            )
        public_url = public_url.rstrip("/")
    elif host.strip("[]") in WILDCARDS:
        import socket

        raise UsageError(
            f"--host {host} listens on every address, so no one URL reaches it: give the one colleagues open, e.g. --public-url http://{socket.gethostname()}:{port}"
        )
    host = host.strip("[]")
    return Endpoint(host, port, public_url or url_of(host, port), is_loopback(host))


def app_command(args: argparse.Namespace) -> list[str]:
    """What each browser session runs: ``plans tui`` on the same plans, with the same options
    (paths made absolute; the interpreter of this ``plans``)."""
    cmd = [sys.executable, "-m", "tui.main", "tui", str(args.path.resolve()), "--lang", args.lang]
    if args.national is not None:
        cmd += ["--national", str(args.national.resolve())]
    if args.as_of is not None:
        cmd += ["--as-of", args.as_of]
    if args.theme is not None:
        cmd += ["--theme", args.theme]
    if args.read_only:
        cmd.append("--read-only")
    return cmd


def build_server(args: argparse.Namespace) -> PlansServer:
    """The textual-serve server for ``args``, not started (raises UsageError)."""
    import shlex

    from tui.app.web_server import PlansServer

    where = endpoint(args.host, args.port, args.public_url)
    return PlansServer(
        shlex.join(app_command(args)),
        host=where.host,
        port=where.port,
        public_url=where.public_url,
        origins=where.origins,
    )


def check_plans(args: argparse.Namespace) -> None:
    """Fail now, not in every browser session, on a folder or timeline that cannot load
    (raises NationalError / PlanPathError: reported by tui.cli.main)."""
    from model.project.loader import open_national, plan_files

    open_national([args.path], args.national)
    plan_files([args.path])


def run(args: argparse.Namespace) -> int:
    try:
        server = build_server(args)
        exposed = not is_loopback(server.host)
    except UsageError as e:
        sys.stderr.write(f"plans serve: {e}\n")
        return ExitCode.ERROR
    if args.theme is not None:
        from textual.theme import BUILTIN_THEMES

        if args.theme not in BUILTIN_THEMES:
            sys.stderr.write(f"unknown theme {args.theme!r}; one of: {', '.join(sorted(BUILTIN_THEMES))}\n")
            return ExitCode.ERROR
    check_plans(args)
    if exposed:
        edits = "見るだけ(--read-only)" if args.read_only else "編集・保存もできます(見せるだけなら --read-only)"
        edits_en = (
            "look only (--read-only)"
            if args.read_only
            else "also edit and save the plans (--read-only to only show them)"
        )
        sys.stderr.write(
            f"注意: {server.host}:{server.port} は他のマシンから接続できます。認証も暗号化(TLS)もありません。接続できる人は誰でも{edits}。\n"
            f"warning: {server.host}:{server.port} is reachable from other machines, with no log-in and no TLS: anyone who can reach it can {edits_en}.\n"
        )
    server.serve()
    return ExitCode.OK

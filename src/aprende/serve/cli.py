"""`aprende serve`: uvicorn on 127.0.0.1:8000 unless --host says otherwise (with a warning)."""

from __future__ import annotations

import ipaddress

import click

from aprende.core.cliopts import quiet_option
from aprende.core.console import say, warn
from aprende.core.i18n import t
from aprende.weights import SHIPPED


def is_loopback(host: str) -> bool:
    """localhost and 127.0.0.0/8 or ::1 stay on this machine; anything else (0.0.0.0 too) is reachable from outside."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_command() -> click.Command:
    @click.command(name="serve", help=t("serve.help"))
    @click.option("--host", default="127.0.0.1", show_default=True, help=t("serve.opt.host"))
    @click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help=t("serve.opt.port"))
    @click.option("--run-classify", type=click.Path(file_okay=False), help=t("serve.opt.run", name="classify"))
    @click.option("--run-detect", type=click.Path(file_okay=False), help=t("serve.opt.run", name="detect"))
    @click.option("--run-translate", type=click.Path(file_okay=False), help=t("serve.opt.run", name="translate"))
    @click.option("--run-gpt", type=click.Path(file_okay=False), help=t("serve.opt.run", name="gpt"))
    @click.option("--run-bert", type=click.Path(file_okay=False), help=t("serve.opt.run", name="bert"))
    @click.option("--timeout", type=click.FloatRange(0, 3600, min_open=True), default=None, metavar="SEGUNDOS",
                  help=t("serve.opt.timeout"))
    @quiet_option
    def serve_cmd(host, port, timeout, **runs):
        import uvicorn  # deferred: the web server is loaded only when serving, not for `aprende --help`

        from aprende.serve.app import create_app  # deferred: FastAPI and the routes, only when serving
        from aprende.serve.limits import Limits  # deferred: as above

        if not is_loopback(host):
            warn("serve.exposed", host=host)
        limits = Limits() if timeout is None else Limits(timeout_s=timeout)  # the default lives in Limits
        app = create_app({name: runs.get(f"run_{name}") for name in SHIPPED}, limits, host=host)
        say("serve.listening", url=f"http://{'localhost' if is_loopback(host) else host}:{port}/")
        uvicorn.run(app, host=host, port=port, log_level="warning", limit_concurrency=limits.connections,
                    timeout_keep_alive=limits.keep_alive_s)

    return serve_cmd

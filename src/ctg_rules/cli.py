"""The ``ctg-rules`` command. Subcommands are imported only when used: start-up stays cheap."""

from __future__ import annotations

import gc
import os
import sys
from typing import Any

import click

from ._version import __version__
from .i18n import _, use_for_click

#: name -> "module:command"; a plugin-free way to keep `ctg-rules --help` fast.
COMMANDS = {
    "check": "ctg_rules.commands.check:check",
    "rules": "ctg_rules.commands.rules:rules",
    "explain": "ctg_rules.commands.rules:explain",
    "schema": "ctg_rules.commands.schema:schema",
    "config": "ctg_rules.commands.config:config",
    "plugins": "ctg_rules.commands.plugins:plugins",
    "extract": "ctg_rules.commands.extract:extract",
    "serve": "ctg_rules.commands.serve:serve",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            import importlib

            module, _, attr = COMMANDS[cmd_name].partition(":")
            return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=_("Checks deliberation extracts and the conventions they approve (CTG) before signature."),
)
@click.version_option(
    __version__, "--version", "-V", prog_name="ctg-rules", help=_("Show the version and exit.")
)
def cli() -> None:
    """The ``ctg-rules`` group (its help text is translated: see ctg_rules.i18n)."""


def main(argv: list[str] | None = None) -> Any:
    """Entry point: usage errors exit 2; an unexpected failure is reported without a traceback."""
    program = argv is None  # the `ctg-rules` program itself, not a call from another program
    use_for_click()  # click's own words (Usage, Options, Error) in the locale's language
    if program:
        # pydantic looks for its own plugins (observability tools) by reading the entry points of
        # every installed distribution when the first model is built: milliseconds at each start
        # of a command that has no use for them. Set PYDANTIC_DISABLE_PLUGINS (even empty) to decide.
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        # Start-up allocates objects that live as long as the process (modules, classes, rules,
        # packs): at the default threshold (700) the collector ran about 80 times over them, a
        # tenth of a one-dossier run. Cyclic garbage is rare here (reference counting frees
        # the rest), so a collection every 50,000 allocations costs no memory worth counting.
        gc.set_threshold(50_000, 20, 20)
        from . import codecache, regex

        codecache.install()  # the code dataclasses and typing generate, compiled once (codecache.py)
        regex.prefill()  # the expressions other modules compile through re, kept (regex.py)
    try:
        return cli.main(args=argv, prog_name="ctg-rules", standalone_mode=True)
    except SystemExit as done:
        if program:
            regex.record()
            leave(done.code)
        raise
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(130 if not isinstance(sys.exc_info()[1], BrokenPipeError) else 0)
    except Exception as exc:  # pragma: no cover - a bug of ours: say so plainly
        if os.environ.get("CTG_RULES_DEBUG"):
            raise
        message = _(
            "ctg-rules: internal error: {error}\nPlease report it (set CTG_RULES_DEBUG=1 to see the traceback)."
        )
        click.echo(message.format(error=f"{type(exc).__name__}: {exc}"), err=True)
        sys.exit(2)
    finally:
        if program:
            # The process ends here and the system takes its memory back: frozen, the objects
            # loaded (pydantic's schemas, the rules, the packs) spare the interpreter's shutdown
            # its last garbage collections over all of them, a tenth of a pre-commit run.
            gc.freeze()


def leave(code: Any) -> None:
    """End the program at once when nothing is left to do: the interpreter's teardown (freeing
    every module and object one by one) was a twentieth of a one-dossier run. Only when nothing
    waits for the exit: no other thread, no worker process. The exit handlers still run first, as
    they would (PDFium's library closed by pypdfium2, the expressions compiled kept by regex.py)."""
    import atexit

    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    if not isinstance(code, int | None) or (
        run_handlers is None and getattr(atexit, "_ncallbacks", lambda: 1)()
    ):
        return
    threading = sys.modules.get("threading")
    if threading and (threading.active_count() > 1 or getattr(threading, "_threading_atexits", [None])):
        return
    if "multiprocessing" in sys.modules:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: the normal exit says so as it always did
        return
    if run_handlers is not None:
        run_handlers()  # what the normal exit runs first; a handler's error is printed, as then
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
    os._exit(code or 0)


if __name__ == "__main__":  # pragma: no cover
    main()

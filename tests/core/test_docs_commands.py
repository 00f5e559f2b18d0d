"""Every `aprende …` line that the README, the guides and the chapters show parses against the real command tree: the
command exists, every option is one it takes, every option gets its value, and the positional arguments fit."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from aprende.cli import build_cli

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*/*.md")),
         *sorted((ROOT / "notebooks" / "chapters").glob("*.md"))]
SHELLS = {"", "bash", "sh", "console", "shell"}
INLINE = re.compile(r"`(aprende [^`]+)`")


def shell_blocks(text: str) -> list[str]:
    """The bodies of the page's shell code blocks (```bash, ```console, a bare ```)."""
    blocks, body, lang = [], None, ""
    for line in text.splitlines():
        if line.startswith("```"):
            if body is None:
                body, lang = [], line[3:].strip().split(" ")[0]
            else:
                if lang in SHELLS:
                    blocks.append("\n".join(body))
                body = None
        elif body is not None:
            body.append(line)
    return blocks


def shell_lines(text: str) -> list[tuple[str, bool]]:
    """(command line, whole?): the lines of a page's shell blocks (continuations joined, prompts dropped; whole
    commands) and its inline `aprende …` code spans (they may name an option without its value)."""
    lines = []
    for block in shell_blocks(text):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.strip().removeprefix("$ ")
            if "|" in line:
                line = line.split("|")[-1].strip()
            lines.append((line, True))
    lines += [(m.group(1), False) for m in INLINE.finditer(text)]
    return [(x, whole) for x, whole in lines if x.startswith("aprende ")]


def cases() -> list[tuple[str, str, bool]]:
    out = []
    for page in PAGES:
        for line, whole in shell_lines(page.read_text(encoding="utf-8")):
            try:
                words = shlex.split(line, comments=True)
            except ValueError:
                continue  # an inline span cut by the page's wrapping
            if "…" in line or "..." in line or any((w.isupper() and len(w) > 1) or set(w) & set("|<[{")
                                                   for w in words[1:]):
                continue  # a pattern (`--csv FILE`, `train|fill`, `…`), not a command to run as written
            out.append((page.relative_to(ROOT).as_posix(), " ".join(shlex.quote(w) for w in words), whole))
    return sorted(set(out))


CASES = cases()
TREE = build_cli()


def parse(line: str) -> None:
    """Walk the groups to the command, then let click's own parser read the rest (no callback runs, no file opens)."""
    words = shlex.split(line)[1:]
    words = [w for i, w in enumerate(words) if w != "--lang" and (i == 0 or words[i - 1] != "--lang")]
    command: click.Command = TREE
    while isinstance(command, click.Group) and words and not words[0].startswith("-"):
        name = words.pop(0)
        assert name in command.list_commands(None), f"no command `{name}` in: {line}"
        command = command.get_command(None, name)
    ctx = click.Context(command, info_name="aprende")
    _, rest, _ = command.make_parser(ctx).parse_args(words)
    takes = [p for p in command.params if isinstance(p, click.Argument)]
    unlimited = any(p.nargs < 0 for p in takes)
    assert unlimited or len(rest) <= sum(p.nargs for p in takes), f"too many arguments {rest} in: {line}"


def test_the_pages_show_commands():
    assert len(CASES) >= 60
    assert any(line.startswith("aprende forecast train") and whole for _, line, whole in CASES)


@pytest.mark.parametrize("page,line,whole", CASES, ids=[f"{p}: {c}"[:120] for p, c, _ in CASES])
def test_command_parses(page, line, whole):
    try:
        parse(line)
    except click.BadOptionUsage as e:  # an inline span may name an option without its value (`--attention`)
        if whole or "requires an argument" not in e.format_message():
            pytest.fail(f"{page}: `{line}`: {e.format_message()}")
    except click.UsageError as e:
        pytest.fail(f"{page}: `{line}`: {e.format_message()}")

"""Hostile YAML: every file gets a located error (or a normal check) in bounded time, never a crash.

The deep-nesting cases run in a child process: PyYAML's C composer can kill the interpreter
(a segmentation fault, not an exception) on very deep nesting, and that must not take pytest down.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ctg_rules import loader
from ctg_rules.cli import cli
from ctg_rules.loader import Limits, LoadError
from tests.conftest import CLEAN, DEFECTS, SEED


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def load_error(text: str, limits: Limits = loader.DEFAULT_LIMITS) -> LoadError:
    with pytest.raises(LoadError) as caught:
        loader.parse(text, limits)
    return caught.value


def child(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run Python code in a fresh interpreter (a crash there is a failed assertion here)."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, check=False
    )


def cli_child(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ctg_rules.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


# --- alias bombs ---------------------------------------------------------------------------------


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ["ctg_rules: 1", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_and_located(write) -> None:
    # in a child: an expansion that is no longer refused ends at its timeout, not pytest's end
    # (how fast it is refused: benchmarks/budgets.py)
    path = write("bomb.yaml", billion_laughs())
    proc = cli_child("check", "--lang", "en", str(path))
    assert proc.returncode == 2
    # the first alias whose value holds aliases: where the expansion multiplies
    out = proc.stdout
    assert f"{path.as_posix()}:4:10 " in out and "too many aliases (more than 200)" in out
    assert "Traceback" not in out + proc.stderr


def few_aliases_bomb() -> str:
    """30 levels of two aliases each: 60 aliases written, 2**30 values once expanded."""
    lines = ["a0: &a0 [x]"] + [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 31)]
    return "\n".join(lines) + "\n"


def test_a_bomb_with_few_aliases_is_stopped_by_the_node_count() -> None:
    # in a child: 2**30 values expanded would never end (how fast: benchmarks/budgets.py)
    proc = child(
        "from ctg_rules import loader\n"
        f"text = {few_aliases_bomb()!r}\n"
        "for limits in (loader.DEFAULT_LIMITS, loader.Limits(max_aliases=10**9)):\n"
        "    try:\n"
        "        loader.parse(text, limits)\n"
        "    except loader.LoadError as exc:\n"
        "        print(exc.message_id, exc.line, exc.column, exc.render('en'))\n"
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    first, second = proc.stdout.splitlines()
    # every expansion counts as an alias use
    assert first.startswith("too_many_aliases 3 10 ")
    # even with no alias limit to speak of
    assert second.startswith("too_many_nodes ") and "250000" in second and "--limit max-nodes" in second


def test_aliases_within_the_limits_are_read() -> None:
    data = loader.parse("base: &b {role: conseiller}\nm1: *b\nm2: *b\n").data
    assert data["m1"] == data["m2"] == {"role": "conseiller"}


# --- nesting ---------------------------------------------------------------------------------------

DEEP = 100_000


NESTINGS = {
    "sequences": "x: " + "[" * DEEP + "]" * DEEP,
    "mappings": "x: " + "{a: " * DEEP + "1" + "}" * DEEP,
    "mixed": "x: " + "[{a: " * (DEEP // 2) + "1" + "}]" * (DEEP // 2),
}


@pytest.mark.parametrize("body", list(NESTINGS.values()), ids=list(NESTINGS))
def test_100000_levels_of_nesting_are_refused_without_a_crash(tmp_path: Path, body: str) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("ctg_rules: 1\n" + body + "\n", encoding="utf-8")
    proc = cli_child("check", "--lang", "en", str(path))  # its time: benchmarks/budgets.py
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])  # a crash is negative
    assert "nesting too deep" in proc.stdout and f"{path.as_posix()}:2:" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_block_nesting_is_refused_at_the_configured_depth(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("ctg_rules: 1\n" + "".join(" " * i + "a:\n" for i in range(2000)), encoding="utf-8")
    proc = cli_child("check", "--lang", "fr", str(path))
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "imbrication trop profonde (plus de 100 niveaux)" in proc.stdout
    # the first level over the limit (line 1 holds ctg_rules, line 2 the first level)
    assert f"{path.as_posix()}:102:101 " in proc.stdout


def test_the_event_walk_guards_when_libyaml_does_not_limit_depth() -> None:
    # Forced: the path taken with an older libyaml, whose composer would crash at this depth.
    proc = child(
        "from ctg_rules import loader\n"
        "loader._SAFE_PARSER = False\n"
        "for depth in (500, 100_000):\n"
        "    try:\n"
        "        loader.parse('x: ' + '[' * depth + ']' * depth)\n"
        "    except loader.LoadError as exc:\n"
        "        print(exc.message_id, exc.line, exc.column, exc.render('en'))\n"
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    first, second = proc.stdout.splitlines()
    # the 101st level: the root mapping is the first, the first "[" (column 4) the second
    assert first.startswith("too_deep 1 103 nesting too deep (more than 100 levels)")
    # libyaml's look-ahead may meet its own limit (1,000 levels) first: refused all the same
    assert second.startswith("too_deep 1 ") and "more than 100 levels" in second


def test_the_event_walk_gives_the_composers_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "_SAFE_PARSER", False)
    assert loader.parse(SEED.read_text(encoding="utf-8")).data == loader.read(SEED).data
    error = load_error("a: {b: {c: {d: 1}}}\n", Limits(max_depth=3))
    assert (error.message_id, error.line, error.column) == ("too_deep", 1, 12)
    error = load_error("a: [1, 2\n")
    assert (error.message_id, error.line, error.column) == ("syntax", 2, 1)
    error = load_error("a:\n\t- 1\n")
    assert error.message_id == "tab"


def test_the_installed_libyaml_is_probed_once() -> None:
    loader.parse("a: 1\n")
    assert loader._SAFE_PARSER in (True, False)
    # with or without libyaml's own limit, 150 levels are refused at the configured 100
    error = load_error("x: " + "[" * 150 + "]" * 150)
    assert error.message_id == "too_deep" and "100" in error.render("en")


# --- size and memory -------------------------------------------------------------------------------


def sparse_50_mb(path: Path) -> Path:
    """A 50 MB YAML file that is mostly a hole: the test writes nothing much."""
    with open(path, "wb") as handle:
        handle.write(b"ctg_rules: 1\nitems:\n")
        handle.truncate(50 * 1024 * 1024)
    return path


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = sparse_50_mb(tmp_path / "huge.yaml")
    code, out = run("check", "--lang", "en", str(path))  # its time: benchmarks/budgets.py
    assert code == 2
    assert "file too large (52428800 bytes; limit 10485760)" in out and f"{path.as_posix()}:1:1" in out


@pytest.mark.slow
def test_a_50_mb_dossier_allowed_in_is_still_bounded_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("ctg_rules: 1\nitems:\n")
        chunk = "  - abcdefghijklmnopqrstuvwxyz0123456789\n" * 10_000
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
    proc = child(
        "import sys\n"
        "from ctg_rules.cli import main\n"
        "try:\n"
        f"    main(['check', '--lang', 'en', '--limit', 'max-file-size=60MB', {str(path)!r}])\n"
        "finally:\n"
        # VmHWM is this process's own peak: ru_maxrss would carry the peak of the pytest process
        # that forked it (Linux keeps it across fork and exec), hundreds of MB late in a suite
        "    hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "    print('maxrss', hwm, file=sys.stderr)\n",
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "too many values (more than 250000)" in proc.stdout
    rss_kb = int(proc.stderr.rsplit("maxrss", 1)[1])
    # the text, its UTF-8 copy for libyaml and the bytes read: about 3 x 50 MB; never the
    # 1.5 GB a 5-million-node graph would take
    assert rss_kb < 500 * 1024, rss_kb


def test_node_bound_is_an_upper_bound() -> None:
    for text in (
        SEED.read_text(encoding="utf-8"),
        "[a: b, {c}, ? d : e]",
        "- - - - a\n",
        "{a, b, c}",
        "a",
        "",
    ):
        events = list(__import__("yaml").parse(text, Loader=loader._BaseLoader))
        nodes = sum(
            1
            for e in events
            if type(e).__name__ in ("ScalarEvent", "SequenceStartEvent", "MappingStartEvent")
        )
        assert nodes <= loader.node_bound(text), text


def many_keys() -> str:
    return "ctg_rules: 1\n" + "".join(f"k{i}: &a{i} v\n" for i in range(20_000))


def test_many_top_level_keys_give_a_bounded_list_of_problems() -> None:
    from ctg_rules.validation import MAX_PROBLEMS, validate

    document = loader.parse(many_keys())  # its time: benchmarks/budgets.py
    problems = validate(document.data, document.locate, "en")
    assert isinstance(problems, list) and len(problems) == MAX_PROBLEMS + 1
    assert problems[0].line == 2 and problems[-1].message == "… and 19950 more errors"


# --- bytes that are not YAML text ------------------------------------------------------------------


def test_binary_files(write) -> None:
    png = write("logo.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, out = run("check", "--lang", "en", str(png))
    assert code == 2 and f"{png.as_posix()}:3:1 " in out and "binary file (NUL byte at offset 8)" in out
    noise = bytes(random.Random(7).randrange(128, 256) for _ in range(4096))
    path = write("noise.yaml", noise)
    code, out = run("check", "--lang", "fr", str(path))
    assert code == 2 and f"{path.as_posix()}:1:1" in out and "n'est pas en UTF-8" in out


def test_invalid_utf8_is_located_at_the_byte(write) -> None:
    path = write(
        "latin1.yaml", "ctg_rules: 1\ntitle: Convention Territoriale Globale\nnote: caf é\n".encode("latin-1")
    )
    code, out = run("check", "--lang", "en", str(path))
    assert code == 2
    assert f"{path.as_posix()}:3:11" in out and "not UTF-8 (invalid byte 0xe9): save it as UTF-8" in out


@pytest.mark.parametrize("example", [CLEAN, DEFECTS, SEED], ids=["clean", "defects", "seed"])
@pytest.mark.parametrize("variant", ["bom", "crlf", "bom+crlf", "utf16"])
def test_bom_and_crlf_are_checked_like_the_original(write, example: Path, variant: str) -> None:
    text = example.read_text(encoding="utf-8")
    if "crlf" in variant:
        text = text.replace("\n", "\r\n")
    raw = text.encode("utf-16") if variant == "utf16" else text.encode("utf-8")
    if "bom" in variant:
        raw = b"\xef\xbb\xbf" + raw
    path = write(example.name, raw)
    code, out = run("check", "--format", "json", str(path))
    original = run("check", "--format", "json", str(example))
    assert code == original[0]
    import json

    got, want = json.loads(out), json.loads(original[1])
    assert [(f["code"], f["line"], f["column"], f["message"]) for f in got["findings"]] == [
        (f["code"], f["line"], f["column"], f["message"]) for f in want["findings"]
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "# nothing but a comment\n", "\ufeff", "---\n...\n"])
def test_empty_files_are_skipped_not_failed(write, text: str) -> None:
    path = write("empty.yaml", text)
    code, out = run("check", "--lang", "en", str(path))
    assert code == 0 and "no dossier checked: 1 YAML file that is not a dossier" in out


# --- YAML that is not plain data --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "text"),
    [
        ("3:5", "ctg_rules: 1\nx:\n\t- 1\n"),
        ("3:1", "ctg_rules: 1\na: 1\n\tb: 2\n"),
        ("4:1", "ctg_rules: 1\nx:\n  a: 1\n\tb: 2\n"),
        ("2:1", "ctg_rules: 1\n\tx: 1\n"),
    ],
)
def test_tabs_are_named_as_such(write, where: str, text: str) -> None:
    path = write("tabs.yaml", text)
    code, out = run("check", str(path))
    assert code == 2
    assert "tabulation : YAML n'accepte que des espaces pour l'indentation" in out
    assert f"{path.as_posix()}:{where.split(':')[0]}:" in out
    assert (
        "tab character: YAML accepts only spaces for indentation"
        in run("check", "--lang", "en", str(path))[1]
    )


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/apply:os.system\n  args: ['touch {marker}']",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/name:os.system ''",
        "!!python/module:os ''",
        "!!python/object:collections.OrderedDict {{a: 1}}",
        "!!python/tuple [1, 2]",
        "!!binary aGVsbG8=",
        "!!set {{a, b}}",
        "!!omap [a: 1]",
        "!local 3",
        "!<tag:evil.example,2024:x> 3",
    ],
)
def test_unsafe_tags_are_refused_and_nothing_runs(write, tmp_path: Path, value: str) -> None:
    marker = tmp_path / "pwned"
    path = write("tags.yaml", f"ctg_rules: 1\nx: {value.format(marker=marker)}\n")
    code, out = run("check", "--lang", "en", str(path))
    assert code == 2 and f"{path.as_posix()}:2:4" in out and "refused: only plain values are allowed" in out
    assert not marker.exists()
    if "python" in value:
        assert "'!!python/" in out  # shown as written, not as tag:yaml.org,2002:...


@pytest.mark.parametrize(
    ("text", "message_id", "line", "column", "fr", "en"),
    [
        ("d: 2023-02-30\n", "impossible_date", 1, 4, "février 2023 n'a que 28 jours", "February 2023 has only 28 days"),
        ("d: 2024-02-30\n", "impossible_date", 1, 4, "février 2024 n'a que 29 jours", "February 2024 has only 29 days"),
        ("d: 2023-13-01\n", "impossible_date", 1, 4, "il n'y a pas de mois 13", "there is no month 13"),
        ("d: 2023-10-00\n", "impossible_date", 1, 4, "il n'y a pas de jour 0", "there is no day 0"),
        ("d: 2023-10-12 25:00:00\n", "impossible_date", 1, 4, "heure impossible", "impossible time"),
        ("a: 'abc\nb: 2\n", "unclosed_quote", 1, 4, "guillemet ouvert ligne 1 jamais refermé", "quote opened at line 1 is never closed"),
        ("a: ok\nb: x\x01y\n", "control_char", 2, 5, "caractère de contrôle U+0001", "control character U+0001"),
        ("a: é\x7f\n", "control_char", 1, 5, "U+007F", "U+007F"),
        ("a: &x 1\nb: &x 2\n", "syntax", 2, 4, "ancre « & » définie deux fois", "anchor '&' defined twice"),
        ("a: *nope\n", "syntax", 1, 4, "alias « * » sans ancre", "alias '*' without a matching anchor"),
        ("a: b: c\n", "syntax", 1, 5, "« : » inattendu ici", "mapping values are not allowed"),
        ("a: @b\n", "syntax", 1, 4, "caractère réservé", "write the value in quotes"),
        ("---\na: 1\n---\nb: 2\n", "syntax", 3, 1, "un seul document attendu", "one document expected"),
        ("a: \ud800\n", "surrogate", 1, 4, "U+D800", "U+D800"),
        ("a: !!int douze\n", "bad_value", 1, 4, "« douze » illisible comme nombre entier", "'douze' cannot be read as integer"),
        ("a: !!timestamp demain\n", "impossible_date", 1, 4, "ce n'est pas une date AAAA-MM-JJ", "not a YYYY-MM-DD date"),
        ("a: !!bool oui\n", "bad_value", 1, 4, "illisible comme true/false", "as true/false"),
        ('a: "\\ud800"\n', "syntax", 1, 7, "séquence « \\u » qui ne désigne aucun caractère", "invalid Unicode character escape"),
    ],
)  # fmt: skip
def test_problems_are_located_and_worded_in_both_languages(
    text: str, message_id: str, line: int, column: int, fr: str, en: str
) -> None:
    error = load_error(text)
    assert (error.message_id, error.line, error.column) == (message_id, line, column)
    assert fr in error.render("fr") and en in error.render("en")


def test_french_messages_do_not_quote_pyyaml_in_english() -> None:
    # Mutations of the examples give the syntax errors people make; each gets French words.
    texts = [p.read_text(encoding="utf-8") for p in (SEED, CLEAN, DEFECTS)]
    rnd = random.Random(2024)
    inserts = [*":-[]{},'\"\t\n &*!|>?%@`#\\", "---\n", "&a ", "*zz "]
    english = ("found", "expected", "while", "allowed", "could not", "scanning", "parsing")
    seen = set()
    for _ in range(1500):
        text = rnd.choice(texts)
        for _ in range(rnd.randint(1, 3)):
            at = rnd.randrange(len(text) or 1)
            text = (
                text[:at] + rnd.choice(inserts) + text[at:]
                if rnd.random() < 0.6
                else text[:at] + text[at + 1 :]
            )
        try:
            loader.parse(text)
        except LoadError as exc:
            message = exc.render("fr")
            seen.add(exc.message_id)
            assert not any(word in message for word in english), message
            assert exc.line >= 1 and exc.column >= 1
    assert {"syntax", "tab"} <= seen


def test_a_named_pipe_is_not_waited_for(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    proc = cli_child("check", "--lang", "en", str(tmp_path), timeout=30)
    assert proc.returncode == 2 and "not a regular file" in proc.stdout


# --- limits from the configuration and the command line -------------------------------------------


def test_limits_from_the_configuration_and_the_command_line(write, tmp_path: Path) -> None:
    write(".ctg-rules.yaml", "limits:\n  max-file-size: 1KB\n  max-depth: 3\n")
    big = write("big.yaml", "ctg_rules: 1\n" + "# filler\n" * 200)
    deep = write("deep.yaml", "ctg_rules: 1\ndeliberations:\n  - vote: {for: 1}\n")
    code, out = run("check", "--lang", "en", str(tmp_path))
    assert code == 2
    assert f"{big.as_posix()}:1:1: " not in out  # the text reporter's form is file:line:col message
    assert "file too large (1813 bytes; limit 1024)" in out
    assert f"{deep.as_posix()}:3:11 " in out and "nesting too deep (more than 3 levels)" in out
    # the command line wins over the file
    code, out = run(
        "check", "--lang", "en", "--limit", "max-file-size=2KB", "--limit", "max-depth=10", str(tmp_path)
    )
    assert code == 0, out
    code, out = run("config", "--format", "json", str(big))
    import json

    assert json.loads(out)["settings"]["limits"] == {
        "max-file-size": 1024, "max-nodes": 250000, "max-aliases": 200, "max-depth": 3,
        "ocr-confidence": 80, "max-document-size": 100 * 1024 * 1024, "max-pages": 2000,
        "max-page-text": 100_000, "max-text": 3_000_000, "max-unpacked-size": 200 * 1024 * 1024,
        "max-ratio": 300, "max-xml-nodes": 1_000_000, "max-seconds": 60, "max-memory": 512 * 1024 * 1024,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("limits: 3\n", "'limits' maps max-file-size"),
        ("limits: {max-node: 3}\n", "unknown limit 'max-node' (did you mean 'max-nodes'?)"),
        ("limits: {max-nodes: 0}\n", "limit max-nodes: 0 is not a positive whole number"),
        ("limits: {max-nodes: 3MB}\n", "limit max-nodes: '3MB' is not a positive whole number"),
        ("limits: {max-file-size: 3 GB}\n", "(a size may say KB or MB: 20MB)"),
        ("limits: {max-depth: 100000}\n", "at most 300 levels"),
    ],
)
def test_bad_limits_are_configuration_errors(write, tmp_path: Path, config: str, message: str) -> None:
    write(".ctg-rules.yaml", config)
    path = write("a.yaml", "ctg_rules: 1\n")
    code, out = run("check", "--lang", "en", str(path))
    assert code == 2 and message in out and ".ctg-rules.yaml:1:1" in out


def test_bad_limit_options_are_usage_errors(write) -> None:
    path = write("a.yaml", "ctg_rules: 1\n")
    for value, message in (
        ("max-nodes", "expected NAME=VALUE"),
        ("max-files=3", "unknown limit 'max-files'"),
        ("max-aliases=-1", "not a positive whole number"),
    ):
        code, out = run("check", "--limit", value, str(path))
        assert code == 2 and message in out

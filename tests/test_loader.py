"""Loading: exact positions, YAML traps, located errors."""

from __future__ import annotations

import codecs
from datetime import date

import pytest

from ctg_rules import loader
from ctg_rules.dates import Placeholder, parse_placeholder
from ctg_rules.loader import Limits, LoadError


def test_positions_point_at_values_keys_and_list_items() -> None:
    doc = loader.parse(
        "ctg_rules: 1\ndeliberations:\n  - number: X1\n    vote: {for: 27, against: 0}\n    present: [A B, C D]\n"
    )
    assert doc.locate(("deliberations", 0, "vote", "for")) == (4, 17)
    assert doc.locate(("deliberations", 0, "vote", "for"), key=True) == (4, 12)
    assert doc.locate(("deliberations", 0, "present", 1)) == (5, 20)
    # a path past a scalar stops at the scalar; a missing key stops at its parent
    assert doc.locate(("deliberations", 0, "present", 1, "name")) == (5, 20)
    assert doc.locate(("deliberations", 0, "vote", "blank")) == (4, 11)


def test_yaml_1_1_traps_stay_text() -> None:
    data = loader.parse('t: 20:30\ndep: 048\nb: yes\nn: no\noct: 010\nt2: "20:30"\n').data
    assert data == {"t": "20:30", "dep": "048", "b": "yes", "n": "no", "oct": "010", "t2": "20:30"}


def test_scalars_of_the_core_schema() -> None:
    data = loader.parse("i: -3\nf: 1.5\nt: true\nz: ~\nd: 2023-10-12\nq: '2023-10-12'\n").data
    assert data == {"i": -3, "f": 1.5, "t": True, "z": None, "d": date(2023, 10, 12), "q": "2023-10-12"}


def test_extension_keys_are_kept_out_of_the_data() -> None:
    assert loader.parse("a: 1\nx-note: anything {here}\n").data == {"a": 1}


@pytest.mark.parametrize(
    ("text", "message_id", "line", "column"),
    [
        ("a: 1\nb: 2\na: 3\n", "duplicate_key", 3, 1),
        ("d: 2023-02-30\n", "impossible_date", 1, 4),
        ("x: !!python/object/apply:os.system [ls]\n", "unsafe_tag", 1, 4),
        ("x: !custom 3\n", "unsafe_tag", 1, 4),
        ("a: &a\n  b: *a\n", "recursive_alias", 1, 4),
        ("{[1]: 2}\n", "complex_key", 1, 2),
        ("a: [1, 2\n", "syntax", 2, 1),
    ],
)
def test_located_load_errors(text: str, message_id: str, line: int, column: int) -> None:
    with pytest.raises(LoadError) as caught:
        loader.parse(text)
    assert (caught.value.message_id, caught.value.line, caught.value.column) == (message_id, line, column)
    assert caught.value.render("fr") and caught.value.render("en")


def test_duplicate_key_message_names_both_lines() -> None:
    with pytest.raises(LoadError) as caught:
        loader.parse("present: 1\nvoters: 2\npresent: 3\n")
    assert "present" in caught.value.render("en") and "line 1" in caught.value.render("en")


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(LoadError) as caught:
        loader.parse("\n".join(lines) + "\n")
    assert caught.value.message_id in ("too_many_aliases", "too_many_nodes")


def test_node_and_depth_limits_are_configurable() -> None:
    with pytest.raises(LoadError) as caught:
        loader.parse("a: [1, 2, 3, 4, 5]\n", Limits(max_nodes=4))
    assert caught.value.message_id == "too_many_nodes"
    with pytest.raises(LoadError) as caught:
        loader.parse("a: {b: {c: {d: 1}}}\n", Limits(max_depth=3))
    assert caught.value.message_id == "too_deep"


def test_decoding_bom_crlf_binary_and_invalid_utf8() -> None:
    assert loader.parse(loader.decode(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n")).data == {"a": 1, "b": 2}
    with pytest.raises(LoadError) as caught:
        loader.decode(b"a: 1\nb: \xff\n")
    assert (caught.value.message_id, caught.value.line, caught.value.column) == ("encoding", 2, 4)
    with pytest.raises(LoadError) as caught:
        loader.decode(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert caught.value.message_id == "binary"
    with pytest.raises(LoadError) as caught:
        loader.decode(b"x" * 20, Limits(max_bytes=10))
    assert caught.value.message_id == "too_large"


def test_empty_document() -> None:
    assert loader.parse("").data is None
    assert loader.parse("# only a comment\n").data is None


@pytest.mark.parametrize(
    ("text", "year", "month", "day"),
    [("XX", None, None, None), ("XX/10/2023", 2023, 10, None), ("XX XX 2023", 2023, None, None),
     ("XX 2023", 2023, None, None), ("…", None, None, None), ("", None, None, None),
     ("12 XX 2023", 2023, None, 12), ("XX octobre 2023", 2023, 10, None), ("__/__/2024", 2024, None, None)],
)  # fmt: skip
def test_placeholders_keep_what_was_filled(
    text: str, year: int | None, month: int | None, day: int | None
) -> None:
    ph = parse_placeholder(text)
    assert isinstance(ph, Placeholder)
    assert (ph.year, ph.month, ph.day) == (year, month, day)


@pytest.mark.parametrize("text", ["12 octobre 2023", "2023-10-12", "demain", "D23.080"])
def test_not_placeholders(text: str) -> None:
    assert parse_placeholder(text) is None


def _both_builders(text: str) -> tuple[object, object]:
    composer = loader._FastLoader(text)
    root = composer.get_single_node()
    composer.dispose()
    results = []
    for build in (loader._Builder(Limits()).build, loader._TreeBuilder(Limits().max_depth).build):
        try:
            results.append(build(root, 0))
        except LoadError as exc:
            results.append((exc.message_id, exc.line, exc.column, str(exc)))
    return results[0], results[1]


def test_the_tree_builder_builds_what_the_general_builder_does() -> None:
    # Texts without anchors or tags take the tree builder: same data, same errors at the same place.
    import random
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("examples/*.yaml"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "tests/fixtures").rglob("*.yaml"))[:60]]
    texts += ["a: 1\nb: 2\na: 3\n", "x-a: 1\nx-a: 2\n", "a: {<<: {b: 1}, c: 2}\n", "1: a\n1: b\n",
              "a: [1, 2.5, true, null, 2020-01-02, '3', x, '<<']\n", "k: 2020-02-30\n", "? [a]\n: 1\n",
              "<<: [{a: 1}, {b: 2}]\nc: 3\n", "<<: 1\n", "a: " + "[" * 120 + "]" * 120 + "\n"]  # fmt: skip
    rnd = random.Random(8)
    compared = 0
    for text in texts:
        if "!" in text or "&" in text:
            continue
        lines = text.splitlines(keepends=True)
        variants = [text]
        for _ in range(3):  # a line written twice (duplicate keys), a line dropped
            i = rnd.randrange(len(lines))
            variants += ["".join(lines[: i + 1] + lines[i:]), "".join(lines[:i] + lines[i + 1 :])]
        for variant in variants:
            try:
                general, tree = _both_builders(variant)
            except Exception:  # not YAML at all: the composer's business, not the builders'
                continue
            assert general == tree, variant
            compared += 1
    assert compared > 200


def test_a_file_read_as_bytes_gives_what_its_text_gives() -> None:
    # libyaml is handed a file's own UTF-8 bytes (no str encoded back to UTF-8): the same data
    # and the same positions as parsing the decoded text, BOM or not.
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for path in sorted(root.glob("examples/*.yaml")):
        text = path.read_text(encoding="utf-8")
        for raw in (text.encode("utf-8"), codecs.BOM_UTF8 + text.encode("utf-8")):
            from_bytes = loader.parse(text, utf8=raw.removeprefix(codecs.BOM_UTF8))
            from_text = loader.parse(text)
            assert from_bytes.data == from_text.data
            for path_ in [("convention", "parties", 1, "name"), ("deliberations", 0, "present", 3), ("x",)]:
                for key in (False, True):
                    assert from_bytes.locate(path_, key=key) == from_text.locate(path_, key=key)


def test_parse_reports_each_error_at_its_place() -> None:
    for text, message_id, line in [("a: 1\nb: 2\na: 3\n", "duplicate_key", 3), ("k: 2020-02-30\n", "impossible_date", 1),
                                   ("? [a]\n: 1\n", "complex_key", 1), ("a: b: c\n", "syntax", 1),
                                   ("a: 1\n---\nb: 2\n", "syntax", 2), ("x-a: 1\nx-a: 2\n", "duplicate_key", 2)]:  # fmt: skip
        with pytest.raises(LoadError) as caught:
            loader.parse(text)
        assert (caught.value.message_id, caught.value.line) == (message_id, line), text

"""The attendance labels' lexicon (lexicon.yaml): its words, a plugin's words added, malformed data refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctg_rules.extract.deliberation.lexicon import KINDS, LEXICON, Lexicon, _load, stamp_line


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("presents", "present"),
        ("assistaient", "present"),
        ("excuses", "absent"),
        ("absente", "absent"),
        ("pouvoir", "proxy"),
        ("representes", "proxy"),
        ("mandat", "proxy"),
        ("suppleant", "substitute"),
        ("remplacant", "substitute"),
        ("titulaires", "group"),
        ("mesdames", "group"),
        ("secretaire", "stop"),
        ("exercice", "stop"),
        ("votants", "stop"),
    ],
)
def test_each_head_word_has_its_kind(word: str, kind: str) -> None:
    assert LEXICON.head(word) == kind
    assert LEXICON.known(word)


def test_filler_words_are_known_but_head_nothing() -> None:
    for word in ("etaient", "membres", "ayant", "donne", "voix", "deliberative"):
        assert LEXICON.known(word) and LEXICON.head(word) is None
    assert not LEXICON.known("budget") and LEXICON.head("budget") is None
    assert "voix" in LEXICON.substitute_voting and "presents" in LEXICON.substitute_voting


def test_a_lexicon_from_data_folds_its_words() -> None:
    lex = Lexicon.from_data(
        {
            "filler": "Étaient Conseillers",
            "heads": {"present": ["Présents", "Assistaient"]},
            "substitute_voting": "Voix",
        }
    )
    assert lex.filler == frozenset({"etaient", "conseillers"})
    assert lex.heads["present"] == frozenset({"presents", "assistaient"})
    assert set(lex.heads) == set(KINDS) and lex.heads["proxy"] == frozenset()
    assert lex.substitute_voting == frozenset({"voix"})
    assert lex.head("presents") == "present" and lex.known("etaient") and not lex.known("voix")


def test_extended_adds_words_and_leaves_the_original_alone() -> None:
    lex = LEXICON.extended({"heads": {"proxy": "délégation"}, "filler": ["séance", "tenante"]})
    assert lex.head("delegation") == "proxy"
    assert lex.known("tenante")
    assert lex.head("pouvoir") == "proxy"  # the built-in words stay
    assert LEXICON.head("delegation") is None and not LEXICON.known("tenante")
    assert LEXICON.extended({}) == LEXICON
    assert LEXICON.extended({"heads": None, "filler": None}) == LEXICON


def test_the_first_kind_in_order_wins_for_a_word_of_two() -> None:
    lex = Lexicon.from_data({"heads": {"present": "x", "stop": "x"}})
    assert lex.head("x") == "stop"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("presents", "expected a mapping of 'filler', 'heads', 'substitute_voting'"),
        ({"labels": "presents"}, "expected a mapping of 'filler', 'heads', 'substitute_voting'"),
        (
            {"heads": {"late": "retard"}},
            "unknown kind of label 'late' (known: stop, substitute, proxy, absent, present, group)",
        ),
        ({"filler": 12}, "words expected, not int"),
        ({"heads": {"present": {"a": 1}}}, "words expected, not dict"),
    ],
)
def test_malformed_words_are_refused(data: object, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        LEXICON.extended(data)  # type: ignore[arg-type]
    assert str(raised.value) == message


def test_the_built_in_lexicon_is_lexicon_yaml() -> None:
    data = _load()
    assert set(data) == {"filler", "heads", "substitute_voting"}
    assert "presents" in data["heads"]["present"]
    assert Lexicon.from_data(data) == LEXICON


def test_lexicon_yaml_is_parsed_once_then_read_back_from_the_cache(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import yaml

    from ctg_rules import cache
    from ctg_rules.extract.deliberation import lexicon

    monkeypatch.setenv("CTG_RULES_CACHE_DIR", str(tmp_path))
    raw = (Path(lexicon.__file__).with_name("lexicon.yaml")).read_bytes()
    parsed = yaml.safe_load(raw.decode("utf-8"))
    assert cache.load("lexicon", raw) is cache.MISSING
    assert _load() == parsed  # parsed, and kept
    assert cache.load("lexicon", raw) == parsed
    assert _load() == parsed  # read back


def test_stamp_lines() -> None:
    assert stamp_line("Envoyé en préfecture le 14/03/2024")
    assert stamp_line("ID : 034-213401722-20240312-12-DE")
    assert not stamp_line("Le conseil municipal, après en avoir délibéré")

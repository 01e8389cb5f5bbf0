"""The plain twin of a text: lower case, no accents, same length, character by character."""

from __future__ import annotations

import random

import pytest

from ctg_rules.extract import positions
from ctg_rules.extract.positions import plain

#: French letters, typographic signs, and characters whose lower case is special (final sigma,
#: dotted I, titlecase digraphs, the Kelvin sign, ligatures, a fullwidth grave accent)
_CHARS = "aZ09 .,:'`\n\tÉéèêàçÔœŒÆ’‘–—\u00a0\u202f…°€ΣσςİıǅǄK\u212aﬁ\uff40ßẞØ"


@pytest.mark.parametrize("seed", range(40))
def test_a_long_text_s_plain_twin_is_its_characters_plain_forms(seed: int) -> None:
    """A document's text (the long path: each distinct character replaced at once) gives what each
    character alone gives, at the same offsets."""
    rng = random.Random(seed)
    chars = rng.sample(_CHARS, rng.randrange(3, 12)) + list("abcde ")
    text = "".join(rng.choice(chars) for _ in range(positions._LONG + rng.randrange(1, 500)))
    folded = plain(text)
    assert len(folded) == len(text)
    assert folded == "".join(plain(ch) for ch in text)


def test_a_french_act_s_text_takes_the_long_path() -> None:
    text = "Séance du 12 février : Étaient présents M. DURAND, Mme LŒUVRE – adopté à l’unanimité.\n" * 20
    assert len(text) > positions._LONG
    assert positions._plain_long(text) == plain(text) == "".join(plain(ch) for ch in text)
    assert plain(text).startswith(
        "seance du 12 fevrier : etaient presents m. durand, mme louvre - adopte a l'unanimite."
    )

"""Sanity floors for the trained heads on hand-written text (quality itself is measured by
benchmarks/quality.py, not asserted here)."""

from __future__ import annotations

import pytest

from manysides.nlp import heads

LEFT = (
    "Corporate greed and tax cuts for billionaires have gutted the social safety net, while "
    "working families struggle to afford health care. Progressive lawmakers are fighting for "
    "Medicare for All, a living wage, stronger unions and urgent action on the climate crisis. "
    "Republicans keep blocking voting rights protections and common-sense gun safety laws that "
    "most Americans support, and systemic racism in policing goes unaddressed."
)
RIGHT = (
    "Radical leftists in Congress want open borders, higher taxes and a bloated federal "
    "bureaucracy that crushes small businesses. Conservatives are standing up for the Second "
    "Amendment, religious liberty, law enforcement and the unborn. Liberal elites and the "
    "mainstream media keep pushing socialism, while hardworking taxpayers foot the bill for "
    "illegal immigration and government overreach."
)


def test_heads_lean_left_and_right_paragraphs_on_different_sides(encoder) -> None:
    (left_label, left), (right_label, right) = heads.predict_lean([LEFT, RIGHT])
    assert left_label != right_label
    assert left["left"] - left["right"] > right["left"] - right["right"]
    assert abs(sum(left.values()) - 1.0) < 1e-3


@pytest.mark.parametrize(
    ("sentence", "target", "polarity"),
    [
        ("Residents praised Mayor Jones for her brave and generous leadership.", "Mayor Jones",
         "positive"),
        ("Critics blasted Senator Smith as a corrupt liar who betrayed voters.", "Senator Smith",
         "negative"),
        ("The committee thanked Dr. Patel for her outstanding, life-saving work.", "Dr. Patel",
         "positive"),
        ("The report accused Governor Brown of a disgraceful cover-up of abuse.",
         "Governor Brown", "negative"),
    ],
)
def test_heads_sentiment_clear_cases(encoder, sentence, target, polarity) -> None:
    start = sentence.index(target)
    ((label, scores),) = heads.predict_sentiment([(sentence, start, start + len(target))])
    assert label == polarity, scores


def test_heads_sentiment_follows_the_target(encoder) -> None:
    sentence = "Voters adored Alice, but they despised and mocked Bob for his cruel lies."
    a, b = sentence.index("Alice"), sentence.index("Bob")
    (_, alice), (_, bob) = heads.predict_sentiment([(sentence, a, a + 5), (sentence, b, b + 3)])
    assert alice["positive"] - alice["negative"] > bob["positive"] - bob["negative"]


def test_heads_loaded_charged_sentence_scores_higher_with_spans(encoder) -> None:
    charged = "The radical mob slammed the bizarre, dangerous scheme as a shocking disgrace."
    plain = "The committee met on Tuesday to review the annual budget report."
    (p_charged, spans), (p_plain, plain_spans) = heads.predict_loaded([charged, plain])
    assert p_charged > 0.5 > p_plain
    words = {charged[a:b].lower() for a, b in spans}
    assert words and words <= set(heads.load_json("loaded_words.json")["words"])
    assert not plain_spans


def test_heads_checkworthy_claim_over_pleasantry(encoder) -> None:
    claim, chat = heads.predict_checkworthy([
        "Unemployment fell to 3.5 percent last year, the lowest rate in fifty years.",
        "Thank you all for being here tonight, it is great to see you.",
    ])
    assert 0.0 <= chat < claim <= 1.0
    assert claim > 0.5 > chat


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("The museum reopened on Monday after a two-year renovation.", "fact"),
        ("This is the most shameful, idiotic policy I have ever seen, and it insults us all.",
         "opinion"),
        ("Is anyone surprised by the result?", "question"),
        ("Congress should pass the bill without delay.", "prescription"),
        ("Analysts say inflation is expected to ease.", "prediction"),
    ],
)
def test_heads_role(encoder, sentence, role) -> None:
    ((predicted, evidence),) = heads.predict_role([sentence])
    assert predicted == role, evidence
    assert 0.0 <= evidence["opinion"] <= 1.0


def test_heads_predict_proba_in_row_blocks_reads_as_one(encoder, monkeypatch) -> None:
    """Scored ``PREDICT_ROWS`` rows at a time, every row's probabilities are exactly those of
    one pass over all rows."""
    import numpy as np

    head = heads.load_head("checkworthy")
    sentences = [s.strip() + "." for s in (LEFT + " " + RIGHT).split(".") if s.strip()]
    dense = encoder.encode(sentences, max_length=128)
    whole = head.predict_proba(sentences, dense)
    monkeypatch.setattr(heads, "PREDICT_ROWS", 3)
    calls: list[int] = []
    features = heads.LinearHead.features
    monkeypatch.setattr(heads.LinearHead, "features",
                        lambda self, t, d, f=None: calls.append(len(t)) or features(self, t, d, f))
    blocks = head.predict_proba(sentences, dense)
    assert calls == [3] * (len(sentences) // 3) + ([len(sentences) % 3] if len(sentences) % 3
                                                    else [])
    assert np.array_equal(whole, blocks)

"""Head files: format, provenance, and the feature functions they are trained on."""

from __future__ import annotations

import json

import numpy as np
import pytest

from manysides.nlp import heads

PACKAGED = ["lean", "sentiment", "loaded", "checkworthy", "opinion"]


def test_heads_save_read_round_trip(tmp_path) -> None:
    head = heads.LinearHead(
        classes=["a", "b", "c"], coef=np.arange(15, dtype=np.float32).reshape(3, 5) / 10,
        intercept=np.array([0.1, -0.2, 0.0], dtype=np.float32), vocabulary=["cat", "dog", "sat"],
        idf=np.array([1.0, 2.0, 1.5], dtype=np.float32),
        tfidf_params={"ngram_range": [1, 1], "sublinear_tf": True}, dense_scale=2.0,
        meta={"C": 1.0},
    )
    heads.save_head(tmp_path / "h.npz", head)
    again = heads.read_head(tmp_path / "h.npz")
    dense = np.array([[0.5, -1.0], [0.0, 0.2]], dtype=np.float32)
    texts = ["the cat sat", "dog dog"]
    assert np.allclose(head.predict_proba(texts, dense), again.predict_proba(texts, dense))
    assert again.meta == {"C": 1.0} and again.classes == ["a", "b", "c"]


def test_heads_binary_probabilities_sum_to_one() -> None:
    head = heads.LinearHead(classes=["no", "yes"], coef=np.array([[2.0, -1.0]]),
                            intercept=np.array([0.5]))
    probs = head.predict_proba(["x", "y"], np.array([[1.0, 0.0], [0.0, 3.0]]))
    assert np.allclose(probs.sum(axis=1), 1.0) and probs[0, 1] > 0.9 > probs[1, 1]


@pytest.mark.parametrize("name", PACKAGED)
def test_heads_packaged_file_small_and_loadable(name) -> None:
    path = heads.HEADS_DIR / f"{name}.npz"
    assert path.stat().st_size < 5 * 1024 * 1024
    head = heads.load_head(name)
    width = len(head.vocabulary) + 384
    assert head.coef.shape[1] >= width and np.isfinite(head.coef).all()


def test_heads_scores_recorded_with_baseline_and_data() -> None:
    scores = json.loads((heads.HEADS_DIR / "scores.json").read_text())
    for name in ("lean", "sentiment", "loaded", "checkworthy", "roles"):
        entry = scores[name]
        assert entry["date"] and entry["data"] and "baseline_tfidf_lr" in entry
        assert 0.0 < entry["score"] <= 1.0


def test_heads_unknown_name_lists_the_options() -> None:
    with pytest.raises(heads.HeadMissingError, match="Available: lean"):
        heads.load_head("nope")


def test_heads_vader_features_follow_the_words_near_the_target() -> None:
    good = heads.vader_features("The mayor was praised for a wonderful plan.", 4, 9)
    bad = heads.vader_features("The mayor was condemned for a terrible plan.", 4, 9)
    assert good[4] > 0 > bad[4]


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("Will the ceasefire hold?", "question"),
        ("Why did the talks fail?”", "question"),
        ("The government should raise the minimum wage.", "prescription"),
        ("Lawmakers must act before the deadline.", "prescription"),
        ("Stop pretending the problem will solve itself.", "prescription"),
        ("The central bank is expected to cut rates.", "prediction"),
        ("Prices will rise by 4 percent, analysts say.", "prediction"),
        ("The deal could collapse next month.", "prediction"),
        ("The bridge opened in 1932.", None),
        ("She could not find the keys.", None),
    ],
)
def test_heads_role_rules(sentence, role) -> None:
    ruled = heads.rule_role(sentence)
    assert (ruled[0] if ruled else None) == role


def test_heads_top_terms_are_the_words_that_push_toward_the_label() -> None:
    head = heads.LinearHead(
        classes=["a", "b"], coef=np.array([[2.0, -1.0, 0.5]], dtype=np.float32),
        intercept=np.zeros(1), vocabulary=["cat", "dog", "sat"],
        idf=np.ones(3, dtype=np.float32), tfidf_params={"ngram_range": [1, 1]},
    )
    assert [t for t, _ in head.top_terms("cat dog sat", "b")] == ["cat", "sat"]
    assert [t for t, _ in head.top_terms("cat dog sat", "a")] == ["dog"]


def test_heads_saved_bytes_are_reproducible(tmp_path) -> None:
    head = heads.LinearHead(classes=["no", "yes"], coef=np.ones((1, 3)), intercept=np.zeros(1),
                            vocabulary=["a", "b"], idf=np.ones(2))
    heads.save_head(tmp_path / "one.npz", head)
    heads.save_head(tmp_path / "two.npz", head)
    assert (tmp_path / "one.npz").read_bytes() == (tmp_path / "two.npz").read_bytes()


def test_heads_lexicon_features_count_marked_words() -> None:
    lexicon = {"slammed": 0.6, "radical": 0.4, "scheme": 0.2}
    marked, plain = heads.lexicon_features(
        ["They slammed the radical scheme.", "The board met today."], lexicon)
    assert marked.tolist() == pytest.approx([0.6, 0.4, 0.2, 1.2, 2, 3])
    assert not plain.any()


def test_heads_lexicon_features_join_the_head_that_carries_a_lexicon() -> None:
    head = heads.LinearHead(classes=["no", "yes"], coef=np.zeros((1, 2 + heads.LEXICON_FEATURES)),
                            intercept=np.array([0.0]), meta={"lexicon": {"vile": 0.9}})
    head.coef[0, 2] = 5.0  # the top lexicon weight pushes toward "yes"
    probs = head.predict_proba(["a vile plan", "a plan"], np.zeros((2, 2)))
    assert probs[0, 1] > 0.9 and probs[1, 1] == pytest.approx(0.5)


def test_heads_loaded_head_carries_its_word_lexicon() -> None:
    head = heads.load_head("loaded")
    lexicon = head.meta["lexicon"]
    assert len(lexicon) > 200 and all(0.0 < w <= 1.0 for w in lexicon.values())
    assert head.coef.shape[1] == len(head.vocabulary) + 384 + 6 + heads.LEXICON_FEATURES


@pytest.mark.parametrize(
    ("word", "weight"),
    [("thug", 0.4), ("thugs", 0.4), ("atrocities", 0.5), ("glasses", 0.1), ("bus", None),
     ("process", None)],
)
def test_heads_word_weight_matches_plurals_by_their_singular(word, weight) -> None:
    words = {"thug": 0.4, "atrocity": 0.5, "bu": 0.9, "glass": 0.1, "proces": 0.3}
    assert heads.word_weight(word, words) == weight


def test_heads_word_weight_inflects_only_the_given_bases() -> None:
    words = {"thug": 0.4, "tool": 0.35}
    assert heads.word_weight("thugs", words, {"thug"}) == 0.4
    assert heads.word_weight("tools", words, {"thug"}) is None
    assert heads.word_weight("tool", words, {"thug"}) == 0.35


def test_heads_loaded_words_cover_curated_general_vocabulary() -> None:
    sentence = "Critics called it a sham trial staged by a rogue regime."
    found = {sentence[a:b] for a, b, _ in heads.loaded_words(sentence)}
    assert {"sham", "rogue", "regime"} <= found
    assert "trial" not in found and "Critics" not in found


def test_heads_role_features_tell_agent_from_patient(nlp) -> None:
    sentence = "The militia was attacked by the army."
    rows = heads.role_features([(sentence, 4, 11), (sentence, 32, 36)])
    militia, army = rows
    assert militia[1] == 1.0 and militia[0] == 0.0  # patient of a negative verb
    assert army[0] == 1.0 and army[1] == 0.0  # its agent
    assert army[3] < 0 and army[5] < 0 and militia[5] == 0.0
    none = heads.role_features([("Hello there, world.", 13, 18)])
    assert not none[0, :3].any()

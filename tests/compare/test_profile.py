"""Per-outlet profile: grouping, counts, mean sentiment with the mentions behind it, shares of
opinion, terms, who is quoted, lean and genre, all read from what the stages left."""

from __future__ import annotations

from manysides.compare.profile import CITES, mean_lean, outlet_label, outlet_profiles
from manysides.model import (
    Article,
    Attribution,
    Claim,
    Event,
    FramingTerm,
    Lean,
    Mention,
    OutletProfile,
    Span,
    from_dict,
    to_dict,
)

TEXT = ("Iran fired drones at Israel. Israel hit back hard. The brutal strike was a massacre, "
        "a spokesman said. Iran vowed more.")
SENTENCES = [Span(0, 28), Span(29, 50), Span(51, 102), Span(103, 119)]


def at(words: str, start: int = 0) -> Span:
    begin = TEXT.index(words, start)
    return Span(begin, begin + len(words))


def _article(outlet: str | None, source: str | None, scores: list[float],
             lean: dict[str, float], genre: str, roles: list[str]) -> Article:
    article = Article.create(TEXT + (outlet or source or ""), outlet=outlet, source=source)
    article.claims = [Claim(span, role=role) for span, role in zip(SENTENCES, roles, strict=True)]
    iran = [at("Iran"), at("Iran", 5)]
    israel = [at("Israel"), at("Israel", 25)]
    article.mentions = [
        Mention(iran[0], "Iran", actor="IRN", name="Iran", sentiment="negative",
                sentiment_score=scores[0]),
        Mention(israel[0], "Israel", actor="ISR", name="Israel", sentiment="neutral",
                sentiment_score=scores[1]),
        Mention(israel[1], "Israel", actor="ISR", name="Israel", sentiment="positive",
                sentiment_score=scores[2]),
        Mention(iran[1], "Iran", actor="IRN", name="Iran", sentiment="negative",
                sentiment_score=scores[3]),
        Mention(at("spokesman"), "spokesman", label="PERSON", sector=None),
    ]
    article.framing = [
        FramingTerm(at("brutal strike"), "brutal strike", "brutal strike", "loaded"),
        FramingTerm(at("massacre"), "massacre", "massacre", "act-noun", act="ASSAULT"),
    ]
    article.quotes = [Attribution(content=Span(51, at("massacre").end), source=at("a spokesman"),
                                  direct=False)]
    article.events = [
        Event(trigger=at("fired"), sentence=SENTENCES[0], type="ASSAULT",
              source=[article.mentions[0]], target=[article.mentions[1]]),
        Event(trigger=at("hit"), sentence=SENTENCES[1], type="ASSAULT",
              source=[article.mentions[2]]),
        Event(trigger=at("vowed"), sentence=SENTENCES[3], type="ASSAULT", mode="future",
              source=[article.mentions[3]]),
    ]
    for n, event in enumerate(article.events):
        event.id = f"{article.id}:e{n}"
    article.lean = Lean(label=max(lean, key=lambda k: lean[k]), scores=lean)
    article.genre = genre
    return article


def test_profile_groups_by_outlet_and_reads_every_part() -> None:
    a = _article("Daily Planet", None, [-0.8, 0.0, 0.6, -0.4], {"left": 0.6, "center": 0.3,
                 "right": 0.1}, "opinion", ["opinion", "fact", "prescription", "fact"])
    b = _article("Daily Planet", None, [-0.2, 0.2, 0.2, 0.0], {"left": 0.2, "center": 0.5,
                 "right": 0.3}, "news report", ["fact", "fact", "fact", "question"])
    c = _article(None, "/data/in/gazette.txt#2", [0.1, 0.1, 0.1, 0.1], {"left": 0.1,
                 "center": 0.2, "right": 0.7}, "opinion", ["fact"] * 4)
    daily, gazette = outlet_profiles([a, c, b])[0], outlet_profiles([a, c, b])[1]
    assert daily.outlet == "Daily Planet" and daily.articles == [a.id, b.id]
    assert gazette.outlet == c.id and gazette.label == "gazette.txt#2"

    iran = next(x for x in daily.actors if x.actor == "IRN")
    assert iran.mentions == 4 and iran.name == "Iran"
    assert iran.sentiment == round((-0.8 - 0.4 - 0.2 + 0.0) / 4, 4)
    assert iran.cites[0].score == -0.8 and iran.cites[0].article == a.id
    assert iran.cites[0].sentence == Span(0, 28)  # the sentence the score was read in
    assert all(c.score != 0.0 for c in iran.cites)  # a neutral 0 weighs on neither side
    israel = next(x for x in daily.actors if x.actor == "ISR")
    assert israel.sentiment == round((0.0 + 0.6 + 0.2 + 0.2) / 4, 4)
    assert israel.cites[0].score == 0.6
    assert daily.actors[-1].actor == "spokesman" and daily.actors[-1].sentiment is None

    assert daily.roles == {"fact": 5, "opinion": 1, "prescription": 1, "question": 1}
    assert (daily.opinion_share, daily.reporting_share) == (0.375, 0.625)
    strike = next(t for t in daily.terms if t.lemma == "brutal strike")
    assert strike.count == 2
    assert strike.where == [(a.id, at("brutal strike")), (b.id, at("brutal strike"))]
    (quoted,) = daily.quoted
    assert (quoted.speaker, quoted.kind, quoted.count, quoted.direct) == (
        "a spokesman", "PERSON", 2, 0)
    assert quoted.where[0] == (a.id, Span(51, at("massacre").end))
    assert daily.lean_scores == {"center": 0.4, "left": 0.4, "right": 0.2}
    assert daily.lean in ("center", "left")
    assert gazette.lean == "right" and gazette.genre == "opinion"
    assert daily.genres == {"opinion": 1, "news report": 1}


def test_profile_counts_acts_of_force_by_and_on_each_actor_with_the_events() -> None:
    a = _article("Daily", None, [0.0] * 4, {"left": 1.0}, "opinion", ["fact"] * 4)
    b = _article("Daily", None, [0.0] * 4, {"left": 1.0}, "opinion", ["fact"] * 4)
    (daily,) = outlet_profiles([a, b])
    iran = next(x for x in daily.actors if x.actor == "IRN")
    israel = next(x for x in daily.actors if x.actor == "ISR")
    assert (iran.force_by, iran.force_on) == (2, 0)  # "vowed more" is announced, not done
    assert (israel.force_by, israel.force_on) == (2, 2)
    assert [(c.article, c.side) for c in israel.force_cites] == [
        (a.id, "by"), (a.id, "on"), (b.id, "by"), (b.id, "on")]  # both sides in turn
    cite = israel.force_cites[0]
    assert (cite.event, cite.trigger, cite.sentence, cite.type) == (
        f"{a.id}:e1", at("hit"), SENTENCES[1], "ASSAULT")
    spokesman = next(x for x in daily.actors if x.actor == "spokesman")
    assert (spokesman.force_by, spokesman.force_on, spokesman.force_cites) == (0, 0, [])
    (many,) = outlet_profiles([a] * 5)
    assert len(next(x for x in many.actors if x.actor == "ISR").force_cites) == CITES


def test_mean_lean_averages_articles_and_counts_a_missing_label_as_zero() -> None:
    pooled = mean_lean([{"left": 0.6, "center": 0.3, "right": 0.1},
                        {"left": 0.2, "right": 0.8}])
    assert pooled == {"left": 0.4, "center": 0.15, "right": 0.45}
    assert max(pooled, key=lambda k: pooled[k]) == "right"
    assert mean_lean([]) == {}


def test_profile_cites_show_both_signs_of_a_mixed_mean() -> None:
    scores = [-0.9, 0.5, 0.7, -0.6]
    article = _article("X", None, scores, {"left": 1.0}, "opinion", ["fact"] * 4)
    (profile,) = outlet_profiles([article] * 3)
    for actor in profile.actors:
        signs = {c.score > 0 for c in actor.cites}
        if actor.actor == "ISR":  # 0.5 and 0.7 (x3): all positive
            assert signs == {True}
        if actor.actor == "IRN":
            assert signs == {False}
    assert all(len(a.cites) <= CITES for a in profile.actors)


def test_profile_labels_and_round_trip() -> None:
    assert outlet_label(Article.create("x", outlet="The Times")) == "The Times"
    assert outlet_label(Article.create("x", source="a/b/c.html")) == "c.html"
    bare = Article.create("x")
    assert outlet_label(bare) == bare.id
    article = _article("X", None, [0.1, 0.2, 0.3, 0.4], {"left": 1.0}, "opinion", ["fact"] * 4)
    (profile,) = outlet_profiles([article])
    assert from_dict(OutletProfile, to_dict(profile)) == profile
    assert outlet_profiles([]) == []


def test_profile_counts_a_named_person_apart_from_their_office() -> None:
    text = "Martin spoke. His cabinet met. Martin left."
    article = Article.create(text, outlet="Daily")
    cabinet = Span(14, 25)
    article.mentions = [
        Mention(Span(0, 6), "Martin", "PERSON", "FRAGOV", "Anne Martin",
                sentiment="negative", sentiment_score=-0.6),
        Mention(cabinet, cabinet.of(text), "", "FRAGOV", "France",
                sentiment="positive", sentiment_score=0.4),
        Mention(Span(31, 37), "Martin", "PERSON", "FRAGOV", "Anne Martin",
                sentiment="negative", sentiment_score=-0.2),
    ]
    assert [m.span.of(text) for m in article.mentions] == ["Martin", "His cabinet", "Martin"]
    (profile,) = outlet_profiles([article])
    shown = {(a.actor, a.name): (a.mentions, a.sentiment) for a in profile.actors}
    assert shown == {("FRAGOV", "Anne Martin"): (2, -0.4), ("FRAGOV", "France"): (1, 0.4)}

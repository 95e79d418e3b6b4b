"""Natural-language stages: each reads an Article (and its parsed Doc) and adds to it.

The groundwork the other stages build on:

- :mod:`~manysides.nlp.pipeline` — the shared spaCy pipeline (``load_nlp``, ``parse``);
- :mod:`~manysides.nlp.gazetteer` — the actor gazetteer and user extras (``load_gazetteer``);
- :mod:`~manysides.nlp.actors` — actor linking (``link_actors``).

Nothing heavy is imported here; import the submodule you need.
"""

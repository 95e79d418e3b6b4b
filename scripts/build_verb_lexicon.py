"""Rebuild src/manysides/data/verbs.json from the CAMEO verb patterns and the CAMEO→PLOVER table.

Deterministic: the same inputs give the same bytes. Inputs (read-only, beside the checkout):

- ``../shared/data/events/dictionaries/CAMEO.2.0.txt``: the PETRARCH CAMEO verb dictionary
  (verb blocks with synonym verbs, their codes, and phrase patterns such as ``- * ATTACK [190]``);
- ``../shared/data/events/CAMEO2PLOVER-2021.txt``: CAMEO code → PLOVER category;
- ``scripts/verb_supplement.toml``: hand-written event nouns, outcome adjectives and extra
  verb patterns (general English, written from the CAMEO/PLOVER codebooks).

Output layout (compact JSON)::

    {"notice": [...], "plover": {cameo: category}, "synsets": {name: [phrase, ...]},
     "verbs": {lemma: [[pattern, cameo|null, category|null, reverse cameo?], ...]},
     "nouns": {noun: [cameo, category]}, "adjectives": {adj: [cameo, category]},
     "forms": {irregular form: lemma}}

A fourth element is the reverse half of a CAMEO joint code ``[043:042]``: what the target does
to the source in the same event ("A received B": A hosts, B visits).

A pattern keeps the CAMEO syntax, lower-cased: words before ``*`` precede the verb, words after
it follow; ``&name`` is a synonym set; ``(prep word)`` a prepositional phrase; ``{a b}`` a
compound. ``null`` codes are CAMEO's ``[---]``: "this phrase is not an event".

CAMEO codes 01x (statements) and 02x (appeals) have no PLOVER category; they are kept as
``STATEMENT`` and ``APPEAL`` so the extractor can tell them apart from non-events.

Usage: python scripts/build_verb_lexicon.py [--shared ../shared] [--out PATH]

The CAMEO dictionary this derives from carries the following notice, kept in the output:

    The MIT License (MIT)
    Copyright (c) 2015 Open Event Data Alliance
    Permission is hereby granted, free of charge, to any person obtaining a copy of this software
    and associated documentation files (the "Software"), to deal in the Software without
    restriction, including without limitation the rights to use, copy, modify, merge, publish,
    distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
    Software is furnished to do so, subject to the following conditions: The above copyright
    notice and this permission notice shall be included in all copies or substantial portions of
    the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
    IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
    PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
    LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
    OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
    DEALINGS IN THE SOFTWARE.
"""

from __future__ import annotations

import argparse
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTICE = [
    "Derived from CAMEO.2.0.txt (PETRARCH CAMEO verb dictionary), The MIT License (MIT),",
    "Copyright (c) 2015 Open Event Data Alliance. Permission is hereby granted, free of charge,",
    "to any person obtaining a copy of this software and associated documentation files (the",
    "'Software'), to deal in the Software without restriction, including without limitation the",
    "rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of",
    "the Software, and to permit persons to whom the Software is furnished to do so, subject to",
    "the following conditions: The above copyright notice and this permission notice shall be",
    "included in all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED",
    "'AS IS', WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.",
    "PLOVER categories from CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8), CC BY-SA 4.0.",
    "Rebuild with: python scripts/build_verb_lexicon.py",
]
_CODE = re.compile(r"\[([^\]]*)\]")
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")


@dataclass
class Block:
    code: str | None
    # (verb words, code, irregular forms); (pattern, code, verbs it was written for)
    verbs: list[tuple[str, str | None, list[str]]] = field(default_factory=list)
    patterns: list[tuple[str, str | None, list[str]]] = field(default_factory=list)


def parse_code(raw: str) -> str | bool | None:
    """``190`` → "190"; a joint code ``043:042`` (the source does 043 to the target, the target
    042 to the source) is kept whole; ``---`` → None; ``:173`` → False (skip)."""
    first, _, second = (part.strip() for part in raw.strip().partition(":"))
    if first.startswith("---"):
        return None
    if not first or not first.isdigit():
        return False
    return f"{first}:{second}" if second.isdigit() else first


def parse_plover(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d+):\s*([A-Z]+)", line)
        if m and m.group(1) not in table:
            table[m.group(1)] = m.group(2)
    return table


def plover_of(code: str | None, table: dict[str, str]) -> str | None:
    if code is None:
        return None
    if code.startswith("01"):
        return "STATEMENT"
    if code.startswith("02"):
        return "APPEAL"
    for cut in range(len(code), 1, -1):
        if code[:cut] in table:
            return table[code[:cut]]
    return None


def parse_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    name = None
    for line in lines:
        text = line.split("#")[0].strip()
        if text.startswith("&"):
            name = text[1:].rstrip("_").lower()
            synsets[name] = []
        elif text.startswith("+") and name:
            phrase = _words(text[1:])
            if phrase and phrase not in synsets[name]:
                synsets[name].append(phrase)
        elif not text:
            continue
        else:
            name = None
    return synsets


def _words(text: str) -> str:
    """CAMEO word(s) → lower-case phrase: ``CRUISE_MISSILES`` → "cruise missiles"."""
    return " ".join(w for w in text.replace("_", " ").lower().split() if w)


def normalise_pattern(text: str) -> str:
    """``- * {AIR STRIKE} (AGAINST +)`` → "* {air strike} (against)"."""
    text = re.sub(r"[+$^%]", " ", text.lower())
    text = re.sub(r"\s+", " ", text.replace("_", " "))
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\s+\)", ")", text)
    text = re.sub(r"\{\s+", "{", text)
    text = re.sub(r"\s+\}", "}", text)
    return text.strip()


def parse_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        if line.startswith("---"):
            m = _HEADER.match(line)
            code = parse_code(m.group(2)) if m else None
            blocks.append(Block(code if isinstance(code, str) else None))
        elif blocks and line.startswith("- "):
            _add_pattern(blocks[-1], line[2:])
        elif blocks and re.match(r"^\+?[A-Z]", line):
            _add_verb(blocks[-1], line)
    return blocks


def _add_pattern(block: Block, line: str) -> None:
    body = line.split("#")[0]
    m = _CODE.search(body)
    if not m:
        return
    code = parse_code(m.group(1))
    if code is False:
        return
    pattern = normalise_pattern(body[: m.start()])
    origin = [_words(w) for w in line.partition("#")[2].replace(",", " ").split()]
    if "*" in pattern:
        block.patterns.append((pattern, code if isinstance(code, str) else None, origin))


def _add_verb(block: Block, line: str) -> None:
    body = line.split("#")[0]
    m = _CODE.search(body)
    forms_m = re.search(r"\{([^}]*)\}", body)
    head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", body).split()
    if not head:
        return
    word = head[0]
    multi = word.startswith("+")
    words = _words(word.lstrip("+"))
    if multi and (forms_m is not None and not forms_m.group(1).strip()):
        return  # frozen inflected phrases ("+KILLED_AND {}") are not base forms
    if any(w in ("and", "or") for w in words.split()):
        return
    forms = [_words(f.lstrip("+")) for f in (forms_m.group(1).split() if forms_m else [])]
    own = block.code
    if m is not None:
        parsed = parse_code(m.group(1))
        own = block.code if parsed is False else parsed  # type: ignore[assignment]
    block.verbs.append((words, own, forms))


def build(shared: Path, supplement: Path) -> dict[str, object]:
    table = parse_plover(shared / "data/events/CAMEO2PLOVER-2021.txt")
    lines = (shared / "data/events/dictionaries/CAMEO.2.0.txt").read_text(
        encoding="utf-8", errors="replace").splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    end = next((i for i, line in enumerate(lines) if "TRANSFORMATIONS" in line), len(lines))
    synsets = parse_synsets(lines[:start])
    blocks = parse_blocks(lines[start:end])
    extra = tomllib.loads(supplement.read_text(encoding="utf-8"))
    verbs: dict[str, list[list[str | None]]] = {}
    forms: dict[str, str] = {}

    written: set[tuple[str, str]] = set()  # (lemma, pattern) from the supplement: never replaced

    def add(lemma: str, pattern: str, code: str | None) -> None:
        """Add a pattern; a pattern the dictionary repeats with another code takes the later
        code, as PETRARCH's dictionary reader does (a later entry overwrites an earlier one)."""
        code, _, reverse = (code or "").partition(":")
        entry: list[str | None] = [pattern, code or None, plover_of(code or None, table)]
        if reverse:
            entry.append(reverse)
        bucket = verbs.setdefault(lemma, [])
        same = next((old for old in bucket if old[0] == pattern), None)
        if same is None:
            bucket.append(entry)
        elif (lemma, pattern) not in written:
            same[1:] = entry[1:]
            del same[len(entry):]

    for phrase, pairs in extra.get("verbs", {}).items():
        head, *particles = phrase.split()
        for pattern, code in pairs:
            add(head, _with_particles(normalise_pattern(pattern), particles), code)
            written.add((head, _with_particles(normalise_pattern(pattern), particles)))
    for block in blocks:
        for words, code, word_forms in block.verbs:
            head, *particles = words.split()
            if code is not None:
                add(head, _with_particles("*", particles), code)
            for pattern, pcode, origin in block.patterns:
                if _written_for(words, word_forms, origin, block):
                    add(head, _with_particles(pattern, particles), pcode)
            if not particles:
                for form in word_forms:
                    if " " not in form and form != head:
                        forms.setdefault(form, head)
    nouns = {k: [v, plover_of(v, table)] for k, v in sorted(extra.get("nouns", {}).items())}
    adjectives = {k: [v, plover_of(v, table)]
                  for k, v in sorted(extra.get("adjectives", {}).items())}
    plover = {code: cat for code, cat in sorted(table.items())}
    return {"notice": NOTICE, "plover": plover, "synsets": dict(sorted(synsets.items())),
            "verbs": dict(sorted(verbs.items())), "nouns": nouns, "adjectives": adjectives,
            "forms": dict(sorted(forms.items()))}


def _written_for(words: str, forms: list[str], origin: list[str], block: Block) -> bool:
    """A pattern applies to the block verb its comment names ("# KIDNAP"); to every verb
    of the block when the comment names none of them."""
    named = {_stem(w) for w in origin}
    if not named & {_stem(v) for v, _, f in block.verbs for v in (v, *f)}:
        return True
    return bool(named & {_stem(w) for w in (words, *forms)})


def _stem(word: str) -> str:
    """A crude stem for comparing a comment's inflected verb with the block's base forms."""
    word = word.replace(" ", "_")
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)]
    return word


def _with_particles(pattern: str, particles: list[str]) -> str:
    """Put a phrasal verb's particles after the ``*``: ("* attack", [out]) → "* out attack"."""
    if not particles:
        return pattern
    pre, _, post = pattern.partition("*")
    return " ".join(part for part in (pre.strip(), "*", *particles, post.strip()) if part)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--supplement", type=Path, default=ROOT / "scripts/verb_supplement.toml")
    parser.add_argument("--out", type=Path, default=ROOT / "src/manysides/data/verbs.json")
    args = parser.parse_args()
    data = build(args.shared, args.supplement)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    verbs = data["verbs"]
    assert isinstance(verbs, dict)
    print(f"{args.out}: {len(verbs)} verb lemmas, "
          f"{sum(len(v) for v in verbs.values())} patterns, {len(text) // 1024} KiB")


if __name__ == "__main__":
    main()

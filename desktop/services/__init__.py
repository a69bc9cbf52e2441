"""Use cases: one transaction per call, validation on the way in, timeline on the way out."""

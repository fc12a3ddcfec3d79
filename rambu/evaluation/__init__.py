"""Measuring the engine's judgement: labelled files (`labelled`), per-rule figures (`metrics`),
screening them (`run`), and reviewers' decisions from the web application (`feedback`)."""

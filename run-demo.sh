#!/usr/bin/env bash
# Quick start 1: set up rambu in a virtual environment and screen the bundled example batch.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet .
.venv/bin/rambu check examples/activities.jsonl --staff examples/staff.json \
  --factchecks examples/factchecks.csv --format table

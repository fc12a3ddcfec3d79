#!/usr/bin/env bash
# Quick start 1: set up rambu in a virtual environment, screen the bundled example batch,
# then start the web application on an embedded SQLite database with demo data.
# The admin password is printed once. RAMBU_NO_SERVE=1 stops after the example batch.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet .
.venv/bin/rambu check examples/activities.jsonl --staff examples/staff.json \
  --factchecks examples/factchecks.csv --format table
if [ "${RAMBU_NO_SERVE:-0}" != "1" ]; then
  exec .venv/bin/rambu serve --demo --database "sqlite:///$(pwd)/rambu-demo.db" --host 127.0.0.1 --port "${PORT:-8000}"
fi

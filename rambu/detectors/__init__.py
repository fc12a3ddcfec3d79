"""Registered detectors, one rule one module. Order is the order findings are reported."""
from __future__ import annotations

import importlib

# module name -> class name; a detector module that fails to import is reported, not fatal
REGISTRY: tuple[tuple[str, str], ...] = (
    ("rule1_ideology", "IdeologyHateDetector"),
    ("rule2_sara", "SaraHateDetector"),
    ("rule3_spreading", "SpreadingDetector"),
    ("rule4_hoax", "HoaxDetector"),
    ("rule5_symbols", "StateSymbolDetector"),
    ("rule6_security", "SecurityInfoDetector"),
    ("rule7_livestream", "LiveStreamDetector"),
)


def detector_classes():
    for module, cls in REGISTRY:
        yield getattr(importlib.import_module(f"{__name__}.{module}"), cls)

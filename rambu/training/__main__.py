"""`python -m rambu.training` = `python -m rambu.training.train` (see there for options)."""
from .train import main

raise SystemExit(main())

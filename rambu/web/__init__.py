"""The rambu web application (FastAPI + Jinja2): pages in Bahasa Indonesia, each with a JSON twin under /api/."""
from .app import create_app

__all__ = ["create_app"]

"""The rambu web application (FastAPI + Jinja2): pages in Bahasa Indonesia, each with a JSON twin under /api/."""


def __getattr__(name: str):
    # `rambu check` registers the web commands but must not pay for importing the web stack
    if name == "create_app":
        from .app import create_app
        return create_app
    raise AttributeError(name)


__all__ = ["create_app"]

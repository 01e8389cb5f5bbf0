"""``ctg-rules serve``: a local web page for clerks and the same check as an HTTP API.

Needs the ``web`` extra (Starlette, uvicorn, python-multipart): ``pip install 'ctg-rules[web]'``.
:func:`create_app` builds the ASGI application; :mod:`.guard` refuses foreign hosts and
cross-origin posts; :mod:`.uploads` streams files into a private folder; :mod:`.runs` runs the
``check`` and ``extract`` commands on it; :mod:`.review` is what the page shows.
"""

from __future__ import annotations

from .app import create_app
from .guard import Binding

__all__ = ["Binding", "create_app"]

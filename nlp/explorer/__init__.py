"""The Streamlit explorer: queries over the store, HTML views of records, and the pages.

Everything here is importable without a running Streamlit server except ``nlp.explorer.pages``
and ``nlp.explorer.app``, which draw with ``streamlit``; ``app.py`` at the top of the project
only calls ``nlp.explorer.app.main``.
"""

"""The explorer's pages: each module draws one view with ``render(settings)``."""

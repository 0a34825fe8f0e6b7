"""Where records (and later the commitment register) are kept."""

from nlp.store.db import DEFAULT_STORE, Store, StoreError, store_url

__all__ = ["DEFAULT_STORE", "Store", "StoreError", "store_url"]

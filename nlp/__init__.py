"""policing-statements: structured, checkable records of what is said about policing."""

__version__ = "0.1.0"

"""What ``policing app`` hands to ``streamlit run`` (the same as the project's app.py)."""

from nlp.explorer.app import main

main()

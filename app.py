"""The Streamlit explorer: `streamlit run app.py` (or `policing app`). All logic is in nlp/explorer/."""

from nlp.explorer.app import main

main()

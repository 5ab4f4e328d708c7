"""Management commands of the web app (``variorum manage ...``)."""

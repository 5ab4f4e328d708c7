"""The web app's own management commands."""

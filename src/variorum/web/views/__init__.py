"""The web app's views: ``pages`` (server-rendered HTML), ``api`` (JSON: the W3C Web
Annotation Protocol plus projects and versions), ``auth`` (sign-in, one-time links,
tokens) and ``tokens`` (bearer-token authentication for scripts)."""

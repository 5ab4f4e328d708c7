"""The authoring web app: analysts upload versions, annotate in the browser, publish.

A Django project in one package::

    settings.py     local defaults: SQLite in the data folder, nothing to configure
    production.py   the team server: PostgreSQL, HTTPS cookies, secrets from the environment
    models.py       projects, members and roles, versions, annotations and their revisions,
                    API tokens, one-time login links
    store/          what the views call: documents from stored versions, roles, the
                    annotation store (revisions, ETags), project folders in and out, publishing
    views/          the pages (server-rendered), the JSON API (W3C Web Annotation Protocol),
                    sign-in
    server.py       ``variorum serve`` and ``variorum demo``: migrate, then a real WSGI server

The engine, the ingesters, the annotation model and the publisher are the library's
own; nothing here compares, parses or renders a document by itself.
"""

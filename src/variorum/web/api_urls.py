"""The JSON API's addresses (``/api/...``); see ``views/api.py``."""

urlpatterns: list[object] = []

"""History: the versions of a document over time (import from git, timeline, provenance).

Built on the comparison of each version with the one after it.
"""

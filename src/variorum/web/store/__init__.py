"""What the views call: every rule about projects, versions and annotations lives
here, so that the pages and the JSON API behave the same.

- ``access``: who may do what (roles);
- ``documents``: a stored version's Document, made once per process;
- ``projects``: projects, versions, members, the trash;
- ``annotations``: saving with revisions and ETags, reading as the library's model;
- ``folders``: a project folder (``docs/project-format.md``) in and out;
- ``publishing``: the static site as a zip, and the single file.
"""

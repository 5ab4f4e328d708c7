"""Image sources: a picture replaced under the same alternative text is a change, told
beside the unchanged words as a link's changed target is, in every output."""

import io
import json
import re
import zipfile
from importlib import resources
from pathlib import Path

import docx
import jsonschema

import variorum
from variorum.cli import main
from variorum.cli.errors import run_safely
from variorum.render import render
from variorum.render.word import word_redline

OLD = (
    "# Help\n\nThe app opens on the home screen.\n\n![Home screen](/shots/old-home.png)\n\n"
    "[![Logo](/logo.png)](https://example.org/)\n"
)
NEW = OLD.replace("/shots/old-home.png", "/shots/new-home.webp")
NOTE = "image “Home screen”: /shots/old-home.png → /shots/new-home.webp"


def compare(old: str = OLD, new: str = NEW, form: str = "markdown", **options: bool):
    return variorum.compare(variorum.parse(old, form), variorum.parse(new, form), **options)


def test_a_replaced_picture_is_a_change_but_no_word_changed() -> None:
    comparison = compare()
    assert comparison.has_changes
    assert comparison.stats.words_inserted == comparison.stats.words_deleted == 0
    (change,) = comparison.link_changes
    assert change.kind is variorum.LinkKind.IMAGE


def test_the_note_reaches_terminal_markdown_and_html() -> None:
    comparison = compare()
    assert NOTE in render(comparison, "terminal", color=False)
    assert "1 image sources changed" in render(comparison, "terminal", color=False)
    assert re.search(r"c-0 +images +0 +0 +0 ", render(comparison, "stat"))
    assert "Home screen{>>" + NOTE + "<<}" in render(comparison, "markdown")
    html = render(comparison, "html-fragment")
    (row,) = [line for line in re.findall(r"<p [^>]*>.*?</p>", html) if "Home screen" in line]
    assert 'data-change="image changed"' in row and NOTE in row


def test_json_has_image_changes_apart_from_link_changes_and_validates() -> None:
    data = json.loads(render(compare(), "json"))
    schema = resources.files("variorum").joinpath("schema", "comparison.schema.json")
    jsonschema.validate(data, json.loads(schema.read_text(encoding="utf-8")))
    assert data["link_changes"] == []
    (change,) = data["image_changes"]
    assert change["old"]["source"] == "/shots/old-home.png"
    assert change["new"]["source"] == "/shots/new-home.webp"
    start, end = change["new"]["span"]
    assert data["new"]["text"][start:end] == "Home screen"
    text = data["new"]["text"]
    assert [(text[slice(*link["span"])], link["target"]) for link in data["new"]["links"]] == [
        ("Logo", "https://example.org/")
    ]
    assert [(text[slice(*image["span"])], image["source"]) for image in data["new"]["images"]] == [
        ("Home screen", "/shots/new-home.webp"),
        ("Logo", "/logo.png"),
    ]


def test_a_linked_image_is_one_link_and_one_picture_each_compared_alone() -> None:
    picture = compare(OLD, OLD.replace("/logo.png", "/logo-2.svg"))
    (change,) = picture.link_changes
    assert change.kind is variorum.LinkKind.IMAGE
    assert "image “Logo”: /logo.png → /logo-2.svg" in render(picture, "markdown")
    target = compare(OLD, OLD.replace("https://example.org/", "https://example.net/"))
    (change,) = target.link_changes
    assert change.kind is variorum.LinkKind.LINK
    assert "link “Logo”: https://example.org/ → https://example.net/" in render(target, "markdown")


def test_a_picture_added_or_removed_on_unchanged_words_is_told() -> None:
    plain = "Tap Home screen.\n"
    pictured = "Tap ![Home screen](/shots/home.png).\n"
    added = render(compare(plain, pictured), "terminal", color=False)
    assert "image added on “Home screen”: /shots/home.png" in added
    removed = render(compare(pictured, plain), "terminal", color=False)
    assert "image removed on “Home screen”: /shots/home.png" in removed


def test_the_html_reader_reads_alternative_text_and_keeps_the_source_apart() -> None:
    pixel = '<img src="/pixel.gif" width="1" height="1">'  # (a tracking pixel: seen by nobody)
    page = f'<main><p>Opens on <img alt="Home screen" src="{{}}">{pixel}</p></main>'
    comparison = compare(page.format("/old.png"), page.format("/new.png"), "html")
    assert comparison.new.text == "Opens on Home screen\n"
    assert NOTE.replace("/shots/old-home.png", "/old.png").replace(
        "/shots/new-home.webp", "/new.png"
    ) in render(comparison, "markdown")


def test_exit_status_counts_a_replaced_picture_unless_images_are_ignored(tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    status = {
        flags: run_safely(main, ["compare", str(old), str(new), *flags])
        for flags in [(), ("--ignore-links",), ("--ignore-images",)]
    }
    assert status == {(): 1, ("--ignore-links",): 1, ("--ignore-images",): 0}


def test_ignoring_images_keeps_link_changes_and_ignoring_links_keeps_image_changes() -> None:
    both = OLD.replace("/logo.png", "/logo-2.svg").replace("example.org/", "example.net/")
    kinds = {
        flag: [change.kind for change in compare(OLD, both, **{flag: True}).link_changes]
        for flag in ("ignore_links", "ignore_images")
    }
    assert kinds == {"ignore_links": ["image"], "ignore_images": ["link"]}


def test_the_word_redline_comments_on_the_picture_and_hyperlinks_only_the_link() -> None:
    data = word_redline(compare())
    comments = [comment.text for comment in docx.Document(io.BytesIO(data)).comments]
    assert comments == [NOTE]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        relations = package.read("word/_rels/document.xml.rels").decode()
    assert "https://example.org/" in relations
    assert "logo.png" not in relations and "/shots/" not in relations


def test_a_picture_replaced_under_edited_alternative_text_is_told_beside_the_edit() -> None:
    old = "Opens on ![Home screen of the app](/shots/a.png) today.\n"
    replaced = compare(old, old.replace("the app", "our app").replace("/a.png", "/b.png"))
    markdown = render(replaced, "markdown")
    assert "{~~the~>our~~} app today.{>>image “Home screen of our app”: /shots/a.png → " in markdown
    assert 'data-change="changed"' in render(replaced, "html-fragment")
    kept = compare(old, old.replace("the app", "our app"))
    assert kept.link_changes == ()


def test_a_link_retargeted_under_edited_words_is_told_too() -> None:
    old = "Read [our privacy policy](https://x.test/p) first.\n"
    new = "Read [our new privacy policy](https://x.test/p2) first.\n"
    terminal = render(compare(old, new), "terminal", color=False)
    assert "link “our new privacy policy”: https://x.test/p → https://x.test/p2" in terminal


def test_an_img_written_as_raw_html_in_markdown_is_compared_too() -> None:
    old = 'Opens on:\n\n<img src="/shots/old-home.png" alt="Home screen">\n'
    comparison = compare(old, old.replace("old-home.png", "new-home.webp"))
    assert comparison.new.text == "Opens on:\nHome screen\n"
    assert "Home screen{>>" + NOTE + "<<}" in render(comparison, "markdown")

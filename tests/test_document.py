"""Document's blocks, stored as columns and read as Block values."""

import pytest

from variorum.document import BODY_START, Block, BlockKind, Blocks, Document, Span
from variorum.ingest import parse_text

ITEMS = (
    Block(BlockKind.HEADING, Span(0, 5), Span(0, 5), None, 1),
    Block(BlockKind.LIST_ITEM, Span(6, 14), Span(10, 14), Span(6, 9), 2),
)
TEXT = "Title\n(a) Item\n"


def test_blocks_read_back_as_the_block_values_they_were_made_from() -> None:
    blocks = Blocks.of(ITEMS)
    assert len(blocks) == 2
    assert blocks[1] == ITEMS[1]
    assert blocks[-1] == ITEMS[1]
    assert blocks[0:1] == ITEMS[:1]
    assert list(blocks) == list(ITEMS)
    assert blocks == ITEMS
    assert blocks.label_of(0) is None
    assert blocks.label_of(1) == Span(6, 9)
    assert blocks.end_of(1) == 14
    assert list(blocks.column(BODY_START)) == [0, 10]


@pytest.mark.parametrize("index", [2, -3])
def test_an_index_past_the_end_is_an_index_error(index: int) -> None:
    with pytest.raises(IndexError):
        Blocks.of(ITEMS)[index]


def test_a_document_keeps_any_sequence_of_blocks_as_columns() -> None:
    doc = Document(TEXT, ITEMS)  # type: ignore[arg-type]
    assert isinstance(doc.blocks, Blocks)
    assert doc.body_text(doc.blocks[1]) == "Item"
    assert doc == Document(TEXT, Blocks.of(ITEMS))
    assert hash(doc.blocks) == hash(Blocks.of(ITEMS))


def test_regions_of_block_runs_tile_the_text() -> None:
    doc = parse_text("One.\n\nTwo.\n\n\nThree.\n")
    regions = [doc.region(k, k + 1) for k in range(len(doc.blocks))]
    assert "".join(region.of(doc.text) for region in regions) == doc.text
    assert doc.region(1, 1) == Span(regions[1].start, regions[1].start)


def test_regions_of_many_runs_are_each_runs_region() -> None:
    doc = parse_text("One.\n\nTwo.\n\n\nThree.\n")
    runs = [range(first, stop) for first in range(4) for stop in range(first, 4)]
    assert doc.regions(runs) == [doc.region(run.start, run.stop) for run in runs]

"""The comparison stage: two Documents in, one Comparison out.

Its modules, in the order a comparison runs them::

    pipeline   compare(old, new): wires the steps below together, builds the rows
    align      block pairs: equal, edited, moved, split, merged (similarity, moves)
    diff       the word diff of each pair of blocks (compiled twin: _wordops, _tokendiff)
    cleanup    its semantic cleanup, bounded so that kept phrases stay visible
    unfold     replacements cut around the runs of words both versions kept
    moved_sentences  sentences that moved between blocks
    links      link targets that changed under unchanged text

It reads no files (``variorum.compare(path, path)`` hands paths to ``variorum.ingest``)
and knows no output format.
"""

from variorum.compare.pipeline import compare, row_ops

__all__ = ["compare", "row_ops"]

"""PDFium's C functions as the PDF reader calls them in its loops: without
pypdfium2's checks and conversions of each argument, which cost twice the call."""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c


def unchecked(function: Any, restype: Any) -> Any:
    """``function`` without pypdfium2's checks and conversions of each argument;
    callers pass arguments of exactly the C types (``restype``: what it returns)."""
    try:
        address = ctypes.cast(function, ctypes.c_void_p).value
    except (ctypes.ArgumentError, TypeError):
        return function  # not a plain foreign function (a later pypdfium2?): keep it
    fast = type(function)(address)
    fast.restype = restype
    return fast


# The text of a page
FONT_SIZE = unchecked(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
CHAR_ORIGIN = unchecked(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int)
CHAR_BOX = unchecked(pdfium_c.FPDFText_GetCharBox, ctypes.c_int)
COUNT_RECTS = unchecked(pdfium_c.FPDFText_CountRects, ctypes.c_int)
RECT = unchecked(pdfium_c.FPDFText_GetRect, ctypes.c_int)
UNICODE = unchecked(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint)
MATRIX = unchecked(pdfium_c.FPDFText_GetMatrix, ctypes.c_int)
LOOSE_BOX = unchecked(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)

# The structure tree of a tagged page, and the marked content of its text
CHILD = unchecked(pdfium_c.FPDF_StructElement_GetChildAtIndex, pdfium_c.FPDF_STRUCTELEMENT)
CHILDREN = unchecked(pdfium_c.FPDF_StructElement_CountChildren, ctypes.c_int)
MARK_COUNT = unchecked(pdfium_c.FPDF_StructElement_GetMarkedContentIdCount, ctypes.c_int)
MARK_AT = unchecked(pdfium_c.FPDF_StructElement_GetMarkedContentIdAtIndex, ctypes.c_int)
TYPE = unchecked(pdfium_c.FPDF_StructElement_GetType, ctypes.c_ulong)
TEXT_OBJECT = unchecked(pdfium_c.FPDFText_GetTextObject, pdfium_c.FPDF_PAGEOBJECT)
OBJECT_MARK = unchecked(pdfium_c.FPDFPageObj_GetMarkedContentID, ctypes.c_int)

"""Fold a place name to its lookup key, the way PartnerMatch's gazetteer lookup does.

NFD-decompose, drop combining marks, map đ/Đ (and the look-alike ð/Ð, U+00F0/U+00D0, which
real data uses for Đ) to d, lower-case, turn hyphens, dashes and dots-with-spaces into spaces,
collapse spaces, then strip the administrative prefixes "Tỉnh", "Thành phố", "TP." and the
words "City" and "Province" at either end.
"""
import re
import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_PREFIXES = ("tinh ", "thanh pho ", "tp. ", "tp.", "city ", "province ")
_SUFFIXES = (" city", " province")


def fold(text):
    s = unicodedata.normalize("NFD", text.translate(_D))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    s = s.translate(_D).lower()
    s = re.sub(r"[\-\u2010-\u2015_]+", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    changed = True
    while changed:
        changed = False
        for p in _PREFIXES:
            if s.startswith(p) and len(s) > len(p):
                s = s[len(p):].strip()
                changed = True
        for p in _SUFFIXES:
            if s.endswith(p) and len(s) > len(p):
                s = s[: -len(p)].strip()
                changed = True
    return s


def slug(text):
    """ASCII id of a Vietnamese name: "Bà Rịa - Vũng Tàu" -> "ba-ria-vung-tau"."""
    s = unicodedata.normalize("NFD", text.translate(_D))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").translate(_D).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")

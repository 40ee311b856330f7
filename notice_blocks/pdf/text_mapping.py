"""Exact text extraction for PDFs set in shaped scripts (Bengali, Gurmukhi, Arabic).

A WeasyPrint ``finisher`` that rewrites the text encoding of each line so that every
character code of the PDF maps to exactly the text it draws. The same pass over the lines
gives each line that extractors would read out of order an ``/ActualText`` (see
``reading_order``), and each structure element of a passage in another language than the
document's a ``/Lang`` (see ``structure_languages``). It is independent of Django::

    pdf = weasyprint.HTML(string=html).write_pdf(
        pdf_variant="pdf/ua-1", finisher=ExactTextFinisher()
    )

Use a new finisher for every document: it keeps per-document statistics.

Why it is needed (WeasyPrint issue #2841)
-----------------------------------------
WeasyPrint writes one ToUnicode entry per glyph, taken from the first cluster the glyph is
drawn in, and gives every glyph but one of a multi-glyph cluster an empty string
(``<0123> <>``). With HarfBuzz shaping that is wrong in three ways:

* context: the same glyph stands for different text in different clusters (the Bengali "া"
  glyph is also the second half of "ো"), so later uses of a glyph extract wrongly;
* reordering: a pre-base vowel sign (Bengali ি ে, Gurmukhi ਿ) is drawn *before* its
  consonant, so no per-glyph map can give the logical order;
* empty destinations make a malformed ToUnicode CMap, which fails PDF/UA-1
  (``PDFUA1-FONT-UNICODE-MAPPING-001``).

What it does
------------
After WeasyPrint has built the PDF objects (the ``finisher`` runs before they are written),
it replays the layout of every line that holds combining marks or complex scripts (glyph
ids and HarfBuzz clusters from Pango), finds the matching ``Tm … TJ`` segment in the content
streams (same sequence of font and glyph codes), and re-encodes it so that every code maps
to exactly the text of one cluster:

* a single-glyph cluster whose text is the glyph's usual text keeps its code;
* a single-glyph cluster with another text gets a new glyph id, a TrueType composite of
  the original glyph (an alias of a few bytes), with its own ToUnicode entry;
* a multi-glyph cluster becomes one composite glyph made of the cluster's glyphs at their
  shaped offsets, drawn as one code whose ToUnicode entry is the whole cluster's text.

Details that extractors (pdftotext, pdfminer.six) need:

* left to right: a cluster starting with a combining mark is merged with the previous one
  (one code per grapheme), so zero-width marks drawn with negative offsets (Gurmukhi tippi)
  and split vowels (Bengali ো) do not make extractors split words;
* right to left: runs are drawn in visual order and extractors reverse them character by
  character, so a code standing for several characters (lam-alef) maps to them in visual
  order, like a "ReversedChars" string (ISO 32000-1, 14.8.2.3.3); marks keep their own
  code, drawn from the pen position with a zero advance;
* Nastaliq words are drawn with vertical offsets (``Ts``) that make extractors split words
  and lines: every cluster of such a word becomes a composite on the baseline;
* where the same glyphs would stand for different texts (Noto Nastaliq Urdu draws initial
  ی and پ alike and tells them apart by a later letter's glyph), each word holding them is
  drawn as one composite whose text is the whole word's.

Lines are recognised in the content streams by their sequence of font and glyph codes: the
layout of a line is replayed only when it holds shaped text, text that extractors would
misorder, or text in another language than the document's.

Glyph positions are re-emitted exactly (composite offsets are rounded to font units), so
pages look the same. ToUnicode CMaps are rebuilt without empty entries. Fonts with CFF
outlines (Noto CJK) and bitmap fonts are left as WeasyPrint wrote them. Lines that WeasyPrint
changes while drawing (text-overflow ellipsis) and text in SVG images keep WeasyPrint's
codes; any of their codes left without a mapping maps to the glyph's own character.
Documents with no complex script (Latin, Greek, Cyrillic, CJK) cost about a millisecond.

The module reads, but never changes, WeasyPrint 70 internals (``Page._page_box``,
``TextBox.pango_layout``, ``Font`` attributes, the operators of ``draw_first_line``):
``tests/notice_blocks/pdf/test_languages.py`` checks it still works after an upgrade.
"""

from __future__ import annotations

import io
import logging
import re
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import pydyf
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

# WeasyPrint internals that are only read, never replaced.
from weasyprint.formatting_structure.boxes import MarginBox, TextBox
from weasyprint.text.ffi import FROM_UNITS, ffi, pango
from weasyprint.text.fonts import get_hb_object_data, get_pango_font_key

from . import reading_order
from .structure_languages import declare_languages, enclosing_mcid, same_language

#: A WeasyPrint finisher: called with the ``Document`` and the ``pydyf.PDF`` before writing.
Finisher = Callable[[Any, pydyf.PDF], None]
#: A line's clusters, or a decoded line's glyphs: plain dictionaries, see ``_Fixer``.
Records = list[dict[str, Any]]

__all__ = ["ExactTextFinisher", "write_pdf"]
LOGGER = logging.getLogger(__name__)

_TJ_TOKEN = re.compile(rb"<([0-9a-fA-F]*)>|(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)")
_ARGS_ARE_XY_VALUES = 0x0002


def write_pdf(
    html: Any, target: Any = None, *, finisher: Finisher | None = None, **options: Any
) -> bytes | None:
    """``weasyprint.HTML.write_pdf`` with exact ToUnicode maps."""
    return html.write_pdf(target, finisher=ExactTextFinisher(finisher), **options)


class ExactTextFinisher:
    """WeasyPrint ``finisher`` rewriting text encodings for exact extraction.

    ``chain`` is another finisher to call afterwards.
    """

    def __init__(self, chain: Finisher | None = None) -> None:
        self.chain = chain
        #: What the last document needed: lines rewritten, composites, aliases, ``ms``.
        self.stats: Counter[str] = Counter()

    def __call__(self, document: Any, pdf: pydyf.PDF) -> None:
        start = time.perf_counter()
        try:
            _Fixer(document, pdf, self.stats).run()
        finally:
            self.stats["ms"] += round((time.perf_counter() - start) * 1000)
            if self.chain:
                self.chain(document, pdf)


class _Fixer:
    """Rewrites the text encoding of one document; the steps are numbered below."""

    def __init__(self, document: Any, pdf: pydyf.PDF, stats: Counter[str]) -> None:
        self.document = document
        self.pdf = pdf
        self.stats = stats
        self.fonts = {font.hash: font for font in document.fonts.values()}
        self.lines = {}  # glyph codes of a line -> its clusters
        self.actual_texts = defaultdict(dict)  # page number -> {glyph codes: ActualText}
        self.languages = defaultdict(dict)  # page number -> {glyph codes: other language}
        self.font_dicts = {}  # font hash -> pydyf Type0 font dictionary
        self.widths = {}  # font hash -> {cid: width in 1/1000 em}
        self.glyph_specs = defaultdict(dict)  # font file number -> {spec: None}
        self.to_unicode = defaultdict(dict)  # font hash -> {code: text}
        self.primary = {}  # (font hash, code) -> text kept by that code
        self.outline_ok = {}  # font hash -> TrueType outlines that we can extend
        self.pending_fonts = {}  # font file number -> (TTFont, font hashes)
        self.font_files = {}  # font hash -> FontFile2 stream

    # -- PDF object helpers -------------------------------------------------------
    def obj(self, reference: bytes | str) -> Any:
        return self.pdf.objects[int(reference.split()[0])]

    def _index_fonts(self) -> None:
        for obj in self.pdf.objects:
            if not isinstance(obj, pydyf.Dictionary) or obj.get("Subtype") != "/Type0":
                continue
            font_hash = bytes(obj["BaseFont"])[1:].split(b"+")[0].decode()
            if font_hash not in self.fonts:
                continue
            self.font_dicts[font_hash] = obj
            cid_font = self.obj(obj["DescendantFonts"][0])
            widths = {}
            w_array = list(cid_font["W"])
            for start, values in zip(w_array[::2], w_array[1::2], strict=True):
                for i, value in enumerate(values):
                    widths[start + i] = value
            self.widths[font_hash] = widths
            font = self.fonts[font_hash]
            self.outline_ok[font_hash] = (
                not font.bitmap
                and font.type == "ttf"
                and font.file_content[:4] != b"ttcf"
                and cid_font.get("CIDToGIDMap") == "/Identity"
            )

    # -- 1. Layout: glyphs and clusters of every drawn line ------------------------
    def _collect_lines(self) -> None:
        document_language = getattr(self.pdf.catalog.get("Lang"), "string", "") or ""
        for number, page in enumerate(self.document.pages):
            root, *others = page._page_box.children
            boxes = [
                (box, not isinstance(child, MarginBox))
                for child in (root, *others)
                # Placeholders hold absolutely positioned boxes: outside list markers.
                for box in child.descendants(placeholders=True)
                if isinstance(box, TextBox)
                and box.text.strip()
                and box.style["font_size"]
                and box.style["visibility"] == "visible"
            ]
            # Lines that extractors would read out of order (see reading_order).
            right_to_left = root.style["direction"] == "rtl" and any(
                reading_order.holds_right_to_left(box.text) for box, _ in boxes
            )
            read_texts = []  # (text extractors read, in the page's body, key), by line
            for box, in_body in boxes:
                read_texts.append((box.text, in_body, None))
                shaped = _needs_shaping_map(box.text)  # Else one glyph per character.
                reordered = reading_order.needs_actual_text(box.text, right_to_left)
                language = box.style["lang"]
                foreign = bool(language) and not same_language(language, document_language)
                if not (shaped or reordered or foreign):
                    continue
                try:
                    key, clusters = self._line_clusters(box)
                except Exception:  # noqa: BLE001 - can't replay: leave the line as is.
                    self.stats["layout_errors"] += 1
                    continue
                if not key:
                    continue
                if shaped:
                    self.lines.setdefault(key, clusters)
                if reordered:
                    text = reading_order.extractor_text(box.text, right_to_left)
                    text = self.actual_texts[number].setdefault(key, text)
                    read_texts[-1] = (text, in_body, key)
                if foreign:  # Bullets, numbers and punctuation are in no language.
                    neutral = not any(char.isalpha() for char in box.text)
                    self.languages[number].setdefault(key, "" if neutral else language)
            self._keep_page_direction(number, right_to_left, read_texts)

    def _keep_page_direction(
        self, number: int, right_to_left: bool, read_texts: list[tuple[str, bool, tuple | None]]
    ) -> None:
        """End a line's ActualText with marks if page ``number`` would read the other way."""
        balances = [
            reading_order.letter_balance(text for text, in_body, _ in read_texts if in_body),
            reading_order.letter_balance(text for text, _, _ in read_texts),
        ]
        sign = 1 if right_to_left else -1
        marks = reading_order.direction_marks(sign * max(sign * b for b in balances), right_to_left)
        lines = [(text, key) for text, in_body, key in read_texts if in_body and key] or [
            (text, key) for text, _, key in read_texts if key
        ]
        if not marks or not lines:
            return
        _, key = max(lines, key=lambda line: sign * reading_order.letter_balance([line[0]]))
        self.actual_texts[number][key] += marks
        self.stats["direction_marks"] += len(marks)

    def _line_clusters(self, box: TextBox) -> tuple[tuple | None, Records | None]:
        layout = box.pango_layout
        layout.reactivate(box.style)
        try:
            line, _ = layout.get_first_line()
            utf8 = layout.text.encode()
            key, clusters, x_offsets = [], [], []
            run = line.runs[0]
            run_number = 0
            while run != ffi.NULL:
                glyph_item, run = run.data, run.next
                run_number += 1
                item = glyph_item.item
                font = self.document.fonts.get(get_pango_font_key(item.analysis.font)[0])
                if font is None:
                    return None, None
                glyph_string = glyph_item.glyphs
                count = glyph_string.num_glyphs
                log_clusters = glyph_string.log_clusters
                starts = sorted({log_clusters[i] for i in range(count)})
                ends = dict(zip(starts, starts[1:] + [item.length], strict=True))
                # WeasyPrint declares the guint8 bitfields of PangoAnalysis as guint.
                level = item.analysis.level & 0xFF
                previous = None
                for i in range(count):
                    glyph = glyph_string.glyphs[i].glyph
                    if glyph == pango.PANGO_GLYPH_EMPTY:
                        continue
                    if glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                        code = font.missing.get(glyph - pango.PANGO_GLYPH_UNKNOWN_FLAG)
                        if code is None:
                            return None, None
                    else:
                        code = glyph
                    start = log_clusters[i]
                    geometry = glyph_string.glyphs[i].geometry
                    advance = geometry.width * FROM_UNITS
                    # Shift WeasyPrint applied to the glyph (draw_first_line: TJ
                    # adjustment of -x_offset / font_size thousandths of em).
                    x_offsets.append(geometry.x_offset / 1000)
                    key.append((font.hash, code))
                    if previous == (run_number, start):
                        clusters[-1]["indexes"].append(len(key) - 1)
                        clusters[-1]["advance"] += advance
                    else:
                        text = utf8[item.offset + start : item.offset + ends[start]]
                        clusters.append(
                            {
                                "font": font.hash,
                                "indexes": [len(key) - 1],
                                "text": text.decode(),
                                "level": level,
                                "run": run_number,
                                "start": start,
                                "advance": advance,
                                "x_offsets": x_offsets,
                            }
                        )
                        previous = (run_number, start)
            clusters = _merge_marks(clusters)
            for cluster in clusters:
                if cluster["level"] % 2:  # Visual order, see module docstring.
                    cluster["text"] = cluster["text"][::-1]
            return tuple(key), clusters
        finally:
            layout.deactivate()

    # -- 2. Content streams: find and decode BT .. ET blocks -----------------------
    def _segments(self) -> Iterator[tuple[pydyf.Stream, int, int, bytes | None]]:
        """Yield (stream, start, end, font op in force) for each drawn line.

        ``draw_first_line`` starts every line with a ``Tm``; untagged PDFs draw
        several lines in one ``BT .. ET``, and a line may use the font set by the
        previous one.
        """
        for obj in self.pdf.objects:
            if not isinstance(obj, pydyf.Stream) or b"BT" not in _ops_set(obj):
                continue
            ops = obj.stream
            start, tf = None, None
            for i, op in enumerate(ops):
                if not isinstance(op, bytes):
                    if start is not None:  # Unexpected operator inside text.
                        start = None
                    continue
                if op == b"BT":
                    start, tf = None, None
                elif op.endswith(b" Tm") or op == b"ET":
                    if start is not None:
                        yield obj, start, i, tf
                        tf = next((o for o in reversed(ops[start:i]) if o.endswith(b" Tf")), tf)
                    start = i if op != b"ET" else None

    def _decode(self, ops: list, tf: bytes | None) -> Records | None:
        """Decode a line (``Tm`` and text operators) into glyph occurrences."""
        if not all(isinstance(op, bytes) for op in ops):
            return None
        font_hash = size = None
        if tf is not None:
            name, size = tf[:-3].split()
            font_hash, size = name[1:].decode(), float(size)
        rise = pen = 0.0
        ts = b"0"
        glyphs = []
        for op in ops[1:]:
            if op.endswith(b" Tf"):
                tf = op
                name, size = op[:-3].split()
                font_hash, size = name[1:].decode(), float(size)
            elif op.endswith(b" Ts"):
                ts = op[:-3]
                rise = float(ts)
            elif op.endswith(b" TJ") and op.startswith(b"["):
                if font_hash not in self.widths:
                    return None
                digits = 2 if self.fonts[font_hash].bitmap else 4
                widths = self.widths[font_hash]
                for hex_string, number in _TJ_TOKEN.findall(op[1:-4]):
                    if number:
                        pen -= float(number) / 1000 * size
                        continue
                    for k in range(0, len(hex_string), digits):
                        code = int(hex_string[k : k + digits], 16)
                        glyphs.append(
                            {
                                "font": font_hash,
                                "code": code,
                                "x": pen,
                                "rise": rise,
                                "size": size,
                                "tf": tf,
                                "ts": ts,
                            }
                        )
                        pen += widths.get(code, 1000) / 1000 * size
            else:
                return None
        return glyphs

    # -- 3. Choose a code for every cluster ----------------------------------------
    def _choose_primaries(self, matched: list[tuple[Records, Records]]) -> None:
        texts = defaultdict(Counter)
        for glyphs, clusters in matched:
            for cluster in clusters:
                if len(cluster["indexes"]) == 1:
                    glyph = glyphs[cluster["indexes"][0]]
                    texts[glyph["font"], glyph["code"]][cluster["text"]] += 1
        for (font_hash, code), counter in texts.items():
            if not self.outline_ok.get(font_hash):
                continue
            font = self.fonts[font_hash]
            natural = [t for t in counter if len(t) == 1 and _cmap_gid(font, t) == code]
            self.primary[font_hash, code] = (natural or [counter.most_common(1)[0][0]])[0]

    def _font_file(self, font_hash: str) -> pydyf.Stream:
        if font_hash not in self.font_files:
            descriptor = self.obj(
                self.obj(self.font_dicts[font_hash]["DescendantFonts"][0])["FontDescriptor"]
            )
            self.font_files[font_hash] = self.obj(descriptor["FontFile2"])
        return self.font_files[font_hash]

    def _new_code(self, font_hash: str, spec: tuple) -> tuple:
        """Placeholder for the code of a new composite glyph in this font file.

        ``spec`` is ``(((glyph id, dx, dy), ...), advance)`` in font units; codes are
        given when the font is extended, equal specs share one glyph.
        """
        font_file = self._font_file(font_hash)
        self.glyph_specs[font_file.number][spec] = None
        return ("new", font_file.number, spec)

    def _items(self, glyphs: Records, clusters: Records) -> Records:
        """Map a decoded line to items (font, code-or-placeholder, x, rise, size)."""
        items = []
        flat = _raised_words(glyphs, clusters) if any(g["rise"] for g in glyphs) else ()
        for number, cluster in enumerate(clusters):
            members = [glyphs[i] for i in cluster["indexes"]]
            first = members[0]
            font_hash, text = first["font"], cluster["text"]
            font = self.fonts[font_hash]
            fixable = (
                self.outline_ok.get(font_hash)
                and text
                and all(g["code"] < font.glyph_count for g in members)
            )
            extra = {
                "level": cluster["level"],
                "text": text if fixable else None,
                "cluster": number,
            }
            if not fixable:  # Leave WeasyPrint's encoding.
                items.extend(dict(g, **extra) for g in members)
                continue
            flatten = (number in flat and any(g["rise"] for g in members)) or cluster.get("mark")
            if len(members) == 1 and not flatten:
                code = first["code"]
                if self.primary.get((font_hash, code)) != text:
                    width = self.widths[font_hash].get(code, 1000)
                    code = self._new_code(
                        font_hash, (((code, 0, 0),), round(width * font.upem / 1000))
                    )
                    self.stats["aliases"] += 1
                items.append(dict(first, code=code, **extra))
                continue
            # A composite glyph drawing the cluster from its pen position. Glyphs of
            # words drawn with rises (Nastaliq) are put on the baseline.
            scale = font.upem / first["size"]
            origin = first["x"] - cluster["x_offsets"][cluster["indexes"][0]]
            base_rise = 0.0 if number in flat else first["rise"]
            components = tuple(
                (
                    g["code"],
                    round((g["x"] - origin) * scale),
                    round((g["rise"] - base_rise) * scale),
                )
                for g in members
            )
            # Advance: the shaped advance of the whole cluster, so that the next
            # glyph follows without a gap (extractors insert spaces at gaps).
            advance = round(cluster["advance"] * scale)
            code = self._new_code(font_hash, (components, advance))
            self.stats["composites"] += 1
            if number in flat:
                first = dict(first, rise=0.0, ts=b"0")
            items.append(dict(first, code=code, x=origin, **extra))
        return items

    # -- 4. Extend fonts with composite glyphs -------------------------------------
    def _extend_fonts(self) -> dict[tuple[int, tuple], int]:
        codes = {}
        for file_number, specs in self.glyph_specs.items():
            font_file = self.pdf.objects[file_number]
            # Lazy, and no global recalculation on save: only new glyphs are measured.
            ttfont = TTFont(
                io.BytesIO(font_file.stream[0]),
                lazy=True,
                recalcBBoxes=False,
                recalcTimestamp=False,
            )
            order = list(ttfont.getGlyphOrder())
            glyf, hmtx = ttfont["glyf"], ttfont["hmtx"]
            users = [
                h for h in self.font_dicts if self.outline_ok[h] and self._font_file(h) is font_file
            ]
            # Codes from glyph_count up are used by WeasyPrint for missing glyphs.
            reserved = max(
                [len(order)]
                + [
                    self.fonts[h].glyph_count + len(self.fonts[h].missing)
                    for h in users
                    if self.fonts[h].missing
                ]
            )
            while len(order) < reserved:  # Don't collide with missing-glyph codes.
                name = f"wp.pad{len(order)}"
                order.append(name)
                glyph = Glyph()
                glyph.numberOfContours = 0
                glyf.glyphs[name] = glyph
                hmtx.metrics[name] = (0, 0)
            head, maxp = ttfont["head"], ttfont["maxp"]
            maxp_cache = {}
            for spec in specs:
                code = len(order)
                if code > 0xFFFF:
                    raise _FontFull(self.pdf.objects[file_number])
                name = f"wp.cluster{code}"
                glyph = Glyph()
                glyph.numberOfContours = -1
                glyph.components = []
                for component_code, dx, dy in spec[0]:
                    component = GlyphComponent()
                    component.glyphName = order[component_code]
                    component.x, component.y = dx, dy
                    component.flags = _ARGS_ARE_XY_VALUES
                    glyph.components.append(component)
                order.append(name)
                glyf.glyphs[name] = glyph
                glyf.glyphOrder = order
                glyph.recalcBounds(glyf)
                if hasattr(glyph, "xMin"):
                    head.xMin, head.yMin = min(head.xMin, glyph.xMin), min(head.yMin, glyph.yMin)
                    head.xMax, head.yMax = max(head.xMax, glyph.xMax), max(head.yMax, glyph.yMax)
                points, contours, depth = glyph.getCompositeMaxpValues(
                    glyf, maxpValuesCache=maxp_cache
                )
                maxp.maxCompositePoints = max(maxp.maxCompositePoints, points)
                maxp.maxCompositeContours = max(maxp.maxCompositeContours, contours)
                maxp.maxComponentDepth = max(maxp.maxComponentDepth, depth)
                maxp.maxComponentElements = max(maxp.maxComponentElements, len(glyph.components))
                codes[file_number, spec] = code
            glyf.glyphOrder = order
            ttfont.setGlyphOrder(order)
            for name in order:  # Composite advances are set later by W, see below.
                if name not in hmtx.metrics:
                    hmtx.metrics[name] = (0, 0)
            for tag in ("hdmx", "LTSH", "VDMX", "cvar", "gvar", "HVAR"):
                if tag in ttfont:
                    del ttfont[tag]
            if "post" in ttfont:  # No glyph names needed with Identity CIDToGIDMap.
                ttfont["post"].formatType = 3.0
            self.pending_fonts[file_number] = (ttfont, users)
        return codes

    def _finish_fonts(self, advances: dict[int, dict[int, int]]) -> None:
        """Set advances of new glyphs, save fonts, add W entries."""
        for file_number, (ttfont, users) in self.pending_fonts.items():
            hmtx, glyf = ttfont["hmtx"], ttfont["glyf"]
            upem = ttfont["head"].unitsPerEm
            order = ttfont.getGlyphOrder()
            new_widths = {}
            for code, advance in advances.get(file_number, {}).items():
                name = order[code]
                hmtx.metrics[name] = (advance, getattr(glyf[name], "xMin", 0))
                new_widths[code] = advance * 1000 / upem
            output = io.BytesIO()
            ttfont.save(output)
            font_file = self.pdf.objects[file_number]
            font_file.stream = [output.getvalue()]
            if "Length1" in font_file.extra:
                font_file.extra["Length1"] = len(font_file.stream[0])
            for font_hash in users:
                cid_font = self.obj(self.font_dicts[font_hash]["DescendantFonts"][0])
                for code in sorted(new_widths):
                    cid_font["W"].extend([code, pydyf.Array([new_widths[code]])])
                    self.widths[font_hash][code] = new_widths[code]
                self._extend_encoding(font_hash, sorted(new_widths))

    def _extend_encoding(self, font_hash: str, codes: list[int]) -> None:
        encoding = self.font_dicts[font_hash].get("Encoding")
        if not codes or not isinstance(encoding, bytes):  # '/Identity-H' is a str
            return
        stream = self.obj(encoding)  # WeasyPrint's CMap for missing glyphs
        lines = []
        insert_at = stream.stream.index(b"endcmap")
        for i in range(0, len(codes), 100):
            batch = codes[i : i + 100]
            lines.append(f"{len(batch)} begincidchar".encode())
            lines.extend(f"<{code:04x}> {code}".encode() for code in batch)
            lines.append(b"endcidchar")
        stream.stream[insert_at:insert_at] = lines

    # -- 5. Re-emit text operators ----------------------------------------------
    def _emit(self, tm: bytes, items: Records, final_tf: bytes | None) -> list[bytes]:
        """Text operators drawing ``items``; font and rise operators are copied."""
        ops = [tm]
        tf, rise, pen, tj = None, 0.0, 0.0, None

        def flush() -> None:
            nonlocal tj
            if tj is not None:
                ops.append(b"[" + b"".join(tj) + b"] TJ")
                tj = None

        for item in items:
            if item["tf"] != tf:
                flush()
                tf = item["tf"]
                ops.append(tf)
            if item["rise"] != rise:
                flush()
                rise = item["rise"]
                ops.append(item["ts"] + b" Ts")
            if tj is None:
                tj = []
            adjustment = (pen - item["x"]) / item["size"] * 1000
            if abs(adjustment) > 1e-4:
                tj.append(_num(adjustment).encode())
            digits = 2 if self.fonts[item["font"]].bitmap else 4
            tj.append(f"<{item['code']:0{digits}x}>".encode())
            width = self.widths[item["font"]].get(item["code"], 1000)
            pen = item["x"] + width / 1000 * item["size"]
        flush()
        if rise:
            ops.append(b"0 Ts")
        if final_tf and tf != final_tf:  # The next line may rely on it.
            ops.append(final_tf)
        return ops

    # -- 6. ToUnicode ----------------------------------------------------------------
    def _rebuild_to_unicode(self, used: set[str], unmatched_codes: dict[str, set[int]]) -> None:
        for font_hash, font_dict in self.font_dicts.items():
            font = self.fonts[font_hash]
            if font.used_in_forms or not (font_hash in used or "" in font.to_unicode.values()):
                continue
            mapping = {code: text for code, text in font.to_unicode.items() if text}
            for (h, code), text in self.primary.items():
                if h == font_hash:
                    mapping[code] = text
            mapping.update(self.to_unicode[font_hash])
            # Codes still drawn by lines left as they were (ellipsis) must map to
            # something: the glyph's own character, else U+FFFD.
            for code in unmatched_codes[font_hash] - set(mapping):
                mapping[code] = _cmap_char(font, code) or "\ufffd"
                self.stats["fallback_mappings"] += 1
            stream = self.obj(font_dict["ToUnicode"])
            body = []
            items = sorted(mapping.items())
            for i in range(0, len(items), 100):
                batch = items[i : i + 100]
                body.append(f"{len(batch)} beginbfchar".encode())
                for code, text in batch:
                    hex_text = text.encode("utf-16-be").hex()
                    body.append(f"<{code:04x}> <{hex_text}>".encode())
                body.append(b"endbfchar")
            start = stream.stream.index(b"endcodespacerange") + 1
            end = stream.stream.index(b"endcmap")
            stream.stream[start:end] = body

    # -- Main -------------------------------------------------------------------------
    def run(self) -> None:
        self._index_fonts()
        if not any(self.outline_ok.values()):
            return
        self._collect_lines()
        if not (self.lines or self.actual_texts or self.languages):
            return
        pages = self._stream_pages()
        matched, unmatched_codes = [], defaultdict(set)
        edits = {}  # (stream id, start) -> [stream, start, end, items, ActualText]
        line_languages = {}  # (page number, MCID) -> language
        for stream, start, end, tf in self._segments():
            glyphs = self._decode(stream.stream[start:end], tf)
            if not glyphs:
                continue
            key = tuple((g["font"], g["code"]) for g in glyphs)
            page = pages.get(id(stream))
            language = self.languages.get(page, {}).get(key)
            mcid = enclosing_mcid(stream.stream, start) if language is not None else None
            if mcid is not None:
                line_languages[page, mcid] = language
            actual_text = self.actual_texts.get(page, {}).get(key)
            if actual_text is not None:
                edits[id(stream), start] = [stream, start, end, None, actual_text]
            clusters = self.lines.get(key)
            if clusters is None:  # Simple text, or a line changed while drawn.
                for font_hash, code in key:
                    unmatched_codes[font_hash].add(code)
                continue
            matched.append((glyphs, clusters, stream, start, end))
        if self.lines:
            self._encode(matched, unmatched_codes, edits)

        # Replace lines, last first so that indexes stay valid.
        for (_, start), (stream, _, end, items, actual_text) in sorted(
            edits.items(), key=lambda edit: (edit[0][0], -edit[0][1])
        ):
            ops = stream.stream[start:end]  # Kept byte for byte unless re-encoded.
            if items is not None:
                final_tf = next((op for op in reversed(ops) if op.endswith(b" Tf")), None)
                ops = self._emit(ops[0], items, final_tf)
                self.stats["lines_rewritten"] += 1
            if actual_text is not None:  # Inside the text object, after its Tm.
                begin = reading_order.actual_text_operator(actual_text)
                ops = [ops[0], begin, *ops[1:], reading_order.END_ACTUAL_TEXT]
                self.stats["actual_texts"] += 1
            stream.stream[start:end] = ops
        self.stats["languages"] += declare_languages(self.pdf, line_languages)

    def _encode(self, matched: list, unmatched_codes: dict[str, set[int]], edits: dict) -> None:
        """Choose every cluster's code, extend fonts and ToUnicode maps, note lines to redraw."""
        self._choose_primaries([(g, c) for g, c, *_ in matched])
        lines = [self._items(glyphs, clusters) for glyphs, clusters, *_ in matched]
        ambiguous = _ambiguous_specs(lines)
        if ambiguous:
            # The same glyphs stand for different texts: each word holding them is drawn
            # as one glyph, whose text is the word's.
            for number, (glyphs, clusters, *_) in enumerate(matched):
                found = {
                    item["cluster"]
                    for item in lines[number]
                    if isinstance(item["code"], tuple) and item["code"][2] in ambiguous
                }
                if found:
                    lines[number] = self._items(glyphs, _merge_words(clusters, found))
                    self.stats["words_merged"] += len(found)
            self.glyph_specs.clear()  # Only the glyphs drawn in the end.
            for items in lines:
                for item in items:
                    if isinstance(item["code"], tuple):
                        self.glyph_specs[item["code"][1]][item["code"][2]] = None
        pending = []
        for items, (_, _, stream, start, end) in zip(lines, matched, strict=True):
            changed = any(isinstance(item["code"], tuple) for item in items)
            pending.append((items, stream, start, end, changed))
        try:
            codes = self._extend_fonts()
        except Exception as exception:  # noqa: BLE001
            # No font has been modified yet: keep WeasyPrint's encoding.
            LOGGER.warning("Exact text mapping skipped: fonts not extended (%r)", exception)
            self.stats["skipped"] += 1
            return

        # Resolve placeholders, compute advances of new glyphs.
        advances = defaultdict(dict)
        used = set()
        for items, *_ in pending:
            for item in items:
                code = item["code"]
                if isinstance(code, tuple):
                    _, file_number, spec = code
                    new = item["code"] = codes[file_number, spec]
                    advances[file_number].setdefault(new, max(spec[1], 0))
                if item["text"]:
                    self.to_unicode[item["font"]][item["code"]] = item["text"]
                    used.add(item["font"])
        self._finish_fonts(advances)
        for items, stream, start, end, changed in pending:
            if changed:  # Else WeasyPrint's operators stay.
                edit = edits.setdefault((id(stream), start), [stream, start, end, None, None])
                edit[3] = items
        self._rebuild_to_unicode(used, unmatched_codes)

    def _stream_pages(self) -> dict[int, int]:
        """The page number of each page's content stream, by the stream's ``id``."""
        pages = {}
        for number, reference in enumerate(self.pdf.pages["Kids"][::3]):
            contents = self.pdf.objects[reference]["Contents"]
            pages[id(self.obj(contents))] = number
        return pages


def _raised_words(glyphs: Records, clusters: Records) -> set[int]:
    """Indexes of clusters in words drawn with vertical offsets (Nastaliq).

    Nastaliq words cascade diagonally: glyphs are raised (``Ts``) by up to a line
    height, and extractors then split words, or lines, at raised glyphs. Each cluster
    of such a word is drawn as a composite glyph on the baseline.
    """
    flat, word = set(), []

    def close() -> None:
        if any(glyphs[i]["rise"] for n in word for i in clusters[n]["indexes"]):
            flat.update(word)
        word.clear()

    for number, cluster in enumerate(clusters):
        if cluster["text"].isspace() or (word and cluster["run"] != clusters[word[-1]]["run"]):
            close()
        if not cluster["text"].isspace():
            word.append(number)
    close()
    return flat


def _ambiguous_specs(lines: list[Records]) -> set[tuple]:
    """Specs of new glyphs that would stand for more than one text."""
    texts = defaultdict(set)
    for items in lines:
        for item in items:
            if isinstance(item["code"], tuple):
                texts[item["code"][1:]].add(item["text"])
    return {key[1] for key, found in texts.items() if len(found) > 1}


def _merge_words(clusters: Records, numbers: set[int]) -> Records:
    """The clusters, with each word holding one of ``numbers`` merged into one cluster.

    Some fonts (Noto Nastaliq Urdu) draw two letters with the same glyphs and tell them
    apart only by the glyphs of a later letter (initial ی and پ before تے): only the whole
    word maps back to its text. A word is a run of clusters between spaces.
    """
    words, word = [], []
    for number, cluster in enumerate(clusters):
        if cluster["text"].isspace() or (word and cluster["run"] != clusters[word[-1]]["run"]):
            if word:
                words.append(word)
            word = []
        if cluster["text"].isspace():
            words.append([number])
        else:
            word.append(number)
    if word:
        words.append(word)
    merged = []
    for word in words:
        indexes = sorted(i for n in word for i in clusters[n]["indexes"])
        contiguous = indexes == list(range(indexes[0], indexes[-1] + 1))
        if len(word) == 1 or not numbers.intersection(word) or not contiguous:
            merged.extend(clusters[n] for n in word)
            continue
        # Clusters are in glyph order, their texts as drawn (see module docstring).
        merged.append(
            dict(
                clusters[word[0]],
                indexes=indexes,
                text="".join(clusters[n]["text"] for n in word),
                advance=sum(clusters[n]["advance"] for n in word),
                mark=False,
            )
        )
    return merged


# Scripts where HarfBuzz may draw a character with several glyphs, several characters
# with one glyph in context, or reorder: combining marks, Hebrew to Mongolian
# (Arabic, Indic, South-East Asian...), ZWNJ/ZWJ, presentation forms, other planes.
_COMPLEX = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u1cff\u1dc0-\u1dff\u200c\u200d"
    "\u20d0-\u20ff\ua800-\uabff\ufb1d-\ufdff\ufe00-\ufe2f\ufe70-\ufeff"
    "\U00010000-\U0010ffff]"
)


def _needs_shaping_map(text: str) -> bool:
    return _COMPLEX.search(text) is not None


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def _merge_marks(clusters: Records) -> Records:
    """Merge clusters starting with a combining mark into the logically previous one.

    One code per grapheme (base + marks) keeps extractors from splitting words at
    zero-width marks drawn with negative offsets (e.g. Gurmukhi tippi) and puts split
    vowels (Bengali ো = ে + া) in the same glyph as their consonant.
    """
    by_run = defaultdict(list)
    for cluster in clusters:
        by_run[cluster["run"]].append(cluster)
    merged = []
    for run_clusters in by_run.values():
        run_clusters.sort(key=lambda c: c["start"])
        result = []
        for cluster in run_clusters:
            text = cluster["text"]
            if cluster["level"] % 2:
                # Right-to-left: keep one code per character where possible, as
                # extractors reorder right-to-left text character by character.
                cluster["mark"] = bool(text) and _is_mark(text[0])
                result.append(cluster)
                continue
            if result and text and (_is_mark(text[0]) or text[0] in "\u200c\u200d"):
                previous = result[-1]
                indexes = sorted(previous["indexes"] + cluster["indexes"])
                if indexes == list(range(indexes[0], indexes[-1] + 1)):
                    previous["text"] += text
                    previous["indexes"] = indexes
                    previous["advance"] += cluster["advance"]
                    continue
            result.append(cluster)
        merged.extend(result)
    merged.sort(key=lambda c: c["indexes"][0])
    return merged


class _FontFull(Exception):
    """No code left in the font for new glyphs."""


_CMAPS: dict[
    str, tuple[dict[str, int], dict[int, str]]
] = {}  # font hash -> ({character: glyph id}, {glyph id: character})


def _cmaps(font: Any) -> tuple[dict[str, int], dict[int, str]]:
    if font.hash not in _CMAPS:  # The original face: the embedded subset has no cmap.
        data = get_hb_object_data(font.hb_face)
        ttfont = TTFont(io.BytesIO(data), fontNumber=font.index, lazy=True)
        cmap = ttfont.getBestCmap() or {}
        order = {name: gid for gid, name in enumerate(ttfont.getGlyphOrder())}
        to_gid = {chr(cp): order.get(name) for cp, name in cmap.items()}
        to_char = {}
        for char, gid in sorted(to_gid.items(), reverse=True):
            to_char[gid] = char
        _CMAPS[font.hash] = (to_gid, to_char)
    return _CMAPS[font.hash]


def _cmap_gid(font: Any, text: str) -> int | None:
    return _cmaps(font)[0].get(text)


def _cmap_char(font: Any, gid: int) -> str | None:
    return _cmaps(font)[1].get(gid)


def _ops_set(stream: pydyf.Stream) -> set[bytes]:
    return {op for op in stream.stream if isinstance(op, bytes) and len(op) == 2}


def _num(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text

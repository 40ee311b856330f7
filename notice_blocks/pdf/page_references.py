"""The contents list's page numbers laid out in two passes over its page, not three.

A contents entry prints the page its section starts on, with
``target-counter(attr(href url), page)`` (see ``rendering.generated_content_css``). WeasyPrint
70 lays the entry's page out again whenever what the entry looks up may have changed, and
takes that too widely in three ways, which cost a third layout of the contents' page:

- ``compute_content_list`` hands the target's missing counters over as the entry's own too
  (it reuses a variable's name), so a change of the entry's own page counters lays its page
  out again, and the total of pages, known only after the first pass, always changes;
- an anchor given by ``attr()`` is filed under no name, so a change of its page is never
  passed on to the entries that look it up, which only the first cause made up for;
- a target's page counters count as changed when only the total of pages changed, which
  only an entry that looks that total up needs to know.

``NoticeDocument`` lays documents out with a target collector that corrects the three, so
that each entry is updated when, and only when, its target's page changes.
"""

import copy

from weasyprint.css.targets import TargetCollector, anchor_name_from_token
from weasyprint.document import Document
from weasyprint.urls import get_url_tuple

TARGET_COUNTERS = ("target-counter()", "target-counters()")
PAGES = "pages"


class PageReferenceCollector(TargetCollector):
    """WeasyPrint's target collector, passing on exactly the page changes entries look up."""

    def collect_missing_counters(
        self,
        parent_box,
        css_token,
        parse_again_function,
        missing_counters,
        missing_target_counters,
    ):
        if any(missing_counters is counters for counters in missing_target_counters.values()):
            missing_counters = []  # the target's, not the box's own
        if None in missing_target_counters:
            missing_target_counters = _named_anchors(parent_box, css_token, missing_target_counters)
        super().collect_missing_counters(
            parent_box, css_token, parse_again_function, missing_counters, missing_target_counters
        )

    def cache_target_page_counters(
        self, anchor_name, page_counter_values, page_maker_index, page_maker
    ):
        item = self.target_lookup_items.get(anchor_name)
        if (
            not self.collecting
            and item is not None
            and item.state == "up-to-date"
            and item.cached_page_counter_values
            and _without_pages(item.cached_page_counter_values)
            == _without_pages(page_counter_values)
            and not self._wants_pages_of(anchor_name)
        ):
            item.page_maker_index = page_maker_index
            item.cached_page_counter_values = copy.deepcopy(page_counter_values)
            return
        super().cache_target_page_counters(
            anchor_name, page_counter_values, page_maker_index, page_maker
        )

    def _wants_pages_of(self, anchor_name: str) -> bool:
        """Whether an entry looks up the total of pages through ``anchor_name``."""
        return any(
            PAGES in lookup.missing_target_counters.get(anchor_name, ())
            for lookup in self.counter_lookup_items.values()
        )


def _without_pages(values: dict) -> dict:
    return {name: value for name, value in values.items() if name != PAGES}


def _named_anchors(parent_box, css_token: str, missing: dict) -> dict:
    """``missing`` with the counters filed under no name filed under the anchors that the
    box's ``attr()`` targets name, resolved as WeasyPrint resolves them to look them up.

    Only ``content`` is resolved, the one property whose targets lay pages out again.
    """
    if css_token != "content" or not isinstance(parent_box.style["content"], list | tuple):
        return missing
    missing = dict(missing)
    counters = missing.pop(None)
    for type_, value in parent_box.style["content"]:
        anchor_token = value[0] if type_ in TARGET_COUNTERS else None
        if not anchor_token or anchor_token[0] != "attr()":
            continue
        attr_name, attr_type, fallback = anchor_token[1]
        attr_value = parent_box.element.get(attr_name, fallback)
        if attr_type == "url" and attr_value:
            token = ("url", get_url_tuple(attr_value, parent_box.style.base_url))
        else:
            token = ("string", attr_value)
        if name := anchor_name_from_token(token):
            missing.setdefault(name, counters)
    return missing


class NoticeDocument(Document):
    """A document laid out with the ``PageReferenceCollector``."""

    @classmethod
    def _build_layout_context(cls, *args, **kwargs):
        context = super()._build_layout_context(*args, **kwargs)
        # Made by WeasyPrint, which only collected anchors with it so far.
        context.target_collector.__class__ = PageReferenceCollector
        return context

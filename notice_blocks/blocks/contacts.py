import re
from html import unescape

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import NoticeRichTextBlock, SectionBlock, SectionTextBlock
from .copied import TelephoneBlock

_SPACE = re.compile(r"\s+")


def plain_words(html) -> str:
    """The words of some text or HTML, casefolded, each space one space."""
    return _SPACE.sub(" ", unescape(strip_tags(str(html or "")))).strip().casefold()


def names_contact(name: str, *texts) -> bool:
    """Whether any of ``texts`` (a heading, rich text) already gives the contact's ``name``."""
    name = plain_words(name)
    return bool(name) and any(name in plain_words(text) for text in texts)


def contact_field(contact, name: str) -> str:
    """A field of a contact: a shared contact snippet, or a service contact's value."""
    if not contact:
        return ""
    value = contact.get(name) if isinstance(contact, dict) else getattr(contact, name, "")
    return value or ""


def address_lines(address) -> list[str]:
    """The lines of a postal address, written on several lines or on one with commas."""
    parts = (part.strip() for line in str(address or "").splitlines() for part in line.split(","))
    return [part for part in parts if part]


def postal_address(name: str, address, addressee_given: bool) -> str:
    """The postal address on one line, addressed to ``name`` once.

    The name starts the address unless ``addressee_given`` (the heading or text gives it);
    then a first line that is the name, or the end of it (“Data Protection Officer” for
    “Example Council Data Protection Officer”), is not repeated, and a first line that holds
    the name already (“Adult Social Care Team”) is addressee enough.
    """
    lines = address_lines(address)
    if not lines or not name or addressee_given:
        return ", ".join(lines)
    first, whole = plain_words(lines[0]), plain_words(name)
    if whole == first or whole.endswith(f" {first}"):
        lines = lines[1:]
    elif whole in first:
        return ", ".join(lines)
    return ", ".join([name, *lines])


class ContactBlock(blocks.StructBlock):
    """A titled contact. Subclasses name which of the page's shared details they show."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        max_length=255,
        help_text=_("Leave blank to use the standard heading."),
    )
    show_heading = blocks.BooleanBlock(
        label=_("Show the heading"),
        required=False,
        default=True,
        help_text=_("Untick to show the contact's text and details without a heading."),
    )
    text = NoticeRichTextBlock(label=_("Text"))

    class Meta:
        default_heading = ""
        page_field = ""
        #: The name is given once: left out of the postal address where the text gives it.
        name_once = False
        template = "notice_blocks/blocks/contact.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # The standard heading is one of the section's standard sub-headings.
        standard = (parent_context or {}).get("standard_subheadings", True) is not False
        default = str(self.meta.default_heading) if standard else ""
        context["heading"] = value.get("heading") or default
        context["show_heading"] = value.get("show_heading", True) is not False and bool(
            context["heading"]
        )
        page = context.get("page")
        if page is not None and self.meta.page_field:
            context["contact"] = getattr(page, self.meta.page_field, None)
        self.add_names_given(context)
        return context

    def add_names_given(self, context) -> None:
        """Where the contact's name is left out because the heading or text gives it.

        ``name_given``: its own line is left out (the text or heading names it).
        ``addressee_given``: it is left out of the postal address as well, where the heading
        names it, or with ``Meta.name_once`` where the text does.
        ``postal_address``: the address on one line, addressed to the contact once.
        """
        contact = context.get("contact")
        name, address = contact_field(contact, "name"), contact_field(contact, "address")
        heading = context["heading"] if context["show_heading"] else ""
        text = context["value"].get("text")
        in_heading = names_contact(name, heading)
        in_text = names_contact(name, getattr(text, "source", text))
        context["name_given"] = in_heading or in_text
        context["addressee_given"] = in_heading or (in_text and self.meta.name_once)
        context["postal_address"] = postal_address(name, address, context["addressee_given"])


class DataProtectionOfficerContactBlock(ContactBlock):
    class Meta:
        icon = "user"
        label = _("Data protection officer")
        default_heading = _("How to contact us")
        page_field = "data_protection_officer"
        name_once = True


class ComplaintsContactBlock(ContactBlock):
    class Meta:
        icon = "warning"
        label = _("Complaints to the supervisory authority")
        default_heading = _("Complaints")
        page_field = "supervisory_authority"


class ServiceContactBlock(ContactBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=255)
    email = blocks.EmailBlock(label=_("Email address"), required=False)
    phone = TelephoneBlock(required=False)
    address = blocks.TextBlock(label=_("Postal address"), required=False, rows=3)
    website = blocks.URLBlock(label=_("Website"), required=False)

    class Meta:
        icon = "mail"
        label = _("Service contact")
        default_heading = _("Contact the service")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["contact"] = value
        self.add_names_given(context)
        return context


class ContactsBlock(SectionBlock):
    """How to reach the DPO, the service, and the ICO (UK GDPR Art 13(1)(b), 13(2)(d))."""

    intro = SectionTextBlock(label=_("Introduction"))
    contacts = blocks.StreamBlock(
        [
            ("data_protection_officer", DataProtectionOfficerContactBlock()),
            ("service", ServiceContactBlock()),
            ("complaints", ComplaintsContactBlock()),
        ],
        label=_("Contacts"),
        min_num=1,
    )
    outro = SectionTextBlock(label=_("Closing text"))

    class Meta:
        icon = "mail"
        label = _("Contacts")
        description = _(
            "The data protection officer, the service's own contact and complaints to the ICO. "
            "Their details come from the notice's shared details."
        )
        template = "notice_blocks/blocks/contacts.html"
        default_heading = _("Contact us")
        preview_value = {
            "heading": "",
            "intro": "",
            "contacts": [
                {
                    "type": "service",
                    "value": {
                        "heading": "",
                        "show_heading": True,
                        "text": "<p>Contact the children’s social care team.</p>",
                        "name": "Children’s Social Care",
                        "email": "childrens.services@example.gov.uk",
                        "phone": "0161 234 5000",
                        "address": "",
                        "website": "",
                    },
                },
            ],
            "outro": "",
        }

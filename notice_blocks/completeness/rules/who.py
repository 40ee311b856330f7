"""Who the notice is from and for: the controller, its data protection officer, children."""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..findings import Severity
from ..notice import Notice, contact_details
from .base import Articles, Problem, rule

#: An email address, or a UK phone number, in a notice's words.
EMAIL = r"[\w.+-]+@[\w-]+\.[\w.-]+"
PHONE = r"(\+44\s?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b"


@rule(
    "controller-identity",
    Articles("13(1)(a)", "14(1)(a)"),
    Severity.ERROR,
    requires=gettext_lazy("Who the data controller is."),
    remedy=gettext_lazy("Choose the data controller in the notice’s shared details."),
)
def controller_identity(notice: Notice) -> Iterator[Problem]:
    if notice.controller is None:
        yield Problem(
            _(
                "The notice does not say who the data controller is. Choose the data "
                "controller, such as the council, in the notice’s shared details."
            ),
            field="data_controller",
        )


@rule(
    "controller-contact",
    Articles("13(1)(a)", "14(1)(a)"),
    Severity.ERROR,
    requires=gettext_lazy("A way to contact the data controller."),
    remedy=gettext_lazy(
        "Give the data controller a postal address, email address, phone number or website, "
        "or add a service contact with one of them to a Contacts section."
    ),
)
def controller_contact(notice: Notice) -> Iterator[Problem]:
    controller = notice.controller
    if controller is None or contact_details(controller):
        return
    if any(contact_details(contact) for _section, contact in notice.contacts("service")):
        return
    yield Problem(
        _(
            "The notice does not say how to contact the data controller, %(name)s. Add its "
            "postal address, email address, phone number or website to its details."
        )
        % {"name": controller},
        field="data_controller",
    )


def dpo_problems(notice: Notice) -> Iterator[Problem]:
    """How the notice fails to give its data protection officer's contact details, if it does."""
    officer = notice.data_protection_officer
    details = contact_details(officer)
    entries = notice.contacts("data_protection_officer")
    if details and entries:
        return
    # Said in the notice's own words: the officer's email or phone, or an officer named
    # together with an email address or phone number.
    for value in (details.get("email"), details.get("phone")):
        if value and any(value.lower() in section.text.lower() for section in notice.sections):
            return
    for section in notice.sections:
        if notice.mentions(r"data protection officer", [section]) and notice.mentions(
            f"{EMAIL}|{PHONE}", [section]
        ):
            return
    contacts = entries[0][0] if entries else notice.first("contacts")
    label = notice.label("contacts")
    if officer is None:
        yield Problem(
            _(
                "The notice does not give the contact details of your data protection "
                "officer. Choose the data protection officer in the notice’s shared details, "
                "and add a “Data protection officer” contact to the “%(section)s” section."
            )
            % {"section": label},
            field="data_protection_officer",
        )
    elif not details:
        yield Problem(
            _(
                "The data protection officer, %(name)s, has no contact details. Add their "
                "email address, phone number, postal address or website."
            )
            % {"name": officer},
            field="data_protection_officer",
        )
    else:
        yield Problem(
            _(
                "The notice does not show how to contact the data protection officer. Add a "
                "“Data protection officer” contact to the “%(section)s” section."
            )
            % {"section": label},
            contacts,
            "contacts" if contacts else None,
        )


@rule(
    "dpo-contact",
    Articles("13(1)(b)", "14(1)(b)"),
    Severity.ERROR,
    requires=gettext_lazy(
        "The contact details of the data protection officer, where the controller is a "
        "public authority (Art 37(1)(a))."
    ),
    remedy=gettext_lazy(
        "Choose the data protection officer, with an email address, phone number, postal "
        "address or website, in the shared details, and add a “Data protection officer” "
        "contact to a Contacts section; or give the officer’s email address or phone number "
        "in the notice’s text."
    ),
)
def dpo_contact(notice: Notice) -> Iterator[Problem]:
    if notice.public_authority:
        yield from dpo_problems(notice)


@rule(
    "dpo-contact-advised",
    Articles("13(1)(b)", "14(1)(b)"),
    Severity.WARNING,
    requires=gettext_lazy(
        "The contact details of the data protection officer, where a controller that is not "
        "a public authority has one."
    ),
    remedy=gettext_lazy(
        "The same as for a public authority; a controller that has no data protection "
        "officer can leave this advice aside."
    ),
)
def dpo_contact_advised(notice: Notice) -> Iterator[Problem]:
    if not notice.public_authority:
        yield from dpo_problems(notice)


@rule(
    "childrens-code",
    Articles(other="Art 12(1)"),
    Severity.INFO,
    requires=gettext_lazy(
        "A notice written for children is one that children can understand (the ICO’s Age "
        "appropriate design code)."
    ),
    remedy=gettext_lazy(
        "A reminder for every notice marked “Written for children”: check its words with "
        "the children it is for."
    ),
)
def childrens_code(notice: Notice) -> Iterator[Problem]:
    if notice.for_children:
        yield Problem(
            _(
                "This notice is written for children. Use words a child understands, short "
                "sentences and a short summary first, as the ICO’s Age appropriate design "
                "code (the Children’s code) asks."
            ),
            field="for_children",
        )

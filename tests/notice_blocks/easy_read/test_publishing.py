"""A translation of an easy read version is published only if it passes the checks.

wagtail-localize publishes a translation (from its editor, or ``Translation.save_target``)
through the page's ``publish``, where the easy read app's publish gate runs.
"""

import pytest
from django.core.exceptions import ValidationError
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from notice_blocks.easy_read.models import EasyReadNoticePage
from tests.utils import EASY_READ_BODY, make_easy_read_page, make_notice_page

LONG_SENTENCE = (
    "We keep the information about you and your family safe in our computer systems "
    "for as long as the law says we must."
)


def with_long_sentence() -> list:
    section_type, summary = EASY_READ_BODY[0]
    point = {"picture": "council", "image": None, "alt_text": "", "text": LONG_SENTENCE}
    return [(section_type, {**summary, "points": [point]}), *EASY_READ_BODY[1:]]


def welsh_translation(easy_read: EasyReadNoticePage) -> Translation:
    """The easy read version put up for translation into Welsh (its text kept as it is)."""
    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    source, _created = TranslationSource.get_or_create_from_instance(easy_read)
    return Translation.objects.create(source=source, target_locale=welsh)


def welsh_page(easy_read: EasyReadNoticePage) -> EasyReadNoticePage:
    return EasyReadNoticePage.objects.get(
        translation_key=easy_read.translation_key, locale__language_code="cy"
    )


@pytest.fixture
def failing_easy_read() -> EasyReadNoticePage:
    """A live easy read version with a sentence too long, published before the checks."""
    return make_easy_read_page(make_notice_page(), body=with_long_sentence())


@pytest.mark.django_db
@pytest.mark.parametrize("enforced", [True, False])
def test_save_target_publishes_a_translation_only_if_it_passes_the_checks(
    settings, failing_easy_read, django_capture_on_commit_callbacks, enforced
):
    settings.NOTICE_EASY_READ_ENFORCE_ON_PUBLISH = enforced
    translation = welsh_translation(failing_easy_read)

    if enforced:
        with pytest.raises(ValidationError, match="has 23 words"):
            with django_capture_on_commit_callbacks(execute=True):
                translation.save_target(publish=True)
    else:
        with django_capture_on_commit_callbacks(execute=True):
            translation.save_target(publish=True)

    assert welsh_page(failing_easy_read).live is not enforced


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_translation_editor_does_not_publish_a_translation_failing_the_checks(
    settings, admin_user, client
):
    settings.NOTICE_EASY_READ_ENFORCE_ON_PUBLISH = True
    easy_read = make_easy_read_page(make_notice_page(), body=with_long_sentence())
    translation = welsh_translation(easy_read)
    translation.save_target(publish=False)
    client.force_login(admin_user)

    edit_url = AdminURLFinder(admin_user).get_edit_url(translation.get_target_instance())
    response = client.post(edit_url, {"action": "publish"}, follow=True)

    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert any("validation errors were found when publishing" in m for m in messages), messages
    assert not welsh_page(easy_read).live

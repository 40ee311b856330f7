"""Shared details are changed per language, as pages are: a translator changes only their copies."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.permissions import policy_registry
from wagtail_localize.models import Translation, TranslationSource

from notice_blocks.permissions import LanguagePermissionPolicy
from notice_blocks.snippets import (
    DataController,
    DataProtectionOfficer,
    GeneralPrivacyNotice,
    SupervisoryAuthority,
)
from tests.utils import make_notice_page, site_root

# Per-language permissions are queries on groups, permissions and locales.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

SNIPPET_MODELS = (DataController, DataProtectionOfficer, SupervisoryAuthority, GeneralPrivacyNotice)


def editors(name: str, tree: Page) -> Group:
    """A group that edits pages in ``tree`` only, may add, change and delete shared details, and
    submit translations."""
    group = Group.objects.create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        ),
        *Permission.objects.filter(
            content_type__app_label="notice_blocks",
            codename__in=[
                f"{action}_{model._meta.model_name}"
                for model in SNIPPET_MODELS
                for action in ("add", "change", "delete")
            ],
        ),
    )
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=tree, permission=Permission.objects.get(codename=codename)
        )
    return group


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit_url(instance) -> str:
    return reverse(instance.snippet_viewset.get_url_name("edit"), args=[instance.pk])


def controller_form(controller: DataController, **changes) -> dict:
    return {
        "name": controller.name,
        "address": controller.address,
        "website": controller.website,
        "registration_number": controller.registration_number,
        **changes,
    }


def assert_refused(response) -> None:
    """Wagtail's admin answers a denied permission with 403, or by sending the user home."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


@pytest.fixture
def welsh() -> Locale:
    return Locale.objects.get_or_create(language_code="cy")[0]


@pytest.fixture
def notice():
    return make_notice_page()


@pytest.fixture
def english_controller(notice) -> DataController:
    return notice.data_controller


@pytest.fixture
def welsh_controller(english_controller, welsh) -> DataController:
    copy = english_controller.copy_for_translation(welsh)
    copy.name = "Cyngor Enghreifftiol"
    copy.save()
    return copy


@pytest.fixture
def welsh_translator(django_user_model, welsh):
    tree = site_root().copy_for_translation(welsh)
    user = django_user_model.objects.create_user("gwen", "gwen@example.gov.uk", "pw")
    user.groups.add(editors("Welsh translators", tree))
    return user


@pytest.fixture
def english_editor(django_user_model):
    user = django_user_model.objects.create_user("emma", "emma@example.gov.uk", "pw")
    user.groups.add(editors("English editors", site_root()))
    return user


def test_every_shared_detail_has_the_per_language_policy():
    for model in SNIPPET_MODELS:
        assert isinstance(policy_registry.get_by_type(model), LanguagePermissionPolicy)


def test_a_welsh_translator_cannot_open_or_change_the_english_original(
    client, notice, english_controller, welsh_controller, welsh_translator
):
    translator = client_for(welsh_translator)

    assert_refused(translator.get(edit_url(english_controller)))
    response = translator.post(
        edit_url(english_controller), controller_form(english_controller, name="Hijacked Council")
    )

    assert_refused(response)
    english_controller.refresh_from_db()
    assert english_controller.name == "Example Council"
    page = client.get(notice.url)
    assert page.status_code == 200
    assert b"Example Council" in page.content
    assert b"Hijacked Council" not in page.content


def test_a_welsh_translator_cannot_delete_or_copy_the_english_original(
    english_controller, welsh_controller, welsh_translator
):
    translator = client_for(welsh_translator)
    viewset = DataController.snippet_viewset

    delete_url = reverse(viewset.get_url_name("delete"), args=[english_controller.pk])
    assert_refused(translator.get(delete_url))
    assert_refused(translator.post(delete_url))
    assert DataController.objects.filter(pk=english_controller.pk).exists()
    copy_url = reverse(viewset.get_url_name("copy"), args=[english_controller.pk])
    assert_refused(translator.get(copy_url))
    add_url = reverse(viewset.get_url_name("add"))
    assert_refused(translator.get(add_url + "?locale=en"))
    assert translator.get(add_url + "?locale=cy").status_code == 200


def test_a_welsh_translator_edits_the_welsh_copy(welsh_controller, welsh_translator):
    translator = client_for(welsh_translator)

    assert translator.get(edit_url(welsh_controller)).status_code == 200
    response = translator.post(
        edit_url(welsh_controller), controller_form(welsh_controller, name="Cyngor Enghraifft")
    )

    assert response.status_code == 302
    welsh_controller.refresh_from_db()
    assert welsh_controller.name == "Cyngor Enghraifft"


def test_an_english_editor_edits_the_english_original_but_not_the_welsh_copy(
    english_controller, welsh_controller, english_editor
):
    editor = client_for(english_editor)

    response = editor.post(
        edit_url(english_controller), controller_form(english_controller, name="Example Borough")
    )

    assert response.status_code == 302
    english_controller.refresh_from_db()
    assert english_controller.name == "Example Borough"
    assert_refused(editor.get(edit_url(welsh_controller)))


def test_the_listing_shows_a_translator_only_the_copies_they_may_edit(
    english_controller, welsh_controller, welsh_translator
):
    translator = client_for(welsh_translator)
    list_url = reverse(DataController.snippet_viewset.get_url_name("list"))

    welsh_listing = translator.get(list_url + "?locale=cy")
    english_listing = translator.get(list_url + "?locale=en")

    assert welsh_listing.status_code == english_listing.status_code == 200
    assert "Cyngor Enghreifftiol" in welsh_listing.content.decode()
    assert edit_url(welsh_controller) in welsh_listing.content.decode()
    assert "Example Council" not in english_listing.content.decode()
    assert edit_url(english_controller) not in english_listing.content.decode()


def test_the_policy_answers_per_instance_and_per_language(
    english_controller, welsh_controller, welsh_translator, english_editor, django_user_model
):
    policy = policy_registry.get_by_type(DataController)
    superuser = django_user_model.objects.create_superuser("lead", "lead@example.gov.uk", "pw")

    assert list(policy.instances_user_has_permission_for(welsh_translator, "change")) == [
        welsh_controller
    ]
    assert list(policy.instances_user_has_permission_for(english_editor, "change")) == [
        english_controller
    ]
    assert set(policy.instances_user_has_permission_for(superuser, "change")) == {
        english_controller,
        welsh_controller,
    }
    assert not policy.user_has_permission_for_instance(
        welsh_translator, "delete", english_controller
    )
    assert policy.user_has_permission_for_instance(welsh_translator, "delete", welsh_controller)
    assert set(policy.users_with_permission_for_instance("change", welsh_controller)) == {
        welsh_translator,
        superuser,
    }


# wagtail-localize's routes


@pytest.fixture
def urdu() -> Locale:
    return Locale.objects.get_or_create(language_code="ur")[0]


@pytest.fixture
def translations(english_controller, welsh, urdu) -> dict[str, Translation]:
    """The English data controller translated into Welsh and Urdu through wagtail-localize."""
    source, _ = TranslationSource.get_or_create_from_instance(english_controller)
    made = {}
    for locale in (welsh, urdu):
        made[locale.language_code] = Translation.objects.create(source=source, target_locale=locale)
        made[locale.language_code].save_target()
    return made


def test_a_welsh_translator_works_only_on_the_welsh_translation(
    translations, welsh_translator, urdu
):
    translator = client_for(welsh_translator)

    def download(code):
        return translator.get(
            reverse("wagtail_localize:download_pofile", args=[translations[code].pk])
        )

    assert download("cy").status_code == 200
    assert_refused(download("ur"))
    assert_refused(
        translator.post(
            reverse("wagtail_localize:stop_translation", args=[translations["ur"].pk]),
            {"next": "/admin/"},
        )
    )
    assert Translation.objects.get(pk=translations["ur"].pk).enabled
    urdu_copy = DataController.objects.get(locale=urdu)
    assert_refused(translator.get(edit_url(urdu_copy)))


def test_a_welsh_translator_translates_only_into_welsh_and_cannot_sync(
    english_controller, translations, welsh_translator, welsh, urdu, django_user_model
):
    translator = client_for(welsh_translator)
    officer = DataProtectionOfficer.objects.get()
    submit_url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["notice_blocks", "dataprotectionofficer", officer.pk],
    )

    assert_refused(translator.post(submit_url, {"locales": [urdu.pk]}))
    assert not DataProtectionOfficer.objects.filter(locale=urdu).exists()
    assert translator.post(submit_url, {"locales": [welsh.pk]}).status_code == 302
    assert DataProtectionOfficer.objects.filter(locale=welsh).exists()

    english_controller.name = "Example Borough Council"
    english_controller.save()
    update_url = reverse(
        "wagtail_localize:update_translations", args=[translations["ur"].source_id]
    )
    assert_refused(translator.post(update_url, {"publish_translations": "on"}))
    assert DataController.objects.get(locale=urdu).name == "Example Council"
    lead = client_for(django_user_model.objects.create_superuser("lead", "l@example.com", "pw"))
    assert lead.post(update_url, {"publish_translations": "on"}).status_code == 302
    assert DataController.objects.get(locale=urdu).name == "Example Borough Council"

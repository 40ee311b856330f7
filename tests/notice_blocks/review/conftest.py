import pytest
from django.contrib.auth.models import Group


@pytest.fixture
def editor(django_user_model):
    """A member of Wagtail's “Editors” group, who may edit every page."""
    user = django_user_model.objects.create_user("editor", "editor@example.gov.uk", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client

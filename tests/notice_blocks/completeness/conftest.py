import pytest


@pytest.fixture
def editor_client(client, django_user_model):
    """A client signed in as a superuser."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client

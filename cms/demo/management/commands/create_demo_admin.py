"""Create or reset the demo superuser, for trying the admin on a development machine."""

import secrets
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Create the superuser 'admin', or reset its password, with a new random password, "
        "and print it. Only runs when DEBUG is on."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "create_demo_admin prints a password, so it only runs when DEBUG is on."
            )
        password = secrets.token_urlsafe(16)
        user_model = get_user_model()
        with transaction.atomic():
            user, _created = user_model._default_manager.get_or_create(
                **{user_model.USERNAME_FIELD: USERNAME}
            )
            user.is_active = True
            user.is_staff = True
            user.is_superuser = True
            user.set_password(password)
            user.save()
        admin_url = urljoin(
            getattr(settings, "WAGTAILADMIN_BASE_URL", ""), reverse("wagtailadmin_home")
        )
        self.stdout.write(f"Admin: {admin_url}  user: {USERNAME} password: {password}")

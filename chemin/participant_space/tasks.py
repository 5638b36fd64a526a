"""Background tasks of the personal space, run by the worker (`python manage.py db_worker`)."""

from __future__ import annotations

from django_tasks import task

from chemin.accounts.enums import AccountKind
from chemin.accounts.models import User
from chemin.participant_space.services import send_link


@task()
def send_sign_in_link(user_id: int, site_url: str) -> str:
    """Email the sign-in link asked for on the public form. ``user_id`` 0: no account has the
    address typed in; the form queued this task all the same, so its answer took as long."""
    user = User.objects.filter(pk=user_id, kind=AccountKind.PARTICIPANT, is_active=True).first()
    if user is None:
        return "no account"
    return "sent" if send_link(user, site_url=site_url, first_time=False) else "failed"

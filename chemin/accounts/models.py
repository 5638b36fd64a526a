from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from chemin.accounts.enums import AccountKind, Role
from chemin.territories.models import Territory


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> User:
        # Emails are stored lower-case; people type them as they like.
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Staff get their rights from their memberships."""

    email = models.EmailField(_("email address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    is_active = models.BooleanField(_("active"), default=True)
    # Prescribers and accompanied people only reach their own window (accounts/middleware.py).
    kind = models.CharField(
        _("kind of account"), max_length=16, choices=AccountKind.choices, default=AccountKind.STAFF
    )
    is_staff = models.BooleanField(
        _("Django admin access"),
        default=False,
        help_text=_("Can sign in to the technical administration site."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Part of every session's signature: raising it ends all the user's sessions ("sign out
    # everywhere", e.g. after a lost phone or a shared computer).
    session_generation = models.PositiveIntegerField(_("session generation"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=AccountKind.values), name="user_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django signs each session with the password hash; the generation joins it, so
        raising it (``sign_out_everywhere``) ends every open session, as a new password would."""
        key_salt = "chemin.accounts.models.User.get_session_auth_hash"
        value = f"{self.password}:{self.session_generation}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def get_short_name(self) -> str:
        return self.first_name

    @property
    def is_outside(self) -> bool:
        """A prescriber or an accompanied person: someone outside the organisation."""
        return self.kind != AccountKind.STAFF


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(territory__is_active=True, user__is_active=True)


class Membership(models.Model):
    """A staff member's role in one territory. One role per territory."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    territory = models.ForeignKey(
        Territory,
        # A territory with staff is deactivated, never deleted: its files must keep their history.
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("territory"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["territory__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "territory"], name="membership_one_role_per_territory"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.territory} ({self.get_role_display()})"

"""Passwords, login with throttling, personal access tokens."""

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pwdlib import PasswordHash
from sqlalchemy import func
from sqlmodel import Session, col, select

from app.audit import service as audit
from app.audit.models import AuditEvent
from app.auth.models import Account, ApiToken, LoginAttempt, Role
from app.auth.schemas import AccountCreate, MePublic, NamedRecord, PasswordChange
from app.clock import utcnow
from app.config import Settings
from app.errors import Conflict, DomainError, InvalidInput, NotFound
from app.i18n import mark
from app.organizations import service as organization_service
from app.organizations.models import Organization
from app.pagination import keyset_page
from app.people import service as people_service
from app.people.models import Person
from app.scope import Scope, in_scope
from app.text import control_character_in

password_hasher = PasswordHash.recommended()  # argon2id with the library's current parameters
TOKEN_PREFIX = "yt_"


class LoginRefused(DomainError):
    status_code = 401
    code = "login_refused"


class LoginThrottled(DomainError):
    status_code = 429
    code = "login_throttled"

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(mark("Too many failed logins. Wait a few minutes and try again."))
        self.retry_after_seconds = retry_after_seconds

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_seconds)}


def hash_password(password: str) -> str:
    return password_hasher.hash(password)


def check_password_strength(password: str, *, field: str = "password") -> None:
    if len(password) < 10:
        raise InvalidInput(
            mark("A password has at least 10 characters."), code="weak_password", field=field
        )


def scope_of(db: Session, account: Account) -> Scope:
    """The organizations an account may see: its organization, with the subtree where granted."""
    organization = db.get(Organization, account.organization_id)
    assert organization is not None  # a foreign key guarantees it
    return scope_for(account, organization)


def scope_for(account: Account, organization: Organization) -> Scope:
    """``scope_of`` when the account's organization is at hand already."""
    if account.role == Role.admin and account.include_subtree and organization.parent_id is None:
        # The installation's administrator (an admin over a whole tree) may also add new trees.
        return Scope.everything()
    return Scope(
        organization_path=organization.path,
        include_subtree=account.include_subtree,
        finalized_only=account.role == Role.viewer,
    )


def _recent_failures(db: Session, condition: object, since: datetime) -> int:
    statement = select(func.count()).where(
        condition,  # type: ignore[arg-type]
        col(LoginAttempt.succeeded).is_(False),
        col(LoginAttempt.at) >= since,
    )
    return int(db.exec(statement).one())


LOGIN_MAX_LENGTH = 80  # AccountCreate's limit and the column's
PASSWORD_MAX_LENGTH = 200  # AccountCreate's limit; hashing a megabyte would be a denial of service


def authenticate(
    db: Session, settings: Settings, login: str, password: str, client_address: str
) -> Account:
    """The active account with this login and password; every attempt is recorded for throttling.

    After ``login_max_failures`` failures for the same login or the same address within the lockout
    period, further attempts are refused without checking the password.
    """
    if (
        len(login) > LOGIN_MAX_LENGTH
        or len(password) > PASSWORD_MAX_LENGTH
        or control_character_in(login)
    ):
        # No account has such a login or password; refused before it reaches the database or argon2.
        raise LoginRefused(mark("Wrong login or password, or the account is disabled."))
    now = utcnow()
    since = now - timedelta(minutes=settings.login_lockout_minutes)
    by_login = _recent_failures(db, LoginAttempt.login == login, since)
    by_address = _recent_failures(db, LoginAttempt.client_address == client_address, since)
    # An office shares one address; allow it more tries than one login before locking it out.
    if by_login >= settings.login_max_failures or by_address >= 4 * settings.login_max_failures:
        # The lockout ends at most this long from now (sooner if the oldest failure is older).
        raise LoginThrottled(retry_after_seconds=settings.login_lockout_minutes * 60)
    account = db.exec(select(Account).where(Account.login == login)).first()
    valid = False
    if account is not None:
        valid, new_hash = password_hasher.verify_and_update(password, account.password_hash)
        if valid and new_hash is not None:
            account.password_hash = new_hash
    else:
        password_hasher.hash(password)  # spend the same time whether or not the login exists
    succeeded = bool(valid and account is not None and account.active)
    db.add(LoginAttempt(login=login, client_address=client_address, succeeded=succeeded, at=now))
    audit.record(
        db,
        action="login_success" if succeeded else "login_failure",
        entity="account",
        entity_id=account.id if account else None,
        after={"login": login, "client_address": client_address},
        account_id=account.id if succeeded and account else None,
    )
    if not succeeded or account is None:
        raise LoginRefused(mark("Wrong login or password, or the account is disabled."))
    return account


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str


def token_digest(secret: str) -> str:
    # Tokens carry 256 random bits, so a fast hash is enough (unlike passwords).
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(
    db: Session, account: Account, *, name: str, expires_in_days: int | None
) -> IssuedToken:
    """A new token for ``account``; the secret is returned once and only its hash is kept."""
    assert account.id is not None
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(days=expires_in_days) if expires_in_days else None
    token = ApiToken(
        account_id=account.id,
        name=name,
        token_hash=token_digest(secret),
        prefix=secret[:10],
        expires_at=expires_at,
    )
    db.add(token)
    db.flush()
    return IssuedToken(token=token, secret=secret)


def account_for_token(db: Session, secret: str) -> tuple[Account, Organization] | None:
    """The active account a valid (unexpired, unrevoked) token belongs to, with its organization
    (in the same query: the caller's scope needs it)."""
    row = db.exec(
        select(ApiToken, Account, Organization)
        .join(Account, col(Account.id) == ApiToken.account_id)
        .join(Organization, col(Organization.id) == Account.organization_id)
        .where(ApiToken.token_hash == token_digest(secret))
    ).first()
    if row is None:
        return None
    token, account, organization = row
    now = utcnow()
    if token.revoked_at is not None or (token.expires_at is not None and token.expires_at <= now):
        return None
    return (account, organization) if account.active else None


def list_tokens(
    db: Session, account: Account, *, cursor: str | None = None, limit: int = 50
) -> tuple[list[ApiToken], str | None]:
    """One page of the account's tokens, oldest first, and the cursor of the next."""
    statement = select(ApiToken).where(ApiToken.account_id == account.id)
    return keyset_page(
        db, statement, keys=[col(ApiToken.id)], key_of=lambda t: [t.id], cursor=cursor, limit=limit
    )


def revoke_token(db: Session, account: Account, token_id: int) -> ApiToken:
    token = db.get(ApiToken, token_id)
    if token is None or token.account_id != account.id:
        raise NotFound(mark("Token not found."), code="token_not_found")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.flush()
    return token


def get_account_by_login(db: Session, login: str) -> Account:
    account = db.exec(select(Account).where(Account.login == login)).first()
    if account is None:
        raise NotFound(mark("Account not found."), code="account_not_found", field="login")
    return account


def create_account(
    db: Session,
    *,
    login: str,
    password: str,
    role: Role,
    organization_id: int,
    include_subtree: bool = False,
    person_id: int | None = None,
) -> Account:
    """A new account; subtree scope only for roles that read a jurisdiction."""
    check_password_strength(password)
    if db.exec(select(Account.id).where(Account.login == login)).first() is not None:
        raise Conflict(mark("This login is already taken."), code="duplicate_login", field="login")
    if include_subtree and role == Role.secretary:
        raise InvalidInput(
            mark("A secretary keeps the minutes of one organization, not a subtree."),
            code="secretary_subtree",
            field="include_subtree",
        )
    account = Account(
        login=login,
        password_hash=hash_password(password),
        role=role,
        organization_id=organization_id,
        include_subtree=include_subtree,
        person_id=person_id,
    )
    db.add(account)
    db.flush()
    return account


def end_sessions(db: Session, account: Account) -> None:
    """Log out: every login session of the account ends on the server, so a copy of its cookie (on
    another computer, or stolen) stops working too. Its API tokens are not touched."""
    account.session_epoch += 1
    db.flush()


def get_account(db: Session, scope: Scope, account_id: int) -> Account:
    """An account whose organization lies in ``scope``; 404 otherwise."""
    account = db.get(Account, account_id)
    organization = db.get(Organization, account.organization_id) if account else None
    if account is None or organization is None or not scope.covers(organization.path):
        raise NotFound(mark("Account not found."), code="account_not_found")
    return account


def create_account_in_scope(db: Session, scope: Scope, data: AccountCreate) -> Account:
    """An account for an organization (and optionally a person) inside the administrator's scope."""
    organization_service.get_organization(db, scope, data.organization_id, field="organization_id")
    if data.person_id is not None:
        people_service.get_person(db, scope, data.person_id, field="person_id")
    return create_account(db, **data.model_dump())


def list_accounts(
    db: Session, scope: Scope, *, cursor: str | None = None, limit: int = 50
) -> tuple[list[Account], str | None]:
    """One page of the accounts of organizations in scope, in the order they were made."""
    statement = (
        select(Account)
        .join(Organization, col(Organization.id) == Account.organization_id)
        .where(in_scope(col(Organization.path), scope))
    )
    return keyset_page(
        db, statement, keys=[col(Account.id)], key_of=lambda a: [a.id], cursor=cursor, limit=limit
    )


UNSET: Any = object()  # a keyword not given (``person_id=None`` unlinks the person)


def update_account(
    db: Session,
    account: Account,
    *,
    by: Account | None = None,
    scope: Scope | None = None,
    role: Role | None = None,
    active: bool | None = None,
    include_subtree: bool | None = None,
    password: str | None = None,
    organization_id: int | None = None,
    person_id: int | None = UNSET,
) -> Account:
    """Change role, scope (organization, subtree), holder, password or active flag; any of these
    ends the account's login sessions. A new organization or person must lie in ``scope``.

    An administrator cannot take away their own rights (role, scope, active): the installation
    would lose the only person who can give them back. Another administrator must do it.
    """
    if by is not None and by.id == account.id:
        for name, value, current in (
            ("role", role, account.role),
            ("active", active, account.active),
            ("include_subtree", include_subtree, account.include_subtree),
            ("organization_id", organization_id, account.organization_id),
        ):
            if value is not None and value != current:
                raise Conflict(
                    mark(
                        "You cannot change your own role, scope or access; ask another administrator."
                    ),
                    code="own_account",
                    field=name,
                )
    if password is not None:
        check_password_strength(password)
        account.password_hash = hash_password(password)
    if organization_id is not None and organization_id != account.organization_id:
        organization_service.get_organization(
            db, scope or Scope.everything(), organization_id, field="organization_id"
        )
        account.organization_id = organization_id
    if person_id is not UNSET:
        if person_id is not None:
            people_service.get_person(db, scope or Scope.everything(), person_id, field="person_id")
        account.person_id = person_id
    if role is not None:
        account.role = role
    if include_subtree is not None:
        account.include_subtree = include_subtree
    if account.include_subtree and account.role == Role.secretary:
        raise InvalidInput(
            mark("A secretary keeps the minutes of one organization, not a subtree."),
            code="secretary_subtree",
            field="include_subtree",
        )
    if active is not None:
        account.active = active
    account.session_epoch += 1
    db.flush()
    return account


def reset_password(db: Session, account: Account, *, by: Account) -> str:
    """A one-time password for an account whose holder forgot theirs (shown once, never stored in
    clear): their sessions end, and at the next login they must choose their own."""
    if by.id == account.id:
        raise Conflict(
            mark("Change your own password on the password page, not by a reset."),
            code="own_account",
        )
    one_time = "-".join(secrets.token_hex(3) for _ in range(3))  # e.g. 3f9a1c-07be42-d1e5a0
    account.password_hash = hash_password(one_time)
    account.must_change_password = True
    account.session_epoch += 1
    db.add(account)
    db.flush()
    audit.record(
        db,
        action="reset_password",
        entity="account",
        entity_id=account.id,
        after={"login": account.login, "must_change_password": True},
        account_id=by.id,
    )
    return one_time


def change_password(db: Session, account: Account, data: PasswordChange) -> Account:
    """The holder's own new password: the current one proves it is them; the new one must be strong,
    typed twice the same, and differ from the current one. Other sessions end; this one goes on."""
    valid, _ = password_hasher.verify_and_update(data.current_password, account.password_hash)
    if not valid:
        raise InvalidInput(
            mark("The current password is wrong."),
            code="wrong_password",
            field="current_password",
        )
    if data.new_password != data.repeated:
        raise InvalidInput(
            mark("The two new passwords differ."), code="passwords_differ", field="repeated"
        )
    if data.new_password == data.current_password:
        raise InvalidInput(
            mark("Choose a password other than the current one."),
            code="password_unchanged",
            field="new_password",
        )
    check_password_strength(data.new_password, field="new_password")
    account.password_hash = hash_password(data.new_password)
    account.must_change_password = False
    account.session_epoch += 1
    db.add(account)
    db.flush()
    return account


def account_names(db: Session, ids: Iterable[int | None]) -> dict[int, str]:
    """The name pages show for each account: its person's, or its login if it has none."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = db.exec(
        select(Account.id, Account.login, Person.name)
        .outerjoin(Person, col(Person.id) == Account.person_id)
        .where(col(Account.id).in_(wanted))
    ).all()
    return {account_id or 0: name or login for account_id, login, name in rows}


def last_changed_by(db: Session, entity: str, entity_id: int | None) -> str | None:
    """Who made the newest audited change of a record (their name; None: nobody known)."""
    statement = (
        select(func.coalesce(Person.name, Account.login))
        .select_from(Account)
        .join(AuditEvent, col(AuditEvent.account_id) == Account.id)
        .outerjoin(Person, col(Person.id) == Account.person_id)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == str(entity_id))
        .order_by(col(AuditEvent.id).desc())
        .limit(1)
    )
    return db.exec(statement).first()


def active_account_options(
    db: Session, scope: Scope, roles: Iterable[Role]
) -> list[tuple[int, str]]:
    """(id, "name（organization）") of the active accounts in scope with one of ``roles`` (the name
    of the account's person, or its login if it has none)."""
    statement = (
        select(Account.id, func.coalesce(Person.name, Account.login), Organization.name)
        .select_from(Account)
        .join(Organization, col(Organization.id) == Account.organization_id)
        .outerjoin(Person, col(Person.id) == Account.person_id)
        .where(in_scope(col(Organization.path), scope))
        .where(col(Account.role).in_(list(roles)), col(Account.active).is_(True))
        .order_by(col(Account.login))
    )
    return [(aid, f"{name}（{org}）") for aid, name, org in db.exec(statement).all() if aid]


def name_of(db: Session, account_id: int | None) -> str | None:
    """The name of an account as pages show it (``account_names``), or None."""
    return account_names(db, [account_id]).get(account_id or 0)


def me(db: Session, account: Account) -> MePublic:
    """The caller as ``GET /api/v1/me`` tells it."""
    organization = db.get(Organization, account.organization_id)
    person = (
        people_service.get_person_unscoped(db, account.person_id) if account.person_id else None
    )
    scope = scope_of(db, account)
    return MePublic(
        id=account.id or 0,
        login=account.login,
        role=account.role,
        person=NamedRecord(id=person.id or 0, name=person.name) if person else None,
        organization=NamedRecord(
            id=account.organization_id, name=organization.name if organization else ""
        ),
        include_subtree=account.include_subtree,
        finalized_only=scope.finalized_only,
    )

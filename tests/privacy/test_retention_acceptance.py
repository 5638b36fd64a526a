"""The issue's acceptance: the anonymisation job, run by the real worker over a pathway closed 25
months ago, leaves the indicators unchanged and no name, contact or free text of the person
anywhere in the database."""

import io
import json
import unicodedata

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from chemin.accounts.enums import Role
from chemin.barriers.enums import BarrierCategory
from chemin.core.dates import add_months
from chemin.core.encryption import encrypted_fields
from chemin.participants.models import Participant
from chemin.privacy.enums import AnonymisationReason
from chemin.privacy.models import AnonymisationRecord
from chemin.privacy.tasks import anonymise_expired_files, next_run_after
from chemin.referentials.text import normalize
from chemin.reporting.indicators import Scope, report
from tests.accounts.factories import UserFactory
from tests.privacy.people import rich_person
from tests.territories.factories import TerritoryFactory


def fold(text: str) -> str:
    """Lower case without accents, punctuation kept."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, memoryview | bytes):
        return bytes(value).decode("utf-8", "ignore")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    if text[:1] in "[{":
        # JSON kept as text (SQLite) may escape accents: read it back.
        try:
            return text + "\x00" + json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return text
    return text


def database_texts() -> dict[str, str]:
    """Every value of every row of every table, in raw SQL, one text per table."""
    texts = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {quote(table)}")
            texts[table] = "\x00".join(as_text(value) for row in cursor.fetchall() for value in row)
    for field in encrypted_fields():
        # Encrypted columns hold tokens: read them decrypted, through the ORM.
        values = field.model._base_manager.values_list(field.name, flat=True)
        texts[f"{field.model._meta.db_table}.{field.name} (decrypted)"] = "\x00".join(v or "" for v in values)
    return texts


def where_found(needles: dict[str, str], texts: dict[str, str]) -> dict[str, list[str]]:
    """For each needle, the tables holding it as written (accents and case aside) or as the
    search copies keep it (chemin.referentials.text.normalize)."""
    folded = {table: fold(text) for table, text in texts.items()}
    normalised = {table: normalize(text) for table, text in texts.items()}
    found = {}
    for where, needle in needles.items():
        tables = [table for table in texts if fold(needle) in folded[table]]
        tables += [
            t for t in texts if normalize(needle) and normalize(needle) in normalised[t] and t not in tables
        ]
        found[where] = tables
    return found


def figures(scope: Scope, start, end) -> dict:
    result = report(scope, start, end)
    values = {
        code: (figure.value, figure.numerator, figure.denominator, figure.breakdown)
        for code, figure in result.figures.items()
    }
    return {"figures": values, "months": [(m.month, m.entries, m.exits) for m in result.months]}


@pytest.mark.django_db(transaction=True)
def test_the_nightly_worker_anonymises_a_pathway_closed_25_months_ago_and_the_statistics_do_not_move(
    reference_data, settings
):
    settings.RETENTION_CLOSED_PATHWAY_DAYS = 730
    call_command("seed_demo", verbosity=0)  # other people, whose files must stay as they are
    territory = TerritoryFactory(name="Douaisis", slug="douaisis")
    referent = UserFactory(first_name="Line", last_name="Caudron", memberships=[(territory, Role.COUNSELLOR)])
    manager = UserFactory(first_name="Paul", last_name="Descamps", memberships=[(territory, Role.MANAGER)])
    today = timezone.localdate()
    person = rich_person(
        territory=territory, referent=referent, manager=manager, closed_on=add_months(today, -25)
    )
    participant = person.participant
    demo_people = dict(Participant.objects.exclude(pk=participant.pk).values_list("pk", "last_name"))

    start, end = add_months(today, -40), today
    scopes = {"her territory": Scope(territory_ids=(territory.pk,)), "the organisation": Scope()}
    before = {name: figures(scope, start, end) for name, scope in scopes.items()}
    ours = before["her territory"]["figures"]
    assert ours["entries"][0] == 1 and ours["exits"][0] == 1
    assert ours["contract_starts"][0] == 1 and ours["immersions"][0] == 1
    assert {row.key: row.value for row in ours["barriers_raised"][3]}[BarrierCategory.HEALTH] == 1

    # The dry run names her, changes nothing: every text of hers is still found by the scan below.
    out = io.StringIO()
    call_command("anonymise_expired", "--dry-run", stdout=out)
    assert f"personne {participant.pk} —" in out.getvalue()
    assert "Quorvath" not in out.getvalue()
    found_before = where_found(person.needles, database_texts())
    missing = [where for where, tables in found_before.items() if not tables]
    assert not missing, f"the scan cannot see these texts of hers: {missing}"

    anonymise_expired_files.enqueue()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    run = DBTaskResult.objects.filter(task_path=anonymise_expired_files.module_path).order_by("enqueued_at")
    assert [task.status for task in run] == [TaskResultStatus.SUCCESSFUL, TaskResultStatus.READY]
    assert run[0].return_value == "1 anonymised"
    assert abs(run[1].run_after - next_run_after()).total_seconds() < 60  # tomorrow night's run

    assert {name: figures(scope, start, end) for name, scope in scopes.items()} == before

    found_after = where_found(person.needles, database_texts())
    leaks = {where: tables for where, tables in found_after.items() if tables}
    assert not leaks, f"still in the database after anonymisation: {leaks}"

    participant.refresh_from_db()
    assert participant.full_name == f"Personne anonymisée n°{participant.pk}"
    record = AnonymisationRecord.objects.get()
    assert (record.participant_id, record.reason, record.performed_by) == (
        participant.pk,
        AnonymisationReason.RETENTION,
        None,
    )
    # Nobody else was touched.
    assert dict(Participant.objects.exclude(pk=participant.pk).values_list("pk", "last_name")) == demo_people

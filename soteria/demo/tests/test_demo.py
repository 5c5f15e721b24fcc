"""The demo builder: four organisations, approved strategies, one user per role, idempotent."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from soteria.audit.models import AuditEntry
from soteria.demo.builder import DEMO_USERS, build_demo
from soteria.demo.content import ORGANISATIONS
from soteria.organisations import access
from soteria.organisations.models import Membership, OrgUnit, Role
from soteria.strategy.models import (
    ELEMENT_MODELS,
    FundingSource,
    Initiative,
    Milestone,
    Programme,
    Strategy,
    StrategyVersion,
    VersionStatus,
)


def _counts() -> dict[str, int]:
    counts = {m.__name__: m.objects.count() for m in ELEMENT_MODELS}
    counts.update(
        units=OrgUnit.objects.count(),
        strategies=Strategy.objects.count(),
        versions=StrategyVersion.objects.count(),
        users=get_user_model().objects.count(),
        memberships=Membership.objects.count(),
        audit=AuditEntry.objects.count(),
    )
    return counts


def test_demo_builds_four_organisations_and_running_it_again_adds_nothing(db):
    build_demo(log=lambda _line: None)
    first = _counts()
    build_demo(log=lambda _line: None)
    assert _counts() == first
    roots = OrgUnit.objects.filter(parent__isnull=True)
    assert sorted(roots.values_list("language", flat=True)) == ["da", "fi", "pl", "vi"]
    polish = roots.get(language="pl")
    assert polish.subtree().filter(kind="department").count() >= 15
    for root in roots:
        strategy = Strategy.objects.get(unit=root)
        approved = strategy.versions.get(status=VersionStatus.APPROVED)
        assert approved.approving_body and approved.decision_date
        assert approved.mission.get(root.language) and approved.mission.get("en")
        assert Programme.objects.filter(version=approved).count() >= 5
        assert Initiative.objects.filter(version=approved).count() >= 5
        assert Milestone.objects.filter(version=approved).exists()
    assert StrategyVersion.objects.filter(status=VersionStatus.DRAFT, number=2).count() == 1
    recovery = FundingSource.objects.filter(currency="PLN", amount__gte=5_000_000)
    assert recovery.exists()


def test_every_text_is_in_the_organisations_language_and_english():
    def walk(node, language, where):
        if isinstance(node, dict):
            if node and set(node) <= {"pl", "vi", "fi", "da", "en"}:
                assert node.get(language) and node.get("en"), where
                return
            for key, value in node.items():
                walk(value, language, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, language, f"{where}[{i}]")

    from soteria.demo.content import STRATEGIES

    for organisation in ORGANISATIONS:
        walk(organisation, organisation["language"], organisation["code"])
        walk(STRATEGIES[organisation["code"]], organisation["language"], "strategy")


def test_one_demo_user_per_role_who_can_log_in(db):
    build_demo(log=lambda _line: None)
    roles = {demo.role for demo in DEMO_USERS}
    assert roles == set(Role)
    for demo in DEMO_USERS:
        client = Client()
        assert client.login(username=demo.username, password=demo.password), demo.username
        user = get_user_model().objects.get(username=demo.username)
        assert access.units_for(user).exists()
        assert client.get("/").status_code == 200


def test_the_demo_command_prints_the_users(db, capsys):
    call_command("demo_data", "--no-hospital-data")
    out = capsys.readouterr().out
    for demo in DEMO_USERS:
        assert demo.username in out and demo.password in out


def test_demo_hospital_data_is_imported_once(db, settings, tmp_path):
    from soteria.demo.hospital_data import load_hospital_data, source_system
    from soteria.warehouse import store
    from soteria.warehouse.models import ImportRecord

    settings.DATA_DIR = tmp_path
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    settings.PSEUDONYM_KEY_PATH = tmp_path / "keys" / "key"
    build_demo(log=lambda _line: None)
    load_hospital_data(log=lambda _line: None, encounters=1_000, codes=["FI-JVL"])
    load_hospital_data(log=lambda _line: None, encounters=1_000, codes=["FI-JVL"])
    assert ImportRecord.objects.filter(status="succeeded").count() == 2  # FHIR + CSV, once
    with store.connect(read_only=True) as con:
        count = con.execute(
            "SELECT count(*) FROM encounter WHERE source_system = ?", [source_system("FI-JVL")]
        ).fetchone()[0]
        beds = con.execute("SELECT count(*) FROM bed_capacity").fetchone()[0]
    assert count == 1_000 and beds > 0
    assert not (tmp_path / "demo-export" / "FI-JVL").exists()


def test_demo_indicators_targets_and_hand_entered_values(db, settings, tmp_path):
    from soteria.demo.hospital_data import compute_demo_indicators, load_hospital_data
    from soteria.demo.indicators import build_demo_indicators
    from soteria.indicators.models import IndicatorValue, ManualValue, Target
    from soteria.indicators.status import objective_status
    from soteria.strategy.models import Objective, ObjectiveIndicator

    settings.DATA_DIR = tmp_path
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    settings.PSEUDONYM_KEY_PATH = tmp_path / "keys" / "key"
    build_demo(log=lambda _line: None)
    assert ObjectiveIndicator.objects.filter(objective__code="O-TILA-1").count() >= 2
    load_hospital_data(log=lambda _line: None, encounters=1_000, codes=["FI-JVL"])
    compute_demo_indicators(log=lambda _line: None)
    build_demo_indicators(log=lambda _line: None)
    build_demo_indicators(log=lambda _line: None)  # once only
    root = "FI-JVL"
    assert IndicatorValue.objects.filter(
        unit__code=root, definition__code="ALOS", period="2025"
    ).exists()
    assert Target.objects.filter(unit__code=root, approved_at__isnull=False).count() >= 2
    assert not ManualValue.objects.exclude(status="approved").exists()
    training = IndicatorValue.objects.get(
        unit__code=root, definition__code="STAFF_TRAINING_HOURS", period="2025"
    )
    assert training.value > 0
    objective = Objective.objects.get(code="O-TILA-1", version__status="approved")
    status = objective_status(objective, "2026")
    assert status.status is not None

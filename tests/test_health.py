from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app


def test_healthz_answers_while_the_process_is_up(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ok_on_a_migrated_database(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200, response.text


def test_readyz_is_503_with_the_reason_when_migrations_are_missing(tmp_path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'empty.db'}", secret_key="x" * 20)
    with TestClient(create_app(settings)) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert "migrations not current" in response.json()["reason"]


def test_readyz_is_503_when_the_database_is_unreachable(tmp_path) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'missing' / 'dir' / 'x.db'}", secret_key="x" * 20
    )
    with TestClient(create_app(settings)) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert "database unreachable" in response.json()["reason"]

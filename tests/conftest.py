"""The fixtures live in tests/fixtures/: databases (both backends, each test rolled back), accounts and
clients, the PDF font check, and the per-database summary at the end of a run."""

pytest_plugins = [
    "tests.fixtures.databases",
    "tests.fixtures.accounts",
    "tests.fixtures.pdfs",
    "tests.fixtures.legs",
]

from api.tests.conftest import api, on_commit, partners  # noqa: F401  (the partner world and on-commit runs)

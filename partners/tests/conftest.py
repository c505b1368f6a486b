from api.tests.conftest import api, on_commit, partners  # noqa: F401  (the same fixtures as the API tests)

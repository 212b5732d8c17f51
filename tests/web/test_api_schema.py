"""schemathesis generates requests from the API's own OpenAPI schema: none may cause a
server error, and every response must match the schema."""
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def seeded(import_seed):
    import_seed()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The real WSGI handler closes the database connection after each request, which
    would end the test's transaction; Django's own test client switches this off too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_every_generated_request_within_its_schema(case, seeded):
    case.call_and_validate()

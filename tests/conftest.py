import pytest

from tests.factories import make_mag_member, make_secretariat_user


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs `collectstatic` first; tests render pages without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def secretariat_user(db):
    return make_secretariat_user()


@pytest.fixture
def mag_member(db):
    return make_mag_member()

"""Every link of a person's record leads to a page the user may open: a link whose page asks for more than seeing
the record (e.g. the work lists' CASEWORK_VIEW) is not shown to helpers and readers who lack it."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.test_access_matrix import VISIBLE_A

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", sorted(VISIBLE_A))
def test_each_record_link_opens_for_whoever_sees_it(world, persona):
    client = Client()
    client.force_login(world.users[persona], backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("supervisees:detail", args=[world.people["A"].pk]))
    assert response.status_code == 200
    links = response.context["record_links"]
    assert links
    for label, url in links:
        assert client.get(url).status_code == 200, (persona, label)

"""Separation of duties: the administrative roles (system administrator, security administrator, auditor) see no
case data anywhere in the admin site. The test crawls every admin page each of them can reach (changelists, add and
change forms, history, password and delete pages, autocomplete answers), with parameters that prefill or filter by a
supervisee (not a search for a name: the search box repeats what was typed), and looks for the names, identity
numbers and phone numbers of the test world's supervisees."""

import re
from html import unescape

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from sqjz.accounts.models import User
from sqjz.intake import services as intake
from sqjz.supervision.checkins.services import app_enrol

ADMINISTRATIVE = ["admin", "security_admin", "auditor"]
MAX_PAGES = 600


def case_data(world) -> set[str]:
    """What must never appear: every supervisee's name, identity and phone number, and the investigated person's."""
    found = set()
    for person in world.people.values():
        found |= {person.name, person.id_number, person.phone}
    found |= {world.investigation.name, world.investigation.id_number}
    return {value for value in found if value}


def phone_accounts(world) -> None:
    """The supervisees' accounts as the office opens them: the minor M (sealed) enrolled through the service, and A's
    account named as the person (the world's factory gives it a placeholder name)."""
    office, minor = world.users["office_officer"], world.people["M"]
    intake.level_set(actor=office, supervisee=minor, on=timezone.localdate())
    app_enrol(actor=office, supervisee=minor)
    User.objects.filter(pk=world.users["supervisee"].pk).update(full_name=world.people["A"].name)


def seeds(world) -> list[str]:
    urls = [reverse("admin:index")]
    phone_users = list(User.objects.filter(supervisee__isnull=False))
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        changelist, add = reverse(f"{info}_changelist"), reverse(f"{info}_add")
        urls += [changelist, add]
        for person in world.people.values():
            urls += [
                f"{add}?supervisee={person.pk}",
                f"{add}?supervisee_id={person.pk}&person={person.pk}&subject_id={person.pk}",
                f"{changelist}?supervisee__id__exact={person.pk}",
            ]
        for field in ("supervisee", "unit", "parent"):
            urls.append(
                f"{reverse('admin:autocomplete')}?app_label={model._meta.app_label}"
                f"&model_name={model._meta.model_name}&field_name={field}&term="
            )
    for account in phone_users:  # the phone accounts' own pages, whether or not a list links to them
        urls += [
            reverse("admin:accounts_user_change", args=[account.pk]),
            reverse("admin:accounts_user_history", args=[account.pk]),
            reverse("admin:auth_user_password_change", args=[account.pk]),
            reverse("admin:accounts_user_delete", args=[account.pk]),
        ]
    return urls


def crawl(client, world) -> dict[str, tuple[int, str]]:
    """GET every seed and every admin link found on the pages reached (breadth first); url → (status, text)."""
    queue, seen, pages = seeds(world), set(), {}
    while queue and len(pages) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        content = response.content.decode(errors="replace") if not getattr(response, "streaming", False) else ""
        pages[url] = (response.status_code, unescape(content))
        if response.status_code != 200:
            continue
        for link in re.findall(r'href="(/admin/[^"#]*)"', content):
            link = unescape(link)
            if "logout" not in link and link not in seen:
                queue.append(link)
    return pages


@pytest.mark.parametrize("persona", ADMINISTRATIVE)
def test_no_admin_page_shows_a_supervisees_name_identity_or_phone(world, client, persona):
    phone_accounts(world)
    secrets = case_data(world)
    client.force_login(world.users[persona], backend="django.contrib.auth.backends.ModelBackend")
    pages = crawl(client, world)
    leaks = [
        f"{url} ({status}) shows {secret}"
        for url, (status, text) in pages.items()
        for secret in secrets
        if secret in text
    ]
    assert not leaks, "\n".join(leaks[:20])
    reached = [url for url, (status, _) in pages.items() if status == 200]
    if persona == "auditor":
        assert reached == [], "the auditor has no business in the admin site"
    else:
        assert reverse("admin:index") in reached  # the crawl really saw the site


def test_the_crawl_would_see_a_name_on_a_page(world, client):
    """The crawl reads what the pages say: the administrator's own name, on every page's header, is found."""
    client.force_login(world.users["admin"], backend="django.contrib.auth.backends.ModelBackend")
    pages = crawl(client, world)
    assert any(world.users["admin"].full_name in text for status, text in pages.values() if status == 200)

"""Export of the register and the JSON API: same jurisdiction, masking and access log as the pages."""

import csv
import io

from django.urls import reverse

from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_verify


def test_county_export_is_a_masked_csv_and_every_record_is_logged(world, login):
    client = login(world.users["county_officer"])
    response = client.get(reverse("supervisees:export"), {"status": "under_correction"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["姓名", "性别", "证件号码"]
    assert {r[0] for r in rows[1:]} == {"张三", "李小明", "王五"}
    for person in (world.people["A"], world.people["B"]):
        assert person.id_number not in text
        assert person.phone not in text
    logged = AccessLog.objects.filter(action=AccessLog.Action.EXPORT)
    assert sorted(logged.values_list("supervisee__name", flat=True)) == sorted(["张三", "李小明", "王五"])
    assert access_log_verify() == (3, None)


def test_office_officer_cannot_export(world, login):
    assert login(world.users["office_officer"]).get(reverse("supervisees:export")).status_code == 403


def test_api_lists_the_users_jurisdiction_with_masked_numbers(world, login):
    client = login(world.users["office_officer"])
    body = client.get("/api/supervisees/", {"limit": 2}).json()
    assert body["count"] == 3
    assert len(body["items"]) == 2
    a = world.people["A"]
    assert all(item["id_number_masked"].count("*") == 8 for item in body["items"])
    assert a.id_number not in str(body)


def test_api_detail_logs_the_view_and_hides_other_jurisdictions(world, login):
    client = login(world.users["office_officer"])
    a, b = world.people["A"], world.people["B"]
    detail = client.get(f"/api/supervisees/{a.pk}").json()
    assert detail["id_number"] == a.id_number
    assert detail["deciding_authority"] == "红塔区人民法院"
    assert AccessLog.objects.filter(supervisee=a, action="view").count() == 1
    missing = client.get(f"/api/supervisees/{b.pk}")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "未找到"}


def test_api_requires_a_session(world, client):
    assert client.get("/api/supervisees/").status_code == 401


def test_openapi_document_describes_the_register_endpoints(world, login):
    schema = login(world.users["office_officer"]).get("/api/openapi.json").json()
    assert "/api/supervisees/" in schema["paths"]
    assert "/api/supervisees/{supervisee_id}" in schema["paths"]


def test_export_defuses_cells_a_spreadsheet_would_read_as_formulas(world, login):
    """A name or crime typed as =…, +…, -…, @…, or starting with a tab or CR is written with a leading quote, so Excel
    and WPS show the text instead of running it; ordinary cells are written unchanged."""
    from tests.factories import SuperviseeFactory

    where = {"judicial_office": world.yuxing, "deciding_authority": world.units["hongta_court"]}
    SuperviseeFactory(name='=HYPERLINK("http://x","点此")', crime="+1+2", **where)
    SuperviseeFactory(name="@SUM(A1)", crime="-2+3", **where)
    SuperviseeFactory(name="\t=1", crime="\r=1", **where)
    response = login(world.users["county_officer"]).get(reverse("supervisees:export"))
    assert response.content.startswith("\ufeff".encode())  # Excel reads the Chinese as UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    cells = {(r[0], r[5]) for r in rows[1:]}
    assert ('\'=HYPERLINK("http://x","点此")', "'+1+2") in cells
    assert ("'@SUM(A1)", "'-2+3") in cells
    assert ("'\t=1", "'\r=1") in cells
    assert ("张三", "盗窃罪") in cells

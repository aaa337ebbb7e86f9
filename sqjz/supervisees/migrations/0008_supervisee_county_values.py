"""Every record's county: its office's (one UPDATE with a subquery, whatever the number of records)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Supervisee = apps.get_model("supervisees", "Supervisee")
    Unit = apps.get_model("organisation", "Unit")
    office_county = Unit.objects.filter(pk=OuterRef("judicial_office_id")).values("county_id")[:1]
    Supervisee.objects.update(county_id=Subquery(office_county))


class Migration(migrations.Migration):
    dependencies = [("supervisees", "0007_supervisee_county")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]

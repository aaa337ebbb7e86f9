"""Re-derive the minor flag now that 周岁 counts from the day after the birthday (法释〔2006〕1号第二条): a person who
offended (or whose term began) on their 18th birthday was still a minor, so the record is sealed. The flag is only ever
turned on here; the rule itself is frozen into this file, as a migration must not follow later code."""

from datetime import date, timedelta

from django.db import migrations

ADULT_AGE = 18
BATCH = 1000


def adult_from(birth: date) -> date:
    """The first day of 18 周岁: the day after the 18th birthday (28 February for a 29 February birth)."""
    try:
        birthday = birth.replace(year=birth.year + ADULT_AGE)
    except ValueError:
        birthday = date(birth.year + ADULT_AGE, 2, 28)
    return birthday + timedelta(days=1)


def seal(apps, schema_editor):
    Supervisee = apps.get_model("supervisees", "Supervisee")
    rows = (
        Supervisee.objects.filter(is_minor=False)
        .values_list("pk", "birth_date", "offence_date", "term_start")
        .iterator(chunk_size=5000)
    )
    pks = [pk for pk, birth, offence, start in rows if min(offence, start) < adult_from(birth)]
    for i in range(0, len(pks), BATCH):
        Supervisee.objects.filter(pk__in=pks[i : i + BATCH]).update(is_minor=True)


class Migration(migrations.Migration):
    dependencies = [("supervisees", "0002_historicalsupervisee_temporary_release_ground_and_more")]

    operations = [migrations.RunPython(seal, migrations.RunPython.noop, elidable=True)]

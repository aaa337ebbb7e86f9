"""Re-derive the minor flag of investigations now that 周岁 counts from the day after the birthday (法释〔2006〕1号
第二条): a person who offended on their 18th birthday was still a minor, so the investigation is sealed. The flag is
only ever turned on here; the rule itself is frozen into this file, as a migration must not follow later code."""

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
    Investigation = apps.get_model("investigation", "Investigation")
    rows = (
        Investigation.objects.filter(is_minor=False)
        .values_list("pk", "birth_date", "offence_date", "received_on")
        .iterator(chunk_size=5000)
    )
    pks = [pk for pk, birth, offence, received in rows if min(offence, received) < adult_from(birth)]
    for i in range(0, len(pks), BATCH):
        Investigation.objects.filter(pk__in=pks[i : i + BATCH]).update(is_minor=True)


class Migration(migrations.Migration):
    dependencies = [("investigation", "0002_alter_historicalinvestigation_fast_track_and_more")]

    operations = [migrations.RunPython(seal, migrations.RunPython.noop, elidable=True)]

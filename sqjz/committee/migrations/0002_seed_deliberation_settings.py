from django.db import migrations

SEED = [
    ("revocation_proposal", "撤销缓刑、假释建议", "county"),
    ("committal_proposal", "收监执行建议", "county"),
    ("commutation_proposal", "减刑建议", "county"),
    ("contested_grade", "考核结果异议", "county"),
    ("difficult_case", "疑难复杂案件", "county"),
]


def seed(apps, schema_editor):
    setting = apps.get_model("committee", "DeliberationSetting")
    for code, label, level in SEED:
        setting.objects.update_or_create(code=code, defaults={"label": label, "level": level})


def unseed(apps, schema_editor):
    apps.get_model("committee", "DeliberationSetting").objects.filter(code__in=[c for c, _, _ in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("committee", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]

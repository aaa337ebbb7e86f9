import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("supervisees", "0008_supervisee_county_values")]

    operations = [
        migrations.AlterField(
            model_name="supervisee",
            name="county",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                limit_choices_to={"level": "county"},
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisation.division",
                verbose_name="所属县（市、区）",
            ),
        ),
        migrations.AddIndex(
            model_name="supervisee",
            index=models.Index(fields=["county", "term_start", "id"], name="supervisee_county_term_start"),
        ),
        migrations.AddIndex(
            model_name="supervisee",
            index=models.Index(fields=["county", "term_end", "id"], name="supervisee_county_term_end"),
        ),
        migrations.AddIndex(
            model_name="supervisee",
            index=models.Index(fields=["county", "name_initials", "id"], name="supervisee_county_initials"),
        ),
        migrations.AddIndex(
            model_name="supervisee",
            index=models.Index(
                fields=["county", "name"], name="supervisee_county_name", opclasses=["", "varchar_pattern_ops"]
            ),
        ),
    ]

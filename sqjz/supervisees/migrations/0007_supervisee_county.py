"""The office's county on each record (decision 0023), in three steps: the column, its values, then NOT NULL and the
county's indexes (built after the values are in, which is quicker). Each step is its own migration: PostgreSQL does
not alter a table that has pending trigger events from the update in the same transaction."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0005_rule_titles_in_help"),
        ("supervisees", "0006_register_sort_and_prefix_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="supervisee",
            name="county",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                limit_choices_to={"level": "county"},
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisation.division",
                verbose_name="所属县（市、区）",
            ),
        ),
    ]

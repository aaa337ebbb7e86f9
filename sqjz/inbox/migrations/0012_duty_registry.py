"""Items of registered duties: the kind is a registered duty's (no choices here), the record is a subject id
(whose meaning is the duty's), and each item names who must act (a unit, or a user)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_subjects(apps, schema_editor):
    InboxItem = apps.get_model("inbox", "InboxItem")
    for item in InboxItem.objects.all().iterator():
        item.subject_id = item.supervisee_id or item.investigation_id or item.opinion_id
        item.actor_unit_id = item.office_id
        if item.opinion_id:
            item.supervisee_id = None
        item.save(update_fields=["subject_id", "actor_unit", "supervisee"])


class Migration(migrations.Migration):
    dependencies = [
        ("inbox", "0011_checkin_kind"),
        ("organisation", "0004_alter_unit_travel_approval_delegated"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="inboxitem", name="one_open_item_per_kind"),
        migrations.RemoveConstraint(model_name="inboxitem", name="one_open_item_per_investigation"),
        migrations.RemoveConstraint(model_name="inboxitem", name="one_open_item_per_opinion"),
        migrations.RemoveConstraint(model_name="inboxitem", name="inbox_item_about_one_record"),
        migrations.AddField(
            model_name="inboxitem",
            name="subject_id",
            field=models.PositiveBigIntegerField(null=True, verbose_name="所涉记录"),
        ),
        migrations.AddField(
            model_name="inboxitem",
            name="subject_label",
            field=models.CharField(default="", max_length=100, verbose_name="对象"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="inboxitem",
            name="actor_unit",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisation.unit",
                verbose_name="承办单位",
            ),
        ),
        migrations.AddField(
            model_name="inboxitem",
            name="actor_user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="inbox_items",
                to=settings.AUTH_USER_MODEL,
                verbose_name="承办人",
            ),
        ),
        migrations.RunPython(fill_subjects, migrations.RunPython.noop),
        migrations.RemoveField(model_name="inboxitem", name="investigation"),
        migrations.RemoveField(model_name="inboxitem", name="opinion"),
        migrations.AlterField(
            model_name="inboxitem",
            name="subject_id",
            field=models.PositiveBigIntegerField(verbose_name="所涉记录"),
        ),
        migrations.AlterField(
            model_name="inboxitem",
            name="actor_unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisation.unit",
                verbose_name="承办单位",
            ),
        ),
        migrations.AlterField(
            model_name="inboxitem",
            name="kind",
            field=models.CharField(max_length=40, verbose_name="事项"),
        ),
        migrations.AlterField(
            model_name="inboxitem",
            name="office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisation.unit",
                verbose_name="所属单位",
            ),
        ),
        migrations.AddConstraint(
            model_name="inboxitem",
            constraint=models.UniqueConstraint(
                condition=models.Q(("state", "open")), fields=("kind", "subject_id"), name="one_open_item_per_subject"
            ),
        ),
        migrations.AddIndex(
            model_name="inboxitem",
            index=models.Index(fields=["actor_unit", "state"], name="inbox_inbox_actor_u_f187bf_idx"),
        ),
        migrations.AddIndex(
            model_name="inboxitem",
            index=models.Index(fields=["supervisee", "state"], name="inbox_inbox_supervi_55aeb7_idx"),
        ),
    ]

"""Pages of the register: list with search and filters, record, registration, edit and export."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.core.context_processors import clear_draft
from sqjz.core.http import int_param
from sqjz.core.identity import mask_identity, mask_phone
from sqjz.core.pagination import CappedPaginator
from sqjz.core.spreadsheet import csv_response
from sqjz.core.workflow import run_step
from sqjz.supervisees import services
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.forms import (
    AssignmentForm,
    FamilyContactFormSet,
    ProhibitionOrderFormSet,
    RegistrationConflictResolveForm,
    SuperviseeForm,
)
from sqjz.supervisees.history import supervisee_history
from sqjz.supervisees.models import CorrectionType, RegistrationConflict, Status, Supervisee
from sqjz.supervisees.permissions import (
    Access,
    can_access,
    get_registration_conflict_for_user,
    get_supervisee_for_user,
)
from sqjz.supervisees.record_links import links_for
from sqjz.supervisees.selectors import (
    FLAGS,
    SORTS,
    RegisterFilter,
    register_filter_options,
    registration_conflict_list,
    supervisee_list,
    visible_supervisee_ids,
)
from sqjz.timeline.registry import kinds as timeline_kinds
from sqjz.timeline.registry import timeline_for

PAGE_SIZES = (20, 50, 100)
EXPORT_LIMIT = 10000


def _filter_from(request: HttpRequest) -> RegisterFilter:
    g = request.GET
    return RegisterFilter(
        q=g.get("q", "").strip()[:50],
        county=int_param(g.get("county")),
        office=int_param(g.get("office")),
        correction_type=g.get("type", "") if g.get("type") in CorrectionType.values else "",
        status=g.get("status", "") if g.get("status") in Status.values else "",
        flag=g.get("flag", "") if g.get("flag") in FLAGS else "",
        sort=g.get("sort", "") if g.get("sort") in SORTS else "-term_start",
    )


@capability_required(Capability.SUPERVISEE_VIEW)
def supervisee_list_view(request: HttpRequest) -> HttpResponse:
    f = _filter_from(request)
    counties, offices = register_filter_options(request.user, f.county)
    if (counties or offices) and f.office not in {o.pk for o in offices}:
        f.office = None  # an office of a county no longer picked
    per_page = int_param(request.GET.get("per_page"))
    per_page = per_page if per_page in PAGE_SIZES else PAGE_SIZES[0]
    page = CappedPaginator(supervisee_list(request.user, f), per_page).get_page(request.GET.get("page"))
    partial = bool(request.headers.get("HX-Request"))
    context = {
        "page": page,
        "filter": f,
        "counties": counties,
        "offices": offices,
        "types": CorrectionType.choices,
        "statuses": Status.choices,
        "flags": [(key, label) for key, (label, _) in FLAGS.items()],
        "page_sizes": PAGE_SIZES,
        "per_page": per_page,
        "today": timezone.localdate(),
        "can_register": has_capability(request.user, Capability.SUPERVISEE_EDIT),
        "can_export": has_capability(request.user, Capability.SUPERVISEE_EXPORT),
        "crumbs": [("矫正对象名册", None)],
    }
    context["oob"] = partial  # the results come with the office filter of the county now picked
    template = "supervisees/_list_results.html" if partial else "supervisees/list.html"
    return render(request, template, context)


@capability_required(Capability.SUPERVISEE_VIEW)
def supervisee_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    supervisee = supervisee_viewed(request, pk)
    show_identity = has_capability(request.user, Capability.SUPERVISEE_VIEW_IDENTITY)
    days_left = (supervisee.term_end - timezone.localdate()).days
    context = {
        "s": supervisee,
        "id_number": supervisee.id_number if show_identity else mask_identity(supervisee.id_number),
        "phone": supervisee.phone if show_identity else mask_phone(supervisee.phone),
        "show_identity": show_identity,
        "contacts": list(supervisee.family_contacts.all()),
        "orders": list(supervisee.prohibition_orders.all()),
        "history": supervisee_history(supervisee),
        "timeline": timeline_for(supervisee),
        "level": supervisee.levels.filter(effective_from__lte=timezone.localdate()).first(),  # the one in force
        "has_photo": bool(getattr(getattr(supervisee, "handover", None), "photo", "")),
        "timeline_kinds": timeline_kinds(),
        "record_links": links_for(supervisee, request.user),
        "documents": list(supervisee.documents.order_by("issued_at", "id")),
        "days_left": days_left,
        "days_overdue": -days_left,
        "can_edit": can_access(request.user, supervisee, Access.EDIT),
        "staff": has_capability(request.user, Capability.SUPERVISEE_EDIT),
        "can_issue_opinion": has_capability(request.user, Capability.OVERSIGHT_ISSUE),
        "crumbs": [("矫正对象名册", reverse("supervisees:list")), (supervisee.name, None)],
    }
    return render(request, "supervisees/detail.html", context)


def _related_from(contact_formset, order_formset) -> services.Related:
    return services.Related(
        family_contacts=[
            f.instance for f in contact_formset.forms if f.has_changed() and f not in contact_formset.deleted_forms
        ],
        prohibition_orders=[
            f.instance for f in order_formset.forms if f.has_changed() and f not in order_formset.deleted_forms
        ],
        deleted=[f.instance for f in [*contact_formset.deleted_forms, *order_formset.deleted_forms] if f.instance.pk],
    )


def _edit(request: HttpRequest, supervisee: Supervisee, draft_key: str) -> HttpResponse:
    creating = supervisee.pk is None
    data = request.POST if request.method == "POST" else None
    form = SuperviseeForm(data, instance=supervisee, user=request.user)
    contacts = FamilyContactFormSet(data, instance=supervisee, prefix="contacts")
    orders = ProhibitionOrderFormSet(data, instance=supervisee, prefix="orders")
    if data is not None and form.is_valid() and contacts.is_valid() and orders.is_valid():
        try:
            if creating:
                saved = services.supervisee_register(
                    actor=request.user,
                    supervisee=form.instance,
                    related=_related_from(contacts, orders),
                    status=form.cleaned_data["status"],
                )
            else:
                saved = services.supervisee_update(
                    actor=request.user,
                    supervisee=form.instance,
                    related=_related_from(contacts, orders),
                    expected_version=form.cleaned_data.get("version") or 0,
                )
        except services.RegisterError as error:
            form.add_error(error.field, error.message)
        else:
            clear_draft(request, draft_key)
            messages.success(request, f"已{'登记' if creating else '保存'}矫正对象 {saved.name}。")
            return redirect("supervisees:detail", pk=saved.pk)
    title = "登记矫正对象" if creating else f"修改 {supervisee.name} 的信息"
    crumbs = [("矫正对象名册", reverse("supervisees:list"))]
    if not creating:
        crumbs.append((supervisee.name, reverse("supervisees:detail", args=[supervisee.pk])))
    context = {
        "form": form,
        "contacts": contacts,
        "orders": orders,
        "title": title,
        "draft_key": draft_key,
        "crumbs": [*crumbs, (title, None)],
    }
    return render(request, "supervisees/form.html", context)


@capability_required(Capability.SUPERVISEE_EDIT)
def supervisee_create_view(request: HttpRequest) -> HttpResponse:
    return _edit(request, Supervisee(), "supervisee-new")


@capability_required(Capability.SUPERVISEE_EDIT)
def supervisee_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    supervisee = get_supervisee_for_user(request.user, pk, Access.EDIT)
    return _edit(request, supervisee, f"supervisee-edit-{pk}")


@capability_required(Capability.SUPERVISEE_EXPORT)
def supervisee_export_view(request: HttpRequest) -> HttpResponse:
    """The filtered register as CSV (opens in Excel); numbers masked; every exported record is logged."""
    f = _filter_from(request)
    with transaction.atomic():
        rows = list(supervisee_list(request.user, f)[: EXPORT_LIMIT + 1])
        if len(rows) > EXPORT_LIMIT:
            messages.error(request, f"导出结果超过{EXPORT_LIMIT}条，请先用筛选条件缩小范围。")
            return redirect(f"{reverse('supervisees:list')}?{request.GET.urlencode()}")
        access_log_write(
            actor=request.user, action=AccessLog.Action.EXPORT, supervisee_ids=[s.pk for s in rows], request=request
        )
    header = [
        "姓名",
        "性别",
        "证件号码",
        "联系电话",
        "矫正类别",
        "罪名",
        "矫正起始日",
        "矫正终止日",
        "负责司法所",
        "所属县（市、区）",
        "状态",
    ]
    return csv_response(
        f"矫正对象名册-{timezone.localdate():%Y%m%d}.csv",
        header,
        (
            [
                s.name,
                s.get_gender_display(),
                mask_identity(s.id_number),
                mask_phone(s.phone) if s.phone else "",
                s.get_correction_type_display(),
                s.crime,
                s.term_start.isoformat(),
                s.term_end.isoformat(),
                s.judicial_office.name,
                s.judicial_office.county.name if s.judicial_office.county else "",
                s.get_status_display(),
            ]
            for s in rows
        ),
    )


# ------------------------------------------------------------------------------------------- case assignments


def _assignments_page(request: HttpRequest, s: Supervisee, form=None, status: int = 200) -> HttpResponse:
    context = {
        "s": s,
        "assignments": list(
            s.assignments.select_related("user__unit", "assigned_by", "ended_by").order_by(
                "-is_active", "kind", "-assigned_at", "-id"
            )
        ),
        "form": form or AssignmentForm(supervisee=s),
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("案件分派", None),
        ],
    }
    return render(request, "supervisees/assignments.html", context, status=status)


@capability_required(Capability.SUPERVISEE_EDIT)
def assignments_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Who besides the agency works on the case: assign a social worker, volunteer, mentor or the procurator."""
    get_supervisee_for_user(request.user, pk, Access.EDIT)  # 404 outside the editable jurisdiction
    s = supervisee_viewed(request, pk)
    if request.method != "POST":
        return _assignments_page(request, s)
    form = AssignmentForm(request.POST, supervisee=s)

    def act(data):
        kind, _, user_id = data["person"].partition(":")
        services.assignment_add(actor=request.user, supervisee=s, kind=kind, user_id=int_param(user_id))

    return run_step(
        request,
        form=form,
        act=act,
        done="已分派，其即日起可查看该矫正对象的档案。",
        back_to=reverse("supervisees:assignments", args=[s.pk]),
        rerender=lambda: _assignments_page(request, s, form),
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def assignment_end_view(request: HttpRequest, pk: int, assignment_id: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    return run_step(
        request,
        form=None,
        act=lambda _: services.assignment_end(actor=request.user, supervisee=s, assignment_id=assignment_id),
        done="已解除分派，其不再能查看该矫正对象的档案。",
        back_to=reverse("supervisees:assignments", args=[s.pk]),
        rerender=lambda: _assignments_page(request, s),
    )


def _resolve_form(conflict: RegistrationConflict, data=None) -> RegistrationConflictResolveForm:
    return RegistrationConflictResolveForm(data, auto_id=f"conflict{conflict.pk}_%s")


def _conflicts_page(request: HttpRequest, failed: tuple[int, RegistrationConflictResolveForm] | None = None):
    """The conflicts and, for each, what the city may see of the existing record: its personal data only within the
    city's jurisdiction (a sealed minor's record shows the agency that holds it, not whose it is); what is shown is
    written to the access log in the same transaction."""
    user = request.user
    with transaction.atomic():
        page = Paginator(registration_conflict_list(user), 20).get_page(request.GET.get("page"))
        conflicts = list(page.object_list)
        records = [c.existing_id for c in conflicts] + [c.edited_id for c in conflicts if c.edited_id]
        visible = visible_supervisee_ids(user, records)
        access_log_write(actor=user, action=AccessLog.Action.VIEW, supervisee_ids=sorted(visible), request=request)
    rows = [
        {
            "c": c,
            "shown": c.existing_id in visible,
            "edited_shown": c.edited_id in visible,
            "id_number": mask_identity(c.existing.id_number) if c.existing_id in visible else "",
            "form": failed[1] if failed and failed[0] == c.pk else _resolve_form(c),
        }
        for c in conflicts
    ]
    context = {
        "page": page,
        "rows": rows,
        "crumbs": [("矫正对象名册", reverse("supervisees:list")), ("登记冲突核查", None)],
    }
    return render(request, "supervisees/conflicts.html", context)


@capability_required(Capability.REGISTRATION_CONFLICT_HANDLE)
def registration_conflict_list_view(request: HttpRequest) -> HttpResponse:
    return _conflicts_page(request)


@require_POST
@capability_required(Capability.REGISTRATION_CONFLICT_HANDLE)
def registration_conflict_resolve_view(request: HttpRequest, pk: int) -> HttpResponse:
    conflict = get_registration_conflict_for_user(request.user, pk)
    form = _resolve_form(conflict, request.POST)
    return run_step(
        request,
        form=form,
        act=lambda d: services.registration_conflict_resolve(
            actor=request.user, conflict=conflict, resolution=d["resolution"]
        ),
        done="已记录核查结果。",
        back_to=reverse("supervisees:conflicts"),
        rerender=lambda: _conflicts_page(request, failed=(conflict.pk, form)),
    )

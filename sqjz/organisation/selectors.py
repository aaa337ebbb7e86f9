"""Reads of the organisation tree that every area needs."""

from sqjz.organisation.models import Unit


def county_unit(office: Unit, kind: str) -> Unit | None:
    """The active unit of `kind` in the office's county, e.g. the procuratorate of the place of execution, which the
    law copies in (实施办法第十三、十四条), or the county public security bureau."""
    return Unit.objects.filter(kind=kind, county_id=office.county_id, is_active=True).first()


def county_procuratorate(office: Unit) -> Unit | None:
    return county_unit(office, Unit.Kind.PROCURATORATE)


def county_public_security(office: Unit) -> Unit | None:
    """The public-security bureau of the place of execution, which the law notifies (社区矫正法第四十四、五十一条)."""
    return county_unit(office, Unit.Kind.PUBLIC_SECURITY)

"""Test data builders. Supervisees are saved through the same derivation as the services use."""

from datetime import date, timedelta
from io import BytesIO

import factory
from django.utils import timezone
from PIL import Image

from sqjz.accounts.models import Role, User
from sqjz.accounts.services import totp_required, user_apply_role_flags
from sqjz.core.identity import check_char
from sqjz.investigation.models import Investigation
from sqjz.investigation.services import investigation_derive
from sqjz.organisation.models import Division, Unit
from sqjz.supervisees.choices import Education, Ethnicity
from sqjz.supervisees.models import CorrectionType, Gender, Status, Supervisee
from sqjz.supervisees.services import supervisee_derive

PASSWORD = "Test@pass2026"


def jpeg(size: tuple[int, int] = (96, 128)) -> bytes:
    """A real (small) JPEG photo, as a phone or a camera sends it."""
    buffer = BytesIO()
    Image.new("RGB", size, (200, 180, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def resident_id(region: str, birth: date, sequence: int, *, male: bool = True) -> str:
    """A well-formed identity number (GB 11643 check character)."""
    seq = sequence * 2 + (1 if male else 0)
    first17 = f"{region}{birth:%Y%m%d}{seq % 1000:03d}"
    return first17 + check_char(first17)


class DivisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Division

    code = factory.Sequence(lambda n: f"9{n:05d}")
    name = factory.Sequence(lambda n: f"区划{n}")
    level = Division.Level.VILLAGE


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"单位{n}")
    kind = Unit.Kind.JUDICIAL_OFFICE
    division = factory.SubFactory(DivisionFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    role = Role.OFFICE_OFFICER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        user = model_class(*args, **kwargs)
        user_apply_role_flags(user)
        if totp_required(user):
            user.totp_enabled_at = timezone.now()  # administrative roles must have two-factor login set up
            user.totp_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
        user.save()
        return user

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SuperviseeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supervisee

    name = factory.Sequence(lambda n: f"对象{n}")
    gender = Gender.MALE
    ethnicity = Ethnicity.HAN
    birth_date = date(1990, 5, 17)
    id_number = factory.Sequence(lambda n: resident_id("530402", date(1990, 5, 17), n))
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    household_address = "云南省玉溪市红塔区玉兴街道1号"
    residence_address = "云南省玉溪市红塔区玉兴街道1号"
    education = Education.JUNIOR
    correction_type = CorrectionType.PROBATION
    crime = "盗窃罪"
    crime_article = "刑法第二百六十四条"
    offence_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=300))
    original_sentence = "有期徒刑一年，缓刑二年"
    judgment_effective_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))
    term_start = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))
    term_end = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=630))
    status = Status.UNDER_CORRECTION

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        supervisee = model_class(*args, **kwargs)
        supervisee_derive(supervisee)
        supervisee.save()
        return supervisee


class InvestigationFactory(factory.django.DjangoModelFactory):
    """A commission received yesterday, being investigated; derived fields as the service sets them."""

    class Meta:
        model = Investigation

    commission_number = factory.Sequence(lambda n: f"（2026）云0402刑初{n}号")
    received_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    procuratorate_notified_on = factory.LazyAttribute(lambda o: o.received_on)
    name = factory.Sequence(lambda n: f"被调查人{n}")
    gender = Gender.MALE
    birth_date = date(1992, 3, 8)
    id_number = factory.Sequence(lambda n: resident_id("530402", date(1992, 3, 8), n))
    residence_address = "云南省玉溪市红塔区玉兴街道2号"
    crime = "危险驾驶罪"
    offence_date = date(2026, 6, 1)
    proposed_correction_type = CorrectionType.PROBATION

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        inv = model_class(*args, **kwargs)
        investigation_derive(inv)
        inv.save()
        return inv

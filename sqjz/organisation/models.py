"""The organisation: administrative places (Division) and the bodies that work in them (Unit).

Divisions form the tree city → county → township/street → village/community with statistical codes.
Units are correction agencies, judicial offices and partner bodies; each sits in a division and, below
city level, in a county. A judicial office sits in its township and answers to its county agency.
"""

from django.db import models


class Division(models.Model):
    class Level(models.TextChoices):
        CITY = "city", "市"
        COUNTY = "county", "县（市、区）"
        TOWNSHIP = "township", "乡镇（街道）"
        VILLAGE = "village", "村（社区）"

    code = models.CharField("区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=100)
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级区划", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    class Kind(models.TextChoices):
        CITY_AGENCY = "city_agency", "市级社区矫正机构"
        COUNTY_AGENCY = "county_agency", "县级社区矫正机构"
        JUDICIAL_OFFICE = "judicial_office", "司法所"
        COURT = "court", "人民法院"
        PROCURATORATE = "procuratorate", "人民检察院"
        PUBLIC_SECURITY = "public_security", "公安局"
        POLICE_STATION = "police_station", "派出所"
        PRISON = "prison", "监狱"
        VILLAGE_COMMITTEE = "village_committee", "村（居）民委员会"
        SOCIAL_ORGANISATION = "social_organisation", "社会组织"

    # Bodies that may impose community correction (社区矫正法第十七条: courts, prison administration,
    # public security).
    DECIDING_KINDS = (Kind.COURT, Kind.PRISON, Kind.PUBLIC_SECURITY)

    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=24, choices=Kind.choices)
    division = models.ForeignKey(Division, verbose_name="所在区划", on_delete=models.PROTECT, related_name="units")
    county = models.ForeignKey(
        Division,
        verbose_name="所属县（市、区）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="county_units",
        help_text="市级单位留空",
    )
    parent = models.ForeignKey(
        "self", verbose_name="上级单位", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    document_code = models.CharField(
        "文号代字",
        max_length=20,
        blank=True,
        help_text="本机关制发文书的代字，如“玉红司矫”；留空时按所在市、县（市、区）名称首字生成",
    )
    travel_approval_delegated = models.BooleanField(
        "委托司法所审批短期外出",
        default=True,
        help_text="县级社区矫正机构：是否委托所属司法所审批短期外出（天数上限见法律规则“外出审批权限”）",
    )
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["division__code", "kind", "name"]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list["Unit"]:
        """From the top unit down to this one (a few queries; the tree is at most four deep)."""
        chain = [self]
        while chain[0].parent_id:
            chain.insert(0, chain[0].parent)
        return chain

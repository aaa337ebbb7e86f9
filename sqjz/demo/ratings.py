"""Demo community ratings (社区评议): 杨梅 (yangmei), evaluator of 上营社区 (星云街道), has rated her village's people
for the period the office assesses next, so 周丽 reads them on the assessment page; 周秀英 (zhoulaoshi, 荷花社区) has
not rated yet: her 社区评议 page shows the work waiting for her."""

from datetime import date

from sqjz.assessment import services
from sqjz.assessment.models import CommunityRating
from sqjz.assessment.selectors import village_ratings
from sqjz.rulebook.selectors import statute_context

NOTES = ["遵守村规民约，邻里关系和睦", "按时参加社区环境整治，表现积极"]


def seed_ratings(*, today: date, users: dict) -> None:
    evaluator = users.get("yangmei")
    if evaluator is None or CommunityRating.objects.exists():
        return
    rows = [r for r in village_ratings(statute_context(), evaluator, today) if r.period is not None]
    for row, note in zip(rows, NOTES, strict=False):
        services.rating_save(
            actor=evaluator,
            supervisee_id=row.person.pk,
            rating=CommunityRating(
                law_abiding="good", compliance="good", education="fair", community_service="good", note=note
            ),
        )

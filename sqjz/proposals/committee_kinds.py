"""The kinds of matter proposals put to the review committee (the committee's settings say which need deliberation
now: revocation, committal and commutation by the county committee, seeded); the resolution moves the proposal on."""

from sqjz.committee.registry import MatterKind, register


def _on_resolved(matter) -> None:
    from sqjz.proposals.services import matter_resolved

    matter_resolved(matter)


REVOCATION = register(MatterKind("revocation_proposal", "撤销缓刑、假释建议", _on_resolved))
COMMITTAL = register(MatterKind("committal_proposal", "收监执行建议", _on_resolved))
COMMUTATION = register(MatterKind("commutation_proposal", "减刑建议", _on_resolved))
POLICE_PENALTY = register(MatterKind("police_penalty_proposal", "治安管理处罚建议", _on_resolved))

"""What other areas tell enforcement about a person: the police penalties imposed on them (治安管理处罚), which
the SUPERVISION_LEVEL rule counts for the quarterly level review. The proposals area records them and depends on
enforcement, so it registers its counter here instead of enforcement importing it (no import cycle)."""

from collections.abc import Callable

# supervisee id → how many police penalties the person received and has not been found to have corrected
PenaltyCounter = Callable[[int], int]
POLICE_PENALTY_COUNTERS: list[PenaltyCounter] = []


def register_police_penalties(counter: PenaltyCounter) -> PenaltyCounter:
    if counter not in POLICE_PENALTY_COUNTERS:
        POLICE_PENALTY_COUNTERS.append(counter)
    return counter


def police_penalties_uncorrected(supervisee_id: int) -> int:
    return sum(counter(supervisee_id) for counter in POLICE_PENALTY_COUNTERS)

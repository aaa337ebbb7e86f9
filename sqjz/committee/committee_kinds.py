"""The committee's own kind of matter: a difficult or complex case (疑难复杂案件) an officer puts to the committee
from the person's record. Nothing follows automatically from its resolution."""

from sqjz.committee.registry import MatterKind, register

DIFFICULT_CASE = register(MatterKind("difficult_case", "疑难复杂案件"))

"""Assessment's kind of matter for the review committee: a grade the person contests (考核结果异议)."""

from sqjz.committee.registry import MatterKind, register

CONTESTED_GRADE = register(MatterKind("contested_grade", "考核结果异议"))

"""The lost-contact step of the daily job (inbox.daily): open a case for everyone whose facts ground lost contact
today and who has no open case. Idempotent (one open case per person, backed by a constraint); a few queries for
the whole city."""

from sqjz.inbox.daily import DailyStep, register_step
from sqjz.lostcontact.services import lost_contact_detect

register_step(DailyStep(name="lost_contact", label="失联自动立案", run=lost_contact_detect, order=50))

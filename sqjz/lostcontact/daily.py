"""The lost-contact steps of the daily job (inbox.daily): close the open case of everyone whose correction has ended,
then open a case for everyone whose facts ground lost contact today and who has no open case. Idempotent (one open
case per person, backed by a constraint); a few queries for the whole city."""

from sqjz.inbox.daily import DailyStep, register_step
from sqjz.lostcontact.services import lost_contact_close_ended, lost_contact_detect

register_step(
    DailyStep(name="lost_contact_ended", label="矫正终止的失联查找结案", run=lost_contact_close_ended, order=45)
)

register_step(DailyStep(name="lost_contact", label="失联自动立案", run=lost_contact_detect, order=50))

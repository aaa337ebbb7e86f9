"""Chinese words for the codes and fact names rules use, so that pages (the rule book, decisions) show
officers Chinese, never identifiers. Rule modules contribute their own LABELS."""

from functools import cache

WORDS = {
    # correction types, levels, grades, measures, approvers
    "control": "管制",
    "probation": "缓刑",
    "parole": "假释",
    "temporary_release": "暂予监外执行",
    "judicial_office": "司法所（受委托）",
    "county_agency": "县级社区矫正机构",
    "city_agency": "上一级（市级）社区矫正机构",
    "good": "良好",
    "pass": "合格",
    "fail": "不合格",
    "strict": "严管",
    "ordinary": "普管",
    "lenient": "宽管",
    "required": "应当表扬",
    "possible": "可以表扬",
    "admonition": "训诫",
    "warning": "警告",
    "revocation": "提请撤销",
    "committal": "提请收监执行",
    "none": "无",
    "oral": "口头纠正意见",
    "written": "书面纠正意见",
    "minor": "轻微",
    "more_serious": "较重",
    "serious": "严重",
}

FACTS = {
    "addressee": "提出对象",
    "admonitions": "训诫次数",
    "admonitions_uncorrected": "受训诫仍未改正次数",
    "allowed": "准许",
    "application_received": "收到申请日",
    "applied_on": "申请日",
    "approver": "审批机关",
    "approved_on": "批准日",
    "approved_trips": "已批准的外出（起始日，天数）",
    "arrested_on": "逮捕日",
    "assessed_on": "考核日",
    "available": "具备情形",
    "birth_date": "出生日期",
    "commendation": "表扬",
    "consecutive_commendations": "连续表扬次数",
    "corrected_after_fails": "不合格后已改正",
    "correction_type": "矫正类别",
    "current_level": "现管理等级",
    "days": "天数",
    "decided_on": "决定日",
    "decision_received": "收到决定日",
    "documents_received": "收到法律文书日",
    "refused_on": "登记被拒日",
    "effective_date": "判决（裁定、决定）生效日",
    "end": "截止日",
    "excellent": "优秀",
    "extension": "延长",
    "failed_assessment": "考核不合格",
    "fast_track": "速裁程序",
    "files_received": "收到档案日",
    "grades": "考核等次",
    "grades_on_ordinary": "普管期间考核等次",
    "grounds": "情形",
    "intake_date": "入矫日",
    "last_day": "外出最后一日",
    "last_examination": "上次病情复查日",
    "left_area_without_approval": "未经批准离开所居住市县",
    "level": "管理等级",
    "low_risk": "再犯罪风险低",
    "move_on": "拟变更日",
    "offence_date": "犯罪时间",
    "office_delegated": "县级机构已委托司法所审批",
    "on": "日期",
    "ordinary_since": "转为普管日",
    "out_of_contact_since": "脱离监管起始日",
    "out_of_contact_until": "脱离监管截止日",
    "outstanding_education": "接受教育表现突出",
    "police_penalties_uncorrected": "受治安处罚仍未改正次数",
    "prohibition_breach": "违反禁止令",
    "proposal": "建议",
    "proposal_received": "收到建议书日",
    "received": "收到委托日",
    "refused_education": "不参加教育学习经教育仍不改正",
    "refused_reexamination_report": "未按时提交病情复查情况",
    "released_on": "出监日",
    "request_received": "收到征求意见函日",
    "requested_at": "提请时间",
    "requested_months": "申请期限（月）",
    "requested_on": "通知日",
    "checkin_days": "签到日期",
    "levels": "监管等级（起始日、等级）",
    "serious_circumstances_possible": "可以认定情节严重",
    "since": "起始日",
    "start": "起始日",
    "supervision_breach": "违反监督管理规定",
    "term_end": "矫正期满日",
    "term_start": "矫正起始日",
    "today": "当日",
    "until": "截止日",
    "warnings": "警告次数",
    "warnings_uncorrected": "受警告仍未改正次数",
    "window_end": "累计区间截止日",
    "window_start": "累计区间起始日",
    "window_total": "区间内累计外出天数",
    "received_documents": "已收到的法律文书",
    "minor": "未成年人",
    "items": "宣告内容",
    "public": "公开宣告",
    "guardian_present": "监护人到场",
    "signed": "签字确认",
    "members": "小组成员（类别，性别，熟悉青少年特点）",
    "supervisee_female": "对象为女性",
    "kind": "类别",
    "issued_on": "提出日",
    "reply_by": "要求回复日",
    "campaign": "排查名称",
    "ends_on": "完成期限",
}


@cache
def labels() -> dict[str, str]:
    from sqjz.statute.rules import assessment, discipline, intake, monitoring, supervision, terms

    return {
        **FACTS,
        **WORDS,
        **assessment.LABELS,
        **discipline.LABELS,
        **supervision.LABELS,
        **intake.LABELS,
        **terms.LABELS,
        **monitoring.MONITORING_GROUNDS,
    }


def label(code: str) -> str:
    """A value: a code in an outcome or a fact (a ground's code reads as the ground's text)."""
    return labels().get(code, code)


def field_label(name: str) -> str:
    """A field name: of a fact or an outcome (a fact named like a ground reads as the fact)."""
    return FACTS.get(name) or labels().get(name, name)

"""The demo's accounts: every county-level role in two counties (红塔区 and 江川区) and the city's roles,
named after the people of ../shared/journeys.md where they appear there. One password for all, printed by
`manage.py demo`."""

from dataclasses import dataclass

from sqjz.accounts.models import Role

DEMO_PASSWORD = "Yuxi@sqjz2026"  # noqa: S105 - the demo's published password, printed at start


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    unit_kind: str | None = None
    division_code: str | None = None
    note: str = ""


DEMO_ACCOUNTS = [
    DemoAccount("lina", "李娜", Role.OFFICE_OFFICER, "judicial_office", "530402001", "红塔区玉兴街道司法所"),
    DemoAccount("zhaoyang", "赵阳", Role.OFFICE_OFFICER, "judicial_office", "530402002", "红塔区凤凰街道司法所"),
    DemoAccount("zhangli", "张丽", Role.COUNTY_OFFICER, "county_agency", "530402", "红塔区社区矫正管理局"),
    DemoAccount("wangqiang", "王强", Role.COUNTY_HEAD, "county_agency", "530402", "红塔区社区矫正管理局负责人"),
    DemoAccount("zhaomin", "赵敏", Role.PROCURATOR, "procuratorate", "530402", "红塔区人民检察院"),
    DemoAccount("sunlei", "孙磊", Role.JUDGE, "court", "530402", "红塔区人民法院"),
    DemoAccount("yangbo", "杨波", Role.POLICE, "police_station", "530402001", "红塔区玉兴派出所"),
    DemoAccount("chenxiao", "陈晓", Role.SOCIAL_WORKER, "judicial_office", "530402001", "玉兴街道司法所社工"),
    DemoAccount("heping", "何平", Role.VOLUNTEER, "judicial_office", "530402001", "玉兴街道司法所志愿者"),
    DemoAccount("majun", "马军", Role.MENTOR, "public_security", "530402", "红塔区公安局结对干警"),
    DemoAccount("zhoulaoshi", "周秀英", Role.EVALUATOR, "village_committee", "530402001001", "荷花社区评议员"),
    DemoAccount("zhouli", "周丽", Role.OFFICE_OFFICER, "judicial_office", "530403001", "江川区星云街道司法所"),
    DemoAccount("luoming", "罗明", Role.COUNTY_OFFICER, "county_agency", "530403", "江川区社区矫正管理局"),
    DemoAccount("puhua", "普华", Role.COUNTY_HEAD, "county_agency", "530403", "江川区社区矫正管理局负责人"),
    DemoAccount("tianjing", "田静", Role.PROCURATOR, "procuratorate", "530403", "江川区人民检察院"),
    DemoAccount("lufeng", "鲁峰", Role.JUDGE, "court", "530403", "江川区人民法院"),
    DemoAccount("shitao", "施涛", Role.POLICE, "public_security", "530403", "江川区公安局"),
    DemoAccount("lixue", "李雪", Role.SOCIAL_WORKER, "judicial_office", "530403001", "星云街道司法所社工"),
    DemoAccount("wangfang", "王芳", Role.VOLUNTEER, "judicial_office", "530403001", "星云街道司法所志愿者"),
    DemoAccount("zhangjun", "张军", Role.MENTOR, "procuratorate", "530403", "江川区人民检察院结对干警"),
    DemoAccount("yangmei", "杨梅", Role.EVALUATOR, "village_committee", "530403001001", "上营社区评议员"),
    DemoAccount("liujianguo", "刘建国", Role.CITY_OFFICER, "city_agency", "530400", "玉溪市社区矫正管理局（刘科长）"),
    DemoAccount("songyan", "宋燕", Role.PRISON_OFFICER, "prison", "530400", "云南省玉溪监狱"),
    DemoAccount("chengang", "陈刚", Role.SUPERVISEE, None, None, "缓刑，玉兴街道；手机签到 /app/（用手机浏览器打开）"),
    DemoAccount("auditor", "审计员", Role.AUDITOR, None, None, "只看访问日志；首次登录须绑定动态口令"),
    DemoAccount("admin", "系统管理员", Role.ADMIN, None, None, "组织机构与系统配置；首次登录须绑定动态口令"),
    DemoAccount("anquan", "安全管理员", Role.SECURITY_ADMIN, None, None, "账户、角色与解锁；首次登录须绑定动态口令"),
]

"""Demo publicity (PUB-1, decision 0046), published through the services as the agencies would: the city bureau's
notice (刘建国, pinned) and a typical case, and 红塔区's legal-publicity post for the phones of its people under
correction (张丽). Posts are published today and then dated back a few days, as if published then."""

from datetime import date, timedelta

from django.utils import timezone

from sqjz.publicity import services
from sqjz.publicity.models import Post

POSTS = (  # (user, days ago, kind, title, body, for the phones, pinned)
    (
        "liujianguo",
        6,
        Post.Kind.NOTICE,
        "关于做好元旦春节期间社区矫正安全稳定工作的通知",
        "各县（市、区）社区矫正管理局：\n\n元旦、春节将至，为确保节日期间社区矫正工作安全稳定，现就有关事项通知如下。"
        "\n\n一、开展一次全面排查。各司法所要对在册社区矫正对象逐人走访，重点掌握思想动态、家庭和就业情况。"
        "\n\n二、严格外出审批。节日期间确需外出的，按规定审批并落实报告制度。"
        "\n\n三、落实值班制度。节日期间实行24小时值班，发现异常情况及时报告。",
        False,
        True,
    ),
    (
        "liujianguo",
        3,
        Post.Kind.CASE,
        "典型案例：社区矫正对象经帮扶实现稳定就业",
        "基本情况：社区矫正对象王某，因交通肇事罪被判处有期徒刑一年，缓刑二年，入矫时无业，家庭困难。"
        "\n\n帮扶措施：司法所会同社工为其进行需求评估，推荐参加叉车操作培训，培训合格后经帮扶企业录用。"
        "\n\n工作启示：把就业帮扶与教育矫正结合起来，有助于社区矫正对象顺利融入社会。",
        False,
        False,
    ),
    (
        "zhangli",
        1,
        Post.Kind.LAW,
        "法治宣传：外出须经批准，未经批准外出将受处罚",
        "社区矫正对象离开所居住的市、县，应当经过批准。未经批准擅自外出的，将视情节给予训诫、警告，"
        "情节严重的可能被提请撤销缓刑。\n\n如确需外出，请通过手机“外出申请”或到司法所办理。",
        True,
        False,
    ),
)


def seed_publicity(*, today: date, users: dict) -> None:
    if Post.objects.exists():
        return
    for username, days_ago, kind, title, body, to_supervisees, pinned in POSTS:
        user = users.get(username)
        if user is None:
            continue
        post = services.post_save(
            actor=user,
            post=Post(
                kind=kind,
                title=title,
                body=body,
                publish_on=timezone.localdate(),
                to_supervisees=to_supervisees,
                pinned=pinned,
            ),
        )
        Post.objects.filter(pk=post.pk).update(publish_on=today - timedelta(days=days_ago))

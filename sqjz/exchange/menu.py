from sqjz.accounts.permissions import Capability
from sqjz.workbench.navigation import register

register("系统管理", "政法机关对接凭据", "exchange:credentials", Capability.SYSTEM_CONFIGURE, 40)
register("交付接收", "政法机关来文", "exchange:messages", Capability.EXCHANGE_VIEW, 40)
register("交付接收", "本机关移送记录", "exchange:messages", Capability.EXCHANGE_SUBMIT, 41)
register("交付接收", "交付执行（判决、裁定、决定）", "exchange:judgment_new", Capability.EXCHANGE_SUBMIT, 42)
register("调查评估", "委托调查评估", "exchange:commission_new", Capability.EXCHANGE_SUBMIT, 40)
register("交付接收", "拘留、强制措施通知", "exchange:detention_new", Capability.EXCHANGE_SUBMIT, 43)

import type { Translation } from "../dictionary.js";
import type { notifyEn } from "../en/notify.js";

/** 简体中文: the bell, the notification centre and per-room notification settings. */
export const notifyZh: Translation<typeof notifyEn> = {
  "bell.label": "通知",
  "bell.labelUnread": "通知，{count} 条未读",

  "centre.label": "通知中心",
  "centre.title": "通知",
  "centre.markAll": "全部标为已读",
  "centre.empty": "暂无通知。提及你的消息和公告会出现在这里。",
  "centre.list": "通知",
  "centre.unread": "未读：",
  "centre.markReadLabel": "将“{title}”标为已读",
  "centre.markRead": "标为已读",
  "centre.system": "标签页在后台时显示桌面通知",
  "centre.systemBlocked": "已在浏览器的网站设置中屏蔽。",

  "prefs.open": "{room} 的通知设置（当前：{level}）",
  "prefs.title": "{room} 的通知",
  "prefs.short.all": "通知：全部",
  "prefs.short.mentions": "通知：仅提及",
  "prefs.short.none": "通知：关闭",
  "prefs.short.dnd": "勿扰中",
  "prefs.levelLegend": "通知我",
  "prefs.level.all": "所有消息",
  "prefs.level.mentions": "仅提及我的消息",
  "prefs.level.none": "不通知",
  "prefs.dndLegend": "勿扰模式（所有房间）",
  "prefs.dnd.off": "关闭",
  "prefs.dnd.hour": "1 小时",
  "prefs.dnd.tomorrow": "直到明天早上",
  "prefs.dnd.forever": "直到我关闭",
  "prefs.dndUntil": "开启至 {time}：通知仍列在铃铛下，但不弹出提示、不推送。",
  "prefs.dndForever": "开启中，直到你关闭：通知仍列在铃铛下，但不弹出提示、不推送。",
  "prefs.dndOff": "已关闭。",
  "prefs.share": "共享已读回执",
  "prefs.shareHint": "关闭后：别人看不到你读到哪里，你也看不到别人的。",
};

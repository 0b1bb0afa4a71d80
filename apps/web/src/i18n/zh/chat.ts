import type { Translation } from "../dictionary.js";
import type { chatEn } from "../en/chat.js";

/** 简体中文: sign-in, the connection, rooms, messages, threads and reactions. */
export const chatZh: Translation<typeof chatEn> = {
  "language.label": "语言",

  "signIn.intro": "起个名字，加入 #general 的对话。",
  "signIn.nameLabel": "你的名字",
  "signIn.submit": "加入聊天",

  "name.invalid": "名字{problem}",
  "name.empty": "不能为空",
  "name.tooLong": "最多 {max} 个字符",
  "name.controlChars": "不能包含控制字符",
  "name.colon": "不能包含“:”",
  "name.otherProblem": "无效",

  "header.signedInAs": "当前用户",

  "skip.toComposer": "跳到消息输入框",

  "connection.online": "在线",
  "connection.rtt": " · {ms} 毫秒",
  "connection.connecting": "连接中…",
  "connection.reconnecting": "重新连接",
  "connection.retryIn": "，{seconds} 秒后",
  "connection.attempt": "（第 {attempt} 次）",
  "connection.offline": "离线",
  "connection.waitingForNetwork": "——等待网络恢复",
  "connection.reason": " — {reason}",

  "close.upgraded": "服务器已升级：请重新加载页面",
  "close.unauthorized": "令牌无效或已过期",
  "close.forbidden": "此服务器不允许访问",
  "close.protocol": "服务器拒绝了此应用发送的内容",

  "connection.reconnect": "重新连接",

  "composer.label": "消息",
  "composer.placeholder": "发消息到 {room}",
  "composer.tooLong": "太长了：{length} / {max} 个字符",
  "composer.left": { other: "还可输入 {count} 个字符" },
  "composer.send": "发送",

  "room.dm": "私聊",
  "room.joinLabel": "房间名",
  "room.joinPlaceholder": "加入或创建…",
  "room.refusedPrivate": "无法加入 #{room}：这是私密房间。请房间所有者邀请你。",
  "room.refused": "无法加入 #{room}：{reason}",
  "room.join": "加入",
  "room.invalid": "房间名{problem}",
  "room.leave": "离开 {room}",
  "room.none": "没有打开的房间",
  "room.noneHint": "你已离开所有房间。从房间列表加入一个，或回到 #general。",
  "room.backToGeneral": "加入 #general",

  "rooms.nav": "房间",
  "rooms.title": "房间",
  "rooms.yours": "我的房间",
  "rooms.dmsTitle": "私聊",
  "rooms.dmsEmpty": "在成员列表中选一个人，开始私聊。",
  "rooms.dmsList": "私聊列表",
  "rooms.unread": " 条未读",

  "panels.rooms": "房间",
  "panels.people": "成员",

  "user.guest": "访客",

  "typing.one": "{first} 正在输入…",
  "typing.two": "{first} 和 {second} 正在输入…",
  "typing.many": "多人正在输入…",

  "log.label": "#{room} 的对话",
  "log.loading": "加载中…",
  "log.loadOlder": "加载更早的消息",
  "log.empty": "还没有消息。打个招呼吧！",
  "log.newBelow": "新消息 ↓",

  "message.you": "（你）",
  "message.sent": "已发送",
  "message.sending": "发送中…",
  "message.failed": "发送失败：{error}",
  "message.notDelivered": "未送达",
  "message.deleted": "此消息已删除",
  "message.edited": "（已编辑）",
  "message.retry": "重试",
  "message.discard": "放弃",
  "message.edit": "编辑",
  "message.delete": "删除",

  "undo.deleted": "消息已删除",
  "undo.action": "撤销",
  "undo.actionLabel": "撤销删除：{text}",

  "editor.label": "编辑文本",
  "editor.hint": "Enter 保存 · Esc 取消",

  "request.failed": "请求失败",

  "time.justNow": "刚刚",
  "time.minutesAgo": "{count} 分钟前",
  "time.hoursAgo": "{count} 小时前",

  "toasts.group": { other: "{count} 条新通知" },
  "toasts.showAll": "全部查看",
  "toasts.label": "新通知",

  "toast.open": "打开消息",
  "toast.dismiss": "关闭“{title}”",

  "connection.viaWebSocket": " · WebSocket",
  "connection.viaSse": " · SSE 备用通道",

  "seen.by": "{names} 已读",
  "seen.byMore": "{names} 等 +{count} 人已读",

  "reactions.picker": "选择表情",
  "reactions.search": "搜索表情",
  "reactions.none": "没有找到表情。",
  "reactions.add": "添加表情回应",
  "reactions.chip": "{emoji} {count}：{who}",
  "reactions.whoMore": { other: "{names} 等另外 {count} 人" },

  "reply.action": "回复",
  "reply.replyingTo": "回复 {name}",
  "reply.cancel": "取消回复",
  "reply.openOriginal": "查看 {name} 的原消息：{excerpt}",

  "connection.waitingForSlot": "等待空闲连接",
  "connection.slotsFull": " — 另有 {count} 个标签页在使用 SSE 备用通道；请关闭一个",

  "thread.action": "在话题中回复",
  "thread.replies": { other: "{count} 条回复" },
  "thread.unread": { other: "{count} 条新回复" },
  "thread.title": "话题",
  "thread.close": "关闭",
  "thread.back": "返回",
  "thread.composerLabel": "在此话题中回复",
  "thread.alsoToRoom": "同时发送到房间",
  "thread.send": "发送",
  "thread.loading": "正在加载话题…",
  "thread.failed": "无法加载话题。",
  "thread.empty": "还没有回复。",
  "thread.alsoSent": "已同时发送到房间",
};

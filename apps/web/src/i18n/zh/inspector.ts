import type { Translation } from "../dictionary.js";
import type { inspectorEn } from "../en/inspector.js";

/** 简体中文: the protocol inspector. */
export const inspectorZh: Translation<typeof inspectorEn> = {
  "inspector.toggle": "检查器",
  "inspector.panelTitle": "协议检查器",
  "inspector.close": "关闭检查器",
  "inspector.resize": "检查器宽度",
  "inspector.download": "下载记录（JSON）",

  "inspector.handshakeTitle": "握手",
  "inspector.handshakeIntro":
    "WebSocket 以一个请求切换协议的 HTTP 请求开始。服务器用 RFC 6455 的 GUID 对密钥做哈希，" +
    "证明它读到了密钥；你的浏览器在下面重新计算这个哈希。",
  "inspector.handshakeRequest": "服务器收到的请求",
  "inspector.handshakeResponse": "服务器发出的响应",
  "inspector.handshakeRequestLine": "请求行",
  "inspector.handshakeStatus": "状态",
  "inspector.handshakeWaiting": "等待服务器的报告…",
  "inspector.acceptComputed": "在此重新计算（密钥 + GUID 的 SHA-1，base64）",
  "inspector.acceptMatches": "✓ 一致",
  "inspector.acceptDiffers": "✗ 不一致",
  "inspector.noneHeader": "（无）",

  "inspector.logTitle": "帧",
  "inspector.logIntro":
    "每条进出的消息，最新的在前。一帧带 2 字节帧头，载荷超过 125 字节时为 4 字节，超过 65,535 时为 " +
    "10 字节；浏览器发出的帧另加 4 字节掩码。浏览器和开发者工具从不显示 ping、pong 和 close 帧：" +
    "这些由服务器报告（标为“服务器”）。上传的文件以二进制帧（操作码 2）发送：日志只显示其大小和帧头，不显示内容。",
  "inspector.filterLabel": "显示",
  "inspector.filterAll": "所有类型",
  "inspector.pause": "暂停",
  "inspector.resume": "继续",
  "inspector.missedWhilePaused": "暂停期间收到 {n} 帧（已计数，未列出）",
  "inspector.capNote": "内存中只保留最新的 {max} 帧。",
  "inspector.logLabel": "帧日志",
  "inspector.colTime": "时间",
  "inspector.colDirection": "方向",
  "inspector.colType": "类型",
  "inspector.colPayload": "载荷",
  "inspector.colHeader": "帧头",
  "inspector.colSeenBy": "记录方",
  "inspector.directionIn": "↓ 收",
  "inspector.directionOut": "↑ 发",
  "inspector.seenByBrowser": "浏览器",
  "inspector.seenByServer": "服务器",
  "inspector.bytes": "{n} B",
  "inspector.headerWithMask": "{header}+{mask} B",
  "inspector.closeAbnormal": "1006：没有关闭帧",
  "inspector.rttDetail": "往返 {ms} 毫秒",
  "inspector.binary": "操作码 2",
  "inspector.binaryChunk": "操作码 2 · 载荷中含 {bytes} B 分块头",
  "inspector.noFrames": "还没有帧。",

  "inspector.costTitle": "开销：WebSocket 对比 HTTP",
  "inspector.costIntro":
    "打开的连接每条消息只付几个字节的帧开销；HTTP 每次都要付完整的请求和响应头。" +
    "HTTP 的数字是现在对这台服务器实测的，不是假设的。",
  "inspector.costMessages": "本次会话 {n} 条消息",
  "inspector.costWs": "WebSocket 帧头",
  "inspector.costHttp": "同样的消息作为 HTTP/1.1 请求",
  "inspector.costMethod":
    "一次请求：请求头 {request} B（服务器收到时统计），响应头 {response} B" +
    "（根据 fetch 可见的响应头重建）。无论哪个方向，每条消息都按一次请求/响应计价，" +
    "就像长轮询需要的那样。",
  "inspector.costMeasuring": "正在测量一次 HTTP 请求…",
  "inspector.rttTitle": "往返时间",
  "inspector.rttWs": "WebSocket ping → pong",
  "inspector.rttApp": "Duplex ping → pong（应用层）",
  "inspector.rttHttp": "新的 GET /healthz",
  "inspector.measureAgain": "重新测量",
  "inspector.chartLabel": "比较 WebSocket 与 HTTP 开销的柱状图",
  "inspector.ms": "{ms} 毫秒",

  "inspector.closeTitle": "关闭握手",
  "inspector.closeIntro":
    "任一方发送带代码和原因的关闭帧；另一方回以自己的关闭帧，然后 TCP 关闭。日志显示双向的帧和最终代码。",
  "inspector.reasonLabel": "原因",
  "inspector.closeNormal": "以 1000 关闭",
  "inspector.closeApp": "以 {code} 关闭",
  "inspector.open": "连接已打开。",
  "inspector.finalCode": "最终代码：{code}",
  "inspector.finalCodeReason": "最终代码：{code}（{reason}）",
  "inspector.codesTitle": "关闭代码",
  "inspector.codesIntro":
    "1006 从不在线路上传输：它是连接在没有关闭帧的情况下结束时（网络中断、服务器被杀）浏览器报告的代码。" +
    "除非代码是致命的，客户端都会重新连接。",
  "inspector.colCode": "代码",
  "inspector.colMeaning": "含义",
  "inspector.colReconnects": "客户端会重连吗？",
  "inspector.yes": "会",
  "inspector.no": "不会",
  "inspector.never": "从不发送",
  "inspector.error": "测量失败：{message}",
  "inspector.reconnectsAfterUserClose": "服务器发送时会；你主动关闭后不会",

  "inspector.code.1000": "正常关闭",
  "inspector.code.1001": "离开：服务器重启或页面关闭",
  "inspector.code.1002": "协议错误",
  "inspector.code.1003": "对方无法接受的数据（/ws 上的二进制）",
  "inspector.code.1006": "没有关闭帧就断开了",
  "inspector.code.1007": "无效载荷（错误的 UTF-8）",
  "inspector.code.1008": "违反策略",
  "inspector.code.1009": "消息太大",
  "inspector.code.1011": "服务器错误",
  "inspector.code.1013": "稍后再试（过载，或读取太慢）",
  "inspector.code.4400": "第一帧不是有效的 hello",
  "inspector.code.4401": "令牌无效或已过期：请重新登录",
  "inspector.code.4403": "禁止访问",
  "inspector.code.4408": "未及时发送 hello",
  "inspector.code.4426": "服务器已升级，不再支持此版本的应用：请重新加载页面",
  "inspector.code.4429": "请求过于频繁",
};

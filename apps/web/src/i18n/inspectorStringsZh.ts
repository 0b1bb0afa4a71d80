import type { InspectorStrings } from "../inspector/strings.js";

/**
 * The protocol inspector in 简体中文. It keeps its English in `inspector/strings.ts` (one object with
 * formatting functions); this mirrors that object, and typecheck fails if a key is missing.
 */
export const inspectorStringsZh: InspectorStrings = {
  toggle: "检查器",
  panelTitle: "协议检查器",
  close: "关闭检查器",
  resize: "检查器宽度",
  download: "下载记录（JSON）",

  handshakeTitle: "握手",
  handshakeIntro:
    "WebSocket 以一个请求切换协议的 HTTP 请求开始。服务器用 RFC 6455 的 GUID 对密钥做哈希，" +
    "证明它读到了密钥；你的浏览器在下面重新计算这个哈希。",
  handshakeRequest: "服务器收到的请求",
  handshakeResponse: "服务器发出的响应",
  handshakeRequestLine: "请求行",
  handshakeStatus: "状态",
  handshakeWaiting: "等待服务器的报告…",
  acceptComputed: "在此重新计算（密钥 + GUID 的 SHA-1，base64）",
  acceptMatches: "✓ 一致",
  acceptDiffers: "✗ 不一致",
  noneHeader: "（无）",

  logTitle: "帧",
  logIntro:
    "每条进出的消息，最新的在前。一帧带 2 字节帧头，载荷超过 125 字节时为 4 字节，超过 65,535 时为 " +
    "10 字节；浏览器发出的帧另加 4 字节掩码。浏览器和开发者工具从不显示 ping、pong 和 close 帧：" +
    "这些由服务器报告（标为“服务器”）。上传的文件以二进制帧（操作码 2）发送：日志只显示其大小和帧头，不显示内容。",
  filterLabel: "显示",
  filterAll: "所有类型",
  pause: "暂停",
  resume: "继续",
  missedWhilePaused: (n: number) => `暂停期间收到 ${n} 帧（已计数，未列出）`,
  capNote: (max: number) => `内存中只保留最新的 ${max} 帧。`,
  logLabel: "帧日志",
  colTime: "时间",
  colDirection: "方向",
  colType: "类型",
  colPayload: "载荷",
  colHeader: "帧头",
  colSeenBy: "记录方",
  directionIn: "↓ 收",
  directionOut: "↑ 发",
  seenByBrowser: "浏览器",
  seenByServer: "服务器",
  bytes: (n: number) => `${n} B`,
  headerWithMask: (header: number, mask: number) =>
    mask > 0 ? `${header}+${mask} B` : `${header} B`,
  closeDetail: (code: number | undefined, reason: string) =>
    code === 1006 ? "1006：没有关闭帧" : `${code ?? "—"} ${reason}`.trim(),
  rttDetail: (ms: number) => `往返 ${ms.toFixed(1)} 毫秒`,
  binaryDetail: (chunkHeader: number | undefined) =>
    chunkHeader === undefined ? "操作码 2" : `操作码 2 · 载荷中含 ${chunkHeader} B 分块头`,
  noFrames: "还没有帧。",

  costTitle: "开销：WebSocket 对比 HTTP",
  costIntro:
    "打开的连接每条消息只付几个字节的帧开销；HTTP 每次都要付完整的请求和响应头。" +
    "HTTP 的数字是现在对这台服务器实测的，不是假设的。",
  costMessages: (n: number) => `本次会话 ${n} 条消息`,
  costWs: "WebSocket 帧头",
  costHttp: "同样的消息作为 HTTP/1.1 请求",
  costMethod: (request: number, response: number) =>
    `一次请求：请求头 ${request} B（服务器收到时统计），响应头 ${response} B` +
    "（根据 fetch 可见的响应头重建）。无论哪个方向，每条消息都按一次请求/响应计价，" +
    "就像长轮询需要的那样。",
  costMeasuring: "正在测量一次 HTTP 请求…",
  rttTitle: "往返时间",
  rttWs: "WebSocket ping → pong",
  rttApp: "Duplex ping → pong（应用层）",
  rttHttp: "新的 GET /healthz",
  measureAgain: "重新测量",
  chartLabel: "比较 WebSocket 与 HTTP 开销的柱状图",
  ms: (ms: number | undefined) => (ms === undefined ? "—" : `${ms.toFixed(1)} 毫秒`),

  closeTitle: "关闭握手",
  closeIntro:
    "任一方发送带代码和原因的关闭帧；另一方回以自己的关闭帧，然后 TCP 关闭。日志显示双向的帧和最终代码。",
  reasonLabel: "原因",
  closeNormal: "以 1000 关闭",
  closeApp: (code: number) => `以 ${code} 关闭`,
  finalCode: (code: number | undefined, reason: string) =>
    code === undefined ? "连接已打开。" : `最终代码：${code}${reason ? `（${reason}）` : ""}`,
  codesTitle: "关闭代码",
  codesIntro:
    "1006 从不在线路上传输：它是连接在没有关闭帧的情况下结束时（网络中断、服务器被杀）浏览器报告的代码。" +
    "除非代码是致命的，客户端都会重新连接。",
  colCode: "代码",
  colMeaning: "含义",
  colReconnects: "客户端会重连吗？",
  yes: "会",
  no: "不会",
  never: "从不发送",
  error: (message: string) => `测量失败：${message}`,
  codeMeanings: {
    1000: "正常关闭",
    1001: "离开：服务器重启或页面关闭",
    1002: "协议错误",
    1003: "对方无法接受的数据（/ws 上的二进制）",
    1006: "没有关闭帧就断开了",
    1007: "无效载荷（错误的 UTF-8）",
    1008: "违反策略",
    1009: "消息太大",
    1011: "服务器错误",
    1013: "稍后再试（过载，或读取太慢）",
    4400: "第一帧不是有效的 hello",
    4401: "令牌无效或已过期：请重新登录",
    4403: "禁止访问",
    4408: "未及时发送 hello",
    4426: "服务器已升级，不再支持此版本的应用：请重新加载页面",
    4429: "请求过于频繁",
  },
  reconnectsAfterUserClose: "服务器发送时会；你主动关闭后不会",
};

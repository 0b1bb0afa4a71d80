import type { Translation } from "../dictionary.js";
import type { compareEn } from "../en/compare.js";

/** 简体中文: 检查器中「为什么用 WebSocket」的对比面板及其压缩视图。 */
export const compareZh: Translation<typeof compareEn> = {
  "compare.title": "为什么用 WebSocket：实测",
  "compare.intro":
    "对本服务器用四种方式做同一件事：以每秒 20 条的稳定速度发送 100 条聊天大小的消息，每条都由服务器原样回显——" +
    "双向各 100 条。各种传输方式依次运行，不保存任何内容。",
  "compare.run": "开始对比",
  "compare.cancel": "取消",
  "compare.signedOut": "请先登录：对比需要由已登录的用户发起。",
  "compare.refused": "服务器拒绝了或未能完成这次对比，请一分钟后再试。",
  "compare.cancelled": "已取消。",
  "compare.progress": "{mode}（第 {step}/{steps} 项）：已收到 {received}/{total} 条回显",
  "compare.done": "完成。本次运行的数据：",
  "compare.mode.websocket": "WebSocket",
  "compare.mode.sse": "SSE + POST",
  "compare.mode.longpoll": "长轮询",
  "compare.mode.shortpoll": "短轮询（1 秒）",
  "compare.mode.deflate": "WebSocket + 压缩",
  "compare.tableCaption": "四种传输方式并排对比（双向各 100 条消息）",
  "compare.colMode": "传输方式",
  "compare.colBytes": "线上字节数",
  "compare.colHeaders": "其中 HTTP 头",
  "compare.colRequests": "请求数",
  "compare.colConnections": "TCP 连接数",
  "compare.colMedian": "往返时间中位数",
  "compare.colP99": "往返时间 p99",
  "compare.colLost": "丢失",
  "compare.barsBytes": "线上字节数（双向，含头部）",
  "compare.barsRequests": "HTTP 请求数",
  "compare.barsLatency": "往返时间中位数",
  "compare.method":
    "字节数和请求数由服务器统计：请求按实际到达的头部加正文计算，响应按原始套接字写出的字节计算（头部、正文、分块编码）；" +
    "WebSocket 统计整个套接字，包括握手。发起对比和读取报告的请求不计入。往返时间（发送 → 收到回显）在本页面中测量。",
  "compare.whyTitle": "这些数据说明了什么",
  "compare.why.websocket":
    "WebSocket 只付出一次 HTTP 握手，之后每条消息只需 2–6 字节的帧头（上行另加 4 字节掩码）。双向共用一个连接，服务器一拿到回显就立即写出。",
  "compare.why.sse":
    "SSE + POST 的下行同样快，走一个长期不结束的响应；但每条上行消息都是一个完整的 HTTP 请求，带着全部头部（真实应用里还有 Cookie）：为一百字节的消息付出几百字节。",
  "compare.why.longpoll":
    "长轮询的下行每次投递都要一个请求：每次应答都会结束响应，服务器必须等下一次轮询到达才能再次推送。",
  "compare.why.shortpoll":
    "短轮询让服务器等待下一次轮询：每条消息最多延迟一个完整间隔，而且没有新消息时也在发请求。",
  "compare.bytes": "{n} 字节",
  "compare.kib": "{n} KiB",

  "compare.deflateTitle": "permessage-deflate：逐帧查看",
  "compare.deflateIntro":
    "浏览器总会提出 permessage-deflate；Duplex 的 /ws 默认拒绝它。这个专用端点接受压缩，让你看到每一帧压缩后的代价：" +
    "负载字节数，以及该帧在线上占用的字节数（含帧头），由服务器的套接字统计。",
  "compare.deflateRun": "用压缩发送 20 条消息",
  "compare.deflateCaption": "经过压缩端点的帧",
  "compare.colFrame": "#",
  "compare.colDirection": "方向",
  "compare.colPayload": "负载",
  "compare.colWire": "线上",
  "compare.colSaved": "节省",
  "compare.directionIn": "↑ 发往服务器",
  "compare.directionOut": "↓ 发往页面",
  "compare.deflateTotals": "合计：{payload} 的负载在线上占用 {wire}（{percent}%）。",
  "compare.deflateWhy":
    "共享窗口见过重复的键之后压缩效果很好：越靠后的帧缩小得越多。代价是内存：每个连接都要保留一个压缩上下文" +
    "（几十到几百 KiB，而且 zlib 会造成堆碎片——即已知的 ws#1202），所以默认保持关闭；见基准测试数据。",
};

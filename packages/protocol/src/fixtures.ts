/**
 * The protocol's table of valid and invalid messages. The codec tests and the published-contract
 * agreement test (generated JSON Schema vs zod) both run over it, so every case is checked twice.
 */
import type { ClientMessage } from "./clientMessages.js";
import type { ServerMessage } from "./serverMessages.js";
import { ErrorCode } from "./codes.js";
import { LIMITS } from "./limits.js";

const alice = { id: "u_aaaaaaaaaaaaaaaa", name: "Alice" };
const bob = { id: "u_bbbbbbbbbbbbbbbb", name: "Bob" };
const chat = {
  room: "general",
  id: "m_1",
  seq: 7,
  cid: "c-1",
  from: alice,
  text: "hi 👋\nsecond line",
  ts: 1_700_000_000_000,
};

export const validClientMessages: ClientMessage[] = [
  { type: "hello" },
  { type: "hello", name: "Alice", token: "abc.def", ref: "r1" },
  { type: "hello", caps: ["presence_diff"] },
  { type: "join", room: "general" },
  { type: "join", room: "general", since: { seq: 12, epoch: "e1" }, ref: "r2" },
  { type: "join", room: "dm:u_aaaaaaaaaaaaaaaa:u_bbbbbbbbbbbbbbbb" },
  { type: "leave", room: "general" },
  { type: "send", room: "general", cid: "c-1", text: "hello" },
  { type: "typing", room: "general" },
  { type: "history", room: "general", before: 50, limit: 20 },
  { type: "history", room: "general" },
  { type: "ping", t: 123.5 },
  { type: "rooms", ref: "r3" },
  { type: "rooms", query: "gen", after: "alpha", limit: 50 },
  { type: "edit", room: "general", id: "m_1", text: "fixed" },
  { type: "delete", room: "general", id: "m_1" },
  { type: "subscribe", topic: "stats" },
  { type: "unsubscribe", topic: "stats" },
  { type: "mark_read", ids: ["n1", "n2"] },
  { type: "mark_read", all: true },
  { type: "inspect", enable: true, ref: "r4" },
  { type: "inspect", enable: false },
  { type: "open", room: "ops" },
  { type: "members", room: "general", ref: "r5" },
  { type: "members", room: "general", cursor: "u_aaaaaaaaaaaaaaaa", limit: 50, query: "al" },
  { type: "watch_members", room: "general", ref: "r6" },
  { type: "unwatch_members", room: "general" },
  { type: "search", ref: "r7", query: "开会" },
  {
    type: "search",
    query: "deploy friday",
    room: "general",
    author: "u_aaaaaaaaaaaaaaaa",
    before: 1_700_000_000_000,
    after: 1_600_000_000_000,
    limit: 20,
    cursor: "WzEyM10",
  },
  { type: "react", ref: "r8", room: "general", messageId: "m_1", emoji: "👍", on: true },
  { type: "react", room: "general", messageId: "m_1", emoji: "🇨🇳", on: false },
  { type: "send", room: "general", cid: "c9", text: "agreed", replyTo: "m_1" },
];

export const validServerMessages: ServerMessage[] = [
  {
    type: "welcome",
    user: alice,
    token: "t.s",
    tokenExpiresAt: 1,
    heartbeatMs: 25_000,
    serverTime: 2,
    protocolVersion: 1,
    caps: ["presence_diff"],
  },
  {
    type: "welcome",
    user: alice,
    token: "t.s",
    tokenExpiresAt: 1,
    heartbeatMs: 25_000,
    serverTime: 2,
    protocolVersion: 1,
  },
  {
    type: "welcome",
    user: alice,
    token: "t.s",
    tokenExpiresAt: 1,
    heartbeatMs: 25_000,
    serverTime: 2,
    protocolVersion: 1,
    limits: { sendPerSecond: 20, sendBurst: 100 },
  },
  // A guest, as a socket granted the `accounts` capability sees it.
  {
    type: "welcome",
    user: { ...alice, guest: true },
    token: "t.s",
    tokenExpiresAt: 1,
    heartbeatMs: 25_000,
    serverTime: 2,
    protocolVersion: 1,
    caps: ["accounts"],
  },
  // Guests marked wherever a user appears, for sockets granted `accounts`: authors, presence, typing.
  { type: "message", ...chat, from: { ...alice, guest: true } },
  { type: "presence", room: "general", event: "join", user: { ...bob, guest: true } },
  { type: "typing", room: "general", user: { ...bob, guest: true } },
  {
    type: "joined",
    room: "general",
    members: [alice, bob],
    messages: [chat],
    seq: 7,
    epoch: "e1",
    hasMore: false,
    recovered: true,
  },
  // To a socket granted `member_pages`: one page of a bigger room and the count.
  {
    type: "joined",
    room: "general",
    members: [alice],
    memberCount: 5_000,
    messages: [],
    seq: 0,
    epoch: "e1",
    hasMore: false,
  },
  { type: "left", room: "general" },
  {
    type: "members",
    ref: "r5",
    room: "general",
    members: [alice, bob],
    count: 5_000,
    next: bob.id,
  },
  { type: "members", room: "general", members: [], count: 0 },
  { type: "occupancy", room: "general", online: 5_000 },
  { type: "watching_members", ref: "r6", room: "general", watching: true },
  { type: "message", ...chat },
  { type: "ack", room: "general", cid: "c-1", id: "m_1", seq: 7, ts: 3, ref: "r9" },
  { type: "presence", room: "general", event: "join", user: bob },
  { type: "presence_diff", room: "general", joined: [alice, bob], left: [] },
  { type: "presence_diff", room: "general", joined: [], left: [bob] },
  { type: "typing", room: "general", user: bob },
  { type: "history", room: "general", messages: [chat], hasMore: true },
  {
    type: "search_results",
    ref: "r7",
    hits: [{ message: { ...chat, text: "我们今天开会吧" }, ranges: [[4, 6]] }],
    nextCursor: "WzEyM10",
  },
  { type: "search_results", hits: [] },
  {
    type: "reaction",
    ref: "r8",
    room: "general",
    messageId: "m_1",
    emoji: "👍",
    user: alice,
    on: true,
    count: 2,
  },
  {
    type: "history",
    room: "general",
    messages: [
      {
        ...chat,
        reactions: [
          { emoji: "👍", count: 2, me: true, users: ["alice", "bob"] },
          { emoji: "👨‍👩‍👧", count: 1, me: false },
        ],
        replyTo: { messageId: "m_0", seq: 6, from: bob, excerpt: "the original" },
      },
    ],
    hasMore: true,
  },
  { type: "pong", t: 123.5, serverTime: 4 },
  { type: "token", token: "t2.s2", expiresAt: 1_700_000_600_000 },
  { type: "rooms", rooms: [{ room: "general", online: 2, seq: 7 }] },
  {
    type: "rooms",
    rooms: [],
    dms: [{ room: "dm:u_aaaaaaaaaaaaaaaa:u_bbbbbbbbbbbbbbbb", user: bob, online: 1, seq: 3 }],
  },
  { type: "rooms", rooms: [{ room: "alpha", online: 0, seq: 1 }], next: "alpha" },
  { type: "rooms", rooms: [], joined: ["general", "ops"], open: "ops" },
  { type: "room_update", room: "general", online: 3, seq: 8 },
  { type: "dm_invite", room: "dm:u_aaaaaaaaaaaaaaaa:u_bbbbbbbbbbbbbbbb", from: alice, seq: 1 },
  { type: "edited", room: "general", id: "m_1", seq: 7, text: "fixed", editedAt: 5 },
  { type: "deleted", room: "general", id: "m_1", seq: 7 },
  {
    type: "notification",
    notification: {
      id: "n1",
      kind: "mention",
      title: "Bob mentioned you",
      body: "@Alice look",
      level: "info",
      ts: 6,
      read: false,
      link: { room: "general", messageId: "m_1", seq: 7 },
    },
  },
  {
    type: "notification",
    notification: {
      id: "n_dm_m_2",
      kind: "dm",
      title: "Bob sent you a direct message",
      body: "are you free?",
      level: "info",
      ts: 8,
      read: false,
      link: { room: "dm:u_aaaaaaaaaaaaaaaa:u_bbbbbbbbbbbbbbbb", messageId: "m_2", seq: 2 },
    },
  },
  { type: "notifications_read", ids: ["n1"] },
  { type: "subscribed", topic: "stats" },
  { type: "unsubscribed", topic: "stats" },
  {
    type: "data",
    topic: "stats",
    ts: 7,
    value: {
      connections: 2,
      messagesPerSecond: 1.5,
      eventLoopLagMs: 0.4,
      rssBytes: 1000,
      heapUsedBytes: 500,
    },
  },
  { type: "error", code: "rate_limited", message: "slow down", retryAfterMs: 500, ref: "r1" },
  {
    type: "inspecting",
    ref: "r4",
    enabled: true,
    handshake: {
      request: {
        method: "GET",
        path: "/ws",
        upgrade: "websocket",
        connection: "Upgrade",
        secWebSocketKey: "dGhlIHNhbXBsZSBub25jZQ==",
        secWebSocketVersion: "13",
        secWebSocketProtocol: "duplex.v1",
        origin: "http://localhost:5173",
      },
      response: {
        status: 101,
        secWebSocketAccept: "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
        protocol: "duplex.v1",
      },
    },
  },
  { type: "inspecting", enabled: false },
  { type: "control", kind: "ping", direction: "to_client", at: 8, bytes: 0 },
  { type: "control", kind: "pong", direction: "to_server", at: 9, bytes: 0, rttMs: 1.5 },
  {
    type: "control",
    kind: "close",
    direction: "to_client",
    at: 10,
    bytes: 5,
    code: 1001,
    reason: "bye",
  },
];

export const invalidClientFrames: Array<[string, string, ErrorCode]> = [
  ["invalid JSON", "{type:", ErrorCode.BadJson],
  ["empty frame", "", ErrorCode.BadJson],
  ["JSON null", "null", ErrorCode.InvalidMessage],
  ["JSON number", "42", ErrorCode.InvalidMessage],
  ["JSON string", '"hello"', ErrorCode.InvalidMessage],
  ["JSON array", '[{"type":"ping","t":1}]', ErrorCode.InvalidMessage],
  ["missing type", '{"room":"general"}', ErrorCode.InvalidMessage],
  ["numeric type", '{"type":7}', ErrorCode.InvalidMessage],
  ["unknown type", '{"type":"shout","text":"hi"}', ErrorCode.UnknownType],
  ["server-only type from a client", '{"type":"welcome"}', ErrorCode.UnknownType],
  ["prototype key as type", '{"type":"__proto__"}', ErrorCode.UnknownType],
  ["missing room", '{"type":"join"}', ErrorCode.InvalidMessage],
  ["room of wrong type", '{"type":"join","room":5}', ErrorCode.InvalidMessage],
  ["empty room name", '{"type":"join","room":"   "}', ErrorCode.InvalidMessage],
  ["room name too long", `{"type":"join","room":"${"r".repeat(33)}"}`, ErrorCode.InvalidMessage],
  ["room name with a newline", '{"type":"join","room":"a\\nb"}', ErrorCode.InvalidMessage],
  ["room name with ':'", '{"type":"join","room":"dm:fake"}', ErrorCode.InvalidMessage],
  [
    "user name with a control char",
    '{"type":"hello","name":"Al\\u0007ice"}',
    ErrorCode.InvalidMessage,
  ],
  ["send without cid", '{"type":"send","room":"general","text":"hi"}', ErrorCode.InvalidMessage],
  [
    "send with blank text",
    '{"type":"send","room":"general","cid":"c","text":"  "}',
    ErrorCode.InvalidMessage,
  ],
  [
    "send with text over the limit",
    encodeRaw({
      type: "send",
      room: "general",
      cid: "c",
      text: "x".repeat(LIMITS.maxTextLength + 1),
    }),
    ErrorCode.TooLarge,
  ],
  [
    "cid too long",
    encodeRaw({ type: "send", room: "general", cid: "c".repeat(65), text: "hi" }),
    ErrorCode.InvalidMessage,
  ],
  [
    "negative history limit",
    '{"type":"history","room":"general","limit":-1}',
    ErrorCode.InvalidMessage,
  ],
  [
    "history limit over the max",
    '{"type":"history","room":"general","limit":101}',
    ErrorCode.InvalidMessage,
  ],
  [
    "fractional since.seq",
    '{"type":"join","room":"g","since":{"seq":1.5,"epoch":"e"}}',
    ErrorCode.InvalidMessage,
  ],
  ["unknown topic", '{"type":"subscribe","topic":"secrets"}', ErrorCode.InvalidMessage],
  ["ping without t", '{"type":"ping"}', ErrorCode.InvalidMessage],
  [
    "members limit over the max",
    '{"type":"members","room":"general","limit":101}',
    ErrorCode.InvalidMessage,
  ],
  [
    "members cursor that is not a user id",
    '{"type":"members","room":"general","cursor":"bob"}',
    ErrorCode.InvalidMessage,
  ],
  ["watch_members without a room", '{"type":"watch_members"}', ErrorCode.InvalidMessage],
  ["blank search query", '{"type":"search","query":"  "}', ErrorCode.InvalidMessage],
  [
    "search query over the max",
    encodeRaw({ type: "search", query: "q".repeat(201) }),
    ErrorCode.InvalidMessage,
  ],
  [
    "search limit over the max",
    '{"type":"search","query":"a","limit":51}',
    ErrorCode.InvalidMessage,
  ],
  [
    "react with a word",
    '{"type":"react","room":"general","messageId":"m_1","emoji":"ok","on":true}',
    ErrorCode.InvalidMessage,
  ],
  [
    "react with markup",
    '{"type":"react","room":"general","messageId":"m_1","emoji":"<b>","on":true}',
    ErrorCode.InvalidMessage,
  ],
  ["inspect without enable", '{"type":"inspect"}', ErrorCode.InvalidMessage],
  ["inspect with a string enable", '{"type":"inspect","enable":"yes"}', ErrorCode.InvalidMessage],
  [
    "huge string field",
    encodeRaw({ type: "hello", name: "n".repeat(100_000) }),
    ErrorCode.InvalidMessage,
  ],
  [
    "deep nesting",
    `{"type":"join","room":${"[".repeat(500)}${"]".repeat(500)}}`,
    ErrorCode.InvalidMessage,
  ],
];

/**
 * Frames from a newer peer that a reader of this version accepts, setting aside what it does not know
 * (README [C1]–[C3]): [name, frame, what the reader sees, what it reports as ignored].
 */
export const toleratedClientFrames: Array<[string, string, ClientMessage, string[]]> = [
  ["extra field", '{"type":"ping","t":1,"admin":true}', { type: "ping", t: 1 }, ["admin"]],
  [
    "prototype pollution key (dropped, never applied)",
    '{"type":"ping","t":1,"__proto__":{"admin":true}}',
    { type: "ping", t: 1 },
    ["__proto__"],
  ],
  [
    "hello from a newer client: more fields and capabilities this node does not know",
    '{"type":"hello","name":"Alice","caps":["presence_diff","holograms"],"device":{"kind":"phone"}}',
    { type: "hello", name: "Alice", caps: ["presence_diff", "holograms"] },
    ["device"],
  ],
  [
    "unknown field in a nested object",
    '{"type":"join","room":"general","since":{"seq":3,"epoch":"e1","branch":"b"}}',
    { type: "join", room: "general", since: { seq: 3, epoch: "e1" } },
    ["since.branch"],
  ],
];

export const toleratedServerFrames: Array<[string, string, ServerMessage, string[]]> = [
  [
    "a field added to User (welcome.user.pronouns)",
    encodeRaw({ ...validServerMessages[0], user: { ...alice, pronouns: "she/her" } }),
    validServerMessages[0] as ServerMessage,
    ["user.pronouns"],
  ],
  [
    "fields added to ChatMessage and its author (message)",
    encodeRaw({
      type: "message",
      ...chat,
      from: { ...alice, pronouns: "she/her" },
      threadOf: "m_0",
      attachments: [{ id: "f1" }],
    }),
    { type: "message", ...chat },
    ["from.pronouns", "threadOf", "attachments"],
  ],
  [
    "a field added inside every message of a page (joined.messages.*.from)",
    encodeRaw({
      type: "joined",
      room: "general",
      members: [{ ...bob, role: "member" }],
      messages: [{ ...chat, from: { ...alice, role: "owner" }, pins: {} }],
      seq: 7,
      epoch: "e1",
      hasMore: false,
    }),
    {
      type: "joined",
      room: "general",
      members: [bob],
      messages: [chat],
      seq: 7,
      epoch: "e1",
      hasMore: false,
    },
    ["members.*.role", "messages.*.from.role", "messages.*.pins"],
  ],
  [
    "a field added to RoomSummary (room_update.kind)",
    '{"type":"room_update","room":"general","online":2,"seq":7,"kind":"public"}',
    { type: "room_update", room: "general", online: 2, seq: 7 },
    ["kind"],
  ],
  [
    "a notification kind this reader does not know reads as system",
    encodeRaw({
      type: "notification",
      notification: {
        id: "n2",
        kind: "digest",
        title: "Bob wrote to you",
        body: "hi",
        level: "urgent",
        ts: 6,
        read: false,
      },
    }),
    {
      type: "notification",
      notification: {
        id: "n2",
        kind: "system",
        title: "Bob wrote to you",
        body: "hi",
        level: "info",
        ts: 6,
        read: false,
      },
    },
    ["notification.kind=digest", "notification.level=urgent"],
  ],
  [
    "an error code this reader does not know reads as internal",
    '{"type":"error","code":"quota_exceeded","message":"over quota","ref":"r9"}',
    { type: "error", code: "internal", message: "over quota", ref: "r9" },
    ["error.code=quota_exceeded"],
  ],
];

/** Message types a newer server may send: a reader of this version ignores the frame (`unknown_type`). */
export const unknownServerFrames: Array<[string, string]> = [
  ["a new message type", '{"type":"pin","room":"general","id":"m_1","emoji":"👍"}'],
  ["a new type with a ref", '{"type":"roster","ref":"r1","room":"general","users":[]}'],
];

function encodeRaw(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * The protocol's table of valid and invalid messages. The codec tests and the published-contract
 * agreement test (generated JSON Schema vs zod) both run over it, so every case is checked twice.
 */
import type { ClientMessage } from "./clientMessages.js";
import type { ServerMessage } from "./serverMessages.js";
import { validServerMessagesA } from "./fixtures/serverMessagesA.js";
import { validServerMessagesB } from "./fixtures/serverMessagesB.js";

export {
  invalidClientFrames,
  toleratedClientFrames,
  toleratedServerFrames,
} from "./fixtures/frames.js";

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
  { type: "visibility", visible: false },
  { type: "visibility", visible: true },
  { type: "join", room: "general", since: { seq: 12, epoch: "e1" }, changesSince: 3 },
  { type: "read", room: "general", seq: 7 },
  { type: "set_prefs", ref: "r8", shareReceipts: false },
  { type: "set_prefs", dndUntil: 0, rooms: [{ room: "general", level: "mentions" }] },
  { type: "react", ref: "r8", room: "general", messageId: "m_1", emoji: "👍", on: true },
  { type: "react", room: "general", messageId: "m_1", emoji: "🇨🇳", on: false },
  { type: "send", room: "general", cid: "c9", text: "agreed", replyTo: "m_1" },
  { type: "upload_start", ref: "r8", cid: "f-1", room: "general", name: "shot.png", size: 1024 },
  {
    type: "upload_start",
    cid: "f-1",
    room: "general",
    name: "日志.txt",
    size: 0,
    mime: "text/plain",
    resume: "0123456789abcdef0123456789abcdef",
  },
  {
    type: "upload_finish",
    uploadId: "0123456789abcdef0123456789abcdef",
    sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  },
  { type: "upload_cancel", uploadId: "0123456789abcdef0123456789abcdef" },
  { type: "send", room: "general", cid: "c10", text: "in thread", thread: "m_1" },
  {
    type: "send",
    room: "general",
    cid: "c11",
    text: "也发到房间",
    thread: "m_1",
    alsoToRoom: true,
  },
  { type: "thread", ref: "r9", room: "general", root: "m_1" },
  { type: "thread", room: "general", root: "m_1", before: 40, limit: 20 },
  { type: "thread_read", room: "general", root: "m_1", seq: 9 },
];

export const validServerMessages: ServerMessage[] = [
  ...validServerMessagesA,
  ...validServerMessagesB,
];

/** Message types a newer server may send: a reader of this version ignores the frame (`unknown_type`). */
export const unknownServerFrames: Array<[string, string]> = [
  ["a new message type", '{"type":"pin","room":"general","id":"m_1","emoji":"👍"}'],
  ["a new type with a ref", '{"type":"roster","ref":"r1","room":"general","users":[]}'],
];

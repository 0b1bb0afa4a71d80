import {
  COMPARE_LIMITS,
  COMPARE_PATHS,
  CompareReport,
  compareRunPath,
  type CompareMode,
  type CompareRunCreated,
} from "@duplex/protocol";
import { EventStreamParser } from "@duplex/client";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { api } from "./accountsHttp.js";

import { testWorld } from "./support/testWorld.js";

const MESSAGES = 5;
const message = (i: number) =>
  JSON.stringify({ type: "send", room: "general", cid: `c${i}`, text: `hello number ${i}` });

async function open(base: string, token: string, mode: CompareMode): Promise<CompareRunCreated> {
  const res = await api(base, "POST", COMPARE_PATHS.runs, { token, body: { mode } });
  expect(res.status).toBe(201);
  return res.json as unknown as CompareRunCreated;
}

async function report(base: string, id: string): Promise<CompareReport> {
  const res = await fetch(`${base}${compareRunPath(id, "report")}`);
  return CompareReport.parse(await res.json());
}

/** Sends `MESSAGES` and resolves with the echoes, over a WebSocket endpoint. */
async function overWebSocket(base: string, id: string, path: string): Promise<string[]> {
  const ws = new WebSocket(`${base.replace("http", "ws")}${path}?run=${id}`, {
    perMessageDeflate: true,
  });
  const echoes: string[] = [];
  await new Promise<void>((resolve, reject) => {
    ws.on("error", reject);
    ws.on("open", () => {
      for (let i = 0; i < MESSAGES; i++) ws.send(message(i));
    });
    ws.on("message", (data: Buffer) => {
      echoes.push(data.toString("utf8"));
      if (echoes.length === MESSAGES) resolve();
    });
  });
  ws.close();
  return echoes;
}

async function send(base: string, id: string, i: number): Promise<void> {
  const res = await fetch(`${base}${compareRunPath(id, "send")}`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: message(i),
  });
  expect(res.status).toBe(204);
}

async function overSse(base: string, id: string): Promise<string[]> {
  const abort = new AbortController();
  const res = await fetch(`${base}${compareRunPath(id, "sse")}`, { signal: abort.signal });
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const body = res.body ?? expect.unreachable("no stream");
  for (let i = 0; i < MESSAGES; i++) await send(base, id, i);
  const echoes: string[] = [];
  const parser = new EventStreamParser();
  const reader = body.getReader();
  while (echoes.length < MESSAGES) {
    const { value, done } = await reader.read();
    if (done) break;
    echoes.push(...parser.push(value).map((e) => e.data));
  }
  abort.abort();
  return echoes;
}

async function overPolling(base: string, id: string, long: boolean): Promise<string[]> {
  for (let i = 0; i < MESSAGES; i++) await send(base, id, i);
  const echoes: string[] = [];
  while (echoes.length < MESSAGES) {
    const res = await fetch(`${base}${compareRunPath(id, "poll")}${long ? "?wait=1" : ""}`);
    echoes.push(...((await res.json()) as string[]));
  }
  return echoes;
}

describe("compare: the inspector's transport comparison endpoints", () => {
  it("echoes a few messages over each transport and counts requests, connections and header bytes", async () => {
    await using world = await testWorld();
    const base = world.server.httpUrl;
    const { welcome } = await world.hello({ name: "ada" });
    const token = welcome.token;
    const expected = Array.from({ length: MESSAGES }, (_, i) => message(i));

    const reports: Partial<Record<CompareMode, CompareReport>> = {};
    for (const mode of ["websocket", "deflate", "sse", "longpoll", "shortpoll"] as const) {
      const run = await open(base, token, mode);
      const echoes =
        mode === "websocket"
          ? await overWebSocket(base, run.id, COMPARE_PATHS.ws)
          : mode === "deflate"
            ? await overWebSocket(base, run.id, COMPARE_PATHS.wsDeflate)
            : mode === "sse"
              ? await overSse(base, run.id)
              : await overPolling(base, run.id, mode === "longpoll");
      expect(echoes, mode).toEqual(expected);
      const counted = await report(base, run.id);
      expect(counted, mode).toMatchObject({ mode, messagesIn: MESSAGES, messagesOut: MESSAGES });
      reports[mode] = counted;
    }
    const ws = reports.websocket ?? expect.unreachable();
    expect(ws).toMatchObject({ requests: 1, connections: 1 });
    // One HTTP request per message at least: every POST carries a head of its own.
    for (const mode of ["sse", "longpoll", "shortpoll"] as const) {
      const r = reports[mode] ?? expect.unreachable();
      expect(r.requests, mode).toBeGreaterThan(MESSAGES);
      expect(r.headerBytes, mode).toBeGreaterThan(MESSAGES * 100);
      expect(r.bytesIn + r.bytesOut, mode).toBeGreaterThan(ws.bytesIn + ws.bytesOut);
    }
    // Node's fetch keeps connections alive: a run's requests share a few.
    expect(reports.shortpoll?.connections).toBeLessThan(reports.shortpoll?.requests ?? 0);
    const frames = reports.deflate?.frames ?? [];
    // Inbound sizes come from each frame's own head: none is lost or merged with another, and the
    // client's compressed frames shrink once its window has seen the shape.
    const inbound = frames.filter((f) => f.direction === "in");
    expect(inbound).toHaveLength(MESSAGES);
    expect(inbound.every((f) => f.wireBytes > 6)).toBe(true);
    expect(inbound.at(-1)?.wireBytes).toBeLessThan(inbound.at(-1)?.payloadBytes ?? 0);
    expect(frames.filter((f) => f.direction === "out")).toHaveLength(MESSAGES);
    // Context takeover: a repeat of the same shape compresses below its payload size.
    const last = frames.filter((f) => f.direction === "out").at(-1) ?? expect.unreachable();
    expect(last.wireBytes).toBeLessThan(last.payloadBytes);
    // The report ends the run.
    expect((await fetch(`${base}${compareRunPath(ws.id, "report")}`)).status).toBe(404);
  });

  it("refuses a run without a session, a foreign run id, and messages past the cap", async () => {
    await using world = await testWorld();
    const base = world.server.httpUrl;
    expect((await api(base, "POST", COMPARE_PATHS.runs, { body: { mode: "sse" } })).status).toBe(
      401,
    );
    const { welcome } = await world.hello({ name: "bea" });
    const bad = await api(base, "POST", COMPARE_PATHS.runs, {
      token: welcome.token,
      body: { mode: "carrier-pigeon" },
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${base}${compareRunPath("nope", "poll")}`)).status).toBe(404);
    // A second run of the same user ends the first.
    const first = await open(base, welcome.token, "shortpoll");
    await open(base, welcome.token, "shortpoll");
    expect((await fetch(`${base}${compareRunPath(first.id, "poll")}`)).status).toBe(404);
    // Past the cap the socket is closed with 1008 (policy), and only the cap is counted.
    const run = await open(base, welcome.token, "websocket");
    const ws = new WebSocket(`${base.replace("http", "ws")}${COMPARE_PATHS.ws}?run=${run.id}`);
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    ws.on("open", () => {
      for (let i = 0; i <= COMPARE_LIMITS.maxMessages; i++) ws.send(message(i));
    });
    expect(await closed).toBe(1008);
    expect((await report(base, run.id)).messagesIn).toBe(COMPARE_LIMITS.maxMessages);
  });
});

import { WebSocket } from "ws";
import { inspectorSocketUrl } from "./inspectorGc.js";

/** V8's sampling heap profile (Chrome DevTools Protocol `HeapProfiler.SamplingHeapProfile`). */
export interface SamplingHeapProfile {
  head: AllocationNode;
}

interface AllocationNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: AllocationNode[];
}

/** One sampled allocation site: its function and the bytes sampled there. */
export interface AllocationSite {
  site: string;
  bytes: number;
}

// Every ~1 KiB allocated is a sample: fine enough for a storm's per-member objects of tens of bytes.
const SAMPLING_INTERVAL_BYTES = 1024;

/**
 * Starts V8's sampling heap profiler in the process whose inspector listens on `port`, counting
 * objects the young and old generation collections freed too: what a stretch of work allocated, not
 * only what it left behind. The returned function stops it and hands back the profile.
 */
export async function startAllocationSampling(
  port: number,
): Promise<() => Promise<SamplingHeapProfile>> {
  const socket = new WebSocket(await inspectorSocketUrl(port));
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  let lastId = 0;
  const waiting = new Map<number, (reply: { result?: unknown; error?: unknown }) => void>();
  socket.on("message", (data: Buffer) => {
    const reply = JSON.parse(data.toString("utf8")) as { id?: number; result?: unknown };
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
  });
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++lastId;
      waiting.set(id, (reply) =>
        reply.error === undefined
          ? resolve(reply.result)
          : reject(new Error(JSON.stringify(reply.error))),
      );
      socket.send(JSON.stringify({ id, method, params }));
    });
  await call("HeapProfiler.enable");
  await call("HeapProfiler.startSampling", {
    samplingInterval: SAMPLING_INTERVAL_BYTES,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return async () => {
    try {
      const { profile } = (await call("HeapProfiler.stopSampling")) as {
        profile: SamplingHeapProfile;
      };
      return profile;
    } finally {
      socket.close();
    }
  };
}

/** Bytes sampled in all, and the `top` sites that allocated most (self, by function). */
export function allocationSummary(
  profile: SamplingHeapProfile,
  top: number,
): { totalBytes: number; sites: AllocationSite[] } {
  const bySite = new Map<string, number>();
  let totalBytes = 0;
  const stack: AllocationNode[] = [profile.head];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.selfSize > 0) {
      const { functionName, url, lineNumber } = node.callFrame;
      const file = url.split("/").slice(-2).join("/");
      const site = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
      bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
      totalBytes += node.selfSize;
    }
    stack.push(...node.children);
  }
  const sites = [...bySite]
    .map(([site, bytes]) => ({ site, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
  return { totalBytes, sites };
}

import { openInspector } from "./inspector.js";

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
  const session = await openInspector(port);
  await session.call("HeapProfiler.enable");
  await session.call("HeapProfiler.startSampling", {
    samplingInterval: SAMPLING_INTERVAL_BYTES,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return async () => {
    try {
      const { profile } = (await session.call("HeapProfiler.stopSampling")) as {
        profile: SamplingHeapProfile;
      };
      return profile;
    } finally {
      session.close();
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

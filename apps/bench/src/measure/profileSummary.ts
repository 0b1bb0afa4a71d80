// `pnpm --filter @duplex/bench profile-summary <file.cpuprofile> [top]`: self time by function, the text
// form of a flame graph's widest leaves, for a report.
import { readFileSync } from "node:fs";
import { relative } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
}

/** Share of samples per function (self time), largest first. */
export function selfTime(profile: CpuProfile): { name: string; share: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const where = frame.url
      ? `${relative(process.cwd(), frame.url.replace("file://", ""))}:${frame.lineNumber + 1}`
      : "";
    const name = `${frame.functionName || "(anonymous)"} ${where}`.trim();
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const total = profile.samples.length || 1;
  return [...counts.entries()]
    .map(([name, n]) => ({ name, share: n / total }))
    .sort((a, b) => b.share - a.share);
}

if (process.argv[1]?.endsWith("profileSummary.ts")) {
  const [file, top = "25"] = process.argv.slice(2);
  if (!file) throw new Error("usage: profile-summary <file.cpuprofile> [top]");
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  for (const { name, share } of selfTime(profile).slice(0, Number(top))) {
    console.log(`${(share * 100).toFixed(1).padStart(5)}%  ${name}`);
  }
}

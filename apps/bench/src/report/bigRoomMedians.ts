import type { BigRoomResult } from "../scenarios/bigRoom.js";
import type { BenchResults, BigRoomVariant } from "./results.js";
import { formatTable, ratio, times } from "./table.js";

/** One variant's fills at one size over several trials, summarised by their medians. */
export interface BigRoomMedian {
  variant: BigRoomVariant;
  members: number;
  /** Trials in which the variant filled the room (every member ready, no failures). */
  trials: number;
  elapsedMs: number;
  minElapsedMs: number;
  maxElapsedMs: number;
  serverCpuUsPerMember: number;
  idleBytesPerMember: number;
  /** Per trial, the fill against ws-default's in the same trial: lowest, median, highest. */
  paired?: { min: number; median: number; max: number };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const filled = (r: BigRoomResult | undefined): r is BigRoomResult =>
  r !== undefined && r.failures === 0 && r.ready === r.members;

/**
 * The medians of every size run in more than one trial. A trial in which a variant left members
 * unready is not a fill: it is left out of that variant's figures (and its pairs), and the count says so.
 */
export function bigRoomMedians(
  results: Pick<BenchResults, "bigRoom">,
  variants: readonly BigRoomVariant[],
): BigRoomMedian[] {
  const sizes = [
    ...new Set(results.bigRoom.filter((e) => e.trial !== undefined).map((e) => e.members)),
  ];
  return sizes.flatMap((members) => {
    const trials = results.bigRoom.filter((e) => e.members === members && e.trial !== undefined);
    return variants.flatMap((variant): BigRoomMedian[] => {
      const runs = trials.map((t) => t.byVariant[variant]).filter(filled);
      if (runs.length === 0) return [];
      const pairs = trials.flatMap((t) => {
        const own = t.byVariant[variant];
        const base = t.byVariant["ws-default"];
        return filled(own) && filled(base) ? [own.elapsedMs / base.elapsedMs] : [];
      });
      const elapsed = runs.map((r) => r.elapsedMs);
      return [
        {
          variant,
          members,
          trials: runs.length,
          elapsedMs: median(elapsed),
          minElapsedMs: Math.min(...elapsed),
          maxElapsedMs: Math.max(...elapsed),
          serverCpuUsPerMember: median(runs.map((r) => r.serverCpuUsPerMember)),
          idleBytesPerMember: median(runs.map((r) => r.idleBytesPerMember)),
          ...(pairs.length > 0 && {
            paired: { min: Math.min(...pairs), median: median(pairs), max: Math.max(...pairs) },
          }),
        },
      ];
    });
  });
}

/** The medians as a table: the verdict of a `--big-room-trials` run. */
export function renderBigRoomMedians(
  results: Pick<BenchResults, "bigRoom">,
  variants: readonly BigRoomVariant[],
): string[] {
  const medians = bigRoomMedians(results, variants);
  if (medians.length === 0) return [];
  const baseOf = (m: BigRoomMedian) =>
    medians.find((b) => b.members === m.members && b.variant === "ws-default");
  const rows = medians.map((m) => [
    m.variant,
    String(m.members),
    String(m.trials),
    String(Math.round(m.elapsedMs)),
    `${m.minElapsedMs}–${m.maxElapsedMs}`,
    ratio(m.elapsedMs, baseOf(m)?.elapsedMs),
    m.paired ? `${times(m.paired.median)} (${times(m.paired.min)}–${times(m.paired.max)})` : "–",
    String(Math.round(m.serverCpuUsPerMember)),
    (m.idleBytesPerMember / 1024).toFixed(1),
  ]);
  return [
    "f, medians over the trials: a variant's median fill, its range, the median against ws-default's",
    "median (×ws-def), and the fill against ws-default's in the same trial (median, lowest–highest).",
    "A trial that left members unready is not counted (trials).",
    formatTable(
      [
        "variant",
        "N",
        "trials",
        "median ms",
        "range ms",
        "×ws-def",
        "per trial ×ws-def",
        "srv µs/m",
        "idle KiB/m",
      ],
      rows,
    ),
    "",
  ];
}

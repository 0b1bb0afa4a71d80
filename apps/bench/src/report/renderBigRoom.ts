import type { BenchResults, BigRoomVariant } from "./results.js";
import { renderBigRoomMedians } from "./bigRoomMedians.js";
import { formatTable, pct, ratio } from "./table.js";

const VARIANTS: readonly BigRoomVariant[] = [
  "ws",
  "ws-default",
  "duplex",
  "duplex-base",
  "duplex-presence",
];
const MIB = 2 ** 20;

/** Scenario f: one table row per size and variant, with the ratios the big-room targets are set in. */
export function renderBigRoom(results: BenchResults): string[] {
  if (results.bigRoom.length === 0) return [];
  const rows = results.bigRoom.flatMap(({ members, trial, byVariant }) =>
    VARIANTS.flatMap((variant) => {
      const r = byVariant[variant];
      if (r === undefined) return [];
      const ws = byVariant.ws;
      const wsDefault = byVariant["ws-default"];
      const perThousand = r.ready > 0 ? r.bytesToClients / (r.ready / 1000) : 0;
      return [
        [
          trial === undefined ? variant : `${variant} #${trial}`,
          String(members),
          String(r.ready),
          String(r.failures),
          String(r.elapsedMs),
          ratio(r.elapsedMs, ws?.elapsedMs),
          ratio(r.elapsedMs, wsDefault?.elapsedMs),
          `${(r.bytesToClients / MIB).toFixed(1)}`,
          `${(perThousand / MIB).toFixed(2)}`,
          (r.peakBytesPerMember / 1024).toFixed(1),
          (r.idleBytesPerMember / 1024).toFixed(1),
          ratio(r.idleBytesPerMember, ws?.idleBytesPerMember),
          pct(r.cpu.server),
          String(r.serverCpuUsPerMember),
          pct(r.cpu.generator),
          pct(r.cpu.others),
        ],
      ];
    }),
  );
  return [
    "f. Big room: N clients connect at once and join one room; time to the last ready (Duplex: joined),",
    "bytes the server sent the clients until the room was quiet, server RSS growth per member during the",
    "fill (peak) and once idle (10 s after the room went quiet, the malloc's decay); srv µs/m: the",
    "server's CPU time during the fill per member. Duplex runs as `pnpm start` does (jemalloc). duplex:",
    "clients granted member_pages; duplex-base: the same on --duplex-base's build; duplex-presence:",
    "presence_diff only. ws listens with Duplex's accept queue (4,096); ws-default with Node's (511), as",
    "a bare `new WebSocketServer({ port })` does (the big-room issue's baseline): ×ws-def.",
    formatTable(
      [
        "variant",
        "N",
        "ready",
        "failures",
        "time ms",
        "×ws",
        "×ws-def",
        "MiB sent",
        "MiB/1k",
        "peak KiB/m",
        "idle KiB/m",
        "idle ×ws",
        "srv CPU",
        "srv µs/m",
        "gen CPU",
        "other",
      ],
      rows,
    ),
    "",
    ...renderBigRoomMedians(results, VARIANTS),
  ];
}

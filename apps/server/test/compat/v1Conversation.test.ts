import { readFileSync, writeFileSync } from "node:fs";
import { CAPABILITIES, decodeServerMessage } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { startTestServer, tempDb } from "../helpers.js";
import { runConversation, stable, type RecordedStep } from "./conversation.js";

const RECORDING = new URL("./v1Conversation.json", import.meta.url);

// Frames a granted capability adds beside v1's (no v1 frame stands in for them): `prefs` follows
// `welcome` for `read_receipts`.
const ADDED_BY_CAPABILITIES: ReadonlySet<string> = new Set(["prefs"]);

// `RECORD_V1_CONVERSATION=1` rewrites the recording. Only ever from the server v1 was published with
// (see the README of this folder): recording from a changed server would hide the change.
const recording = process.env.RECORD_V1_CONVERSATION === "1";

function load(): RecordedStep[] {
  return JSON.parse(readFileSync(RECORDING, "utf8")) as RecordedStep[];
}

describe("the recorded v1 conversation", () => {
  it("[C5] a client that knows only v1 receives exactly the frames v1 was published with", async () => {
    using db = tempDb();
    const server = await startTestServer({ dbPath: db.path }, { presenceIntervalMs: 0 });
    try {
      const steps = await runConversation(server.url);
      const normalised = steps.map((s) => ({
        step: s.step,
        received: { alice: stable(s.received.alice), bob: stable(s.received.bob) },
      }));
      if (recording) {
        writeFileSync(RECORDING, `${JSON.stringify(normalised, null, 2)}\n`);
        return;
      }
      const recorded = load();
      expect(normalised.map((s) => s.step)).toEqual(recorded.map((s) => s.step));
      for (const [i, step] of normalised.entries()) {
        expect(step, `step ${i + 1}: ${step.step}`).toEqual(recorded[i]);
      }
    } finally {
      await server.close();
    }
  });

  it("[C5] a client that asks for every capability reads every frame strictly, nothing ignored", async () => {
    using db = tempDb();
    const server = await startTestServer({ dbPath: db.path }, { presenceIntervalMs: 0 });
    try {
      const steps = await runConversation(server.url, {
        caps: [...CAPABILITIES, "from-the-future"],
      });
      const recorded = load();
      expect(steps.map((s) => s.step)).toEqual(recorded.map((s) => s.step));
      for (const [i, step] of steps.entries()) {
        for (const user of ["alice", "bob"] as const) {
          const types = step.received[user].flatMap((frame) => {
            const decoded = decodeServerMessage(JSON.stringify(frame));
            expect(decoded.ok && decoded.ignored, `${step.step}: ${JSON.stringify(frame)}`).toBe(
              undefined,
            );
            if (!decoded.ok) return ["undecodable"];
            if (ADDED_BY_CAPABILITIES.has(decoded.value.type)) return [];
            // The batched form this client asked for stands where v1 has a lone `presence`.
            return [decoded.value.type === "presence_diff" ? "presence" : decoded.value.type];
          });
          const recordedTypes = (recorded[i]?.received[user] ?? []).map(
            (f) => (f as { type: string }).type,
          );
          expect(types.sort(), `${step.step} (${user})`).toEqual(recordedTypes.sort());
        }
      }
      const welcome = steps[0]?.received.alice[0] as { caps?: string[] };
      expect(welcome.caps).toEqual([...CAPABILITIES]);
    } finally {
      await server.close();
    }
  });
});

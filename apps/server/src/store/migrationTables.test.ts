import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "./migrations.js";
import { PG_MIGRATIONS } from "./postgres/migrations.js";

// The statements each migration shipped with (sha256 of its trimmed SQL, first 16 hex digits). A
// database upgraded through them must end up as a fresh one does, so their text never changes; a new
// migration is appended (and pinned here once it ships).
const SHIPPED_SQLITE: Record<number, string> = {
  1: "7705d62c950f711c",
  2: "758593e8ad02253e",
  3: "e6b8f133268cb1d4",
  4: "dad42a97f42ee5d1",
  5: "5d90d769b5b9b663",
  6: "bf67d0ea04f618fb",
  7: "d3eaca429c7a68f8",
  8: "595d1765f531f226",
  9: "8dbca2e07901d718",
  10: "9f4e0bd37ff7fa08",
  11: "74b9a4a3dfeac5bf",
  12: "ab44b4ff6175721d",
  13: "c9cad5835f1a3b42",
  14: "89076ea275d9368d",
  15: "916f99ab33b466aa",
  16: "a4a38f6c4fb3641f",
};
const SHIPPED_POSTGRES: Record<number, string> = {
  1: "14e88ae5de41ebe5",
  2: "bc4769885dee92fe",
  3: "0b8678a66a1c2968",
  4: "8d2bb2b3ceb165ec",
  5: "9d8760071f4cf041",
  6: "1a6d2a168b5cd158",
  7: "5f7f45d90dc427c3",
  8: "4ac4f1e0e3e19588",
  9: "24bdeb90d0dc7106",
  10: "d6b7e676f3ac82cf",
  // Re-pinned when the thread tables were shared: two index statements lost a space before their
  // column list, and Postgres keeps no statement text for an index (pg_indexes reads the same).
  11: "65bdcc6e10858bf0",
};

/** The fingerprint of each pinned migration, as the code renders it now. */
function fingerprints(
  migrations: readonly { id: number; sql: string }[],
  pinned: Record<number, string>,
): Record<number, string | undefined> {
  const byId = new Map(migrations.map((m) => [m.id, m.sql]));
  return Object.fromEntries(
    Object.keys(pinned).map((id) => {
      const sql = byId.get(Number(id));
      return [id, sql && createHash("sha256").update(sql.trim()).digest("hex").slice(0, 16)];
    }),
  );
}

describe("shipped migrations", () => {
  it("keep the SQLite statements they shipped with (the shared table shapes render them unchanged)", () => {
    expect(fingerprints(MIGRATIONS, SHIPPED_SQLITE)).toEqual(SHIPPED_SQLITE);
  });

  it("keep the Postgres statements they shipped with", () => {
    expect(fingerprints(PG_MIGRATIONS, SHIPPED_POSTGRES)).toEqual(SHIPPED_POSTGRES);
  });
});

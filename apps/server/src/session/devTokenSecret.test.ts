import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { devTokenSecret } from "./devTokenSecret.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("devTokenSecret", () => {
  it("keeps the same secret across restarts, so dev reloads do not sign users out", () => {
    const dir = mkdtempSync(join(tmpdir(), "duplex-secret-"));
    dirs.push(dir);
    const db = join(dir, "data", "duplex.db");
    const first = devTokenSecret(db);
    const second = devTokenSecret(db);
    expect(second.secret).toBe(first.secret);
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
  });

  it("gives another database directory another secret", () => {
    const a = mkdtempSync(join(tmpdir(), "duplex-secret-"));
    const b = mkdtempSync(join(tmpdir(), "duplex-secret-"));
    dirs.push(a, b);
    expect(devTokenSecret(join(a, "x.db")).secret).not.toBe(devTokenSecret(join(b, "x.db")).secret);
  });
});

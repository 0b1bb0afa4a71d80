import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { SqliteStore } from "./SqliteStore.js";
import { webPushStoreContract } from "../../test/contracts/webPushStore.contract.js";

const dir = mkdtempSync(join(tmpdir(), "duplex-webpush-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

webPushStoreContract("SqliteStore", async () => new SqliteStore(join(dir, `s-${++n}.db`)));

import { afterAll, beforeAll, describe } from "vitest";
import {
  requirePostgres,
  startPostgres,
  type PostgresHandle,
} from "../../../test/support/postgres.js";
import { webPushStoreContract } from "../../../test/contracts/webPushStore.contract.js";
import { PostgresStore } from "./PostgresStore.js";

requirePostgres();

describe("PostgresStore web push", () => {
  let pg: PostgresHandle;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(async () => {
    await pg.stop();
  });
  webPushStoreContract("PostgresStore", async () =>
    PostgresStore.open(await pg.freshDatabase(), { max: 4 }),
  );
});

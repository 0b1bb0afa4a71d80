import { describe } from "vitest";
import { requirePostgres, postgresForSuite } from "../../../test/support/postgres.js";
import { webPushStoreContract } from "../../../test/contracts/webPushStore.contract.js";
import { PostgresStore } from "./PostgresStore.js";

requirePostgres();

describe("PostgresStore web push", () => {
  const pg = postgresForSuite();
  webPushStoreContract("PostgresStore", async () =>
    PostgresStore.open(await pg.freshDatabase(), { max: 4 }),
  );
});

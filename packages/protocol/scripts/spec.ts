// Writes the generated contract: spec/asyncapi.json and spec/schemas/<direction>.<type>.json.
// Generated on every build from the zod schemas; nothing here is edited by hand.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildAsyncApiDocument, messageSchemas } from "../src/spec/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "spec");
rmSync(root, { recursive: true, force: true });
mkdirSync(join(root, "schemas"), { recursive: true });

const write = (path: string, value: unknown) =>
  writeFileSync(join(root, path), `${JSON.stringify(value, null, 2)}\n`);

write("asyncapi.json", buildAsyncApiDocument());
let count = 0;
for (const direction of ["client", "server"] as const) {
  for (const [type, schema] of Object.entries(messageSchemas(direction))) {
    write(join("schemas", `${direction}.${type}.json`), schema);
    count += 1;
  }
}
console.log(`wrote spec/asyncapi.json and ${count} message schemas to ${root}`);

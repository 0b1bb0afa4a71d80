// One linter for the whole repo: typescript-eslint's type-aware rules everywhere, React hooks rules in the web app.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Boundaries: the drivers (`ws`, `ioredis`, `pg`, `better-sqlite3`) stay at the edges and in the seams'
// implementations, so every domain module can be read and tested without a socket or a database; and
// test code (vitest) stays out of what ships. apps/server/README.md lists the folders.
const DRIVER_REASONS = {
  ws: "the WebSocket is an edge: only connection/, sse/, echo/, inspector/, the transport comparison's sockets and startServer.ts (with its wiring/) see it",
  ioredis: "Redis lives only in a redis/ folder behind its seam (Broker, Presence, StatsSource)",
  pg: "PostgreSQL lives only in store/postgres/ (and the files drivers named in eslint.config.js)",
  "better-sqlite3": "SQLite lives only in the store's Sqlite*/sqlite* files and migrations",
  vitest: "test code: contract suites and helpers live under test/ or in *.test.ts files",
  "@duplex/rawsocket":
    "hand-written RFC 6455 is for the conformance suite and the bench; shipped code speaks WebSocket through ws",
};
/** A `no-restricted-imports` rule forbidding every driver (and vitest) except the ones named. */
function imports(...allowed) {
  const paths = Object.entries(DRIVER_REASONS)
    .filter(([name]) => !allowed.includes(name))
    .map(([name, message]) => ({ name, message }));
  return { "no-restricted-imports": ["error", { paths }] };
}
const SERVER = "apps/server/src";

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "**/coverage/**",
      "**/test-results/**",
      "**/playwright-report/**",
      "**/*.config.js",
      "eslint.config.js",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      eqeqeq: ["error", "smart"],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["apps/web/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    // Shipped source never imports the test runner.
    files: ["packages/*/src/**/*.{ts,tsx}", "apps/*/src/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}", "apps/web/src/test/**"],
    rules: imports("ws", "ioredis", "pg", "better-sqlite3"),
  },
  {
    // The load generator speaks raw RFC 6455 on purpose.
    files: ["apps/bench/src/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: imports("ws", "ioredis", "pg", "better-sqlite3", "@duplex/rawsocket"),
  },
  {
    // Server domain modules: no driver at all.
    files: [`${SERVER}/**/*.ts`],
    ignores: ["**/*.test.ts"],
    rules: imports(),
  },
  {
    // The socket edge and the composition root that creates the WebSocket server.
    files: [
      `${SERVER}/connection/**/*.ts`,
      `${SERVER}/sse/**/*.ts`,
      `${SERVER}/echo/**/*.ts`,
      `${SERVER}/inspector/**/*.ts`,
      `${SERVER}/compare/compareSockets.ts`,
      `${SERVER}/startServer.ts`,
      `${SERVER}/wiring/**/*.ts`,
    ],
    ignores: ["**/*.test.ts"],
    rules: imports("ws"),
  },
  {
    files: [`${SERVER}/**/redis/**/*.ts`],
    ignores: ["**/*.test.ts"],
    rules: imports("ioredis"),
  },
  {
    // The SQL stores (the files' records and Postgres blobs too: files/ holds only their seams).
    files: [
      `${SERVER}/store/Sqlite*.ts`,
      `${SERVER}/store/sqlite*.ts`,
      `${SERVER}/store/migrations*.ts`,
      `${SERVER}/store/migrations/**/*.ts`,
      `${SERVER}/store/backfillNames.ts`,
      `${SERVER}/store/postgres/**/*.ts`,
    ],
    ignores: ["**/*.test.ts"],
    rules: imports("pg", "better-sqlite3"),
  },
  {
    // Command-line entry points wire whatever they run.
    files: [`${SERVER}/bin/**/*.ts`],
    ignores: ["**/*.test.ts"],
    rules: imports("ws", "ioredis", "pg", "better-sqlite3"),
  },
  {
    // Room membership has one writer (rooms/RoomMembership.ts): the peer's room set, the local
    // fan-out subscription, presence and its feed change there together, or they drift apart.
    files: [`${SERVER}/**/*.ts`],
    ignores: ["**/*.test.ts", `${SERVER}/rooms/RoomMembership.ts`],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.property.name=/^(enterRoom|markJoined|forgetRoom|watchMembers|announce)$/]",
          message: "membership is written only by RoomMembership (ctx.membership)",
        },
        {
          selector:
            "CallExpression[callee.object.property.name=/^(fanout|presence)$/][callee.property.name=/^(add|remove|join|leave|watchChanged)$/]",
          message: "membership is written only by RoomMembership (ctx.membership)",
        },
      ],
    },
  },
  {
    // CLIs, benchmarks and e2e print to the terminal by design.
    files: ["**/scripts/**", "**/bin/**", "e2e/**", "apps/bench/**", "**/*.test.ts", "**/test/**"],
    rules: { "no-console": "off" },
  },
);

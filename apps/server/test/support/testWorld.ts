import type { ClientMessageOf, ServerMessageOf, User } from "@duplex/protocol";
import type { Config } from "../../src/config.js";
import type { RunningServer } from "../../src/index.js";
import type { StartOptions } from "../../src/startServer.js";
import { TestClient, startTestServer, tempDb, type ConnectOptions } from "../helpers.js";
import { registerAccounts, type Account } from "../accountsHttp.js";

/** One signed-in guest of a {@link TestWorld}: its connected client and what `welcome` told it. */
export interface WorldUser {
  client: TestClient;
  welcome: ServerMessageOf<"welcome">;
  user: User;
  /** The session token `welcome` issued: `hello { token }` signs in as this user again. */
  token: string;
}

export interface TestWorldOptions<Name extends string> {
  /** Guests to sign in (`hello { name }`), in order. @default [] */
  users?: readonly Name[];
  /** Rooms every user joins, each user all of them in order, before the next user. @default [] */
  rooms?: readonly string[];
  /** Capabilities the `users` announce in their `hello`. @default none */
  caps?: ClientMessageOf<"hello">["caps"];
  /** Server configuration over the quiet test defaults (`dbPath` is the world's own). @default {} */
  config?: Partial<Omit<Config, "dbPath">>;
  /** Start options (logger, clock…). @default {} */
  start?: StartOptions;
}

/** A running server with signed-in users; `await using` tears all of it down, even when a test fails. */
export interface TestWorld<Name extends string> extends AsyncDisposable {
  server: RunningServer;
  /** The SQLite file of this world (gone after disposal). */
  dbPath: string;
  /** The users asked for, by name. */
  users: Record<Name, WorldUser>;
  /** Connects and says `hello` once more (another tab, a reconnect); disposed with the world. */
  hello(
    hello?: Omit<ClientMessageOf<"hello">, "type">,
    options?: ConnectOptions,
  ): Promise<WorldUser>;
  /** Connects without `hello`; disposed with the world. */
  connect(options?: ConnectOptions): Promise<TestClient>;
  /** Registers accounts one after the other (the first account of a server is its owner). */
  accounts<const Names extends readonly string[]>(
    ...names: Names
  ): Promise<{ [K in keyof Names]: Account }>;
}

/**
 * The preamble most server tests share — a real server on port 0 with a temp SQLite file, guests
 * signed in, rooms joined — as one disposable fixture:
 *
 * ```ts
 * await using world = await testWorld({ users: ["Alice", "Bob"], rooms: ["general"] });
 * const { Alice, Bob } = world.users;
 * ```
 */
export async function testWorld<const Name extends string = never>(
  options: TestWorldOptions<Name> = {},
): Promise<TestWorld<Name>> {
  const db = tempDb();
  const clients: TestClient[] = [];
  let server: RunningServer | undefined;
  const dispose = async () => {
    for (const client of clients) client.close();
    await server?.close();
    db[Symbol.dispose]();
  };
  try {
    server = await startTestServer({ ...options.config, dbPath: db.path }, options.start);
    const { url, httpUrl } = server;
    const connect = async (connectOptions?: ConnectOptions) => {
      const client = await TestClient.connect(url, connectOptions);
      clients.push(client);
      return client;
    };
    const hello = async (
      message: Omit<ClientMessageOf<"hello">, "type"> = {},
      connectOptions?: ConnectOptions,
    ): Promise<WorldUser> => {
      const client = await connect(connectOptions);
      client.send({ type: "hello", ...message });
      const welcome = await client.waitFor("welcome");
      return { client, welcome, user: welcome.user, token: welcome.token };
    };
    const users = {} as Record<Name, WorldUser>;
    for (const name of options.users ?? []) {
      const signedIn = await hello({ name, ...(options.caps && { caps: options.caps }) });
      for (const room of options.rooms ?? []) await signedIn.client.join(room);
      users[name] = signedIn;
    }
    return {
      server,
      dbPath: db.path,
      users,
      hello,
      connect,
      accounts: (...names) => registerAccounts(httpUrl, names),
      [Symbol.asyncDispose]: dispose,
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/** A guest `name` who says `text` in #general (acked) and goes offline. */
export async function saysThenLeaves<Name extends string>(
  world: TestWorld<Name>,
  name: string,
  text: string,
): Promise<WorldUser> {
  const user = await world.hello({ name });
  await user.client.join("general");
  await user.client.sendAndAck("general", text, `${name}-1`);
  user.client.close();
  await user.client.closed;
  return user;
}

/**
 * A world with a test's own scene set on it (more tabs, an upload under way…): `setup`'s fields join
 * the world, and a failing setup still tears the world down.
 */
export async function withScene<W extends AsyncDisposable, Scene extends object>(
  world: W,
  setup: (world: W) => Promise<Scene>,
): Promise<W & Scene> {
  try {
    return Object.assign(world, await setup(world));
  } catch (err) {
    await world[Symbol.asyncDispose]();
    throw err;
  }
}

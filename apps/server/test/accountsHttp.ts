import { request } from "node:http";
import type { User } from "@duplex/protocol";

/** One JSON call of the account API; `from` picks the local address (lockouts are per address). */
export async function api(
  httpUrl: string,
  method: string,
  path: string,
  { body, token, from }: { body?: unknown; token?: string; from?: string } = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Record<string, string> }> {
  const url = new URL(path, httpUrl);
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method,
      ...(from !== undefined && { localAddress: from }),
      headers: {
        ...(text !== undefined && { "content-type": "application/json" }),
        ...(token !== undefined && { authorization: `Bearer ${token}` }),
      },
    });
    req.on("response", (res) => {
      let data = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (data += chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          json: data === "" ? {} : (JSON.parse(data) as Record<string, unknown>),
          headers: res.headers as Record<string, string>,
        }),
      );
    });
    req.on("error", reject);
    req.end(text);
  });
}

export const GOOD_PASSWORD = "violet-kettle-harbour-19";

/** Registers an account and returns it with its session token. */
export async function registerAccount(httpUrl: string, name: string): Promise<Account> {
  const res = await api(httpUrl, "POST", "/api/auth/register", {
    body: { name, password: GOOD_PASSWORD },
  });
  if (res.status !== 201)
    throw new Error(`register ${name}: ${res.status} ${JSON.stringify(res.json)}`);
  return { user: res.json.user as User, token: res.json.token as string };
}

/** A registered account and its session token. */
export interface Account {
  user: User;
  token: string;
}

/** Registers the accounts one after the other (the first account of a server is its owner). */
export async function registerAccounts<const Names extends readonly string[]>(
  httpUrl: string,
  names: Names,
): Promise<{ [K in keyof Names]: Account }> {
  const accounts: Account[] = [];
  for (const name of names) accounts.push(await registerAccount(httpUrl, name));
  return accounts as { [K in keyof Names]: Account };
}

/** Creates the private room `room`, owned by the account holding `ownerToken`, with `members` invited. */
export async function createPrivateRoom(
  httpUrl: string,
  ownerToken: string,
  room: string,
  members: readonly { user: { id: string } }[],
): Promise<void> {
  const created = await api(httpUrl, "POST", "/api/rooms/private", {
    token: ownerToken,
    body: { room },
  });
  if (created.status !== 201) throw new Error(`create ${room}: ${created.status}`);
  for (const member of members) {
    const invited = await api(httpUrl, "POST", "/api/rooms/invite", {
      token: ownerToken,
      body: { room, user: member.user.id },
    });
    if (invited.status >= 300) throw new Error(`invite to ${room}: ${invited.status}`);
  }
}

import type { IncomingMessage } from "node:http";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import {
  PASSKEY_CHALLENGE_TTL_MS,
  PASSKEY_PATHS,
  PasskeyLoginVerifyRequest,
  PasskeyRegisterVerifyRequest,
  type AuthResponse,
  type PasskeyInfo,
  type PasskeyRegisteredResponse,
  type PasskeysResponse,
} from "@duplex/protocol";
import type { Logger } from "../logger.js";
import { HttpError } from "../http/jsonApi.js";
import type { Route } from "../http/requestHandler.js";
import type { Sessions } from "../session/Sessions.js";
import type { PasskeyRecord } from "../store/PasskeyStore.js";
import type { Store } from "../store/Store.js";
import { jsonBody, lastPathSegment, requireMethod } from "./apiRequest.js";
import { authenticate, routesOf, type Answer } from "./authApi.js";
import type { LoginLockout } from "./LoginLockout.js";
import { toAssertion, toAttestation } from "./passkeyResponses.js";
import type { PasskeysConfig } from "./passkeysConfig.js";
import { relyingParty } from "./relyingParty.js";

export interface PasskeysApiDeps {
  store: Store;
  sessions: Sessions;
  /** The same lockout as password login: passkey failures spend the same per-address budget. */
  lockout: LoginLockout;
  config: PasskeysConfig;
  log: Logger;
  now(): number;
}

/** Most challenges waiting at once over all nodes: a flood of `options` cannot grow the table. */
export const MAX_WAITING_CHALLENGES = 10_000;
/** The lockout key of passkey sign-ins from an address (no name is known before verifying). */
const PASSKEY_KEY = "\u0000passkey";
const RP_NAME = "Duplex";

const deviceOf = (req: IncomingMessage) => req.headers["user-agent"] ?? "unknown device";
const addressOf = (req: IncomingMessage) => req.socket.remoteAddress ?? "unknown";

const info = (p: PasskeyRecord): PasskeyInfo => ({
  id: p.id,
  label: p.label,
  transports: p.transports,
  createdAt: p.createdAt,
  ...(p.lastUsedAt !== undefined && { lastUsedAt: p.lastUsedAt }),
});

/** 429 while this address (or this credential from it) is out of sign-in attempts. */
function checkBudget(deps: PasskeysApiDeps, req: IncomingMessage, key = PASSKEY_KEY): void {
  const waitMs = deps.lockout.retryAfterMs(key, addressOf(req));
  if (waitMs > 0) {
    throw new HttpError(429, "too many failed sign-ins; try again later", {
      "retry-after": String(Math.ceil(waitMs / 1000)),
    });
  }
}

async function keepChallenge(
  deps: PasskeysApiDeps,
  challenge: string,
  purpose: "register" | "login",
  userId?: string,
): Promise<void> {
  const now = deps.now();
  const stored = await deps.store.passkeys.putChallenge(
    { challenge, purpose, expiresAt: now + PASSKEY_CHALLENGE_TTL_MS, ...(userId && { userId }) },
    now,
    MAX_WAITING_CHALLENGES,
  );
  if (!stored) {
    throw new HttpError(503, "too many passkey sign-ins under way; try again shortly", {
      "retry-after": "10",
    });
  }
}

/** A challenge check for the library: the challenge must be ours, unused, unexpired, and for this. */
function takeChallenge(deps: PasskeysApiDeps, purpose: "register" | "login", userId?: string) {
  return async (challenge: string): Promise<boolean> => {
    const taken = await deps.store.passkeys.takeChallenge(challenge, deps.now());
    return taken?.purpose === purpose && taken.userId === userId;
  };
}

/** The signed-in account (guests cannot hold passkeys: nothing to sign in to but a guest name). */
async function account(deps: PasskeysApiDeps, req: IncomingMessage) {
  const { userId } = await authenticate(deps, req);
  const user = await deps.store.accounts.getUser(userId);
  if (!user || user.guest) throw new HttpError(403, "guests cannot add passkeys; register first");
  return user;
}

/** Why a verification failed, for a 400: the library's message names the check. */
const failed = (err: unknown) =>
  new HttpError(
    400,
    `passkey not accepted: ${err instanceof Error ? err.message : "bad response"}`,
  );

async function registerOptions(deps: PasskeysApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "POST");
  const user = await account(deps, req);
  checkBudget(deps, req);
  const rp = relyingParty(deps.config, req);
  const existing = await deps.store.passkeys.listPasskeys(user.id);
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.id,
    userName: user.name,
    userID: new TextEncoder().encode(user.id),
    timeout: PASSKEY_CHALLENGE_TTL_MS,
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
  await keepChallenge(deps, options.challenge, "register", user.id);
  return { status: 200, body: { options } };
}

async function registerVerify(deps: PasskeysApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "POST");
  const user = await account(deps, req);
  checkBudget(deps, req);
  const body = await jsonBody(req, PasskeyRegisterVerifyRequest);
  const rp = relyingParty(deps.config, req);
  const verified = await verifyRegistrationResponse({
    response: toAttestation(body.response),
    expectedChallenge: takeChallenge(deps, "register", user.id),
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: false,
  }).catch((err: unknown) => {
    deps.lockout.fail(PASSKEY_KEY, addressOf(req));
    throw failed(err);
  });
  if (!verified.verified) throw new HttpError(400, "passkey not accepted");
  const { credential } = verified.registrationInfo;
  const record = {
    id: credential.id,
    userId: user.id,
    publicKey: credential.publicKey,
    counter: credential.counter,
    transports: credential.transports ?? [],
    label: body.label ?? "Passkey",
    createdAt: deps.now(),
  };
  if (!(await deps.store.passkeys.addPasskey(record))) {
    throw new HttpError(409, "this passkey is already registered");
  }
  deps.log.info({ user: user.id }, "passkey added");
  const answer: PasskeyRegisteredResponse = { passkey: info(record) };
  return { status: 201, body: answer };
}

async function loginOptions(deps: PasskeysApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "POST");
  checkBudget(deps, req);
  const rp = relyingParty(deps.config, req);
  // No allowCredentials: discoverable credentials, so the browser offers the user's passkeys.
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    timeout: PASSKEY_CHALLENGE_TTL_MS,
    userVerification: "preferred",
  });
  await keepChallenge(deps, options.challenge, "login");
  return { status: 200, body: { options } };
}

async function loginVerify(deps: PasskeysApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "POST");
  const address = addressOf(req);
  checkBudget(deps, req);
  const body = await jsonBody(req, PasskeyLoginVerifyRequest);
  const key = `${PASSKEY_KEY}:${body.response.id}`;
  checkBudget(deps, req, key);
  const refuse = (why: string) => {
    deps.lockout.fail(key, address);
    deps.log.info({ why }, "passkey sign-in refused");
    return new HttpError(401, "passkey not recognised");
  };
  const passkey = await deps.store.passkeys.getPasskey(body.response.id);
  if (!passkey) throw refuse("unknown credential");
  const handle = body.response.response.userHandle;
  if (handle !== undefined && Buffer.from(handle, "base64url").toString() !== passkey.userId) {
    throw refuse("user handle mismatch");
  }
  const rp = relyingParty(deps.config, req);
  const verified = await verifyAuthenticationResponse({
    response: toAssertion(body.response),
    expectedChallenge: takeChallenge(deps, "login"),
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: { id: passkey.id, publicKey: passkey.publicKey, counter: passkey.counter },
    requireUserVerification: false,
  }).catch((err: unknown) => {
    throw refuse(err instanceof Error ? err.message : "verification failed");
  });
  if (!verified.verified) throw refuse("signature");
  // A counter that did not move forward (a cloned authenticator, a replay racing on another node).
  const { newCounter } = verified.authenticationInfo;
  if (!(await deps.store.passkeys.usePasskey(passkey.id, newCounter, deps.now()))) {
    throw refuse("counter did not advance");
  }
  deps.lockout.succeed(key, address);
  const user = await deps.store.accounts.getUser(passkey.userId);
  if (!user || user.guest) throw refuse("not an account");
  if (user.bannedAt !== undefined) throw new HttpError(403, "banned");
  const started = await deps.sessions.start(user.id, user.name, deviceOf(req));
  const answer: AuthResponse = {
    user: { id: user.id, name: user.name },
    token: started.issued.token,
    tokenExpiresAt: started.issued.expiresAt,
  };
  return { status: 200, body: answer };
}

async function list(deps: PasskeysApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "GET");
  const { userId } = await authenticate(deps, req);
  const answer: PasskeysResponse = {
    passkeys: (await deps.store.passkeys.listPasskeys(userId)).map(info),
  };
  return { status: 200, body: answer };
}

async function remove(deps: PasskeysApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "DELETE");
  const { userId } = await authenticate(deps, req);
  const id = lastPathSegment(req);
  if (!(await deps.store.passkeys.removePasskey(id, userId))) {
    throw new HttpError(404, "no such passkey");
  }
  return { status: 204 };
}

/** The routes of the passkey API (documented in the protocol README), by path. */
export function passkeyRoutes(deps: PasskeysApiDeps): [string, Route][] {
  const handlers = {
    registerOptions,
    registerVerify,
    loginOptions,
    loginVerify,
    list,
    one: remove,
  };
  return routesOf(deps, PASSKEY_PATHS, handlers);
}

import { createHash } from "node:crypto";
import webPush from "web-push";
import type { Logger } from "../logger.js";
import type { NewNotification } from "../store/NotificationStore.js";
import type { PushSubscriptionRecord, WebPushStore } from "../store/WebPushStore.js";
import { pushPayload } from "./pushPayload.js";
import { sendPush, type PushOutcome, type PushRequestOptions } from "./pushSender.js";
import { RetryQueue, type AttemptResult, type RetryQueueOptions } from "./RetryQueue.js";
import type { VisibleTabs } from "./VisibleTabs.js";
import type { WebPushConfig } from "./webPushConfig.js";
import { createWebPushMetrics, type WebPushMetrics } from "./webPushMetrics.js";

/** A subscription's id: a digest of its endpoint (the endpoint is a capability URL; ids are not). */
export function subscriptionId(endpoint: string): string {
  return createHash("sha256").update(endpoint).digest("base64url").slice(0, 22);
}

/** Delivery claims are kept this long: a notification is pushed right after it is stored. */
const CLAIM_KEEP_MS = 24 * 60 * 60_000;

type Job =
  | { kind: "user"; notification: NewNotification; userId: string }
  | { kind: "send"; sub: PushSubscriptionRecord; payload: string; urgency: Urgency };

type Urgency = PushRequestOptions["urgency"];

/** Mentions and DMs are for a person now (`high`: delivered even to a phone saving battery). */
const urgencyOf = (kind: string): Urgency =>
  kind === "mention" || kind === "dm" ? "high" : "normal";

export interface WebPushDeps {
  store: WebPushStore;
  config: WebPushConfig;
  tabs: VisibleTabs;
  log: Logger;
  now(): number;
  /** @default 8 attempts at once, 10,000 jobs held, 5 attempts, backoff from 1 s to 60 s */
  queue?: Partial<RetryQueueOptions>;
  /** The sender (tests may point it elsewhere). @default sendPush */
  send?: typeof sendPush;
  /**
   * Whether the user's preferences let this notification interrupt them now (do-not-disturb, the
   * room's level). @default always
   */
  mayInterrupt?: (userId: string, notification: NewNotification) => Promise<boolean>;
}

/**
 * Web Push: after a notification is stored, each recipient with no visible tab on any node gets it
 * on every device they registered. Nothing here blocks the send path: `notify` only queues. The
 * store decides that a notification is pushed to a user once across nodes (`claimDelivery`).
 */
export class WebPush {
  readonly metrics: WebPushMetrics;
  readonly #queue: RetryQueue<Job>;
  readonly #sweep: NodeJS.Timeout;

  private constructor(
    private readonly deps: WebPushDeps,
    /** The VAPID key pair every node signs with. */
    private readonly vapid: { publicKey: string; privateKey: string },
  ) {
    this.#queue = new RetryQueue<Job>(
      (job, attempt) => (job.kind === "user" ? this.#decide(job) : this.#send(job, attempt)),
      {
        maxJobs: 10_000,
        concurrency: 8,
        maxAttempts: 5,
        baseDelayMs: 1_000,
        maxDelayMs: 60_000,
        ...deps.queue,
      },
      {
        onGivenUp: (job, why) => {
          this.metrics.givenUp.inc({ reason: why });
          this.deps.log.warn({ kind: job.kind, why }, "web push given up");
        },
        onError: (job, err) => this.deps.log.warn({ err, kind: job.kind }, "web push step failed"),
      },
    );
    this.metrics = createWebPushMetrics(() => this.#queue.size);
    this.#sweep = setInterval(() => void this.#forgetClaims(), 10 * 60_000);
    this.#sweep.unref();
  }

  /** Loads the VAPID keys (the environment's, else the store's, made by the first node to start). */
  static async start(deps: WebPushDeps): Promise<WebPush> {
    const keys = deps.config.vapid ?? (await deps.store.vapidKeys(webPush.generateVAPIDKeys()));
    return new WebPush(deps, keys);
  }

  /** Which sockets are on screen, on every node. */
  get tabs(): VisibleTabs {
    return this.deps.tabs;
  }

  /** The application server key browsers subscribe with. */
  get publicKey(): string {
    return this.vapid.publicKey;
  }

  /** Queues the pushes of a notification just stored for `userIds`. Returns at once. */
  notify(notification: NewNotification, userIds: readonly string[]): void {
    for (const userId of userIds) this.#queue.push({ kind: "user", notification, userId });
  }

  /** Resolves once every queued push is done or given up (tests). */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  async close(): Promise<void> {
    clearInterval(this.#sweep);
    await this.#queue.close();
    await this.deps.tabs.close();
  }

  async #decide(job: Extract<Job, { kind: "user" }>): Promise<AttemptResult> {
    const { store, tabs, now } = this.deps;
    if (await tabs.anyVisible(job.userId)) {
      this.metrics.suppressed.inc();
      return { done: true };
    }
    if (this.deps.mayInterrupt && !(await this.deps.mayInterrupt(job.userId, job.notification))) {
      this.metrics.suppressed.inc();
      return { done: true };
    }
    const subs = await store.subscriptionsOf(job.userId, now());
    if (subs.length === 0) return { done: true };
    // The last step before sending: a retry of this job after a failure above may still claim it.
    if (!(await store.claimDelivery(job.notification.id, job.userId, now()))) return { done: true };
    const payload = JSON.stringify(pushPayload(job.notification));
    const urgency = urgencyOf(job.notification.kind);
    for (const sub of subs) this.#queue.push({ kind: "send", sub, payload, urgency });
    return { done: true };
  }

  async #send(job: Extract<Job, { kind: "send" }>, attempt: number): Promise<AttemptResult> {
    const { config, store, log, now } = this.deps;
    const outcome: PushOutcome = await (this.deps.send ?? sendPush)(job.sub, job.payload, {
      vapid: { subject: config.subject, ...this.vapid },
      ttlSeconds: config.ttlSeconds,
      urgency: job.urgency,
      timeoutMs: config.timeoutMs,
    });
    const device = { user: job.sub.userId, device: job.sub.id, attempt };
    switch (outcome.kind) {
      case "sent":
        this.metrics.sent.inc();
        await store.markPushed(job.sub.id, now());
        return { done: true };
      case "gone":
        this.metrics.failed.inc({ status: String(outcome.status) });
        if (await store.pruneSubscription(job.sub.id)) this.metrics.pruned.inc();
        log.info({ ...device, status: outcome.status }, "push subscription gone: pruned");
        return { done: true };
      case "retry":
        this.metrics.failed.inc({ status: String(outcome.status) });
        log.debug({ ...device, status: outcome.status }, "push deferred");
        return {
          done: false,
          ...(outcome.retryAfterMs !== undefined && { retryAfterMs: outcome.retryAfterMs }),
        };
      case "failed":
        this.metrics.failed.inc({ status: String(outcome.status) });
        log.warn({ ...device, status: outcome.status }, "push refused by the push service");
        return { done: true };
    }
  }

  async #forgetClaims(): Promise<void> {
    try {
      await this.deps.store.forgetDeliveries(this.deps.now() - CLAIM_KEEP_MS);
    } catch (err) {
      this.deps.log.warn({ err }, "push claims not swept");
    }
  }
}

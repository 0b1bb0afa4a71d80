import { CLOSE_REASONS, CloseCode, encode, isRetryable } from "@duplex/protocol";
import type { ClientMessage, ServerMessage } from "@duplex/protocol";
import type { ConnectionState, FrameEvent, LastClose, WebSocketLike } from "./types.js";
import type { ResolvedOptions } from "./options.js";
import { Heartbeat } from "./heartbeat.js";
import { heartbeatTiming } from "./options.js";
import { ReconnectScheduler } from "./reconnectScheduler.js";
import { Transport } from "./transport.js";
import { supportsSubprotocol } from "./versionProbe.js";
import { UpgradeProber } from "./wsUpgrade.js";

/** What the link tells the client it serves. */
export interface LinkHooks {
  /** The `hello` to send on a new socket (and on an upgrade probe, when signed in). */
  hello(): ClientMessage;
  /** Whether there is a session token (an upgrade probe needs one). */
  signedIn(): boolean;
  message(message: ServerMessage): void;
  frame(frame: FrameEvent): void;
  state(state: ConnectionState): void;
  rtt(ms: number): void;
  /** The socket's bookkeeping goes (rooms to rejoin, uploads to resume, requests rejected). */
  detached(reason: string): void;
  /** The server refused our token for good (4401): forget it, hold what was unsent. */
  unauthorized(): void;
}

/**
 * The connection lifecycle of one client: opening, the heartbeat, reconnecting with backoff, going
 * offline and back, an upgrade from SSE to WebSocket, and the version probe. Owns the state; every
 * transition is a `state` event.
 */
export class ClientLink {
  readonly #o: ResolvedOptions;
  readonly #hooks: LinkHooks;
  readonly #transport: Transport;
  readonly #reconnect: ReconnectScheduler;
  readonly #prober: UpgradeProber | undefined;
  #state: ConnectionState = { status: "idle", attempt: 0 };
  #heartbeat: Heartbeat | undefined;
  #unsubscribeOnline: (() => void) | undefined;
  #probing = false;

  constructor(o: ResolvedOptions, hooks: LinkHooks) {
    this.#o = o;
    this.#hooks = hooks;
    const { timers } = o;
    this.#reconnect = new ReconnectScheduler({ ...o, timers });
    this.#transport = new Transport(o.WebSocket, o.url, timers, {
      open: () => this.write(hooks.hello()),
      message: (m) => hooks.message(m),
      close: (code, reason, opened) => {
        this.#onClose(code, reason);
        if (!opened) this.#probeVersion();
      },
      frame: (f) => hooks.frame(f),
    });
    const upgrade = o.links.upgrade;
    this.#prober =
      upgrade &&
      new UpgradeProber({
        WebSocket: upgrade.WebSocket,
        url: o.url,
        timers,
        ...o.upgradeProbe,
        timeoutMs: o.fallbackMs,
        hello: () => (hooks.signedIn() ? encode(hooks.hello()) : undefined),
        onUpgrade: (socket, hello, welcome) => this.#upgrade(socket, hello, welcome),
      });
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get transport(): Transport {
    return this.#transport;
  }

  write(message: ClientMessage): void {
    this.#transport.write(message);
  }

  /** Opens the connection (from `idle` or `closed`); later drops reconnect by themselves. */
  connect(): void {
    if (this.#state.status !== "idle" && this.#state.status !== "closed") return;
    this.#reconnect.reset();
    this.#unsubscribeOnline ??= this.#o.online.subscribe((up) => this.#onOnlineChange(up));
    this.#setState({ status: "connecting", attempt: 0, lastClose: this.#state.lastClose });
    if (this.#o.online.isOnline()) this.#open();
  }

  /** Closes for good (until `connect()` again). */
  close(code: number, reason: string): void {
    this.#transport.close(code, reason);
    this.#teardown();
    this.#stopWatchingOnline();
    this.#setState({ status: "closed", attempt: 0, lastClose: { code, reason, retryable: false } });
  }

  /** `welcome` arrived: the heartbeat starts at the server's pace and the link is open. */
  welcomed(heartbeatMs: number | undefined): void {
    const { intervalMs, timeoutMs } = heartbeatTiming(this.#o, heartbeatMs);
    this.#heartbeat = new Heartbeat({
      timers: this.#o.timers,
      intervalMs,
      timeoutMs,
      sendPing: (t) => this.write({ type: "ping", t }),
      onDead: () => this.#onDeadLink(),
      onRtt: (ms) => this.#hooks.rtt(ms),
    });
    this.#heartbeat.start();
    this.#reconnect.markOpen();
    this.#setState({ status: "open", attempt: 0, lastClose: this.#state.lastClose });
  }

  /** On SSE a WebSocket is probed for in the background; on WebSocket there is nothing to probe. */
  probeUpgrade(onSse: boolean): void {
    if (onSse) this.#prober?.start();
    else this.#prober?.stop();
  }

  pong(t: number): void {
    this.#heartbeat?.onPong(t);
  }

  /** The one place the state changes; every transition is an event. */
  #setState(next: ConnectionState): void {
    this.#state = next;
    this.#hooks.state(next);
  }

  #open(): void {
    this.#reconnect.cancelRetry();
    try {
      this.#transport.open();
    } catch (error) {
      // A malformed URL does not get better by retrying.
      const reason = error instanceof Error ? error.message : "cannot open a socket";
      this.#stopWatchingOnline();
      this.#setState({
        status: "closed",
        attempt: 0,
        lastClose: { code: CloseCode.Abnormal, reason, retryable: false },
      });
      return;
    }
    if (this.#state.nextRetryAt !== undefined) {
      this.#setState({ ...this.#state, nextRetryAt: undefined });
    }
  }

  /**
   * A WebSocket probe was welcomed while on SSE: it becomes the link, as a reconnect would, without
   * a gap — rooms rejoin with their `seq` (what the old link delivered is not delivered twice),
   * unacked sends go again (idempotent by `cid`); then the SSE link closes.
   */
  #upgrade(socket: WebSocketLike, hello: string, welcome: string): void {
    if (this.#state.status !== "open") {
      socket.close(CloseCode.Normal, "not needed");
      return;
    }
    this.#o.links.upgrade?.upgraded();
    this.#heartbeat?.stop();
    this.#heartbeat = undefined;
    this.#hooks.detached("switching to WebSocket"); // uploads resume on the new link at its offset
    const old = this.#transport.adopt(socket, hello, welcome);
    old?.close(CloseCode.Normal, "upgraded to WebSocket");
  }

  /** Drops the current socket's bookkeeping; the transport makes its late callbacks ghosts. */
  #teardown(): void {
    this.#prober?.stop();
    this.#transport.detach();
    this.#heartbeat?.stop();
    this.#heartbeat = undefined;
    this.#reconnect.cancel();
    this.#hooks.detached("connection lost");
  }

  #onClose(code: number, reason: string): void {
    this.#teardown();
    const lastClose: LastClose = { code, reason, retryable: isRetryable(code) };
    if (!lastClose.retryable) {
      if (code === CloseCode.Unauthorized) this.#hooks.unauthorized();
      this.#stopWatchingOnline();
      this.#setState({ status: "closed", attempt: 0, lastClose });
      return;
    }
    const attempt = this.#reconnect.recordFailure(code);
    if (!this.#o.online.isOnline()) {
      // No loop while offline: the `online` event reconnects.
      this.#setState({ status: "reconnecting", attempt, lastClose });
      return;
    }
    const nextRetryAt = this.#reconnect.schedule(() => this.#open());
    this.#setState({ status: "reconnecting", attempt, lastClose, nextRetryAt });
  }

  /**
   * The socket never opened: maybe the server was upgraded past our subprotocol (a browser cannot read
   * the refusal's HTTP 400). If the server says so, stop retrying with the local 4426.
   */
  #probeVersion(): void {
    const fetch = this.#o.fetch;
    if (fetch === undefined || this.#probing || this.#state.status !== "reconnecting") return;
    this.#probing = true;
    void supportsSubprotocol(fetch, this.#o.url).then((supported) => {
      this.#probing = false;
      const { status } = this.#state;
      if (supported !== false || status === "open" || status === "closed") return;
      const code = CloseCode.UpgradeRequired;
      this.#teardown(); // also drops a retry's socket still handshaking
      this.#stopWatchingOnline();
      this.#setState({
        status: "closed",
        attempt: 0,
        lastClose: { code, reason: CLOSE_REASONS[code], retryable: false },
      });
    });
  }

  /** The link is dead though the socket looks open: drop it now and reconnect. */
  #onDeadLink(): void {
    this.#transport.terminate();
    this.#onClose(CloseCode.Abnormal, "no pong: link dead");
  }

  #onOnlineChange(online: boolean): void {
    const { status } = this.#state;
    if (!online && this.#transport.attached) {
      // The OS says the network is gone: a socket that looks open would only be found dead by the
      // heartbeat, up to a ping interval later, while the app still showed "online".
      this.#transport.terminate();
      this.#onClose(CloseCode.Abnormal, "offline");
      return;
    }
    if (this.#transport.attached || (status !== "reconnecting" && status !== "connecting")) return;
    if (online) {
      this.#open();
    } else {
      this.#reconnect.cancelRetry();
      this.#setState({ ...this.#state, nextRetryAt: undefined });
    }
  }

  #stopWatchingOnline(): void {
    this.#unsubscribeOnline?.();
    this.#unsubscribeOnline = undefined;
  }
}

import type { Broker } from "../broker/Broker.js";
import type { Peer } from "../connection/Peer.js";
import type { Logger } from "../logger.js";
import type { AccountStore } from "../store/AccountStore.js";
import type { NotificationStore } from "../store/NotificationStore.js";
import { Notifier } from "./Notifier.js";
import { MessageRate } from "./stats/MessageRate.js";
import { LocalStats, type ClusterStats, type StatsSource } from "./stats/StatsSource.js";
import { StatsTicker } from "./stats/StatsTicker.js";
import { UserFanout } from "../fanout/UserFanout.js";

/** Server push: notifications to users and the live stats topic. One per server. */
export interface Push {
  users: UserFanout;
  notifier: Notifier;
  stats: StatsTicker;
  messageRate: MessageRate;
  close(): Promise<void>;
}

export interface PushDeps {
  broker: Broker;
  connections: ReadonlySet<Peer>;
  notifications: NotificationStore;
  accounts: AccountStore;
  log: Logger;
  now(): number;
  /**
   * Builds the stats source that sums every live node's sample around this node's own (with Redis,
   * `RedisClusterStats`); injected so this module never sees a driver. @default this node only
   */
  clusterStats?: (local: StatsSource, log: Logger) => ClusterStats;
}

/** Builds the push services and subscribes this node to user pushes. */
export async function startPush(deps: PushDeps): Promise<Push> {
  const log = deps.log.child({ module: "push" });
  const users = new UserFanout(deps.broker, deps.connections, log);
  await users.start();
  const messageRate = new MessageRate(deps.now);
  const local = new LocalStats(() => deps.connections.size, messageRate);
  const clusterStats = deps.clusterStats?.(local, log);
  const source: StatsSource = clusterStats ?? local;
  const stats = new StatsTicker(source, log, deps.now);
  return {
    users,
    notifier: new Notifier(deps.notifications, deps.accounts, users, log),
    stats,
    messageRate,
    close: async () => {
      await stats.close();
      await clusterStats?.close();
      await users.stop();
    },
  };
}

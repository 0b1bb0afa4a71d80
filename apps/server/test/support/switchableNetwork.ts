import { WebSocket } from "ws";

/** A network under the test's control: it blocks WebSocket while `blocked`, and lets it through after. */
export interface SwitchableNetwork {
  blocked: boolean;
  /** The client's `WebSocket` option; a blocked upgrade goes to a path the server answers 404. */
  WebSocket: new (url: string, protocols?: string | string[]) => WebSocket;
  /** Every socket the client opened, oldest first, so a test can cut the live one. */
  opened: WebSocket[];
}

export function switchableNetwork(blocked: boolean): SwitchableNetwork {
  const network: SwitchableNetwork = {
    blocked,
    opened: [],
    WebSocket: class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(network.blocked ? url.replace("/ws", "/blocked") : url, protocols);
        network.opened.push(this);
      }
    },
  };
  return network;
}

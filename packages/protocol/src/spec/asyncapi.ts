import { CAPABILITIES } from "../capabilities.js";
import { CLOSE_REASONS, CloseCode, ErrorCode, LOCAL_CLOSE_CODES, isRetryable } from "../codes.js";
import { LIMITS } from "../limits.js";
import { PROTOCOL_VERSION, SUBPROTOCOL, WS_PATH } from "../version.js";
import { authApiSpec } from "./authApiSpec.js";
import { type JsonSchema, messageSchemas, pushApiSchemas } from "./jsonSchemas.js";

/** Options for {@link buildAsyncApiDocument}. */
export interface AsyncApiOptions {
  /** Host (and port) the document names as the server. @default "localhost:8080" */
  host?: string;
}

function messageComponents(direction: "client" | "server"): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [type, payload] of Object.entries(messageSchemas(direction))) {
    out[`${direction}.${type}`] = {
      name: type,
      title: `${type} (${direction === "client" ? "client → server" : "server → client"})`,
      contentType: "application/json",
      payload,
    };
  }
  return out;
}

function refs(keys: readonly string[], prefix: string): Array<{ $ref: string }> {
  return keys.map((key) => ({ $ref: `${prefix}${key}` }));
}

/**
 * The AsyncAPI 3 document of the Duplex protocol, generated from the running zod schemas so the published
 * contract cannot drift from the code. Served by the server at `/asyncapi.json`.
 */
export function buildAsyncApiDocument(options: AsyncApiOptions = {}): JsonSchema {
  const host = options.host ?? "localhost:8080";
  const client = messageComponents("client");
  const server = messageComponents("server");
  const clientKeys = Object.keys(client);
  const serverKeys = Object.keys(server);
  const push = pushApiSchemas();
  const auth = authApiSpec();

  const closeCodes = Object.values(CloseCode).map((code) => ({
    code,
    reason: CLOSE_REASONS[code],
    retryable: isRetryable(code),
    sentOnWire: !LOCAL_CLOSE_CODES.has(code),
  }));

  return {
    asyncapi: "3.0.0",
    info: {
      title: "Duplex",
      version: `${PROTOCOL_VERSION}.0.0`,
      description: [
        `Duplex real-time chat and push protocol, version ${PROTOCOL_VERSION}.`,
        `WebSocket at ${WS_PATH} with subprotocol \`${SUBPROTOCOL}\`; text frames, one JSON object per frame, discriminated on \`type\`.`,
        "The first client frame must be `hello`. Any request may carry `ref`, echoed by the reply or error that answers it.",
        `Frames over ${LIMITS.maxFrameBytes} bytes close the socket with 1009; chat text is at most ${LIMITS.maxTextLength} characters.`,
        "Compatibility: additive fields keep the version (clients ignore unknown server fields); a changed meaning is a new subprotocol.",
      ].join("\n\n"),
      "x-error-codes": Object.values(ErrorCode),
      // Optional behaviour asked for in `hello.caps`; what each one changes is in the protocol README.
      "x-capabilities": [...CAPABILITIES],
      "x-close-codes": closeCodes,
    },
    defaultContentType: "application/json",
    servers: {
      websocket: {
        host,
        protocol: "ws",
        pathname: WS_PATH,
        description: `WebSocket endpoint; offer the subprotocol \`${SUBPROTOCOL}\`.`,
      },
      http: {
        host,
        protocol: "http",
        description:
          "HTTP API of the same server (accounts and sessions; push from other backends).",
      },
    },
    channels: {
      duplex: {
        address: WS_PATH,
        title: "Duplex WebSocket connection",
        servers: [{ $ref: "#/servers/websocket" }],
        messages: Object.fromEntries(
          [...clientKeys, ...serverKeys].map((key) => [
            key,
            { $ref: `#/components/messages/${key}` },
          ]),
        ),
        bindings: {
          ws: {
            bindingVersion: "0.1.0",
            headers: {
              type: "object",
              properties: {
                "Sec-WebSocket-Protocol": { type: "string", const: SUBPROTOCOL },
                Origin: {
                  type: "string",
                  description: "Checked against ALLOWED_ORIGINS when present.",
                },
              },
              required: ["Sec-WebSocket-Protocol"],
            },
          },
        },
      },
      pushNotifications: {
        address: "/api/notifications",
        title: "Push a notification (HTTP POST, Authorization: Bearer <ADMIN_TOKEN>)",
        servers: [{ $ref: "#/servers/http" }],
        messages: {
          request: { $ref: "#/components/messages/http.pushNotification" },
          response: { $ref: "#/components/messages/http.pushNotificationAccepted" },
        },
      },
      ...auth.channels,
    },
    operations: {
      clientSends: {
        action: "receive",
        title: "Frames the server receives from a client",
        channel: { $ref: "#/channels/duplex" },
        messages: refs(clientKeys, "#/channels/duplex/messages/"),
      },
      serverSends: {
        action: "send",
        title: "Frames the server sends to a client",
        channel: { $ref: "#/channels/duplex" },
        messages: refs(serverKeys, "#/channels/duplex/messages/"),
      },
      pushNotification: {
        action: "receive",
        title:
          "POST /api/notifications → 202 {id, recipients}; 400 bad body, 401 bad token, 413 too large",
        channel: { $ref: "#/channels/pushNotifications" },
        messages: [{ $ref: "#/channels/pushNotifications/messages/request" }],
        bindings: { http: { method: "POST", bindingVersion: "0.3.0" } },
        reply: {
          channel: { $ref: "#/channels/pushNotifications" },
          messages: [{ $ref: "#/channels/pushNotifications/messages/response" }],
        },
      },
      ...auth.operations,
    },
    components: {
      messages: {
        ...client,
        ...server,
        "http.pushNotification": {
          name: "pushNotification",
          contentType: "application/json",
          payload: push.request,
        },
        "http.pushNotificationAccepted": {
          name: "pushNotificationAccepted",
          contentType: "application/json",
          payload: push.response,
        },
        ...auth.messages,
      },
    },
  };
}

import { useShallow } from "zustand/react/shallow";
import { useDuplex } from "../store/storeContext.js";
import { useInspectorStrings } from "../i18n/inspectorStrings.js";

function Row({ name, value }: { name: string; value: string | number | undefined }) {
  const t = useInspectorStrings();
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        <code>{value ?? t.noneHeader}</code>
      </td>
    </tr>
  );
}

/** The upgrade request the server received and its 101, with the Accept checked in the browser. */
export function HandshakeSection() {
  const t = useInspectorStrings();
  const { handshake, computed } = useDuplex(
    useShallow((s) => ({ handshake: s.inspector.handshake, computed: s.inspector.computedAccept })),
  );
  const matches = computed !== undefined && computed === handshake?.response.secWebSocketAccept;
  return (
    <section aria-labelledby="inspector-handshake" className="inspector-section">
      <h3 id="inspector-handshake">{t.handshakeTitle}</h3>
      <p className="inspector-intro">{t.handshakeIntro}</p>
      {!handshake ? (
        <p>{t.handshakeWaiting}</p>
      ) : (
        <>
          <table className="inspector-kv" aria-label={t.handshakeRequest}>
            <caption>{t.handshakeRequest}</caption>
            <tbody>
              <Row
                name={t.handshakeRequestLine}
                value={`${handshake.request.method} ${handshake.request.path}`}
              />
              <Row name="Upgrade" value={handshake.request.upgrade} />
              <Row name="Connection" value={handshake.request.connection} />
              <Row name="Sec-WebSocket-Key" value={handshake.request.secWebSocketKey} />
              <Row name="Sec-WebSocket-Version" value={handshake.request.secWebSocketVersion} />
              <Row name="Sec-WebSocket-Protocol" value={handshake.request.secWebSocketProtocol} />
              <Row name="Origin" value={handshake.request.origin} />
            </tbody>
          </table>
          <table className="inspector-kv" aria-label={t.handshakeResponse}>
            <caption>{t.handshakeResponse}</caption>
            <tbody>
              <Row name={t.handshakeStatus} value={handshake.response.status} />
              <Row name="Sec-WebSocket-Accept" value={handshake.response.secWebSocketAccept} />
              <Row name="Sec-WebSocket-Protocol" value={handshake.response.protocol} />
              <Row name="Sec-WebSocket-Extensions" value={handshake.response.extensions} />
              <Row name={t.acceptComputed} value={computed} />
            </tbody>
          </table>
          {computed !== undefined && (
            <p
              role="status"
              className={matches ? "inspector-ok" : "inspector-bad"}
              data-testid="accept-check"
            >
              {matches ? t.acceptMatches : t.acceptDiffers}
            </p>
          )}
        </>
      )}
    </section>
  );
}

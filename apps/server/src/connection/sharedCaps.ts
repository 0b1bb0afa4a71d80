import { CAPABILITIES, type Capability } from "@duplex/protocol";

/** Distinct grants kept; 13 capabilities allow 8,192 subsets, far more than clients send. */
const MAX_SHARED = 256;

const shared = new Map<string, ReadonlySet<Capability>>();

/**
 * The set a socket reads its granted capabilities from, one per distinct grant: a Set and its strings
 * per socket would cost ~200 B of every idle member's memory, and the wire-variant cache
 * (`Connection`) keys on the set's identity. The order is the protocol's, not the asked one
 * (`welcome.caps` echoes the asked order itself). Past {@link MAX_SHARED} grants a fresh set is made.
 */
export function sharedCaps(granted: readonly Capability[]): ReadonlySet<Capability> {
  const canonical = CAPABILITIES.filter((c) => granted.includes(c));
  const key = canonical.join(",");
  const known = shared.get(key);
  if (known) return known;
  const set: ReadonlySet<Capability> = new Set(canonical);
  if (shared.size < MAX_SHARED) shared.set(key, set);
  return set;
}

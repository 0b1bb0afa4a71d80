import type { User } from "@duplex/protocol";

/** Who is online in each room: seeded by `joined.members`, kept live by `presence` events. */
export type MembersByRoom = Readonly<Record<string, readonly User[]>>;

/** Adds a user once (a second tab of the same user is still one member — protocol [R5]). */
export function addMember(members: readonly User[], user: User): readonly User[] {
  return members.some((m) => m.id === user.id) ? members : [...members, user];
}

export function removeMember(members: readonly User[], userId: string): readonly User[] {
  return members.some((m) => m.id === userId) ? members.filter((m) => m.id !== userId) : members;
}

/** A room's members after some joined and some left (a user is in at most one of the lists). */
export function changeMembers(
  members: readonly User[],
  joined: readonly User[],
  left: readonly User[],
): readonly User[] {
  let next = members;
  for (const user of left) next = removeMember(next, user.id);
  for (const user of joined) next = addMember(next, user);
  return next;
}

/** Members sorted for display: you first, then by name. */
export function sortedMembers(members: readonly User[], myId: string | undefined): User[] {
  return [...members].sort((a, b) => {
    if (a.id === myId) return -1;
    if (b.id === myId) return 1;
    return a.name.localeCompare(b.name);
  });
}

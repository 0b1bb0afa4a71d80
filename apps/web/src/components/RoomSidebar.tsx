import { useShallow } from "zustand/react/shallow";
import { addRoom } from "../store/roomsSlice.js";
import { useActions, useDuplex } from "../store/storeContext.js";

/** Rooms we are in. Joining and creating rooms by name arrives with the rooms issue. */
export function RoomSidebar() {
  const { joined, current } = useDuplex(
    useShallow((s) => ({ joined: s.rooms.joined, current: s.rooms.current })),
  );
  const { joinRoom } = useActions();
  // The current room shows even before the server confirms the join.
  const rooms = addRoom(joined, current);
  return (
    <nav className="sidebar" aria-label="Rooms">
      <h2 className="sidebar-title">Rooms</h2>
      <ul>
        {rooms.map((room) => (
          <li key={room}>
            <button
              type="button"
              className="room-link"
              aria-current={room === current ? "page" : undefined}
              onClick={() => joinRoom(room)}
            >
              #{room}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

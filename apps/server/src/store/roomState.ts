/** A room's sequence state. `epoch` names this life of the sequence (new if the store is reset). */
export interface RoomState {
  room: string;
  seq: number;
  epoch: string;
}

/** English: sign-in, the connection, rooms, messages, threads and reactions. */
export const chatEn = {
  "language.label": "Language",

  "signIn.intro": "Pick a name to join the conversation in #general.",
  "signIn.nameLabel": "Your name",
  "signIn.submit": "Join chat",

  "name.invalid": "Name {problem}",
  "name.empty": "must not be empty",
  "name.tooLong": "must be at most {max} characters",
  "name.controlChars": "must not contain control characters",
  "name.colon": "must not contain ':'",
  "name.otherProblem": "is not valid",

  "header.signedInAs": "Signed in as",

  "skip.toComposer": "Skip to the message box",

  "connection.online": "Online",
  "connection.rtt": " · {ms} ms",
  "connection.connecting": "Connecting…",
  "connection.reconnecting": "Reconnecting",
  "connection.retryIn": " in {seconds} s",
  "connection.attempt": " (attempt {attempt})",
  "connection.offline": "Offline",
  "connection.waitingForNetwork": " — waiting for the network",
  "connection.reason": " — {reason}",

  "close.upgraded": "the server was upgraded: reload the page",
  "close.unauthorized": "invalid or expired token",
  "close.forbidden": "not allowed on this server",
  "close.protocol": "the server refused what this app sent",

  "connection.reconnect": "Reconnect",

  "composer.label": "Message",
  "composer.placeholder": "Message {room}",
  "composer.tooLong": "Too long: {length} / {max} characters",
  "composer.left": { one: "{count} character left", other: "{count} characters left" },
  "composer.send": "Send",

  "room.dm": "Direct message",
  "room.joinLabel": "Room name",
  "room.joinPlaceholder": "Join or create…",
  "room.refusedPrivate":
    "You cannot join #{room}: it is a private room. Ask its owner to invite you.",
  "room.refused": "Could not join #{room}: {reason}",
  "room.join": "Join",
  "room.invalid": "Room name {problem}",
  "room.leave": "Leave {room}",
  "room.none": "No room open",
  "room.noneHint": "You left every room. Join one from the list of rooms, or go back to #general.",
  "room.backToGeneral": "Join #general",

  "rooms.nav": "Rooms",
  "rooms.title": "Rooms",
  "rooms.yours": "Your rooms",
  "rooms.dmsTitle": "Direct messages",
  "rooms.dmsEmpty": "Pick someone in the member list to start one.",
  "rooms.dmsList": "Private chats",
  "rooms.unread": " unread",

  "panels.rooms": "Rooms",
  "panels.people": "People",

  "user.guest": "guest",

  "typing.one": "{first} is typing…",
  "typing.two": "{first} and {second} are typing…",
  "typing.many": "Several people are typing…",

  "log.label": "#{room} conversation",
  "log.loading": "Loading…",
  "log.loadOlder": "Load older",
  "log.empty": "No messages yet. Say hello!",
  "log.newBelow": "New messages ↓",

  "message.you": " (you)",
  "message.sent": "Sent",
  "message.sending": "Sending…",
  "message.failed": "Failed: {error}",
  "message.notDelivered": "not delivered",
  "message.deleted": "This message was deleted",
  "message.edited": "(edited)",
  "message.retry": "Retry",
  "message.discard": "Discard",
  "message.edit": "Edit",
  "message.delete": "Delete",

  "undo.deleted": "Message deleted",
  "undo.action": "Undo",
  "undo.actionLabel": "Undo deleting: {text}",

  "editor.label": "Edit text",
  "editor.hint": "Enter to save · Esc to cancel",

  "request.failed": "request failed",

  "time.justNow": "just now",
  "time.minutesAgo": "{count} min ago",
  "time.hoursAgo": "{count} h ago",

  "toasts.label": "New notifications",
  "toasts.group": { one: "{count} new notification", other: "{count} new notifications" },
  "toasts.showAll": "Show all",

  "toast.open": "Open message",
  "toast.dismiss": 'Dismiss "{title}"',

  "connection.viaWebSocket": " · WebSocket",
  "connection.viaSse": " · SSE fallback",

  "seen.by": "Seen by {names}",
  "seen.byMore": "Seen by {names} +{count}",

  "reactions.picker": "Pick an emoji",
  "reactions.search": "Search emoji",
  "reactions.none": "No emoji found.",
  "reactions.add": "Add reaction",
  "reactions.chip": "{emoji} {count}: {who}",
  "reactions.whoMore": { one: "{names} and {count} other", other: "{names} and {count} others" },

  "reply.action": "Reply",
  "reply.replyingTo": "Replying to {name}",
  "reply.cancel": "Cancel reply",
  "reply.openOriginal": "Show the message by {name} this replies to: {excerpt}",

  "connection.waitingForSlot": "Waiting for a free connection",
  "connection.slotsFull": " — {count} other tabs are on the SSE fallback; close one",

  "thread.action": "Reply in thread",
  "thread.replies": { one: "{count} reply", other: "{count} replies" },
  "thread.unread": { one: "{count} new", other: "{count} new" },
  "thread.title": "Thread",
  "thread.close": "Close",
  "thread.back": "Back",
  "thread.composerLabel": "Reply in this thread",
  "thread.alsoToRoom": "Also send to the room",
  "thread.send": "Send",
  "thread.loading": "Loading the thread…",
  "thread.failed": "Could not load the thread.",
  "thread.empty": "No replies yet.",
  "thread.alsoSent": "also sent to the room",
} as const;

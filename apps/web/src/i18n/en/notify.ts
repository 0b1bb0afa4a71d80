/** English: the bell, the notification centre and per-room notification settings. */
export const notifyEn = {
  "bell.label": "Notifications",
  "bell.labelUnread": "Notifications, {count} unread",

  "centre.label": "Notification centre",
  "centre.title": "Notifications",
  "centre.markAll": "Mark all read",
  "centre.empty": "Nothing yet. Mentions and announcements show up here.",
  "centre.list": "Notifications",
  "centre.unread": "Unread: ",
  "centre.markReadLabel": 'Mark "{title}" read',
  "centre.markRead": "Mark read",
  "centre.system": "Desktop notifications while this tab is hidden",
  "centre.systemBlocked": "Blocked in the browser's site settings.",

  "prefs.open": "Notification settings for {room} (now: {level})",
  "prefs.title": "Notifications for {room}",
  "prefs.short.all": "Notify: all",
  "prefs.short.mentions": "Notify: mentions",
  "prefs.short.none": "Notify: off",
  "prefs.short.dnd": "Do not disturb",
  "prefs.levelLegend": "Notify me about",
  "prefs.level.all": "All messages",
  "prefs.level.mentions": "Mentions only",
  "prefs.level.none": "Nothing",
  "prefs.dndLegend": "Do not disturb (every room)",
  "prefs.dnd.off": "Off",
  "prefs.dnd.hour": "For 1 hour",
  "prefs.dnd.tomorrow": "Until tomorrow morning",
  "prefs.dnd.forever": "Until I turn it off",
  "prefs.dndUntil":
    "On until {time}: notifications are listed under the bell, without toasts or pushes.",
  "prefs.dndForever":
    "On until you turn it off: notifications are listed under the bell, without toasts or pushes.",
  "prefs.dndOff": "Off.",
  "prefs.share": "Share read receipts",
  "prefs.shareHint": "Off: others do not see what you have read, and you do not see theirs.",
} as const;

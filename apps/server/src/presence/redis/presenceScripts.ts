/**
 * Lua scripts of {@link RedisPresence}, each atomic in Redis. Per room (prefix P): `P{room}:c` connId →
 * userId, `P{room}:n` userId → socket count, `P{room}:u` userId → user JSON, `P{room}:z` the member ids
 * (score 0, so in id order for paging), `P{room}:r` the latest joiners (newest first); `Prooms` the rooms with
 * members; `Pdeadlines` a sorted set of `room \n connId` by expiry time. Redis 7.0 has no per-field
 * expiry (HEXPIRE is 7.4+), hence the sorted set. Times come from Redis's clock, so nodes' clocks
 * never disagree about a deadline.
 */

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

// The leave of one socket; returns the user JSON when it was the user's last socket in the room.
const LEAVE_BODY = `
local function leave(prefix, room, connId, userId)
  local c, n, u = prefix .. room .. ':c', prefix .. room .. ':n', prefix .. room .. ':u'
  local uid = redis.call('HGET', c, connId)
  if not uid or (userId ~= '' and uid ~= userId) then return false end
  redis.call('ZREM', prefix .. 'deadlines', room .. '\\n' .. connId)
  redis.call('HDEL', c, connId)
  if redis.call('HINCRBY', n, uid, -1) > 0 then return false end
  redis.call('HDEL', n, uid)
  local user = redis.call('HGET', u, uid)
  redis.call('HDEL', u, uid)
  redis.call('ZREM', prefix .. room .. ':z', uid)
  if redis.call('HLEN', n) == 0 then
    redis.call('SREM', prefix .. 'rooms', room)
    redis.call('DEL', prefix .. room .. ':r')
  end
  return user
end
`;

/** ARGV: prefix, room, connId, userId, userJson, ttlMs, recentJoiners → 1 if the user became a member. Idempotent. */
export const JOIN = `${NOW}
local prefix, room, connId, userId = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
redis.call('ZADD', prefix .. 'deadlines', now + tonumber(ARGV[6]), room .. '\\n' .. connId)
if redis.call('HSETNX', prefix .. room .. ':c', connId, userId) == 0 then return 0 end
redis.call('HSET', prefix .. room .. ':u', userId, ARGV[5])
redis.call('SADD', prefix .. 'rooms', room)
if redis.call('HINCRBY', prefix .. room .. ':n', userId, 1) == 1 then
  redis.call('ZADD', prefix .. room .. ':z', 0, userId)
  redis.call('LPUSH', prefix .. room .. ':r', userId)
  redis.call('LTRIM', prefix .. room .. ':r', 0, tonumber(ARGV[7]) - 1)
  return 1
end
return 0
`;

/** ARGV: prefix, room, connId, userId → the user JSON if this was the user's last socket, else nil. */
export const LEAVE = `${LEAVE_BODY}
return leave(ARGV[1], ARGV[2], ARGV[3], ARGV[4])
`;

/** ARGV: prefix, graceMs, then room, connId pairs → moves those deadlines to now + grace. */
export const EXPIRE_SOON = `${NOW}
local prefix = ARGV[1]
for i = 3, #ARGV, 2 do
  redis.call('ZADD', prefix .. 'deadlines', 'XX', now + tonumber(ARGV[2]), ARGV[i] .. '\\n' .. ARGV[i + 1])
end
return 0
`;

/** ARGV: prefix, limit → flat list of room, userJson for each user whose last socket expired. */
export const REAP = `${NOW}${LEAVE_BODY}
local prefix = ARGV[1]
local expired = redis.call('ZRANGEBYSCORE', prefix .. 'deadlines', '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, member in ipairs(expired) do
  local cut = string.find(member, '\\n', 1, true)
  local room, connId = string.sub(member, 1, cut - 1), string.sub(member, cut + 1)
  redis.call('ZREM', prefix .. 'deadlines', member)
  local user = leave(prefix, room, connId, '')
  if user then
    table.insert(out, room)
    table.insert(out, user)
  end
end
return out
`;

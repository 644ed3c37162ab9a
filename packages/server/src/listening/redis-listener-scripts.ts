/**
 * The Lua scripts that keep listener claims atomic in Redis. A listener's record is a hash: its
 * `listener` (JSON, never decoded here) and its `state`; a reservation is a key holding the
 * reserving process's origin.
 */

/**
 * KEYS: record, reservation. ARGV: origin, reservation ms. Answers 1 (reserved by this origin),
 * 0 (gone or not waiting: nothing to capture) or -1 (another process holds it: ask again).
 */
export const RESERVE_SCRIPT = `
if redis.call('HGET', KEYS[1], 'state') ~= 'waiting' then return 0 end
local holder = redis.call('GET', KEYS[2])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
  return 1
end
if holder then return -1 end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
return 1
`;

/** KEYS: reservation. ARGV: origin. Deletes the reservation if this origin holds it. */
export const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

/**
 * KEYS: record, reservation. ARGV: origin, state, ttl ms, channel, message. Moves a waiting
 * listener reserved by this origin to `state` (captured), keeps it `ttl` longer, ends the
 * reservation and publishes `message`, all at once. Answers 0 when the reservation was lost.
 */
export const CAPTURE_SCRIPT = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
if redis.call('HGET', KEYS[1], 'state') ~= 'waiting' then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('DEL', KEYS[2])
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 1
`;

/**
 * KEYS: record. ARGV: field, message JSON, state (or ''). Keeps a stream message in the record of
 * a listener that still exists (and, when given, its new state), keeping its TTL.
 */
export const REMEMBER_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'state', ARGV[3]) end
return 1
`;

/**
 * KEYS: record. ARGV: field, message JSON, byte budget. Keeps one node's progress in the record
 * of a listener that still exists, once: every process hears the same progress and stores it, the
 * first write wins and numbers it (`node_seq`), so the record keeps the order the run made it in.
 * Once the listener's progress would pass the budget, keeps no more of it, so what is kept has no
 * gaps. Answers 1 when kept.
 */
export const REMEMBER_NODE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
if redis.call('HEXISTS', KEYS[1], 'node_full') == 1 then return 0 end
local bytes = tonumber(redis.call('HGET', KEYS[1], 'node_bytes') or '0')
if bytes + string.len(ARGV[2]) > tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], 'node_full', '1')
  return 0
end
redis.call('HINCRBY', KEYS[1], 'node_bytes', string.len(ARGV[2]))
local seq = redis.call('HINCRBY', KEYS[1], 'node_seq', 1)
redis.call('HSET', KEYS[1], ARGV[1], seq .. ' ' .. ARGV[2])
return 1
`;

/** KEYS: record. ARGV: state. Sets the state of a listener that still exists, keeping its TTL. */
export const SET_STATE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[1])
return 1
`;

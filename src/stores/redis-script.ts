// The one Lua script behind the Redis window store. Every operation on a scope (a project's key
// digest and a rate-limit group) is one EVALSHA of this script, so each is atomic: Redis runs
// scripts one at a time, and no other client sees a half-done reservation.
//
// Keys (all four share the hash tag `{<key digest>:<group>}`, so a Redis Cluster keeps them on one
// slot and the script may touch them together):
//   KEYS[1] in flight: sorted set, slot id → lease end (ms, the Redis server's clock)
//   KEYS[2] released:  sorted set, slot id → release time (ms); entries older than the longest window are dropped
//   KEYS[3] pause:     a string whose time to live is the pause (a 429 for the whole group)
//   KEYS[4] meta:      hash: epoch (an id of this incarnation of the state), horizonMs (longest window
//                      seen), rebuildUntil (ms; no grants before, while processes replay after a loss)
//
// ARGV[1] operation: reserve | release | pause | peek | replay
// ARGV[2] the time to use instead of the server's, in ms: only the script's unit tests pass it
// ARGV[3] the epoch the caller last saw ("" if it holds no live slot), ARGV[4] a new epoch id to use
//         if the state has none, ARGV[5] the caller's longest window (ms), ARGV[6] the lease (ms),
//         ARGV[7] how long grants wait after a lost state is found (ms)
// ARGV[8…] per operation: reserve: slot id, window count, then limit and interval per window;
//         release: slot id; pause: duration; peek: window count, windows;
//         replay: in-flight count, then (slot id, lease left) pairs, then (slot id, released ms ago) pairs
//
// Time comes from `redis.call('TIME')` only: every client's slots are stamped by one clock, so no
// machine's clock matters. Reservations are stamped when the script runs, before the reply reaches
// the client and the request is sent; releases when the release arrives, after the response ended.
// Both errors only make a slot cover more. A time in the future (the server's clock stepped back)
// is brought back to now, so a step back delays grants by at most one window.
//
// Replies: { "slot", id, epoch } | { "wait", ms, epoch } | { "stale", epoch } | { "ok", epoch }.
export const WINDOW_SCRIPT = `
if redis.replicate_commands then pcall(redis.replicate_commands) end
local inflight, released, pause, meta = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local op = ARGV[1]
local now
if ARGV[2] ~= '' then
  now = tonumber(ARGV[2])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local function num(x) return string.format('%.3f', x) end
local leaseMs = tonumber(ARGV[6])

local horizon = math.max(tonumber(ARGV[5]), tonumber(redis.call('HGET', meta, 'horizonMs') or '0'))

-- Keys live as long as anything in them matters: a lease plus the longest window; the epoch a day.
local function keep(key, ttl)
  local left = redis.call('PTTL', key)
  if left >= 0 and left < ttl or left == -1 then redis.call('PEXPIRE', key, math.ceil(ttl)) end
end
local function keepAll()
  local ttl = horizon + leaseMs
  keep(inflight, ttl)
  keep(released, ttl)
  redis.call('HSET', meta, 'horizonMs', num(horizon))
  keep(meta, math.max(ttl, 86400000))
end

if op == 'release' then
  redis.call('ZREM', inflight, ARGV[8])
  redis.call('ZADD', released, num(now), ARGV[8])
  keepAll()
  return { 'ok', redis.call('HGET', meta, 'epoch') or '' }
end

if op == 'pause' then
  local duration = tonumber(ARGV[8])
  if redis.call('PTTL', pause) < duration then redis.call('SET', pause, '1', 'PX', math.ceil(duration)) end
  return { 'ok', redis.call('HGET', meta, 'epoch') or '' }
end

-- A missing epoch means the state is new or was lost (a restart without persistence, a flush,
-- eviction). A caller that saw an older epoch holds slots the state no longer has: it must replay
-- them, and nobody is granted anything until the others have had time to replay theirs.
local epoch = redis.call('HGET', meta, 'epoch')
if not epoch then
  epoch = ARGV[4]
  redis.call('HSET', meta, 'epoch', epoch)
  if ARGV[3] ~= '' then redis.call('HSET', meta, 'rebuildUntil', num(now + tonumber(ARGV[7]))) end
  keepAll()
end

if op == 'replay' then
  local inflightCount = tonumber(ARGV[8])
  local i = 9
  for _ = 1, inflightCount do
    if not redis.call('ZSCORE', released, ARGV[i]) and not redis.call('ZSCORE', inflight, ARGV[i]) then
      redis.call('ZADD', inflight, num(now + tonumber(ARGV[i + 1])), ARGV[i])
    end
    i = i + 2
  end
  while i < #ARGV do
    redis.call('ZREM', inflight, ARGV[i])
    if not redis.call('ZSCORE', released, ARGV[i]) then redis.call('ZADD', released, num(now - tonumber(ARGV[i + 1])), ARGV[i]) end
    i = i + 2
  end
  keepAll()
  return { 'ok', epoch }
end

if ARGV[3] ~= '' and ARGV[3] ~= epoch then return { 'stale', epoch } end

-- A lease that ended counts as a release at its end: its holder never said (a process that died).
local due = redis.call('ZRANGEBYSCORE', inflight, '-inf', num(now), 'WITHSCORES')
for i = 1, #due, 2 do
  redis.call('ZREM', inflight, due[i])
  redis.call('ZADD', released, due[i + 1], due[i])
end
-- The server's clock stepped back: what it stamped "later than now" counts as now.
local future = redis.call('ZRANGEBYSCORE', released, '(' .. num(now), '+inf')
for i = 1, #future do redis.call('ZADD', released, num(now), future[i]) end
redis.call('ZREMRANGEBYSCORE', released, '-inf', num(now - horizon))

-- How long until one more slot fits every window (0: now). Slots in flight free no sooner than one
-- interval from now, whenever they end: that is the lower bound given for them.
local function waitMs(first)
  local wait = math.max(0, redis.call('PTTL', pause))
  wait = math.max(wait, tonumber(redis.call('HGET', meta, 'rebuildUntil') or '0') - now)
  local inFlight = redis.call('ZCARD', inflight)
  local count = tonumber(ARGV[first])
  for w = 0, count - 1 do
    local limit, interval = tonumber(ARGV[first + 1 + 2 * w]), tonumber(ARGV[first + 2 + 2 * w])
    local heldReleased = redis.call('ZCOUNT', released, '(' .. num(now - interval), '+inf')
    local mustFree = inFlight + heldReleased - limit + 1
    if mustFree > 0 then
      if mustFree <= heldReleased then
        local r = redis.call('ZRANGEBYSCORE', released, '(' .. num(now - interval), '+inf', 'WITHSCORES', 'LIMIT', mustFree - 1, 1)
        wait = math.max(wait, tonumber(r[2]) + interval - now)
      else
        wait = math.max(wait, interval)
      end
    end
  end
  return wait
end

if op == 'peek' then return { 'wait', num(waitMs(8)), epoch } end

local wait = waitMs(9)
if wait > 0 then return { 'wait', num(wait), epoch } end
redis.call('ZADD', inflight, num(now + leaseMs), ARGV[8])
keepAll()
return { 'slot', ARGV[8], epoch }
`;

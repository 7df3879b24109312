-- wrk: a query the page ignores makes every request a new cache key, so each one misses.
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", wrk.path .. "?miss=" .. n .. "-" .. math.random(1e9))
end

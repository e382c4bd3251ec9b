-- Public search with queries that vary: one of eight program names, a year (nine), an authority filter (four or none)
-- and a page (three) — 1,080 different result pages, so most requests of a 10 s run are answered by the index and
-- highlighted afresh rather than from the result or page caches (the "search" scenario measures one popular query).
dofile(os.getenv("IPP_BENCH_REPORT"))

local words = { "专利导航", "商标品牌培育", "地理标志保护", "海外维权援助", "专利质押融资", "知识产权运营平台", "高价值专利培育", "服务品牌机构" }
local authorities = { "", "210000", "210100", "210200", "210300" }

local function escape(s)
  return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local q = words[math.random(#words)] .. " " .. (2017 + math.random(9))
  local path = "/search?q=" .. escape(q) .. "&authority=" .. authorities[math.random(#authorities)] .. "&p=" .. math.random(3)
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status ~= 200 then
    wrk.thread:set("failed", (wrk.thread:get("failed") or 0) + 1)
  end
end

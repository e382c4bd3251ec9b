#!/usr/bin/env bash
# IpPlatform's one script. ./ipp run | test | bench | recipe FILE | backup [FILE] | restore ARCHIVE | psql | stop | help
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA="$ROOT/.data"
WEB="$ROOT/src/IpPlatform.Web"
PG_VERSION=15
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
APP_PORT="${IPP_PORT:-5080}"
RUN_PG_PORT="${IPP_PG_PORT:-15432}"  # below the ephemeral range (32768+), so no client socket can hold it
TEST_PG_PORT="${IPP_TEST_PG_PORT:-15433}"
TEST_CLAMD_PORT="${IPP_TEST_CLAMD_PORT:-15434}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '\033[1;34m[ipp]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[ipp] %s\033[0m\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# ---------------------------------------------------------------- system packages
APT_UPDATED=0
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "apt: installing ${missing[*]}"
  if [ "$APT_UPDATED" -eq 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup_system() {
  local pkgs=("postgresql-$PG_VERSION" "postgresql-client-$PG_VERSION" curl)
  command -v node >/dev/null && command -v npm >/dev/null || pkgs+=(nodejs npm)
  apt_install "${pkgs[@]}" "$@"
  command -v dotnet >/dev/null || die "需要 .NET SDK 10（dotnet 不在 PATH 上）。"
}

setup_npm() { # the front-end assets, the relying party of the OIDC interop test, axe-core for the browser tests
  local dir
  for dir in "$WEB" "$ROOT/tests/oidc-interop" "$ROOT/tests/IpPlatform.Browser.Tests"; do
    if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
      say "npm: installing packages in ${dir#"$ROOT"/}"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    fi
  done
}

build() { # $1 = configuration
  say "dotnet: building ($1)"
  dotnet build "$ROOT/IpPlatform.sln" -c "$1" -nologo -clp:ErrorsOnly -v:q
}

# ---------------------------------------------------------------- private PostgreSQL
# Clusters live in .data/<name>; the server runs as the postgres OS user when we are root (initdb refuses root).
pg_as() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

# The password lives beside its cluster (root-only), so a cluster kept outside the checkout keeps working with a new clone.
pg_password_file() { echo "$(dirname "$(pg_dir "$1")")/$1.password"; }
pg_password() { cat "$(pg_password_file "$1")"; }

# The cluster folder: .data/<name>, unless the postgres OS user cannot reach the checkout (a clone under /root, say);
# then a folder of its own under /var/tmp, named after the checkout so that two checkouts never share one.
pg_dir() {
  if [ "$(id -u)" -ne 0 ] || runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
    echo "$DATA/$1"
  else
    echo "/var/tmp/ipp-$(printf '%s' "$ROOT" | md5sum | cut -c1-10)/$1"
  fi
}

pg_ensure() { # name port [extra server options]
  local name=$1 port=$2 opts=${3:-}
  local dir; dir="$(pg_dir "$name")"
  local password; password="$(pg_password_file "$name")"
  mkdir -p "$DATA" "$(dirname "$dir")"; chmod 755 "$DATA" "$(dirname "$dir")"
  if [ -f "$dir/PG_VERSION" ] && [ ! -f "$password" ]; then
    # A cluster whose password is lost: the test cluster is disposable; the run data is not touched.
    [ "$name" = pg-test ] || die "找不到 $dir 的密码文件 $password：无法连接该数据库集群。"
    say "postgres: recreating $name (its password file is gone)"
    pg_stop "$name"; rm -rf "$dir"
  fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    say "postgres: creating cluster $dir"
    umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$password"; umask 022
    mkdir -p "$dir"
    local pwfile="$dir.pwfile"
    cp "$password" "$pwfile"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir" "$pwfile"; fi
    pg_as test -x "$(dirname "$dir")" || die "postgres 用户无法进入 $(dirname "$dir")：请让其上级目录可被其他用户访问（chmod o+x）。"
    pg_as "$PG_BIN/initdb" -D "$dir" -U app --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi
  if ! pg_as "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    say "postgres: starting $name on 127.0.0.1:$port"
    pg_as "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $opts" start >/dev/null \
      || { tail -20 "$dir/server.log" >&2; die "PostgreSQL 启动失败（端口 $port 是否被占用？可用 IPP_PG_PORT 更换）。"; }
  fi
}

pg_stop() { # name
  local dir; dir="$(pg_dir "$1")"
  if [ -f "$dir/PG_VERSION" ] && pg_as "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    say "postgres: stopping $1"
    pg_as "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
  fi
}

pg_psql() { # name port db args...
  local name=$1 port=$2 db=$3; shift 3
  PGPASSWORD="$(pg_password "$name")" "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U app -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"
}

pg_create_db() { # name port db [owner role]
  if [ -z "$(pg_psql "$1" "$2" postgres -c "SELECT 1 FROM pg_database WHERE datname='$3'")" ]; then
    pg_psql "$1" "$2" postgres -c "CREATE DATABASE \"$3\"${4:+ OWNER $4}"
  fi
}

connection_string() { # name port db : as the cluster's administrator
  echo "Host=127.0.0.1;Port=$2;Database=$3;Username=app;Password=$(pg_password "$1")"
}

# ---------------------------------------------------------------- ClamAV for the upload-scanning tests
# A clamd of our own: configuration, log and pid file in .data/clamd, TCP on a loopback port, no local socket, and the
# signature database in tests/clamav (the EICAR test signature: no real database can be downloaded here).
clamd_start() { # port
  local dir="$DATA/clamd" port=$1 i
  mkdir -p "$dir"
  clamd_stop
  cat > "$dir/clamd.conf" <<CONF
Foreground yes
TCPSocket $port
TCPAddr 127.0.0.1
DatabaseDirectory $ROOT/tests/clamav
PidFile $dir/clamd.pid
LogFile $dir/clamd.log
LogTime yes
StreamMaxLength 25M
CONF
  say "clamd: starting on 127.0.0.1:$port"
  /usr/sbin/clamd --config-file="$dir/clamd.conf" >/dev/null 2>&1 &
  local pid=$!
  for ((i = 0; i < 600; i++)); do
    clamd_ping "$port" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  tail -5 "$dir/clamd.log" >&2 2>/dev/null || true
  die "clamd 启动失败（端口 $port 是否被占用？可用 IPP_TEST_CLAMD_PORT 更换）。"
}

clamd_ping() { # port: true once clamd answers PONG
  local reply
  reply="$( { exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'zPING\0' >&3 && timeout 2 head -c 4 <&3; } 2>/dev/null)" || true
  [ "$reply" = PONG ]
}

clamd_stop() { # the clamd started by clamd_start (its pid file), if it runs
  local pidfile="$DATA/clamd/clamd.pid" pid i
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  if [ -n "$pid" ] && grep -q clamd "/proc/$pid/cmdline" 2>/dev/null; then
    say "clamd: stopping"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do grep -q clamd "/proc/$pid/cmdline" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
}

# The platform's two roles (README, "Database roles"): OWNER_ROLE owns the schema and runs the migrations, APP_ROLE is what
# the app connects as (rows only). Each has a generated password beside the cluster's.
OWNER_ROLE=ipp_owner
APP_ROLE=ipp_web
pg_role_password_file() { echo "$(dirname "$(pg_dir "$1")")/$1.$2.password"; } # name role

pg_ensure_role() { # name port role
  local file; file="$(pg_role_password_file "$1" "$3")"
  if [ ! -s "$file" ]; then umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$file"; umask 022; fi
  pg_psql "$1" "$2" postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$3') THEN CREATE ROLE $3 LOGIN; END IF;
END \$\$;
ALTER ROLE $3 LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$(cat "$file")';
SQL
}

# The run database with both roles; a database made before the owner role existed (its objects owned by the cluster's
# administrator) is handed over to the owner once.
pg_ensure_platform_db() { # name port db
  pg_ensure_role "$1" "$2" "$OWNER_ROLE"
  pg_ensure_role "$1" "$2" "$APP_ROLE"
  pg_create_db "$1" "$2" "$3" "$OWNER_ROLE"
  if [ "$(pg_psql "$1" "$2" postgres -c "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '$3'")" = app ]; then
    say "postgres: handing database $3 over to $OWNER_ROLE"
    pg_psql "$1" "$2" "$3" <<SQL
DO \$\$
DECLARE r record;
BEGIN
  EXECUTE format('ALTER DATABASE %I OWNER TO $OWNER_ROLE', current_database());
  FOR r IN SELECT c.oid::regclass AS obj, c.relkind FROM pg_class c
           WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = 'app'::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'f') LOOP
    EXECUTE format('ALTER %s %s OWNER TO $OWNER_ROLE',
      CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.obj);
  END LOOP;
  -- sequences of no column (those of a column moved with their table)
  FOR r IN SELECT c.oid::regclass AS obj FROM pg_class c
           WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = 'app'::regrole AND c.relkind = 'S' LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO $OWNER_ROLE', r.obj);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS obj FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proowner = 'app'::regrole LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO $OWNER_ROLE', r.obj);
  END LOOP;
  FOR r IN SELECT t.oid::regtype AS obj FROM pg_type t
           WHERE t.typnamespace = 'public'::regnamespace AND t.typowner = 'app'::regrole AND t.typtype IN ('e', 'd', 'r', 'm') LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO $OWNER_ROLE', r.obj);
  END LOOP;
END \$\$;
SQL
  fi
}

role_connection_string() { # name port db role
  echo "Host=127.0.0.1;Port=$2;Database=$3;Username=$4;Password=$(cat "$(pg_role_password_file "$1" "$4")")"
}

# The app on the run database: served as APP_ROLE, migrated as OWNER_ROLE.
run_env() {
  export ConnectionStrings__Default; ConnectionStrings__Default="$(role_connection_string pg "$RUN_PG_PORT" ipp "$APP_ROLE")"
  export ConnectionStrings__Migrations; ConnectionStrings__Migrations="$(role_connection_string pg "$RUN_PG_PORT" ipp "$OWNER_ROLE")"
  export PATH="$PG_BIN:$PATH" # pg_dump and pg_restore of the server's version, for backup and restore
}

# ---------------------------------------------------------------- commands
cmd_run() {
  setup_system; setup_npm; build Debug
  pg_ensure pg "$RUN_PG_PORT"
  pg_ensure_platform_db pg "$RUN_PG_PORT" ipp
  run_env
  trap stop_run INT TERM EXIT
  local url="http://127.0.0.1:$APP_PORT"
  say "starting the platform (migrations, the site recipe, the demo recipe and the demo's living year run first)"
  ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" \
  ASPNETCORE_URLS="$url" \
  Platform__DataDirectory="$DATA/app" \
  Platform__PublicUrl="$url" \
  Platform__StartupRecipes__0=recipes/liaoning.recipe.json \
  Platform__StartupRecipes__1=recipes/demo.recipe.json \
  Platform__StartupRecipes__2=recipes/demo-year.recipe.json \
    dotnet "$WEB/bin/Debug/net10.0/IpPlatform.Web.dll" --contentRoot "$WEB" &
  APP_PID=$!
  if wait_healthy "$url" 60; then
    cat >&2 <<TXT

  辽宁省知识产权项目申报平台已启动：$url
  - 项目列表：$url/programs
  - 健康检查：$url/healthz    API 说明：$url/openapi/v1.json
  按 Ctrl-C 停止平台与数据库。开发环境的邮件（重设密码、邀请）写入 .data/app/mail/。

TXT
    print_demo_accounts
  fi
  wait "$APP_PID" || true
}

APP_PID=""
stop_run() { # Ctrl-C: stop the app first (it finishes its requests), then the database.
  trap - INT TERM EXIT
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  pg_stop pg
  exit 0
}

print_demo_accounts() { # from recipes/demo.recipe.json and demo-year.recipe.json, so the list never drifts from the data
  node -e '
    const r = require(process.argv[1]);
    const year = require(process.argv[2]);
    const orgs = r.steps.find(s => s.step === "organisations").organisations;
    const staff = r.steps.find(s => s.step === "staff").staff;
    const pad = (s, n) => s + " ".repeat(Math.max(1, n - s.length));
    console.log("  演示账户（" + r.name + " 配方；密码均为 " + orgs[0].admin.password + "）：");
    console.log("  申报单位管理员：");
    for (const o of orgs) console.log("    " + pad(o.admin.email, 34) + o.name + (o.certified ? "" : "（未认证）"));
    console.log("  工作人员（登录后须输入动态口令：另开终端运行 ./ipp totp 邮箱）：");
    for (const s of staff) console.log("    " + pad(s.email, 34) + s.name);
    const journeys = year.steps.find(s => s.step === "journeys").journeys;
    console.log("  演示的一年（" + year.name + " 配方）中的申报单位管理员（密码相同）：");
    for (const o of year.steps.find(s => s.step === "organisations").organisations) {
      const j = journeys.find(j => j.applicant === o.admin.email);
      console.log("    " + pad(o.admin.email, 34) + o.name + (j ? "（" + j.key + "）" : ""));
    }
    console.log("");
  ' "$ROOT/recipes/demo.recipe.json" "$ROOT/recipes/demo-year.recipe.json" >&2
}

wait_healthy() { # url seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    curl -fsS -o /dev/null "$1/healthz" 2>/dev/null && return 0
    kill -0 "$APP_PID" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

cmd_test() {
  setup_system chromium fonts-wqy-microhei clamav-daemon; setup_npm
  build Debug || { echo "0 passed, 1 failed"; return 1; }
  # The test cluster is separate from the run data and trades durability for speed.
  pg_ensure pg-test "$TEST_PG_PORT" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
  trap 'pg_stop pg-test; clamd_stop' EXIT
  clamd_start "$TEST_CLAMD_PORT"
  for db in $(pg_psql pg-test "$TEST_PG_PORT" postgres -c "SELECT datname FROM pg_database WHERE datname LIKE 'ipp_t_%'"); do
    pg_psql pg-test "$TEST_PG_PORT" postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
  done
  export IPP_TEST_PG="Host=127.0.0.1;Port=$TEST_PG_PORT;Username=app;Password=$(pg_password pg-test)"
  export IPP_CLAMD="127.0.0.1:$TEST_CLAMD_PORT" IPP_PG_BIN="$PG_BIN"
  export IPP_ARTIFACTS="$ROOT/artifacts"
  export IPP_CHROMIUM="${IPP_CHROMIUM:-/usr/bin/chromium}"
  mkdir -p "$IPP_ARTIFACTS/results"; rm -f "$IPP_ARTIFACTS/results"/*.xml

  local passed=0 failed=0 project name dll xml status=0
  for project in "$ROOT"/tests/*.Tests/*.csproj; do
    name="$(basename "$project" .csproj)"
    dll="$(dirname "$project")/bin/Debug/net10.0/$name.dll"
    xml="$IPP_ARTIFACTS/results/$name.xml"
    say "tests: $name"
    (cd "$(dirname "$dll")" && dotnet "$dll" -noColor -xml "$xml" ${IPP_TEST_FILTER:-}) || status=1
    if [ -f "$xml" ]; then
      passed=$((passed + $(sum_attr passed "$xml")))
      failed=$((failed + $(sum_attr failed "$xml") + $(sum_attr errors "$xml")))
    else
      say "tests: $name produced no results"; failed=$((failed + 1))
    fi
  done
  [ "$failed" -eq 0 ] || { status=1; list_failures "$IPP_ARTIFACTS/results"/*.xml; }
  echo "$passed passed, $failed failed"
  return $status
}

list_failures() { # files: names every failed test with the first lines of its message, so a CI log's tail shows them
  perl -0777 -ne '
    while (/<test [^>]*?name="([^"]*)"[^>]*?result="Fail"[^>]*>.*?<message>(.*?)<\/message>/sg) {
      my ($name, $message) = ($1, $2);
      $message =~ s/<!\[CDATA\[|\]\]>//g;
      my @lines = grep { /\S/ } split /\n/, $message;
      print "FAILED $name\n";
      print "    $_\n" for @lines[0 .. ($#lines < 7 ? $#lines : 7)];
    }' "$@" >&2
}

sum_attr() { # attribute file: sums an attribute over the <assembly> elements of an xunit XML report
  grep -o "<assembly [^>]*" "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'
}

cmd_bench() {
  setup_system wrk; setup_npm
  exec "$ROOT/bench/run" "$@"
}

cmd_recipe() {
  [ $# -ge 1 ] || die "用法：./ipp recipe 配方文件.json [...]"
  local files=() f
  for f in "$@"; do files+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"); done
  setup_system; setup_npm; build Debug
  pg_ensure pg "$RUN_PG_PORT"
  pg_ensure_platform_db pg "$RUN_PG_PORT" ipp
  run_env
  ASPNETCORE_ENVIRONMENT=Development dotnet "$WEB/bin/Debug/net10.0/IpPlatform.Web.dll" recipe "${files[@]}"
}

cmd_totp() {
  [ $# -eq 1 ] || die "用法：./ipp totp 邮箱"
  pg_ensure pg "$RUN_PG_PORT"
  pg_ensure_platform_db pg "$RUN_PG_PORT" ipp
  run_env
  ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning dotnet "$WEB/bin/Debug/net10.0/IpPlatform.Web.dll" totp "$1"
}

cmd_verify_history() {
  setup_system; build Debug
  pg_ensure pg "$RUN_PG_PORT"
  pg_ensure_platform_db pg "$RUN_PG_PORT" ipp
  run_env
  ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning dotnet "$WEB/bin/Debug/net10.0/IpPlatform.Web.dll" verify-history
}

cmd_reindex() {
  setup_system; build Debug
  pg_ensure pg "$RUN_PG_PORT"
  pg_ensure_platform_db pg "$RUN_PG_PORT" ipp
  run_env
  ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning Platform__DataDirectory="$DATA/app" \
    dotnet "$WEB/bin/Debug/net10.0/IpPlatform.Web.dll" reindex
}

cmd_backup() { # [FILE]: the run database and uploads in one archive (the platform may keep running)
  local file="${1:-$DATA/backups/ipp-$(date +%Y%m%d-%H%M%S).tar}"
  case "$file" in /*) ;; *) file="$PWD/$file" ;; esac
  setup_system; setup_npm; build Debug
  pg_ensure pg "$RUN_PG_PORT"
  pg_ensure_platform_db pg "$RUN_PG_PORT" ipp
  run_env
  ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning Platform__DataDirectory="$DATA/app" \
    dotnet "$WEB/bin/Debug/net10.0/IpPlatform.Web.dll" backup "$file"
}

cmd_restore() { # ARCHIVE [--force]: into the run database and data directory (stop the platform first)
  [ $# -ge 1 ] || die "用法：./ipp restore 备份文件.tar [--force]"
  local file="$1"; shift
  case "$file" in /*) ;; *) file="$PWD/$file" ;; esac
  setup_system; setup_npm; build Debug
  pg_ensure pg "$RUN_PG_PORT"
  pg_ensure_platform_db pg "$RUN_PG_PORT" ipp
  run_env
  ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning Platform__DataDirectory="$DATA/app" \
    dotnet "$WEB/bin/Debug/net10.0/IpPlatform.Web.dll" restore "$file" "$@"
}

cmd_psql() {
  pg_ensure pg "$RUN_PG_PORT"
  PGPASSWORD="$(pg_password pg)" "$PG_BIN/psql" -h 127.0.0.1 -p "$RUN_PG_PORT" -U app -d ipp "$@"
}

cmd_stop() { pg_stop pg; pg_stop pg-test; clamd_stop; }

cmd_help() {
  cat <<TXT
用法：./ipp <命令>
  run            安装依赖、启动私有 PostgreSQL、迁移、运行站点配方并启动平台（$APP_PORT 端口，IPP_PORT 可改）
  test           同样的准备，再运行全部测试，最后一行输出“N passed, N failed”
  bench          以 Release 方式启动平台并用 wrk 压测，输出每个场景的吞吐与 p50/p95/p99
  recipe FILE    对运行数据库执行一个配方文件
  totp 邮箱      显示演示工作人员账户当前的动态口令
  verify-history 核验全部审核记录的哈希链（被改动时退出码为 1）
  reindex        从数据库重建本机的搜索索引（先停止平台）
  backup [FILE]  把运行数据库与上传文件备份为一个归档（默认 .data/backups/ipp-日期-时间.tar）
  restore FILE [--force]  从归档恢复到运行数据库与数据目录（先停止平台；目标非空时须加 --force）
  psql           打开运行数据库的 psql
  stop           停止私有 PostgreSQL（以及测试用的 clamd）
TXT
}

# Exported for bench/run.
export -f say die pg_as pg_password_file pg_password pg_dir pg_ensure pg_stop pg_psql pg_create_db connection_string 2>/dev/null || true
export ROOT DATA WEB PG_BIN RUN_PG_PORT

case "${1:-help}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; cmd_bench "$@" ;;
  recipe) shift; cmd_recipe "$@" ;;
  totp) shift; cmd_totp "$@" ;;
  verify-history) cmd_verify_history ;;
  reindex) cmd_reindex ;;
  backup) shift; cmd_backup "$@" ;;
  restore) shift; cmd_restore "$@" ;;
  psql) shift; cmd_psql "$@" ;;
  stop) cmd_stop ;;
  help|-h|--help) cmd_help ;;
  *) cmd_help; exit 2 ;;
esac

#!/usr/bin/env bash
# Starts or stops the private PostgreSQL cluster the tests run against.
#   pg-cluster.sh start DIR   initdb in DIR/data, start on a free loopback port, write the
#                             connection URL to DIR/url. The superuser postgres is trusted;
#                             every other login proves a SCRAM password, as a lab's server
#                             would ask of a person's login (SPEC A1).
#   pg-cluster.sh stop DIR    stop the cluster and remove DIR
#   pg-cluster.sh pause DIR   stop the server as an outage would (pg_ctl stop), keeping DIR
#   pg-cluster.sh resume DIR  start a paused server again on the port it had
# As root the server runs as the 'postgres' system user, because PostgreSQL refuses root.
set -euo pipefail

action=${1:?usage: pg-cluster.sh start|stop DIR}
dir=${2:?usage: pg-cluster.sh start|stop DIR}

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ]; then bindir=$candidate; break; fi
done
if [ -z "$bindir" ]; then
    bindir=$(dirname "$(command -v initdb || true)")
fi
if [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
    echo "pg-cluster: PostgreSQL server binaries (initdb, pg_ctl) not found; install postgresql" >&2
    exit 1
fi

as_server_user() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Everything but the port is the same at every start.
server_options() {
    echo "-c listen_addresses=127.0.0.1 -p $1 -k $dir -c fsync=off \
          -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 \
          -c shared_buffers=256MB -c max_wal_size=4GB"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

case "$action" in
start)
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_server_user "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
        --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    cat >"$dir/data/pg_hba.conf" <<'HBA'
local all postgres trust
host  all postgres 127.0.0.1/32 trust
local all all scram-sha-256
host  all all 127.0.0.1/32 scram-sha-256
HBA
    # A port can be taken between choosing it and binding it; try a few.
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        if as_server_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "$(server_options "$port")" start >/dev/null; then
            echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$dir/url"
            echo "pg-cluster: PostgreSQL running at 127.0.0.1:$port (data in $dir/data)"
            exit 0
        fi
    done
    cat "$dir/server.log" >&2
    exit 1
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_server_user "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    echo "pg-cluster: stopped"
    ;;
pause)
    as_server_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
resume)
    port=$(sed -E 's|^.*:([0-9]+)/.*$|\1|' "$dir/url")
    as_server_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "$(server_options "$port")" start >/dev/null
    ;;
*)
    echo "usage: pg-cluster.sh start|stop|pause|resume DIR" >&2
    exit 2
    ;;
esac

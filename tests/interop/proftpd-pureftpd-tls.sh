#!/usr/bin/env bash
# FTPS interop test: ftpsh against a real ProFTPD (mod_tls) and a real Pure-FTPd on 127.0.0.1, both
# with explicit AUTH TLS required, plus "--tls required" against a plain instance of each server,
# which must fail (exit 5) before any USER goes out in clear text.
# Needs root (creates the local user ftptls2) and Debian/Ubuntu (apt-get). Usage:
#   tests/interop/proftpd-pureftpd-tls.sh                  # builds target/release/ftpsh
#   FTPSH=/path/to/ftpsh tests/interop/proftpd-pureftpd-tls.sh
#
# proftpd-core, proftpd-mod-crypto (mod_tls) and pure-ftpd each "Conflicts: ftp-server" (so does
# vsftpd, which tests/interop/vsftpd-tls.sh installs), so at most one of them could be installed
# with apt, and installing one would remove another. Both servers are therefore fetched with
# `apt-get download` and unpacked with `dpkg -x` into the temporary directory; only their shared
# libraries (and openssl, curl, socat) are installed with apt. No package or system daemon is left
# behind apart from those.
# Shared helpers (cleanup, apt, ports, server configs, test files): tests/lib.sh.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../lib.sh"
[[ $EUID -eq 0 ]] || { echo "run as root" >&2; exit 1; }

FTP_USER=ftptls2
lib_init proftpd-pureftpd-tls
SRC=$WORK/src ROOT=$WORK/root
SYSLOG=$WORK/syslog.raw
PURE_WRAP=() CREATED_DEVLOG=no DATA_DIR="" PASS=""
declare -A PORT VERSION
SERVERS=(proftpd pure-ftpd)

# Besides what tests/lib.sh cleans up: the /dev/log socket, when this script made it.
cleanup_extra() {
  if [[ $CREATED_DEVLOG == yes && -S /dev/log ]]; then rm -f /dev/log; fi
}

# 1. Tools, then the two servers unpacked under $ROOT, then the libraries they link against (the
# lib* packages among their Depends).
ensure_tools() {
  require_tools openssl curl socat
  unpack_debs "$ROOT" proftpd-core proftpd-mod-crypto pure-ftpd
  require_libs "$ROOT/usr/sbin/proftpd" "$ROOT/usr/lib/proftpd/mod_tls.so" "$ROOT/usr/sbin/pure-ftpd"

  VERSION[proftpd]=$(proftpd_version "$ROOT")
  VERSION[pure-ftpd]=$(pure_ftpd_version "$ROOT")
  echo "${VERSION[proftpd]} | ${VERSION[pure-ftpd]} | $(openssl version) | $(curl --version | sed -n 1p)"
  localhost_is_loopback
}

# 2. Self-signed certificate (make_cert in tests/lib.sh). Pure-FTPd wants the key and the
# certificate in one file (its built-in default is /etc/ssl/private/pure-ftpd.pem; --certfile
# points it at ours instead).
make_certs() {
  make_cert
  cat "$KEY" "$CERT" >"$WORK/pure-ftpd.pem"
  chmod 600 "$KEY" "$WORK/pure-ftpd.pem"
}

# 3. The login user: make_tls_user in tests/lib.sh.

# 4. Pure-FTPd logs only to syslog. A socat sink collects it in $SYSLOG: on /dev/log itself when
# the machine has none (the usual container), else on a private socket that a private mount
# namespace binds over /dev/log for the pure-ftpd processes alone ($PURE_WRAP).
start_syslog_sink() {
  local sock i pid
  if [[ -e /dev/log || -L /dev/log ]]; then
    sock=$WORK/log.sock
    # shellcheck disable=SC2016 # $1 and $@ belong to the inner sh
    PURE_WRAP=(unshare -m --propagation private sh -c 'mount --bind "$1" /dev/log && shift && exec "$@"' sh "$sock")
  else
    sock=/dev/log CREATED_DEVLOG=yes
  fi
  setsid socat -u "UNIX-RECV:$sock,mode=666" "OPEN:$SYSLOG,creat,append" 2>"$WORK/socat.err" &
  pid=$!; SERVER_PGIDS+=("$pid")
  for ((i = 0; i < 50; i++)); do [[ -S $sock ]] && return; sleep 0.1; done
  die "syslog sink did not come up: $(cat "$WORK/socat.err")"
}

# 5. start_server NAME KIND: one server (KIND proftpd-tls, proftpd-plain, pure-tls, pure-plain) in
# the foreground, in its own process group, on a free port with 50 private passive ports (serve in
# tests/lib.sh).
start_server() {
  serve "$1" "" server_cmd "$1" "$2"
  PORT[$1]=$SERVED_PORT
}

server_cmd() { # PORT PASV_MIN PASV_MAX NAME KIND
  local port=$1 min=$2 max=$3 name=$4 kind=$5
  case $kind in
    proftpd-*)
      proftpd_conf "$name" "$port" "$min" "$max" "$kind" >"$WORK/$name.conf"
      SERVER_CMD=("$ROOT/usr/sbin/proftpd" --nodaemon -c "$WORK/$name.conf") ;;
    pure-*)
      # -E: no anonymous logins; -d: log every command (to syslog).
      pure_ftpd_cmd "$ROOT" "$name" "$port" "$min" "$max" "$FTP_USER"
      SERVER_CMD=("${PURE_WRAP[@]}" "${SERVER_CMD[@]}" -E -d -f "$(pure_facility "$name")")
      # --tls=2: clear-text sessions are refused (TLS for the control connection); data
      # connections are protected as the client asks (PROT P, checked in the log below).
      [[ $kind == pure-plain ]] || SERVER_CMD+=(--tls=2 "--certfile=$WORK/pure-ftpd.pem") ;;
  esac
}

# proftpd.conf for one instance: the shared lines (tests/lib.sh), and ExtendedLog "ALL", which
# records every command (PASS as "PASS (hidden)").
proftpd_conf() { # NAME PORT PASV_MIN PASV_MAX KIND
  local name=$1 kind=$5
  proftpd_conf_base "$name" "$2" "$3" "$4"
  echo "ExtendedLog         $WORK/$name.cmd.log ALL"
  [[ $kind == proftpd-tls ]] || return 0
  # mod_tls is a DSO from proftpd-mod-crypto. TLSRequired on: TLS for the control connection and
  # every data connection. No "TLSOptions NoSessionReuseRequired": each data connection must
  # resume the control connection's TLS session (mod_tls's default since 1.3.3).
  cat <<EOF
ModulePath          $ROOT/usr/lib/proftpd
LoadModule          mod_tls.c
TLSEngine           on
TLSLog              $WORK/$name.tls.log
TLSRSACertificateFile    $CERT
TLSRSACertificateKeyFile $KEY
TLSRequired         on
TLSVerifyClient     off
TLSRenegotiate      none
EOF
}

# 6. curl_check NAME: list the home dir, then an upload/download round trip, TLS required.
curl_check() {
  local name=$1 url=ftp://$FTP_USER:$PASS@localhost:${PORT[$1]}
  local c=(timeout 120 curl -sS --max-time 60 --ssl-reqd --cacert "$CERT")
  "${c[@]}" "$url/" >"$WORK/$name.curl-ls" &&
    "${c[@]}" -T "$SRC/f02" "$url/data/curl-$name" &&
    "${c[@]}" -o "$WORK/$name.curl-get" "$url/data/curl-$name" &&
    cmp -s "$SRC/f02" "$WORK/$name.curl-get" && rm -f "$DATA_DIR/curl-$name"
}

# 7. run_ftpsh NAME: run the script over FTPS, then check every downloaded byte, the size, and that
# the server saw TLS on the control and data connections.
run_ftpsh() {
  local name=$1 out=$WORK/out-$1 rc=0
  mkdir -p "$out"; mark_all
  ftpsh_script "run-$name" "$out" >"$WORK/$name.script"
  timeout 120 "$FTPSH" --tls required --ca-file "$CERT" "ftp://$FTP_USER:$PASS@localhost:${PORT[$name]}/" \
    <"$WORK/$name.script" >"$WORK/$name.stdout" 2>"$WORK/$name.stderr" || rc=$?
  check_downloads "$out" "$WORK/$name.stdout"
  tls_evidence "$name" || BAD=$((BAD + 1))
  ((rc == 0 && BAD == 0)) && return
  echo "ftpsh $name: exit $rc, $BAD check(s) failed; stderr:"; sed 's/^/  | /' "$WORK/$name.stderr"
  return 1
}

# Logs. mark FILE... remembers the files' sizes; server_log NAME prints what that server logged
# since the mark. ProFTPD: its ExtendedLog (every command; PASS as "PASS (hidden)"). Pure-FTPd: its
# syslog messages (-d: every command; PASS as "[<*>]"), told apart by facility (pure_facility).
declare -A MARK
mark() { local f; for f in "$@"; do MARK[$f]=$(stat -c %s "$f" 2>/dev/null || echo 0); done; }
since() { tail -c "+$((${MARK[$1]:-0} + 1))" "$1" 2>/dev/null || true; }
pure_facility() { if [[ $1 == pure-ftpd ]]; then echo local6; else echo local7; fi; }
server_log() {
  local pri='18[4-9]|19[01]'
  [[ $1 != pure-ftpd ]] || pri='17[6-9]|18[0-3]'
  case $1 in
    proftpd*) since "$WORK/$1.cmd.log" ;;
    # syslog datagrams carry no newline; PRI = facility * 8 + severity (local6 = 22, local7 = 23).
    pure-ftpd*) since "$SYSLOG" | tr '\0\n' '  ' | sed 's/<[0-9]\{1,3\}>/\n&/g' |
      grep -E "^<($pri)>" || true ;;
  esac
}
mark_all() { mark "$SYSLOG" "$WORK"/*.log; }

# What the server says about ftpsh's session: PROT P, and the TLS protocol of the connections.
tls_evidence() {
  local name=$1 lines
  server_log "$name" | grep -qiE '"PROT P" 200|command \[prot\] \[p\]' ||
    { echo "no successful PROT P in $name's log"; return 1; }
  case $name in
    proftpd) lines=$(since "$WORK/proftpd.tls.log" | sed -n 's/.*\]: //p' | grep -iE 'TLSv|session|reuse' | sort | uniq -c) ;;
    pure-ftpd) lines=$(server_log pure-ftpd | grep -oE 'TLS: .*' | sort | uniq -c) ;;
  esac
  echo "$name TLS (from its log):"; printf '%s\n' "$lines" | sed 's/^/  /'
}

# 8. --tls required against plain FTP: ftpsh must give up (exit 5, TLS failure) before USER. Only
# log lines written after our mark count, and a command from ftpsh among them (FEAT or AUTH)
# proves that ftpsh really talked to this server.
USER_RE='"USER |\[user\]|"PASS |\[pass\]'

check_no_cleartext() { # SERVER
  local name=$1-plain rc=0 new
  mark_all
  timeout 120 "$FTPSH" --tls required --ca-file "$CERT" "ftp://$FTP_USER:$PASS@localhost:${PORT[$name]}/" \
    <<<"ls" >"$WORK/$name.stdout" 2>"$WORK/$name.stderr" || rc=$?
  sleep 1 # let the session process write its last log lines
  new=$(server_log "$name")
  echo "ftpsh exit $rc (want 5); stderr:"; sed 's/^/  | /' "$WORK/$name.stderr"
  echo "$name log since the mark:"; printf '%s\n' "$new" | sed 's/^/  > /'
  grep -qiE 'FEAT|AUTH' <<<"$new" || { echo "no command from ftpsh in the log"; return 1; }
  if grep -iE "$USER_RE" <<<"$new" || grep -qF -- "$PASS" <<<"$new"; then
    echo "credentials were sent in clear text"; return 1
  fi
  ((rc == 5))
}

# Proves the clear-text check can see a login: curl's clear-text USER must be in the log.
plain_login_logged() { # SERVER
  local name=$1-plain
  mark_all
  timeout 120 curl -sS --max-time 60 "ftp://$FTP_USER:$PASS@localhost:${PORT[$name]}/" >/dev/null ||
    die "curl: plain FTP to $name failed"
  sleep 1
  server_log "$name" | grep -qiE "$USER_RE" || die "no USER line in $name's log"
}

main() {
  local start=$SECONDS s n status=0
  log "tools"; ensure_tools
  make_certs; make_tls_user; make_random_files
  start_syslog_sink
  start_server proftpd proftpd-tls
  start_server proftpd-plain proftpd-plain
  start_server pure-ftpd pure-tls
  start_server pure-ftpd-plain pure-plain

  log "curl sanity checks"
  for s in "${SERVERS[@]}"; do
    curl_check "$s" || die "curl: FTPS to $s failed"
    plain_login_logged "$s"
  done

  ensure_ftpsh
  log "ftpsh: $FTPSH ($(timeout 120 "$FTPSH" --version))"

  for s in "${SERVERS[@]}"; do
    check "$s tls" run_ftpsh "$s"
    check "$s plain" check_no_cleartext "$s"
  done

  log "summary ($((SECONDS - start)) s)"
  for s in "${SERVERS[@]}"; do
    n=PASS
    [[ ${RESULT[$s tls]} == PASS && ${RESULT[$s plain]} == PASS ]] || n=FAIL status=1
    printf '%s %-9s %s: FTPS transfers %s (127.0.0.1:%s), --tls required vs plain %s (127.0.0.1:%s)\n' \
      "$n" "$s" "${VERSION[$s]}" "${RESULT[$s tls]}" "${PORT[$s]}" "${RESULT[$s plain]}" "${PORT[$s-plain]}"
  done
  return "$status"
}

main "$@"

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
set -euo pipefail
[[ $EUID -eq 0 ]] || { echo "run as root" >&2; exit 1; }

REPO=$(cd "$(dirname "$0")/../.." && pwd)
FTP_USER=ftptls2
WORK=$(mktemp -d /tmp/ftpsh-proftpd-pureftpd-tls.XXXXXX)
CERT=$WORK/cert.pem KEY=$WORK/key.pem SRC=$WORK/src ROOT=$WORK/root
SYSLOG=$WORK/syslog.raw
SERVER_PGIDS=() PURE_WRAP=() CREATED_USER=no CREATED_DEVLOG=no DATA_DIR="" PASS="" APT_UPDATED=no
declare -A PORT RESULT VERSION
FILES=(f01 f02 f03 f04 f05 f06 f07 f08 f09 f10) PAIRS=(p1 p2 p3 p4 p5) # f01 stays empty
SERVERS=(proftpd pure-ftpd)

log() { printf '== %s\n' "$*"; }
die() { printf 'FATAL: %s\n' "$*" >&2; exit 1; }

# Every server (and the syslog sink) runs in its own process group (setsid), so killing the group
# also ends the per-client processes it forked, including those running as $FTP_USER (userdel
# refuses to remove a user with running processes).
cleanup() {
  local pg i
  for pg in "${SERVER_PGIDS[@]}"; do kill -- "-$pg" 2>/dev/null || true; done
  for pg in "${SERVER_PGIDS[@]}"; do
    for ((i = 0; i < 50; i++)); do kill -0 -- "-$pg" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pg" 2>/dev/null || true; wait "$pg" 2>/dev/null || true
  done
  if [[ $CREATED_DEVLOG == yes && -S /dev/log ]]; then rm -f /dev/log; fi
  if [[ $CREATED_USER == yes ]]; then userdel -r "$FTP_USER" 2>/dev/null || true
  elif [[ -n $DATA_DIR ]]; then rm -rf "$DATA_DIR"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

apt_update_once() {
  [[ $APT_UPDATED == yes ]] && return
  apt-get update -q >/dev/null || die "apt-get update failed"
  APT_UPDATED=yes
}

apt_install() { # PACKAGE...: never removes anything (--no-remove), never starts a daemon
  local rcd=/usr/sbin/policy-rc.d added=no ok=yes
  log "apt-get install $*"
  apt_update_once
  if [[ ! -e $rcd ]]; then printf '#!/bin/sh\nexit 101\n' >"$rcd"; chmod +x "$rcd"; added=yes; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-remove "$@" || ok=no
  [[ $added == no ]] || rm -f "$rcd"
  [[ $ok == yes ]] || die "apt-get install $* failed"
}

installed() { [[ $(dpkg-query -W -f '${Status}' "$1" 2>/dev/null) == "install ok installed" ]]; }

# 1. Tools, then the two servers unpacked under $ROOT, then the libraries they link against (the
# lib* packages among their Depends).
ensure_tools() {
  local missing=() t d deps=()
  for t in openssl curl socat; do command -v "$t" >/dev/null || missing+=("$t"); done
  ((${#missing[@]} == 0)) || apt_install "${missing[@]}"

  mkdir -p "$WORK/deb" "$ROOT"
  # Without -o APT::Sandbox::User=root, apt warns that _apt cannot write into the 0700 $WORK.
  if ! (cd "$WORK/deb" && apt-get download -q -o APT::Sandbox::User=root \
    proftpd-core proftpd-mod-crypto pure-ftpd >/dev/null 2>&1); then
    apt_update_once
    (cd "$WORK/deb" && apt-get download -q -o APT::Sandbox::User=root \
      proftpd-core proftpd-mod-crypto pure-ftpd >/dev/null) || die "apt-get download failed"
  fi
  for d in "$WORK"/deb/*.deb; do
    dpkg -x "$d" "$ROOT"
    echo "unpacked $(dpkg-deb -f "$d" Package) $(dpkg-deb -f "$d" Version)"
  done
  while read -r t; do installed "$t" || deps+=("$t"); done < <(
    for d in "$WORK"/deb/*.deb; do dpkg-deb -f "$d" Depends; done |
      tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/[[:space:]]//g' | grep '^lib' | sort -u)
  ((${#deps[@]} == 0)) || apt_install "${deps[@]}"
  for t in "$ROOT/usr/sbin/proftpd" "$ROOT/usr/lib/proftpd/mod_tls.so" "$ROOT/usr/sbin/pure-ftpd"; do
    if ldd "$t" | grep -q 'not found'; then die "$t: $(ldd "$t" | grep 'not found' | tr -s ' \t\n' ' ')"; fi
  done

  VERSION[proftpd]=$("$ROOT/usr/sbin/proftpd" -v 2>&1 | sed -n 1p)
  # pure-ftpd --help prints the version first, then exits non-zero.
  VERSION[pure-ftpd]=$({ "$ROOT/usr/sbin/pure-ftpd" --help 2>&1 || true; } | sed -n 1p)
  echo "${VERSION[proftpd]} | ${VERSION[pure-ftpd]} | $(openssl version) | $(curl --version | sed -n 1p)"
  getent ahostsv4 localhost | grep '^127\.0\.0\.1 ' >/dev/null || die "localhost is not 127.0.0.1"
}

# 2. Self-signed certificate for the name localhost (and 127.0.0.1). CA:FALSE because
# `openssl req -x509` marks it CA:TRUE by default, and rustls (webpki) refuses a CA certificate as
# the server's own certificate (CaUsedAsEndEntity), even when it is in --ca-file. Pure-FTPd wants
# the key and the certificate in one file (its built-in default is /etc/ssl/private/pure-ftpd.pem;
# --certfile points it at ours instead).
make_cert() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -addext basicConstraints=critical,CA:FALSE \
    -keyout "$KEY" -out "$CERT" 2>/dev/null
  cat "$KEY" "$CERT" >"$WORK/pure-ftpd.pem"
  chmod 600 "$KEY" "$WORK/pure-ftpd.pem"
}

# 3. The login user, with a fresh random password (also the needle for the clear-text check).
make_user() {
  PASS="Tls-$(openssl rand -hex 8)"
  if ! id "$FTP_USER" >/dev/null 2>&1; then useradd -m -s /bin/bash "$FTP_USER"; CREATED_USER=yes; fi
  echo "$FTP_USER:$PASS" | chpasswd
  DATA_DIR=$(getent passwd "$FTP_USER" | cut -d: -f6)/data
  rm -rf "$DATA_DIR"; install -d -o "$FTP_USER" -g "$FTP_USER" "$DATA_DIR"
}

# Test files: f01 empty, the others random, up to 2 MiB.
make_files() {
  local f
  mkdir -p "$SRC"; : >"$SRC/f01"
  for f in "${FILES[@]:1}" "${PAIRS[@]}"; do
    head -c $(((RANDOM * 32768 + RANDOM) % 2097153)) /dev/urandom >"$SRC/$f"
  done
}

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

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# 5. start_server NAME KIND: one server (KIND proftpd-tls, proftpd-plain, pure-tls, pure-plain) in
# the foreground, in its own process group, on a free port with 50 private passive ports (retried
# if the port was taken meanwhile); waits, bounded, until it accepts connections.
start_server() {
  local name=$1 kind=$2 try port pasv pid i cmd
  for try in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 6000)) pasv=$((26000 + RANDOM % 5900))
    port_open "$port" && continue
    case $kind in
      proftpd-*)
        proftpd_conf "$name" "$port" "$pasv" "$kind" >"$WORK/$name.conf"
        cmd=("$ROOT/usr/sbin/proftpd" --nodaemon -c "$WORK/$name.conf") ;;
      pure-*)
        # -l unix: /etc/shadow; -u: the lowest UID allowed (our user's); -E: no anonymous logins;
        # -d: log every command (to syslog); -H: no DNS; -U: umasks for files:dirs.
        cmd=("${PURE_WRAP[@]}" "$ROOT/usr/sbin/pure-ftpd" -S "127.0.0.1,$port" -4
          -p "$pasv:$((pasv + 49))" -P 127.0.0.1 -l unix -u "$(id -u "$FTP_USER")" -E -d -H
          -U 133:022 -g "$WORK/$name.pid" -f "$(pure_facility "$name")")
        # --tls=2: clear-text sessions are refused (TLS for the control connection); data
        # connections are protected as the client asks (PROT P, checked in the log below).
        [[ $kind == pure-plain ]] || cmd+=(--tls=2 "--certfile=$WORK/pure-ftpd.pem") ;;
    esac
    setsid "${cmd[@]}" >"$WORK/$name.out" 2>&1 &
    pid=$!; SERVER_PGIDS+=("$pid")
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break # exited: port taken or bad config
      if port_open "$port"; then PORT[$name]=$port; log "$name on 127.0.0.1:$port (passive $pasv-$((pasv + 49)))"; return; fi
      sleep 0.1
    done
    kill -- "-$pid" 2>/dev/null || true
    echo "$name did not come up (try $try): $(cat "$WORK/$name.out")" >&2
  done
  die "could not start $name"
}

# proftpd.conf for one instance. Users authenticate against /etc/shadow (mod_auth_unix, no PAM).
# ExtendedLog "ALL" records every command (PASS as "PASS (hidden)").
proftpd_conf() { # NAME PORT PASV KIND
  local name=$1 port=$2 pasv=$3 kind=$4
  cat <<EOF
ServerName          "ftpsh interop $name"
ServerType          standalone
DefaultServer       on
UseIPv6             off
DefaultAddress      127.0.0.1
SocketBindTight     on
Port                $port
PassivePorts        $pasv $((pasv + 49))
User                nobody
Group               nogroup
Umask               022
MaxInstances        30
UseReverseDNS       off
AuthPAM             off
AuthOrder           mod_auth_unix.c
DelayEngine         off
WtmpLog             off
PidFile             $WORK/$name.pid
ScoreboardFile      $WORK/$name.scoreboard
SystemLog           $WORK/$name.log
ExtendedLog         $WORK/$name.cmd.log ALL
AllowOverwrite      on
EOF
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

# The ftpsh script for one server, in its own directory under data/: 10 puts in a row, 10 gets in a
# row, 5 put/get pairs, listings in between, deletes; `size f05` is the last line on stdout.
ftpsh_script() { # DIR OUT
  local d=$1 out=$2 f
  printf 'cd data\nmkdir %s\ncd %s\n' "$d" "$d"
  for f in "${FILES[@]}"; do echo "put \"$SRC/$f\" $f"; done
  echo ls
  for f in "${FILES[@]}"; do echo "get -f $f \"$out/$f\""; done
  echo nlist
  for f in "${PAIRS[@]}"; do echo "put \"$SRC/$f\" $f"; echo "get -f $f \"$out/$f\""; done
  printf 'ls\nnlist\nsize f05\n'
  for f in "${FILES[@]}" "${PAIRS[@]}"; do echo "delete $f"; done
  printf 'cd ..\nrmdir %s\n' "$d"
}

# 7. run_ftpsh NAME: run the script over FTPS, then check every downloaded byte, the size, and that
# the server saw TLS on the control and data connections.
run_ftpsh() {
  local name=$1 out=$WORK/out-$1 f rc=0 bad=0 want
  mkdir -p "$out"; mark_all
  ftpsh_script "run-$name" "$out" >"$WORK/$name.script"
  timeout 120 "$FTPSH" --tls required --ca-file "$CERT" "ftp://$FTP_USER:$PASS@localhost:${PORT[$name]}/" \
    <"$WORK/$name.script" >"$WORK/$name.stdout" 2>"$WORK/$name.stderr" || rc=$?
  for f in "${FILES[@]}" "${PAIRS[@]}"; do
    cmp -s "$SRC/$f" "$out/$f" || { echo "$f: download missing or different"; bad=$((bad + 1)); }
  done
  want=$(stat -c %s "$SRC/f05")
  [[ $(tail -n1 "$WORK/$name.stdout") == "$want" ]] || { echo "size f05: want $want"; bad=$((bad + 1)); }
  tls_evidence "$name" || bad=$((bad + 1))
  ((rc == 0 && bad == 0)) && return
  echo "ftpsh $name: exit $rc, $bad check(s) failed; stderr:"; sed 's/^/  | /' "$WORK/$name.stderr"
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

check() { # NAME COMMAND...: run one check and record PASS/FAIL
  local name=$1; shift
  log "$name"
  if "$@"; then RESULT[$name]=PASS; else RESULT[$name]=FAIL; fi
}

main() {
  local start=$SECONDS s n status=0
  log "tools"; ensure_tools
  make_cert; make_user; make_files
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

  if [[ -z ${FTPSH:-} ]]; then
    log "cargo build --release"
    (cd "$REPO" && cargo build --release --quiet)
    FTPSH=${CARGO_TARGET_DIR:-target}/release/ftpsh
    [[ $FTPSH == /* ]] || FTPSH=$REPO/$FTPSH # a relative CARGO_TARGET_DIR is relative to $REPO here
    [[ -x $FTPSH ]] || die "no $FTPSH after cargo build"
  fi
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

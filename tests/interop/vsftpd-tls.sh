#!/usr/bin/env bash
# FTPS interop test: ftpsh against a real vsftpd on 127.0.0.1 (explicit AUTH TLS, implicit ftps://),
# plus "--tls required" against a plain vsftpd, which must fail before any USER goes out in clear.
# Needs root (creates the local user ftptls) and Debian/Ubuntu (apt-get). Usage:
#   tests/interop/vsftpd-tls.sh                          # builds target/release/ftpsh
#   FTPSH=/path/to/ftpsh tests/interop/vsftpd-tls.sh
set -euo pipefail
[[ $EUID -eq 0 ]] || { echo "run as root" >&2; exit 1; }

REPO=$(cd "$(dirname "$0")/../.." && pwd)
FTP_USER=ftptls
WORK=$(mktemp -d /tmp/ftpsh-vsftpd-tls.XXXXXX)
CERT=$WORK/cert.pem KEY=$WORK/key.pem SRC=$WORK/src
SERVER_PGIDS=() CREATED_USER=no DATA_DIR="" PASS=""
declare -A PORT RESULT
FILES=(f01 f02 f03 f04 f05 f06 f07 f08 f09 f10) PAIRS=(p1 p2 p3 p4 p5) # f01 stays empty

log() { printf '== %s\n' "$*"; }
die() { printf 'FATAL: %s\n' "$*" >&2; exit 1; }

# Each vsftpd runs in its own process group (setsid), so killing the group also ends the
# per-client processes it forked, including those running as $FTP_USER (userdel refuses those).
cleanup() {
  local pg i
  for pg in "${SERVER_PGIDS[@]}"; do kill -- "-$pg" 2>/dev/null || true; done
  for pg in "${SERVER_PGIDS[@]}"; do
    for ((i = 0; i < 50; i++)); do kill -0 -- "-$pg" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pg" 2>/dev/null || true; wait "$pg" 2>/dev/null || true
  done
  if [[ $CREATED_USER == yes ]]; then userdel -r "$FTP_USER" 2>/dev/null || true
  elif [[ -n $DATA_DIR ]]; then rm -rf "$DATA_DIR"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. Tools. A temporary policy-rc.d keeps the vsftpd package from starting a system-wide daemon.
ensure_tools() {
  local missing=() t rcd=/usr/sbin/policy-rc.d added=no ok=yes
  for t in vsftpd openssl curl; do command -v "$t" >/dev/null || missing+=("$t"); done
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    if [[ ! -e $rcd ]]; then printf '#!/bin/sh\nexit 101\n' >"$rcd"; chmod +x "$rcd"; added=yes; fi
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" || ok=no
    [[ $added == no ]] || rm -f "$rcd"
    [[ $ok == yes ]] || die "apt-get install ${missing[*]} failed"
  fi
  # vsftpd -v writes its version to fd 0, hence the redirection.
  echo "$(vsftpd -v 0>&1) | $(openssl version) | $(curl --version | sed -n 1p)"
  getent ahostsv4 localhost | grep '^127\.0\.0\.1 ' >/dev/null || die "localhost is not 127.0.0.1"
}

# 2. Self-signed certificate for the name localhost (and 127.0.0.1). CA:FALSE because
# `openssl req -x509` marks it CA:TRUE by default, and rustls (webpki) refuses a CA certificate as
# the server's own certificate (CaUsedAsEndEntity), even when it is in --ca-file.
make_cert() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -addext basicConstraints=critical,CA:FALSE \
    -keyout "$KEY" -out "$CERT" 2>/dev/null
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

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# 4. start_vsftpd NAME EXTRA_CONFIG: one vsftpd in the foreground, in its own process group, on a
# free port (retried if the port was taken meanwhile); waits, bounded, until it accepts connections.
start_vsftpd() {
  local name=$1 extra=$2 conf=$WORK/$1.conf try port pasv pid i
  mkdir -p "$WORK/empty"
  for try in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 6000)) pasv=$((26000 + RANDOM % 5900))
    port_open "$port" && continue
    printf '%s\n' listen=YES listen_ipv6=NO listen_address=127.0.0.1 "listen_port=$port" background=NO \
      pasv_enable=YES pasv_address=127.0.0.1 "pasv_min_port=$pasv" "pasv_max_port=$((pasv + 49))" \
      local_enable=YES write_enable=YES local_umask=022 anonymous_enable=NO pam_service_name=vsftpd \
      "secure_chroot_dir=$WORK/empty" seccomp_sandbox=NO isolate=NO isolate_network=NO "$extra" >"$conf"
    # vsftpd writes its errors ("500 OOPS: ...") to fd 0, so all three go to the .out file.
    setsid vsftpd "$conf" 0<>"$WORK/$name.out" >&0 2>&0 &
    pid=$!; SERVER_PGIDS+=("$pid")
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break # exited: port taken or bad config
      if port_open "$port"; then PORT[$name]=$port; log "$name vsftpd on 127.0.0.1:$port"; return; fi
      sleep 0.1
    done
    kill -- "-$pid" 2>/dev/null || true
    echo "vsftpd $name did not come up (try $try): $(cat "$WORK/$name.out")" >&2
  done
  die "could not start vsftpd $name"
}

tls_conf() {
  printf '%s\n' ssl_enable=YES "rsa_cert_file=$CERT" "rsa_private_key_file=$KEY" \
    force_local_logins_ssl=YES force_local_data_ssl=YES
  # vsftpd's default, set for clarity: every data connection must resume the control connection's
  # TLS session ("522 SSL connection failed: session reuse required" otherwise). This is the rule
  # that breaks clients using TLS 1.3 (single-use) tickets.
  echo require_ssl_reuse=YES
  # ssl_tlsv1_2 exists in vsftpd >= 3.0.4 (and distro patches); Debian 12's 3.0.3 refuses unknown
  # options and has TLS 1.2 (and 1.3) on anyway: only ssl_sslv2/ssl_sslv3/ssl_tlsv1 can be switched.
  if grep -aq ssl_tlsv1_2 "$(command -v vsftpd)"; then echo ssl_tlsv1_2=YES; fi
}

# 5. curl_check NAME URL CURL-ARGS...: list the home dir, then a TLS 1.2 upload/download round trip
# (TLS 1.2 because curl's TLS 1.3 uploads to vsftpd 3.0.3 fail now and then with 426).
curl_check() {
  local name=$1 url=$2; shift 2
  local c=(timeout 120 curl -sS --max-time 60 --cacert "$CERT" "$@")
  "${c[@]}" "$url/" >"$WORK/$name.curl-ls" &&
    "${c[@]}" --tls-max 1.2 -T "$SRC/f02" "$url/data/curl-$name" &&
    "${c[@]}" --tls-max 1.2 -o "$WORK/$name.curl-get" "$url/data/curl-$name" &&
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

# 6. run_ftpsh NAME FTPSH-ARGS...: run the script, then check every downloaded byte and the size.
run_ftpsh() {
  local name=$1; shift
  local out=$WORK/out-$name f rc=0 bad=0 want
  mkdir -p "$out"
  ftpsh_script "run-$name" "$out" >"$WORK/$name.script"
  timeout 120 "$FTPSH" "$@" <"$WORK/$name.script" >"$WORK/$name.stdout" 2>"$WORK/$name.stderr" || rc=$?
  for f in "${FILES[@]}" "${PAIRS[@]}"; do
    cmp -s "$SRC/$f" "$out/$f" || { echo "$f: download missing or different"; bad=$((bad + 1)); }
  done
  want=$(stat -c %s "$SRC/f05")
  [[ $(tail -n1 "$WORK/$name.stdout") == "$want" ]] || { echo "size f05: want $want"; bad=$((bad + 1)); }
  ((rc == 0 && bad == 0)) && return
  echo "ftpsh $name: exit $rc, $bad check(s) failed; stderr:"; sed 's/^/  | /' "$WORK/$name.stderr"
  return 1
}

# 7. --tls required against plain FTP: ftpsh must give up (exit 5, TLS failure) before USER. vsftpd
# logs every command it receives (log_ftp_protocol=YES); only lines written after our mark count,
# and a CONNECT line among them proves that ftpsh really talked to this server.
check_no_cleartext() {
  local lg=$WORK/plain.log rc=0 mark new
  mark=$(wc -l <"$lg")
  timeout 120 "$FTPSH" --tls required --ca-file "$CERT" "ftp://$FTP_USER:$PASS@localhost:${PORT[plain]}/" \
    <<<"ls" >"$WORK/plain.stdout" 2>"$WORK/plain.stderr" || rc=$?
  sleep 1 # let vsftpd's session process write its last log lines
  new=$(tail -n "+$((mark + 1))" "$lg")
  echo "ftpsh exit $rc (want 5); stderr:"; sed 's/^/  | /' "$WORK/plain.stderr"
  grep -q 'CONNECT: Client' <<<"$new" || { echo "no connection from ftpsh in the log"; return 1; }
  if grep -E 'FTP command: .*"(USER|PASS) ' <<<"$new" || grep -qF -- "$PASS" <<<"$new"; then
    echo "credentials were sent in clear text"; return 1
  fi
  ((rc == 5))
}

check() { # NAME COMMAND...: run one check and record PASS/FAIL
  local name=$1; shift
  log "$name"
  if "$@"; then RESULT[$name]=PASS; else RESULT[$name]=FAIL; fi
}

main() {
  log "tools"; ensure_tools
  make_cert; make_user; make_files
  start_vsftpd explicit "$(tls_conf)"
  start_vsftpd implicit "$(tls_conf; echo implicit_ssl=YES)"
  start_vsftpd plain "$(printf '%s\n' ssl_enable=NO xferlog_enable=YES xferlog_std_format=NO \
    log_ftp_protocol=YES "vsftpd_log_file=$WORK/plain.log")"

  local login=$FTP_USER:$PASS@localhost
  log "curl sanity checks"
  curl_check explicit "ftp://$login:${PORT[explicit]}" --ssl-reqd || die "curl: explicit FTPS failed"
  curl_check implicit "ftps://$login:${PORT[implicit]}" || die "curl: implicit FTPS failed"
  timeout 120 curl -sS --max-time 60 "ftp://$login:${PORT[plain]}/" >/dev/null || die "curl: plain FTP failed"
  # Proves the log check below can see a login: curl's clear-text USER must be in the log.
  grep -qE "FTP command: .*\"USER $FTP_USER\"" "$WORK/plain.log" || die "no USER line in vsftpd's log"

  if [[ -z ${FTPSH:-} ]]; then
    log "cargo build --release"
    (cd "$REPO" && cargo build --release --quiet)
    FTPSH=$REPO/target/release/ftpsh
  fi
  log "ftpsh: $FTPSH ($("$FTPSH" --version))"

  check explicit run_ftpsh explicit --tls required --ca-file "$CERT" "ftp://$login:${PORT[explicit]}/"
  check implicit run_ftpsh implicit --ca-file "$CERT" "ftps://$login:${PORT[implicit]}/"
  check plain check_no_cleartext

  log "summary"
  local n status=0
  for n in explicit implicit plain; do
    printf '%s %-8s vsftpd 127.0.0.1:%s\n' "${RESULT[$n]}" "$n" "${PORT[$n]}"
    [[ ${RESULT[$n]} == PASS ]] || status=1
  done
  return "$status"
}

main "$@"

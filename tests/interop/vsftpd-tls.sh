#!/usr/bin/env bash
# FTPS interop test: ftpsh against a real vsftpd on 127.0.0.1 (explicit AUTH TLS, implicit ftps://),
# plus "--tls required" against a plain vsftpd, which must fail before any USER goes out in clear.
# Needs root (creates the local user ftptls) and Debian/Ubuntu (apt-get). Usage:
#   tests/interop/vsftpd-tls.sh                          # builds target/release/ftpsh
#   FTPSH=/path/to/ftpsh tests/interop/vsftpd-tls.sh
# Shared helpers (cleanup, apt, ports, vsftpd config, test files): tests/lib.sh.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../lib.sh"
[[ $EUID -eq 0 ]] || { echo "run as root" >&2; exit 1; }

FTP_USER=ftptls
lib_init vsftpd-tls
SRC=$WORK/src DATA_DIR="" PASS=""
declare -A PORT

# 1. Tools (installed without starting a system-wide vsftpd).
ensure_tools() {
  require_tools vsftpd openssl curl
  echo "$(vsftpd_version) | $(openssl version) | $(curl --version | sed -n 1p)"
  localhost_is_loopback
}

# 2. The login user: make_tls_user in tests/lib.sh.

# 3. One vsftpd: the shared base configuration (tests/lib.sh) and EXTRA.
vsftpd_cmd() { # PORT PASV_MIN PASV_MAX NAME EXTRA
  vsftpd_conf "$1" "$2" "$3" anonymous_enable=NO "$5" >"$WORK/$4.conf"
  SERVER_CMD=(vsftpd "$WORK/$4.conf")
}

start_vsftpd() { # NAME EXTRA
  serve "$1" "" vsftpd_cmd "$1" "$2"
  PORT[$1]=$SERVED_PORT
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

# 4. curl_check NAME URL CURL-ARGS...: list the home dir, then a TLS 1.2 upload/download round trip
# (TLS 1.2 because curl's TLS 1.3 uploads to vsftpd 3.0.3 fail now and then with 426).
curl_check() {
  local name=$1 url=$2; shift 2
  local c=(timeout 120 curl -sS --max-time 60 --cacert "$CERT" "$@")
  "${c[@]}" "$url/" >"$WORK/$name.curl-ls" &&
    "${c[@]}" --tls-max 1.2 -T "$SRC/f02" "$url/data/curl-$name" &&
    "${c[@]}" --tls-max 1.2 -o "$WORK/$name.curl-get" "$url/data/curl-$name" &&
    cmp -s "$SRC/f02" "$WORK/$name.curl-get" && rm -f "$DATA_DIR/curl-$name"
}

# 5. run_ftpsh NAME FTPSH-ARGS...: run the script (ftpsh_script), then check every downloaded byte
# and the size (check_downloads).
run_ftpsh() {
  local name=$1; shift
  local out=$WORK/out-$name rc=0
  mkdir -p "$out"
  ftpsh_script "run-$name" "$out" >"$WORK/$name.script"
  timeout 120 "$FTPSH" "$@" <"$WORK/$name.script" >"$WORK/$name.stdout" 2>"$WORK/$name.stderr" || rc=$?
  check_downloads "$out" "$WORK/$name.stdout"
  ((rc == 0 && BAD == 0)) && return
  echo "ftpsh $name: exit $rc, $BAD check(s) failed; stderr:"; sed 's/^/  | /' "$WORK/$name.stderr"
  return 1
}

# 6. --tls required against plain FTP: ftpsh must give up (exit 5, TLS failure) before USER. vsftpd
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

main() {
  log "tools"; ensure_tools
  make_cert; make_tls_user; make_random_files
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

  ensure_ftpsh
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

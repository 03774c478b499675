# shellcheck shell=bash disable=SC2034 # variables here are read by the scripts that source it
# Helpers shared by the shell test scripts: tests/interop/*.sh, tests/scale/scale.sh and
# scripts/bench.sh. Source it (it runs nothing but variable assignments):
#   . "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../lib.sh"          # from tests/*/
#   . "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../tests/lib.sh"    # from scripts/
#
# What it offers, in order: logging and PASS/FAIL records; the work directory and the cleanup at
# exit (servers, users, files); apt-get helpers; the ftpsh binary; users; free ports and starting
# a server in its own process group; vsftpd, ProFTPD and Pure-FTPd configuration; the fixtures
# of the FTPS interop scripts; a microsecond clock.
#
# Every server it starts listens on 127.0.0.1 only. The cleanup at exit stops them, calls
# `cleanup_extra` when the script defines one, removes the paths registered in CLEANUP_PATHS and
# the users it created, and last $WORK.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) # the repository root
START_DIR=$PWD                                         # a relative $FTPSH is relative to this
PATH=$PATH:/usr/sbin:/sbin
LOG_TAG=""        # prefix of die's message ("FATAL" when empty) and of note's
WORK=""           # the temporary work directory (lib_init), removed at exit
SERVER_PGIDS=()   # process groups of the servers (serve), ended at exit
USERS=()          # users set up by ensure_user; their processes are awaited at exit
CREATED_USERS=()  # the ones ensure_user created, removed with their home at exit
CLEANUP_PATHS=()  # removed (rm -rf) at exit
APT_UPDATED=no
RCD_ADDED=no
declare -A RESULT # check NAME ... -> RESULT[NAME]=PASS|FAIL

# ---- logging and results --------------------------------------------------------------------

log() { printf '== %s\n' "$*"; }
note() { printf '%s: %s\n' "${LOG_TAG:-note}" "$*" >&2; }
die() {
  printf '%s: %s\n' "${LOG_TAG:-FATAL}" "$*" >&2
  exit 1
}

check() { # NAME COMMAND...: run one check and record PASS/FAIL in RESULT[NAME]
  local name=$1
  shift
  log "$name"
  if "$@"; then RESULT[$name]=PASS; else RESULT[$name]=FAIL; fi
}

# ---- work directory and cleanup -------------------------------------------------------------

# lib_init NAME: creates $WORK (ftpsh-NAME.XXXXXX under $TMPDIR, default /tmp), points ftpsh's
# XDG directories into it, and sets the traps that clean up at exit, also after a failure or
# Ctrl-C.
lib_init() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/ftpsh-$1.XXXXXX")
  # ftpsh's configuration, its memory (servers that spoke TLS, certificates) and its history
  # live in $WORK, never in the user's own: a server remembered from one run would otherwise
  # meet a plain server on the same port in the next.
  export XDG_CONFIG_HOME=$WORK/xdg/config XDG_DATA_HOME=$WORK/xdg/data XDG_STATE_HOME=$WORK/xdg/state
  trap lib_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM HUP
}

lib_cleanup() {
  local rc=$? p u
  set +e
  stop_servers
  if declare -F cleanup_extra >/dev/null; then cleanup_extra; fi
  for u in "${USERS[@]}"; do wait_user_gone "$u"; done
  for p in "${CLEANUP_PATHS[@]}"; do rm -rf "$p"; done
  for u in "${CREATED_USERS[@]}"; do userdel -r "$u" >/dev/null 2>&1; done
  [[ $RCD_ADDED == no ]] || rm -f /usr/sbin/policy-rc.d
  [[ -z $WORK ]] || rm -rf "$WORK"
  exit "$rc"
}

# Ends every server: first the sessions it forked into process groups of their own (vsftpd makes
# each session a session leader), then its own group (setsid); TERM, and KILL after 5 s.
stop_servers() {
  local pg c i
  for pg in "${SERVER_PGIDS[@]}"; do
    for c in $(pgrep -P "$pg" 2>/dev/null); do
      kill -TERM -- "-$c" 2>/dev/null || kill -TERM "$c" 2>/dev/null
    done
    kill -TERM -- "-$pg" 2>/dev/null
  done
  for pg in "${SERVER_PGIDS[@]}"; do
    for ((i = 0; i < 50; i++)); do
      kill -0 -- "-$pg" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$pg" 2>/dev/null
    wait "$pg" 2>/dev/null
  done
  SERVER_PGIDS=()
}

# A session's unprivileged process (running as the user) can outlive its server for a moment, and
# userdel refuses to remove a user with running processes: wait for them, 5 s at most.
wait_user_gone() {
  local i
  for ((i = 0; i < 50; i++)); do
    pgrep -u "$1" >/dev/null 2>&1 || return 0
    sleep 0.1
  done
}

# ---- packages -------------------------------------------------------------------------------

apt_update_once() {
  [[ $APT_UPDATED == yes ]] && return
  apt-get update -q >/dev/null || return 1
  APT_UPDATED=yes
}

# apt_install PACKAGE...: installs with apt-get (updating the lists first only when the install
# fails), never removes anything (--no-remove), never starts a daemon (a temporary policy-rc.d).
apt_install() {
  local rcd=/usr/sbin/policy-rc.d ok=yes
  log "apt-get install $*" >&2
  if [[ ! -e $rcd ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$rcd"
    chmod +x "$rcd"
    RCD_ADDED=yes
  fi
  apt_get_install "$@" || { apt_update_once && apt_get_install "$@"; } || ok=no
  [[ $RCD_ADDED == no ]] || rm -f "$rcd"
  RCD_ADDED=no
  [[ $ok == yes ]] || die "apt-get install $* failed"
}

apt_get_install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-remove "$@" >&2; }

# require_tools TOOL[=PACKAGE[,PACKAGE...]]...: installs the packages of the tools that are
# missing. A TOOL with a slash is a path that must be executable, else a command name; the
# package defaults to the tool's name.
require_tools() {
  local spec tool pkgs missing=()
  for spec in "$@"; do
    tool=${spec%%=*} pkgs=${spec#*=}
    if [[ $tool == */* ]]; then [[ -x $tool ]] && continue; else command -v "$tool" >/dev/null 2>&1 && continue; fi
    IFS=, read -r -a pkgs <<<"$pkgs"
    missing+=("${pkgs[@]}")
  done
  ((${#missing[@]} == 0)) || apt_install "${missing[@]}"
}

installed() { [[ $(dpkg-query -W -f '${Status}' "$1" 2>/dev/null) == "install ok installed" ]]; }

# unpack_debs ROOT PACKAGE...: fetches the packages (apt-get download) and unpacks them (dpkg -x)
# under ROOT without installing them: proftpd-core, pure-ftpd and vsftpd each "Conflicts:
# ftp-server", so at most one could be installed. The lib* packages among their Depends are
# installed with apt. Prints each package and its version.
unpack_debs() {
  local root=$1 deb=$WORK/deb d t deps=()
  shift
  mkdir -p "$deb" "$root"
  # Without -o APT::Sandbox::User=root, apt warns that _apt cannot write into the 0700 $WORK.
  if ! (cd "$deb" && apt-get download -q -o APT::Sandbox::User=root "$@" >/dev/null 2>&1); then
    apt_update_once || die "apt-get update failed"
    (cd "$deb" && apt-get download -q -o APT::Sandbox::User=root "$@" >/dev/null) || die "apt-get download failed"
  fi
  for d in "$deb"/*.deb; do
    dpkg -x "$d" "$root"
    echo "unpacked $(dpkg-deb -f "$d" Package) $(dpkg-deb -f "$d" Version)"
  done
  while read -r t; do installed "$t" || deps+=("$t"); done < <(
    for d in "$deb"/*.deb; do dpkg-deb -f "$d" Depends; done |
      tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/[[:space:]]//g' | grep '^lib' | sort -u)
  ((${#deps[@]} == 0)) || apt_install "${deps[@]}"
}

# require_libs BINARY...: dies when one of them misses a shared library.
require_libs() {
  local t
  for t in "$@"; do
    if ldd "$t" | grep -q 'not found'; then die "$t: $(ldd "$t" | grep 'not found' | tr -s ' \t\n' ' ')"; fi
  done
}

# ---- ftpsh ----------------------------------------------------------------------------------

# ensure_ftpsh: FTPSH becomes the absolute path of the ftpsh to test: $FTPSH when set (a relative
# path is taken from the directory the script started in), else a release build of this
# repository (CARGO_TARGET_DIR honoured; a relative one is relative to the repository root).
ensure_ftpsh() {
  if [[ -z ${FTPSH:-} ]]; then
    log "cargo build --release" >&2
    (cd "$REPO" && cargo build --release --quiet) || die "cargo build failed"
    FTPSH=${CARGO_TARGET_DIR:-target}/release/ftpsh
    [[ $FTPSH == /* ]] || FTPSH=$REPO/$FTPSH
  fi
  [[ $FTPSH == /* ]] || FTPSH=$START_DIR/$FTPSH
  [[ -x $FTPSH && ! -d $FTPSH ]] || die "ftpsh binary not found or not executable: $FTPSH"
}

# ---- users ----------------------------------------------------------------------------------

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; } # BYTES -> 2*BYTES hex digits

# ensure_user NAME PASSWORD [USERADD-OPTION...]: the local user NAME with PASSWORD; created (with
# a home and bash) when missing, and then removed with its home at exit. Sets USER_HOME.
ensure_user() {
  local name=$1 pass=$2
  shift 2
  if id "$name" >/dev/null 2>&1; then
    note "reusing the existing user $name"
  else
    useradd -m -s /bin/bash "$@" "$name"
    CREATED_USERS+=("$name")
  fi
  USERS+=("$name")
  printf '%s:%s\n' "$name" "$pass" | chpasswd
  USER_HOME=$(getent passwd "$name" | cut -d: -f6)
  [[ -d $USER_HOME ]] || die "home of $name ($USER_HOME) does not exist"
}

# make_tls_user: $FTP_USER with a fresh random password in PASS (also the needle for the
# clear-text checks of the TLS scripts) and an empty data directory DATA_DIR in its home.
make_tls_user() {
  PASS="Tls-$(random_hex 8)"
  ensure_user "$FTP_USER" "$PASS"
  DATA_DIR=$USER_HOME/data
  CLEANUP_PATHS+=("$DATA_DIR")
  rm -rf "$DATA_DIR"
  install -d -o "$FTP_USER" -g "$FTP_USER" "$DATA_DIR"
}

# ---- ports and servers ----------------------------------------------------------------------

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# A port in 20000-25999 (below the usual ephemeral range) that nothing listens on now.
free_port() {
  local i p
  for ((i = 0; i < 100; i++)); do
    p=$((20000 + RANDOM % 6000))
    port_open "$p" || { echo "$p"; return; }
  done
  die "no free port found"
}

# serve NAME PASV MAKE [ARG...]: starts a server on 127.0.0.1 and a free port and waits, 10 s at
# most, until it accepts connections; up to 5 tries, in case the port was taken meanwhile. Each
# try calls `MAKE PORT PASV_MIN PASV_MAX [ARG...]`, which writes any configuration and sets the
# array SERVER_CMD. PASV is the passive port range, MIN-MAX; when empty, each try picks 50 ports
# in 26000-31949. The command runs in its own process group (setsid), ended at exit, with stdin,
# stdout and stderr on $WORK/NAME.out (vsftpd writes its errors to fd 0). Sets SERVED_PORT.
serve() {
  local name=$1 pasv=$2 make=$3 out=$WORK/$1.out try port min max pid i
  shift 3
  for try in 1 2 3 4 5; do
    port=$(free_port)
    if [[ -n $pasv ]]; then min=${pasv%-*} max=${pasv#*-}; else min=$((26000 + RANDOM % 5900)) max=$((min + 49)); fi
    SERVER_CMD=()
    "$make" "$port" "$min" "$max" "$@"
    setsid "${SERVER_CMD[@]}" 0<>"$out" >&0 2>&0 &
    pid=$!
    SERVER_PGIDS+=("$pid")
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break # exited: port taken or bad configuration
      if port_open "$port"; then
        SERVED_PORT=$port
        log "$name on 127.0.0.1:$port (passive $min-$max)"
        return
      fi
      sleep 0.1
    done
    kill -- "-$pid" 2>/dev/null || true
    echo "$name did not come up (try $try): $(cat "$out")" >&2
  done
  die "could not start $name"
}

# ---- server configurations ------------------------------------------------------------------

# vsftpd_conf PORT PASV_MIN PASV_MAX [LINE...]: a vsftpd.conf for vsftpd in the foreground on
# 127.0.0.1:PORT, local users with write access, passive mode only, no sandboxing (none of it
# works in a container). The LINEs (key=value, or several lines in one) come last: anonymous
# access, TLS, logs. vsftpd refuses options it does not know, and reads each one once.
vsftpd_conf() {
  mkdir -p "$WORK/vsftpd-empty"
  printf '%s\n' listen=YES listen_ipv6=NO listen_address=127.0.0.1 "listen_port=$1" background=NO \
    pasv_enable=YES pasv_address=127.0.0.1 "pasv_min_port=$2" "pasv_max_port=$3" connect_from_port_20=NO \
    local_enable=YES write_enable=YES local_umask=022 pam_service_name=vsftpd \
    "secure_chroot_dir=$WORK/vsftpd-empty" seccomp_sandbox=NO isolate=NO isolate_network=NO
  shift 3
  (($# == 0)) || printf '%s\n' "$@"
}

# vsftpd -v writes its version to fd 0, hence the redirection.
vsftpd_version() {
  local v
  v=$(vsftpd -v 0>&1) || true
  printf '%s\n' "${v%%$'\n'*}"
}

# proftpd_conf_base NAME PORT PASV_MIN PASV_MAX: the proftpd.conf lines both interop scripts use.
# Users authenticate against /etc/shadow (mod_auth_unix, no PAM); files go to $WORK/NAME.*.
proftpd_conf_base() {
  cat <<EOF
ServerName          "ftpsh interop $1"
ServerType          standalone
DefaultServer       on
UseIPv6             off
DefaultAddress      127.0.0.1
SocketBindTight     on
Port                $2
PassivePorts        $3 $4
User                nobody
Group               nogroup
Umask               022
MaxInstances        30
UseReverseDNS       off
AuthPAM             off
AuthOrder           mod_auth_unix.c
DelayEngine         off
WtmpLog             off
PidFile             $WORK/$1.pid
ScoreboardFile      $WORK/$1.scoreboard
SystemLog           $WORK/$1.log
AllowOverwrite      on
EOF
}

# pure_ftpd_cmd ROOT NAME PORT PASV_MIN PASV_MAX USER: sets SERVER_CMD to Pure-FTPd (unpacked
# under ROOT) on 127.0.0.1:PORT. -l unix: /etc/shadow; -u: the lowest UID allowed (USER's); -H: no
# DNS; -U: umasks for files:dirs. Callers add their options (anonymous, TLS, logging).
pure_ftpd_cmd() {
  SERVER_CMD=("$1/usr/sbin/pure-ftpd" -S "127.0.0.1,$3" -4 -p "$4:$5" -P 127.0.0.1 -l unix
    -u "$(id -u "$6")" -H -U 133:022 -g "$WORK/$2.pid")
}

proftpd_version() { "$1/usr/sbin/proftpd" -v 2>&1 | sed -n 1p; } # ROOT
# pure-ftpd --help prints the version first, then exits non-zero.
pure_ftpd_version() { { "$1/usr/sbin/pure-ftpd" --help 2>&1 || true; } | sed -n 1p; } # ROOT

# ---- FTPS interop fixtures (vsftpd-tls.sh, proftpd-pureftpd-tls.sh) -------------------------

FILES=(f01 f02 f03 f04 f05 f06 f07 f08 f09 f10) PAIRS=(p1 p2 p3 p4 p5) # f01 stays empty

localhost_is_loopback() {
  getent ahostsv4 localhost | grep '^127\.0\.0\.1 ' >/dev/null || die "localhost is not 127.0.0.1"
}

# Self-signed certificate $CERT (key $KEY) for the name localhost (and 127.0.0.1). CA:FALSE
# because `openssl req -x509` marks it CA:TRUE by default, and rustls (webpki) refuses a CA
# certificate as the server's own certificate (CaUsedAsEndEntity), even when it is in --ca-file.
make_cert() {
  CERT=$WORK/cert.pem KEY=$WORK/key.pem
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -addext basicConstraints=critical,CA:FALSE \
    -keyout "$KEY" -out "$CERT" 2>/dev/null
}

# Test files in $SRC: f01 empty, the others random, up to 2 MiB.
make_random_files() {
  local f
  mkdir -p "$SRC"
  : >"$SRC/f01"
  for f in "${FILES[@]:1}" "${PAIRS[@]}"; do
    head -c $(((RANDOM * 32768 + RANDOM) % 2097153)) /dev/urandom >"$SRC/$f"
  done
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
  for f in "${PAIRS[@]}"; do
    echo "put \"$SRC/$f\" $f"
    echo "get -f $f \"$out/$f\""
  done
  printf 'ls\nnlist\nsize f05\n'
  for f in "${FILES[@]}" "${PAIRS[@]}"; do echo "delete $f"; done
  printf 'cd ..\nrmdir %s\n' "$d"
}

# check_downloads OUT STDOUT: every file downloaded into OUT must equal its source, and the last
# line of ftpsh's STDOUT must be f05's size. Prints what is wrong; sets BAD to the count.
check_downloads() {
  local out=$1 stdout=$2 f want
  BAD=0
  for f in "${FILES[@]}" "${PAIRS[@]}"; do
    cmp -s "$SRC/$f" "$out/$f" || { echo "$f: download missing or different"; BAD=$((BAD + 1)); }
  done
  want=$(stat -c %s "$SRC/f05")
  [[ $(tail -n1 "$stdout") == "$want" ]] || { echo "size f05: want $want"; BAD=$((BAD + 1)); }
}

# ---- timing ---------------------------------------------------------------------------------

now_us() { # microseconds since the epoch
  if [[ -n ${EPOCHREALTIME:-} ]]; then
    local t=${EPOCHREALTIME/./}
    echo "$((10#$t))"
  else
    date +%s%6N
  fi
}

#!/usr/bin/env bash
# Plain-FTP interop test: the same ftpsh session against vsftpd, ProFTPD, Pure-FTPd and pyftpdlib,
# each on 127.0.0.1 with a local user (password login from the URL) and read-only anonymous access.
# The session covers navigation, listings, binary and ASCII transfers, reget/reput, append,
# rename/delete/rmdir, size/modtime/chmod, mget -P/mput, get -r/put -r and mirror both ways; every
# result is checked on the local disk and on the server's disk.
# Needs root (creates the local user ftpplain) and Debian/Ubuntu (apt-get, pip). Usage:
#   tests/interop/plain-all.sh                          # builds target/release/ftpsh
#   FTPSH=/path/to/ftpsh tests/interop/plain-all.sh
#
# vsftpd is installed with apt. proftpd-core and pure-ftpd each "Conflicts: ftp-server" (as vsftpd
# does), so they are fetched with `apt-get download` and unpacked with `dpkg -x` into the temporary
# directory, as tests/interop/proftpd-pureftpd-tls.sh does; only their libraries come from apt.
# pyftpdlib comes from pip. No daemon is left running.
set -euo pipefail
[[ $EUID -eq 0 ]] || { echo "run as root" >&2; exit 1; }

REPO=$(cd "$(dirname "$0")/../.." && pwd)
FTP_USER=ftpplain ANON_USER=ftp
WORK=$(mktemp -d /tmp/ftpsh-plain-all.XXXXXX)
SRC=$WORK/src ROOT=$WORK/root ANON=$WORK/anon
SERVER_PGIDS=() CREATED_USER=no CREATED_ANON_USER=no CREATED_ANON_HOME="" HOME_DIR="" PASS=""
APT_UPDATED=no
declare -A PORT VERSION SUMMARY
SERVERS=(vsftpd proftpd pure-ftpd pyftpdlib)

log() { printf '== %s\n' "$*"; }
die() { printf 'FATAL: %s\n' "$*" >&2; exit 1; }

# Every server runs in its own process group (setsid), so killing the group also ends the
# per-client processes it forked (userdel refuses to remove a user with running processes).
cleanup() {
  local pg i
  for pg in "${SERVER_PGIDS[@]}"; do kill -- "-$pg" 2>/dev/null || true; done
  for pg in "${SERVER_PGIDS[@]}"; do
    for ((i = 0; i < 50; i++)); do kill -0 -- "-$pg" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pg" 2>/dev/null || true; wait "$pg" 2>/dev/null || true
  done
  if [[ $CREATED_USER == yes ]]; then userdel -r "$FTP_USER" 2>/dev/null || true
  elif [[ -n $HOME_DIR ]]; then rm -rf "$HOME_DIR/t"; fi
  [[ $CREATED_ANON_USER == no ]] || userdel "$ANON_USER" 2>/dev/null || true
  [[ -z $CREATED_ANON_HOME ]] || rmdir "$CREATED_ANON_HOME" 2>/dev/null || true
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

# 1. The servers: vsftpd from apt, proftpd and pure-ftpd unpacked under $ROOT (plus the lib*
# packages among their Depends), pyftpdlib from pip.
ensure_servers() {
  local missing=() t d deps=()
  command -v vsftpd >/dev/null || missing+=(vsftpd)
  command -v python3 >/dev/null || missing+=(python3 python3-pip)
  ((${#missing[@]} == 0)) || apt_install "${missing[@]}"

  mkdir -p "$WORK/deb" "$ROOT"
  if ! (cd "$WORK/deb" && apt-get download -q -o APT::Sandbox::User=root \
    proftpd-core pure-ftpd >/dev/null 2>&1); then
    apt_update_once
    (cd "$WORK/deb" && apt-get download -q -o APT::Sandbox::User=root \
      proftpd-core pure-ftpd >/dev/null) || die "apt-get download failed"
  fi
  for d in "$WORK"/deb/*.deb; do dpkg -x "$d" "$ROOT"; done
  while read -r t; do installed "$t" || deps+=("$t"); done < <(
    for d in "$WORK"/deb/*.deb; do dpkg-deb -f "$d" Depends; done |
      tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/[[:space:]]//g' | grep '^lib' | sort -u)
  ((${#deps[@]} == 0)) || apt_install "${deps[@]}"
  for t in "$ROOT/usr/sbin/proftpd" "$ROOT/usr/sbin/pure-ftpd"; do
    if ldd "$t" | grep -q 'not found'; then die "$t: $(ldd "$t" | grep 'not found' | tr -s ' \t\n' ' ')"; fi
  done

  if ! python3 -c 'import pyftpdlib' 2>/dev/null; then
    log "pip install pyftpdlib"
    python3 -m pip install -q pyftpdlib 2>/dev/null ||
      python3 -m pip install -q --break-system-packages pyftpdlib || die "pip install pyftpdlib failed"
  fi

  # vsftpd -v writes its version to fd 0, hence the redirection.
  VERSION[vsftpd]=$(vsftpd -v 0>&1 | sed -n 1p)
  VERSION[proftpd]=$("$ROOT/usr/sbin/proftpd" -v 2>&1 | sed -n 1p)
  # pure-ftpd --help prints the version first, then exits non-zero.
  VERSION[pure-ftpd]=$({ "$ROOT/usr/sbin/pure-ftpd" --help 2>&1 || true; } | sed -n 1p)
  VERSION[pyftpdlib]="pyftpdlib $(python3 -c 'import pyftpdlib; print(pyftpdlib.__ver__)')"
  for t in "${SERVERS[@]}"; do echo "${VERSION[$t]}"; done
}

# 2. Users: $FTP_USER with a fresh random password; the system user "ftp" that vsftpd, ProFTPD and
# Pure-FTPd use for anonymous sessions (the vsftpd package normally creates it).
make_users() {
  local h
  PASS="Plain-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  if ! id "$FTP_USER" >/dev/null 2>&1; then useradd -m -s /bin/bash "$FTP_USER"; CREATED_USER=yes; fi
  echo "$FTP_USER:$PASS" | chpasswd
  HOME_DIR=$(getent passwd "$FTP_USER" | cut -d: -f6)
  rm -rf "$HOME_DIR/t"
  if ! id "$ANON_USER" >/dev/null 2>&1; then
    useradd -r -d /srv/ftp -s /usr/sbin/nologin "$ANON_USER"; CREATED_ANON_USER=yes
  fi
  h=$(getent passwd "$ANON_USER" | cut -d: -f6) # Pure-FTPd's anonymous root
  if [[ ! -d $h ]]; then mkdir -p "$h"; CREATED_ANON_HOME=$h; fi
}

# 3. Local fixtures: binary files (with CR and LF bytes in them), an LF text file, a 1 MiB file for
# reget/reput and its first half, files for mput/mget, a tree (with an empty directory) for
# put -r/get -r and one without for mirror.
make_files() {
  local i
  chmod 755 "$WORK" # the anonymous root below is read by the servers' unprivileged processes
  mkdir -p "$SRC/tree/sub/deep" "$SRC/tree/empty" "$SRC/mtree/a/b" "$ANON/pub"
  cd "$SRC"
  { head -c 300000 /dev/urandom; printf 'x\r\ny\nz\r'; } >bin1.bin
  for ((i = 1; i <= 200; i++)); do printf 'line %d: caf\xc3\xa9 \t tab, trailing space \n' "$i"; done >text.txt
  head -c 1048577 /dev/urandom >big.bin
  head -c 524288 big.bin >half.bin
  for i in 1 2 3; do head -c $((i * 70001)) /dev/urandom >"m$i.bin"; done
  printf 'first part\n' >app1.txt; printf 'second part\n' >app2.txt
  printf 'top\n' >tree/x.txt; head -c 65536 /dev/urandom >tree/sub/y.bin
  printf 'deep\n' >tree/sub/deep/z.txt
  printf 'm top\n' >mtree/top.txt; head -c 40000 /dev/urandom >mtree/a/one.bin
  printf 'm deep\n' >mtree/a/b/two.txt
  printf 'anonymous file\n' >"$ANON/pub/anon.txt"
  chmod -R a+rX "$ANON"
  cd "$WORK"
}

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# 4. start_server NAME: in the foreground, in its own process group, on a free port with 50
# private passive ports (retried if the port was taken meanwhile); waits until it accepts.
start_server() {
  local name=$1 try port pasv pid i cmd
  for try in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 6000)) pasv=$((26000 + RANDOM % 5900))
    port_open "$port" && continue
    case $name in
      vsftpd)
        vsftpd_conf "$port" "$pasv" >"$WORK/vsftpd.conf"
        cmd=(vsftpd "$WORK/vsftpd.conf") ;;
      proftpd)
        proftpd_conf "$port" "$pasv" >"$WORK/proftpd.conf"
        cmd=("$ROOT/usr/sbin/proftpd" --nodaemon -c "$WORK/proftpd.conf") ;;
      pure-ftpd)
        # -l unix: /etc/shadow; -u: lowest UID allowed (our user's); -i: anonymous may not upload;
        # -H: no DNS; -U: umasks for files:dirs. Anonymous sessions use the user "ftp"'s home.
        cmd=("$ROOT/usr/sbin/pure-ftpd" -S "127.0.0.1,$port" -4 -p "$pasv:$((pasv + 49))"
          -P 127.0.0.1 -l unix -u "$(id -u "$FTP_USER")" -i -H -U 133:022 -g "$WORK/pure-ftpd.pid") ;;
      pyftpdlib)
        pyftpdlib_server >"$WORK/pyftpd_server.py"
        cmd=(python3 "$WORK/pyftpd_server.py" "$port" "$pasv" "$HOME_DIR" "$FTP_USER" "$PASS" "$ANON") ;;
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

vsftpd_conf() { # PORT PASV
  mkdir -p "$WORK/vsftpd-empty"
  cat <<EOF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$1
background=NO
pasv_enable=YES
pasv_address=127.0.0.1
pasv_min_port=$2
pasv_max_port=$(($2 + 49))
connect_from_port_20=NO
local_enable=YES
write_enable=YES
local_umask=022
chmod_enable=YES
anonymous_enable=YES
anon_root=$ANON
no_anon_password=YES
anon_upload_enable=NO
anon_mkdir_write_enable=NO
anon_other_write_enable=NO
ascii_upload_enable=YES
ascii_download_enable=YES
pam_service_name=vsftpd
secure_chroot_dir=$WORK/vsftpd-empty
seccomp_sandbox=NO
isolate_network=NO
isolate=NO
utf8_filesystem=YES
xferlog_enable=YES
vsftpd_log_file=$WORK/vsftpd.log
ssl_enable=NO
EOF
}

# Users authenticate against /etc/shadow (mod_auth_unix, no PAM); anonymous is read-only.
proftpd_conf() { # PORT PASV
  cat <<EOF
ServerName          "ftpsh interop proftpd"
ServerType          standalone
DefaultServer       on
UseIPv6             off
DefaultAddress      127.0.0.1
SocketBindTight     on
Port                $1
PassivePorts        $2 $(($2 + 49))
User                nobody
Group               nogroup
Umask               022
MaxInstances        30
UseReverseDNS       off
AuthPAM             off
AuthOrder           mod_auth_unix.c
DelayEngine         off
WtmpLog             off
PidFile             $WORK/proftpd.pid
ScoreboardFile      $WORK/proftpd.scoreboard
SystemLog           $WORK/proftpd.log
AllowOverwrite      on
AllowRetrieveRestart on
AllowStoreRestart   on
<Anonymous $ANON>
  User              $ANON_USER
  Group             nogroup
  UserAlias         anonymous $ANON_USER
  RequireValidShell off
  <Directory *>
    <Limit WRITE>
      DenyAll
    </Limit>
  </Directory>
</Anonymous>
EOF
}

# pyftpdlib: the user (full rights) in its home, anonymous read-only in $ANON.
pyftpdlib_server() {
  cat <<'EOF'
import logging, sys, warnings
warnings.filterwarnings("ignore", category=DeprecationWarning)
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer
port, pasv, home, user, password, anon = sys.argv[1:7]
auth = DummyAuthorizer()
auth.add_user(user, password, home, perm="elradfmwMT")
auth.add_anonymous(anon)
FTPHandler.authorizer = auth
FTPHandler.passive_ports = range(int(pasv), int(pasv) + 50)
FTPHandler.masquerade_address = "127.0.0.1"
FTPHandler.use_sendfile = False
logging.basicConfig(level=logging.INFO)
FTPServer(("127.0.0.1", int(port)), FTPHandler).serve_forever()
EOF
}

# 5. The session, the same for every server, run with -k so that one failing command does not hide
# the others; its local directory is a fresh copy of $SRC.
SESSION=$(
  cat <<'EOF'
pwd
mkdir t
cd t
pwd
mkdir sub
cd sub
pwd
cdup
pwd
put bin1.bin
get bin1.bin bin1.back
size bin1.bin
modtime bin1.bin
ascii
put text.txt text.txt
get text.txt text.back
binary
put big.bin big.bin
reget big.bin big.dl
put half.bin rp.bin
reput big.bin rp.bin
put app1.txt app.txt
append app2.txt app.txt
put bin1.bin torename.bin
rename torename.bin renamed.bin
put bin1.bin todelete.bin
delete todelete.bin
mkdir gone
rmdir gone
mput m*.bin
ls
dir
nlist
lcd mg
mget -P 2 *.bin
lcd ..
put -r tree
lcd rback
get -r tree
lcd ..
mkdir mremote
mirror -R mtree mremote
mirror mremote mback
bye
EOF
)

# Checks: pass NAME COMMAND... records the first failure of the current server in $FIRST_FAIL.
CHECKS=0 FAILS=0 FIRST_FAIL=""
pass() {
  local name=$1; shift
  CHECKS=$((CHECKS + 1))
  if "$@" >/dev/null 2>&1; then echo "  ok   $name"; else
    echo "  FAIL $name"; FAILS=$((FAILS + 1)); [[ -n $FIRST_FAIL ]] || FIRST_FAIL=$name
  fi
}
line_in() { grep -qxF -- "$1" "$2"; }                        # exact line
ends_with() { grep -qE -- "$1\$" "$2"; }                     # some line ends so
nth_pwd() { [[ $(sed -n "$1p" "$L/pwd.lines") == "$2" ]]; } # the N-th pwd printed STRING
mode_is() { [[ $(stat -c %a "$2") == "$1" ]]; }
has_all() { local f=$1; shift; local n; for n in "$@"; do grep -qw -- "$n" "$f" || return 1; done; }

run_ftpsh() { # OUTNAME ARGS... (stdin: the script); output in $L/out.OUTNAME.{out,err}; sets RC
  local o=$L/out.$1; shift
  RC=0
  (cd "$L" && timeout 120 "$FTPSH" --color never "$@" >"$o.out" 2>"$o.err") || RC=$?
}

test_server() {
  local s=$1 url rc_main out home T=$HOME_DIR/t f chmod_note=""
  L=$WORK/run-$s CHECKS=0 FAILS=0 FIRST_FAIL=""
  rm -rf "$L" "$T"; cp -a "$SRC" "$L"; mkdir -p "$L/mg" "$L/rback" "$L/mback"
  head -c 524288 "$SRC/big.bin" >"$L/big.dl.part"
  url="ftp://$FTP_USER:$PASS@127.0.0.1:${PORT[$s]}/"
  log "$s"

  # The main session, as the user from the URL.
  run_ftpsh main -k "$url" <<<"$SESSION"
  rc_main=$RC out=$L/out.main.out
  # pwd prints the remote directory on one line; the 4 pwd commands come first in the stdout.
  grep '^/' "$out" | head -n 4 >"$L/pwd.lines" || true
  home=$(sed -n 1p "$L/pwd.lines")
  pass "pwd (login dir)" test -n "$home"
  home=${home%/}
  pass "cd t" nth_pwd 2 "$home/t"
  pass "cd sub" nth_pwd 3 "$home/t/sub"
  pass "cdup" nth_pwd 4 "$home/t"
  pass "mkdir t/sub on disk" test -d "$T/sub"
  pass "put binary (server disk)" cmp "$L/bin1.bin" "$T/bin1.bin"
  pass "get binary" cmp "$L/bin1.bin" "$L/bin1.back"
  pass "size" line_in "$(stat -c %s "$L/bin1.bin")" "$out"
  pass "modtime" grep -qE '(^|[^0-9])20[0-9]{2}-[01][0-9]-[0-3][0-9][ T][0-2][0-9]:[0-5][0-9]' "$out"
  pass "ascii put+get round trip (LF text identical)" cmp "$L/text.txt" "$L/text.back"
  pass "reget of big.dl.part" cmp "$L/big.bin" "$L/big.dl"
  pass "reget left no .part" test ! -e "$L/big.dl.part"
  pass "reput (server disk)" cmp "$L/big.bin" "$T/rp.bin"
  pass "append (server disk)" cmp <(cat "$L/app1.txt" "$L/app2.txt") "$T/app.txt"
  pass "rename" eval "[[ -f '$T/renamed.bin' && ! -e '$T/torename.bin' ]]"
  pass "delete" test ! -e "$T/todelete.bin"
  pass "rmdir" test ! -e "$T/gone"
  for f in m1 m2 m3; do pass "mput $f.bin (server disk)" cmp "$L/$f.bin" "$T/$f.bin"; done
  pass "ls shows the files" has_all "$out" bin1.bin renamed.bin app.txt m1.bin
  pass "dir shows the files" has_all "$out" text.txt rp.bin sub
  pass "nlist lines" line_in m2.bin "$out"
  for f in m1 m2 m3; do pass "mget -P 2 $f.bin" cmp "$L/$f.bin" "$L/mg/$f.bin"; done
  pass "mget -P 2 renamed.bin" cmp "$L/bin1.bin" "$L/mg/renamed.bin"
  pass "put -r tree (server disk)" diff -r "$L/tree" "$T/tree"
  pass "get -r tree" diff -r "$L/tree" "$L/rback/tree"
  pass "mirror -R (server disk)" diff -r "$L/mtree" "$T/mremote"
  pass "mirror" diff -r "$L/mtree" "$L/mback"
  pass "session exit 0" test "$rc_main" = 0

  # chmod, in its own session: a server without SITE CHMOD is a skip, not a failure.
  run_ftpsh chmod "$url" <<<$'cd t\nchmod 640 bin1.bin'
  if ((RC != 0)) && grep -qiE '\b50[0-4]\b|not (understood|implemented|recognized)|unknown' "$L/out.chmod.err"; then
    chmod_note="chmod SKIPPED (no SITE CHMOD: $(tail -n1 "$L/out.chmod.err"))"
    echo "  skip chmod 640: $chmod_note"
  else
    pass "chmod 640 exit 0" test "$RC" = 0
    pass "chmod 640 (mode on disk)" mode_is 640 "$T/bin1.bin"
  fi

  # Anonymous, read-only: with -n then `user anonymous x`, and from the URL.
  run_ftpsh anon1 -n "ftp://127.0.0.1:${PORT[$s]}" <<<$'user anonymous x\npwd\nls'
  pass "anonymous via -n + user: pwd, ls" test "$RC" = 0
  run_ftpsh anon2 "ftp://anonymous@127.0.0.1:${PORT[$s]}/" <<<$'pwd\nnlist'
  pass "anonymous via URL: pwd, nlist" test "$RC" = 0
  run_ftpsh anon3 "ftp://anonymous@127.0.0.1:${PORT[$s]}/" <<<'mkdir anon-must-fail'
  pass "anonymous is read-only (mkdir refused)" test "$RC" != 0 -a "$RC" != 124

  if ((FAILS)); then
    echo "  pwd printed: $(tr '\n' ' ' <"$L/pwd.lines")"
    echo "  ftpsh errors (stderr lines of the failing sessions):"
    for f in "$L"/out.*.err; do
      grep -iE 'error|fail|refus|denied|[45][0-9][0-9] ' "$f" | sed "s#^#  | $(basename "$f" .err): #" || true
    done
    SUMMARY[$s]="FAIL $s (${VERSION[$s]}): $((CHECKS - FAILS))/$CHECKS checks passed, first failing check: $FIRST_FAIL${chmod_note:+; $chmod_note}"
    return 1
  fi
  SUMMARY[$s]="PASS $s (${VERSION[$s]}): $CHECKS/$CHECKS checks${chmod_note:+; $chmod_note}"
}

main() {
  local start s status=0 t0
  [[ -z ${FTPSH:-} || $FTPSH == /* ]] || FTPSH=$PWD/$FTPSH # make_files changes directory
  log "servers"; ensure_servers
  make_users; make_files
  if [[ -z ${FTPSH:-} ]]; then
    log "cargo build --release"
    (cd "$REPO" && cargo build --release --quiet)
    FTPSH=${CARGO_TARGET_DIR:-target}/release/ftpsh
    [[ $FTPSH == /* ]] || FTPSH=$REPO/$FTPSH # a relative CARGO_TARGET_DIR is relative to $REPO here
    [[ -x $FTPSH ]] || die "no $FTPSH after cargo build"
  fi
  log "ftpsh: $FTPSH ($(timeout 120 "$FTPSH" --version))"
  start=$SECONDS
  for s in "${SERVERS[@]}"; do start_server "$s"; done
  for s in "${SERVERS[@]}"; do
    t0=$SECONDS
    test_server "$s" || status=1
    echo "  ($s: $((SECONDS - t0)) s)"
  done
  log "summary ($((SECONDS - start)) s after the build)"
  for s in "${SERVERS[@]}"; do echo "${SUMMARY[$s]}"; done
  return "$status"
}

main "$@"

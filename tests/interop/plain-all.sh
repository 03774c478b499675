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
# Shared helpers (cleanup, apt, ports, server configs): tests/lib.sh.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../lib.sh"
[[ $EUID -eq 0 ]] || { echo "run as root" >&2; exit 1; }

FTP_USER=ftpplain ANON_USER=ftp
lib_init plain-all
SRC=$WORK/src ROOT=$WORK/root ANON=$WORK/anon
CREATED_ANON_USER=no CREATED_ANON_HOME="" HOME_DIR="" PASS=""
declare -A PORT VERSION SUMMARY
SERVERS=(vsftpd proftpd pure-ftpd pyftpdlib)

# Besides what tests/lib.sh cleans up: the anonymous user and its home, when this script made them.
cleanup_extra() {
  [[ $CREATED_ANON_USER == no ]] || userdel "$ANON_USER" 2>/dev/null || true
  [[ -z $CREATED_ANON_HOME ]] || rmdir "$CREATED_ANON_HOME" 2>/dev/null || true
}

# 1. The servers: vsftpd from apt, proftpd and pure-ftpd unpacked under $ROOT (plus the lib*
# packages among their Depends), pyftpdlib from pip.
ensure_servers() {
  require_tools vsftpd python3=python3,python3-pip
  unpack_debs "$ROOT" proftpd-core pure-ftpd
  require_libs "$ROOT/usr/sbin/proftpd" "$ROOT/usr/sbin/pure-ftpd"

  if ! python3 -c 'import pyftpdlib' 2>/dev/null; then
    log "pip install pyftpdlib"
    python3 -m pip install -q pyftpdlib 2>/dev/null ||
      python3 -m pip install -q --break-system-packages pyftpdlib || die "pip install pyftpdlib failed"
  fi

  VERSION[vsftpd]=$(vsftpd_version)
  VERSION[proftpd]=$(proftpd_version "$ROOT")
  VERSION[pure-ftpd]=$(pure_ftpd_version "$ROOT")
  VERSION[pyftpdlib]="pyftpdlib $(python3 -c 'import pyftpdlib; print(pyftpdlib.__ver__)')"
  for t in "${SERVERS[@]}"; do echo "${VERSION[$t]}"; done
}

# 2. Users: $FTP_USER with a fresh random password; the system user "ftp" that vsftpd, ProFTPD and
# Pure-FTPd use for anonymous sessions (the vsftpd package normally creates it).
make_users() {
  local h
  PASS="Plain-$(random_hex 8)"
  ensure_user "$FTP_USER" "$PASS"
  HOME_DIR=$USER_HOME
  CLEANUP_PATHS+=("$HOME_DIR/t")
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

# 4. start_server NAME: in the foreground, in its own process group, on a free port with 50
# private passive ports (serve in tests/lib.sh).
start_server() {
  serve "$1" "" server_cmd "$1"
  PORT[$1]=$SERVED_PORT
}

server_cmd() { # PORT PASV_MIN PASV_MAX NAME
  case $4 in
    vsftpd)
      vsftpd_conf "$1" "$2" "$3" chmod_enable=YES anonymous_enable=YES "anon_root=$ANON" no_anon_password=YES \
        anon_upload_enable=NO anon_mkdir_write_enable=NO anon_other_write_enable=NO ascii_upload_enable=YES \
        ascii_download_enable=YES utf8_filesystem=YES xferlog_enable=YES "vsftpd_log_file=$WORK/vsftpd.log" \
        ssl_enable=NO >"$WORK/vsftpd.conf"
      SERVER_CMD=(vsftpd "$WORK/vsftpd.conf") ;;
    proftpd)
      proftpd_conf "$1" "$2" "$3" >"$WORK/proftpd.conf"
      SERVER_CMD=("$ROOT/usr/sbin/proftpd" --nodaemon -c "$WORK/proftpd.conf") ;;
    pure-ftpd)
      # -i: anonymous may not upload. Anonymous sessions use the user "ftp"'s home.
      pure_ftpd_cmd "$ROOT" pure-ftpd "$1" "$2" "$3" "$FTP_USER"
      SERVER_CMD+=(-i) ;;
    pyftpdlib)
      pyftpdlib_server >"$WORK/pyftpd_server.py"
      SERVER_CMD=(python3 "$WORK/pyftpd_server.py" "$1" "$2" "$HOME_DIR" "$FTP_USER" "$PASS" "$ANON") ;;
  esac
}

# The shared proftpd.conf lines (tests/lib.sh); anonymous is read-only.
proftpd_conf() { # PORT PASV_MIN PASV_MAX
  proftpd_conf_base proftpd "$1" "$2" "$3"
  cat <<EOF
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
  head -c 524288 "$SRC/big.bin" >"$L/big.dl.ftpsh.part"
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
  pass "reget of big.dl.ftpsh.part" cmp "$L/big.bin" "$L/big.dl"
  pass "reget left no partial file" test ! -e "$L/big.dl.ftpsh.part"
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
  log "servers"; ensure_servers
  make_users; make_files
  ensure_ftpsh # a relative $FTPSH is taken from where the script started, though make_files cd'd
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

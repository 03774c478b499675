#!/usr/bin/env bash
# Plain-FTP interop test: the same ftpsh session against vsftpd, ProFTPD, Pure-FTPd, pyftpdlib,
# GNU inetutils ftpd, the Python twisted FTP server, aioftp and (when Node.js and npm are there)
# the Node.js ftp-srv, each on 127.0.0.1 with a local user (password login from the URL) and
# read-only anonymous access; then the same session over TLS where the server has it (aioftp
# with implicit TLS, ftp-srv with explicit TLS). The session covers navigation, listings, binary
# and ASCII transfers, reget/reput, append, rename/delete/rmdir, size/modtime/chmod, mget
# -P/mput, get -r/put -r and mirror both ways; every result is checked on the local disk and on
# the server's disk, byte for byte. Where a server itself cannot do something (twisted's ASCII
# type on Python 3, servers without NLST, SIZE, MDTM, REST or SITE CHMOD), the check records the
# known refusal instead of failing, and only if ftpsh's error names the server's reply.
# Needs root (creates the local user ftpplain) and Debian/Ubuntu (apt-get, pip). Usage:
#   tests/interop/plain-all.sh                          # builds target/release/ftpsh
#   FTPSH=/path/to/ftpsh tests/interop/plain-all.sh
#   ONLY="twisted aioftp" tests/interop/plain-all.sh     # only these servers
#
# vsftpd is installed with apt. proftpd-core, pure-ftpd and inetutils-ftpd each "Conflicts:
# ftp-server" (as vsftpd does), so they are fetched with `apt-get download` and unpacked with
# `dpkg -x` into the temporary directory, as tests/interop/proftpd-pureftpd-tls.sh does; only
# their libraries come from apt. inetutils ftpd is inetd-style: it runs under tcpsvd (ipsvd,
# unpacked the same way). pyftpdlib, twisted and aioftp come from pip, ftp-srv from npm (into the
# temporary directory). No daemon is left running.
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
SERVERS=(vsftpd proftpd pure-ftpd pyftpdlib inetutils twisted aioftp aioftp-tls)
# What each server cannot do itself: "CHECK=PATTERN" lines. Such a check that fails is recorded
# as the server's refusal when one of ftpsh's error lines matches PATTERN (the server's reply;
# an error line names the command, then the file it failed on when there is one).
declare -A KNOWN=(
  [inetutils]="anonymous via URL: pwd, nlist=nlist: (.*: )?error: 550 No files found"
  [twisted]="ascii put+get round trip (LF text identical)=put: (.*: )?error: .*426
append (server disk)=append: (.*: )?error: .*502 Command 'APPE' not implemented
nlist lines=nlist: (.*: )?error: 500 Syntax error: NLST requires an argument
anonymous via URL: pwd, nlist=nlist: (.*: )?error: 500 Syntax error: NLST requires an argument"
  [aioftp]="size=size: (.*: )?error: .*502
modtime=modtime: (.*: )?error: .*502
nlist lines=nlist: (.*: )?error: .*502
anonymous via URL: pwd, nlist=nlist: (.*: )?error: .*502"
)
KNOWN[aioftp-tls]=${KNOWN[aioftp]}

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

  unpack_debs "$ROOT" inetutils-ftpd ipsvd
  require_libs "$ROOT/usr/sbin/ftpd" "$ROOT/usr/bin/tcpsvd"
  if ! python3 -c 'import twisted, aioftp' 2>/dev/null; then
    log "pip install twisted aioftp"
    python3 -m pip install -q twisted aioftp 2>/dev/null ||
      python3 -m pip install -q --break-system-packages twisted aioftp || die "pip install twisted aioftp failed"
  fi
  require_tools openssl
  make_cert
  if command -v node >/dev/null && command -v npm >/dev/null; then
    log "npm install ftp-srv"
    (cd "$WORK" && npm install --silent --no-audit --no-fund ftp-srv >/dev/null) || die "npm install ftp-srv failed"
    SERVERS+=(ftp-srv ftp-srv-tls)
    VERSION[ftp-srv]="ftp-srv $(node -p "require('$WORK/node_modules/ftp-srv/package.json').version")"
    VERSION[ftp-srv-tls]="${VERSION[ftp-srv]} (explicit TLS)"
  else
    echo "SKIP ftp-srv: no Node.js (node and npm) on this machine"
  fi

  VERSION[vsftpd]=$(vsftpd_version)
  VERSION[proftpd]=$(proftpd_version "$ROOT")
  VERSION[pure-ftpd]=$(pure_ftpd_version "$ROOT")
  VERSION[pyftpdlib]="pyftpdlib $(python3 -c 'import pyftpdlib; print(pyftpdlib.__ver__)')"
  VERSION[inetutils]="GNU inetutils ftpd $("$ROOT/usr/sbin/ftpd" --version | sed -n '1s/.* //p') under tcpsvd"
  VERSION[twisted]="twisted $(python3 -c 'import twisted; print(twisted.__version__)')"
  VERSION[aioftp]="aioftp $(python3 -c 'import aioftp; print(aioftp.__version__)')"
  VERSION[aioftp-tls]="${VERSION[aioftp]} (implicit TLS)"
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
  mkdir -p "$SRC/tree/sub/deep" "$SRC/tree/empty" "$SRC/mtree/a/b" "$ANON/pub" "$SRC/sp ace/in ner"
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
  printf 'spaced\n' >"sp ace/f 1.txt"; head -c 30000 /dev/urandom >"sp ace/in ner/g 2.bin"
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
    inetutils)
      # -a default: passwords from /etc/shadow (no PAM service needed); passive ports are its own.
      SERVER_CMD=("$ROOT/usr/bin/tcpsvd" -c 30 127.0.0.1 "$1" "$ROOT/usr/sbin/ftpd" -a default) ;;
    twisted)
      twisted_server >"$WORK/twisted_server.py"
      SERVER_CMD=(python3 "$WORK/twisted_server.py" "$1" "$2" "$HOME_DIR" "$FTP_USER" "$PASS" "$ANON") ;;
    aioftp | aioftp-tls)
      aioftp_server >"$WORK/aioftp_server.py"
      SERVER_CMD=(python3 "$WORK/aioftp_server.py" "$1" "$2" "$HOME_DIR" "$FTP_USER" "$PASS" "$ANON")
      [[ $4 == aioftp ]] || SERVER_CMD+=("$CERT" "$KEY") ;;
    ftp-srv | ftp-srv-tls)
      ftp_srv_server >"$WORK/ftp_srv_server.js"
      SERVER_CMD=(node "$WORK/ftp_srv_server.js" "$1" "$2" "$HOME_DIR" "$FTP_USER" "$PASS" "$ANON")
      [[ $4 == ftp-srv ]] || SERVER_CMD+=("$CERT" "$KEY") ;;
  esac
}

# How ftpsh reaches a server: ftps:// (implicit TLS) or ftp://, and the TLS flags, one a line.
scheme() { if [[ $1 == aioftp-tls ]]; then echo ftps; else echo ftp; fi; }
tls_flags() { if [[ $1 == *-tls ]]; then printf '%s\n' --tls required --ca-file "$CERT"; fi; }

# twisted: the user (full rights) in its home, anonymous read-only in $ANON.
twisted_server() {
  cat <<'EOF'
import sys
from twisted.cred.checkers import AllowAnonymousAccess, InMemoryUsernamePasswordDatabaseDontUse
from twisted.cred.portal import Portal
from twisted.internet import reactor
from twisted.protocols.ftp import BaseFTPRealm, FTPFactory
from twisted.python import filepath
port, pasv, home, user, password, anon = sys.argv[1:7]
class Realm(BaseFTPRealm):
    def getHomeDirectory(self, avatarId):
        return filepath.FilePath(home)
users = InMemoryUsernamePasswordDatabaseDontUse()
users.addUser(user, password)  # str, as twisted's FTP hands them over
factory = FTPFactory(Portal(Realm(anon), [AllowAnonymousAccess(), users]))
factory.allowAnonymous = True
factory.passivePortRange = range(int(pasv), int(pasv) + 50)
reactor.listenTCP(int(port), factory, interface="127.0.0.1")
reactor.run()
EOF
}

# aioftp: the user in its home, anonymous read-only in $ANON; implicit TLS with CERT KEY.
aioftp_server() {
  cat <<'EOF'
import asyncio, ssl, sys
import aioftp
port, pasv, home, user, password, anon = sys.argv[1:7]
context = None
if len(sys.argv) > 8:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(sys.argv[7], sys.argv[8])
users = [
    aioftp.User(user, password, base_path=home, home_path="/"),
    aioftp.User(base_path=anon, home_path="/", permissions=[aioftp.Permission("/", writable=False)]),
]
server = aioftp.Server(users, data_ports=range(int(pasv), int(pasv) + 50), ssl=context)
asyncio.run(server.run("127.0.0.1", int(port)))
EOF
}

# ftp-srv (from $WORK/node_modules): the user in its home, anonymous in $ANON without the
# commands that write; explicit TLS with CERT KEY.
ftp_srv_server() {
  echo "module.paths.unshift('$WORK/node_modules');"
  cat <<'EOF'
const fs = require('fs');
const FtpSrv = require('ftp-srv');
const [port, pasv, home, user, password, anon, cert, key] = process.argv.slice(2);
const tls = cert ? { cert: fs.readFileSync(cert), key: fs.readFileSync(key) } : false;
const log = require('bunyan').createLogger({ name: 'ftp-srv', level: 'fatal' });
const server = new FtpSrv({ url: `ftp://127.0.0.1:${port}`, pasv_url: '127.0.0.1', pasv_min: +pasv,
  pasv_max: +pasv + 49, anonymous: true, tls, greeting: 'ftp-srv', log });
const readOnly = ['STOR', 'APPE', 'STOU', 'DELE', 'MKD', 'RMD', 'RNFR', 'RNTO', 'SITE'];
server.on('login', ({ username, password: given }, resolve, reject) => {
  if (username === user && given === password) resolve({ root: home });
  else if (username === 'anonymous') resolve({ root: anon, blacklist: readOnly });
  else reject(new Error('login incorrect'));
});
server.listen();
EOF
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
put -r 'sp ace'
ls 'sp ace'
lcd sback
get -r 'sp ace'
lcd ..
lcd smg
mget -r 'sp ace'
lcd ..
mirror 'sp ace' smirror
mkdir 'new sp'
mirror -R 'sp ace' 'new sp/in it'
bye
EOF
)

# Checks: pass NAME COMMAND... records the first failure of the current server in $FIRST_FAIL.
CHECKS=0 FAILS=0 FIRST_FAIL=""
pass() {
  local name=$1 said; shift
  CHECKS=$((CHECKS + 1))
  if "$@" >/dev/null 2>&1; then echo "  ok   $name"; return; fi
  if said=$(known_refusal "$name"); then
    echo "  known refusal: $name: $said"; REFUSED=$((REFUSED + 1)); return
  fi
  echo "  FAIL $name"; FAILS=$((FAILS + 1)); [[ -n $FIRST_FAIL ]] || FIRST_FAIL=$name
}

# known_refusal CHECK: prints ftpsh's error line that names the server's reply, when CHECK is one
# the server being tested ($S) is known to refuse (KNOWN) and such a line is there; else fails.
known_refusal() {
  local pair
  while IFS= read -r pair; do
    [[ -n $pair && ${pair%%=*} == "$1" ]] || continue
    grep -hE -- "${pair#*=}" "$L"/out.*.err | head -n1 | grep . && return 0
  done <<<"${KNOWN[$S]:-}"
  return 1
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

# only_known_errors FILE: every error line in FILE (ftpsh's stderr) is a known refusal of $S.
only_known_errors() {
  local line pair known
  while IFS= read -r line; do
    known=no
    while IFS= read -r pair; do
      [[ -n $pair ]] && grep -qE -- "${pair#*=}" <<<"$line" && known=yes
    done <<<"${KNOWN[$S]:-}"
    [[ $known == yes ]] || return 1
  done < <(grep 'error:' "$1")
}

test_server() {
  local s=$1 url anon rc_main out home T=$HOME_DIR/t f chmod_note="" base flags refused=""
  L=$WORK/run-$s CHECKS=0 FAILS=0 REFUSED=0 FIRST_FAIL="" S=$s
  rm -rf "$L" "$T"; cp -a "$SRC" "$L"; mkdir -p "$L/mg" "$L/rback" "$L/mback" "$L/sback" "$L/smg"
  head -c 524288 "$SRC/big.bin" >"$L/big.dl.ftpsh.part"
  base="$(scheme "$s")://127.0.0.1:${PORT[$s]}"
  url="$(scheme "$s")://$FTP_USER:$PASS@127.0.0.1:${PORT[$s]}/"
  anon="$(scheme "$s")://anonymous@127.0.0.1:${PORT[$s]}/"
  mapfile -t flags < <(tls_flags "$s")
  log "$s"

  # The main session, as the user from the URL.
  run_ftpsh main -k "${flags[@]}" "$url" <<<"$SESSION"
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
  # A directory with blanks in its name and in its subdirectory's (servers that hand LIST's
  # argument to ls split it there): every recursive operation, both ways.
  pass "put -r 'sp ace' (server disk)" diff -r "$L/sp ace" "$T/sp ace"
  pass "ls 'sp ace' shows 'in ner'" grep -q 'in ner' "$out"
  pass "get -r 'sp ace'" diff -r "$L/sp ace" "$L/sback/sp ace"
  pass "mget -r 'sp ace'" diff -r "$L/sp ace" "$L/smg/sp ace"
  pass "mirror 'sp ace'" diff -r "$L/sp ace" "$L/smirror"
  pass "mirror -R into 'new sp/in it' (server disk)" diff -r "$L/sp ace" "$T/new sp/in it"
  if ((rc_main != 0 && REFUSED > 0)) && only_known_errors "$L/out.main.err"; then
    CHECKS=$((CHECKS + 1)) REFUSED=$((REFUSED + 1))
    echo "  known refusal: session exit $rc_main: every error is one of the refusals above"
  else
    pass "session exit 0" test "$rc_main" = 0
  fi

  # chmod, in its own session: a server without SITE CHMOD is a skip, not a failure.
  run_ftpsh chmod "${flags[@]}" "$url" <<<$'cd t\nchmod 640 bin1.bin'
  if ((RC != 0)) && grep -qiE '\b50[0-4]\b|not (understood|implemented|recognized|supported)|unknown' "$L/out.chmod.err"; then
    chmod_note="chmod SKIPPED (no SITE CHMOD: $(tail -n1 "$L/out.chmod.err"))"
    echo "  skip chmod 640: $chmod_note"
  else
    pass "chmod 640 exit 0" test "$RC" = 0
    pass "chmod 640 (mode on disk)" mode_is 640 "$T/bin1.bin"
  fi

  # Anonymous, read-only: with -n then `user anonymous x`, and from the URL.
  run_ftpsh anon1 -n "${flags[@]}" "$base" <<<$'user anonymous x\npwd\nls'
  pass "anonymous via -n + user: pwd, ls" test "$RC" = 0
  run_ftpsh anon2 "${flags[@]}" "$anon" <<<$'pwd\nnlist'
  pass "anonymous via URL: pwd, nlist" test "$RC" = 0
  run_ftpsh anon3 "${flags[@]}" "$anon" <<<'mkdir anon-must-fail'
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
  ((REFUSED == 0)) || refused=", $REFUSED known refusals of the server"
  SUMMARY[$s]="PASS $s (${VERSION[$s]}): $((CHECKS - REFUSED))/$CHECKS checks$refused${chmod_note:+; $chmod_note}"
}

main() {
  local start s status=0 t0
  log "servers"; ensure_servers
  make_users; make_files
  ensure_ftpsh # a relative $FTPSH is taken from where the script started, though make_files cd'd
  log "ftpsh: $FTPSH ($(timeout 120 "$FTPSH" --version))"
  start=$SECONDS
  [[ -z ${ONLY:-} ]] || read -r -a SERVERS <<<"$ONLY"
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

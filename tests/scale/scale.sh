#!/usr/bin/env bash
# Scale check: ftpsh against a local vsftpd with a huge directory, a huge file and a big tree.
#
#   sudo tests/scale/scale.sh                 # builds ftpsh (release) into the repo's target/
#   FTPSH=/path/to/ftpsh sudo -E tests/scale/scale.sh
#
# Needs root, like scripts/bench.sh (same setup): installs vsftpd and time with apt-get if they
# are missing, creates the system user `ftpscale` (removed again at exit if this script created
# it), and starts its own vsftpd on 127.0.0.1 only, on a free port, with a config in a temp dir.
# Everything else lives in that temp dir and in a data directory under ftpscale's home; both are
# removed at exit, and the server is stopped at exit even when something fails.
#
# Checks (each timed, with ftpsh's peak RSS from GNU time %M):
#   1. a directory of 100,000 empty files:
#        ls      one line per entry (100,000 file lines)
#        nlist   one name per entry (100,000 names)
#        mget -P 4 '*' into an empty local directory: 100,000 files, all empty
#      Tab completion over a huge directory cannot be driven from a script; benches/completion.rs
#      covers it (50,000 entries) and is not run here (too slow for this script's budget).
#   2. a 4 GiB file (sparse on the server: zeros), `get -f` into the temp dir (2 GiB when the temp
#      dir's filesystem has less than 5 GiB free); its size is checked, it is deleted afterwards,
#      and ftpsh's peak RSS must stay under 20 MiB (constant memory while streaming).
#   3. a tree of 10,000 files (100 directories x 100 files of 1 KiB, random data):
#        get -r -P 4 tree DEST, verified with diff -r against the server's tree
#        put -r -P 4 DEST tree2, verified with diff -r against the server's tree
# Prints a summary table (check | result | wall s | peak RSS MiB); exits 0 only if all pass.
#
# Environment: FTPSH (ftpsh binary; default: cargo build --release), TMPDIR (where the temp dir
# and the downloads go; default /tmp), SCALE_TIMEOUT (seconds per ftpsh invocation; default 300).
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../lib.sh"
export LC_ALL=C
unset ftp_proxy FTP_PROXY http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY

HUGE_COUNT=100000
TREE_DIRS=100
TREE_PER_DIR=100
TREE_FILE_SIZE=1024
PARALLEL=4
BIG_RSS_LIMIT_KIB=$((20 * 1024))
CMD_TIMEOUT=${SCALE_TIMEOUT:-300}
FTP_USER=ftpscale

LOG_TAG=scale # die and note print "scale: ..."

[[ $CMD_TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "SCALE_TIMEOUT must be a positive integer (got '$CMD_TIMEOUT')"
[[ $(id -u) -eq 0 ]] || die "must run as root (installs packages, creates user $FTP_USER, starts vsftpd)"

# ---------------------------------------------------------------------------------------------
# Tools

require_tools vsftpd /usr/bin/time=time
for c in vsftpd pgrep useradd userdel chpasswd timeout truncate diff find; do
	command -v "$c" >/dev/null 2>&1 || die "$c not found"
done

ensure_ftpsh

# ---------------------------------------------------------------------------------------------
# Temp dir ($TMP), removed at exit with the server, the user (if created here) and the data
# (lib_init and lib_cleanup in tests/lib.sh)

lib_init scale
TMP=$WORK
mkdir -p "$TMP/log" "$TMP/in" "$TMP/out"

# ---------------------------------------------------------------------------------------------
# User and data

FTP_PASS=scale$(random_hex 12)
ensure_user "$FTP_USER" "$FTP_PASS" -r -d "/home/$FTP_USER" # data goes to a temp dir in its home
DATA=$(mktemp -d "$USER_HOME/scale-data.XXXXXX")
CLEANUP_PATHS+=("$DATA")
REL=$(basename "$DATA") # remote path of the data directory, relative to the login directory

# The big file: 4 GiB, or 2 GiB when the download's filesystem has less than 5 GiB free.
avail_kib=$(df -Pk "$TMP" | awk 'NR == 2 { print $4 }')
BIG_GIB=4
BIG_NOTE=
if ((avail_kib < 5 * 1024 * 1024)); then
	BIG_GIB=2
	BIG_NOTE="only $((avail_kib / 1024)) MiB free in $TMP: big file reduced to 2 GiB"
	note "$BIG_NOTE"
fi
BIG_BYTES=$((BIG_GIB * 1024 * 1024 * 1024))

note "generating data ($HUGE_COUNT empty files, a sparse ${BIG_GIB} GiB file," \
	"$TREE_DIRS x $TREE_PER_DIR files of $TREE_FILE_SIZE B) ..."
t_gen=$SECONDS
mkdir "$DATA/huge" "$DATA/tree"
# the huge directory: empty files f000000 .. f099999
(cd "$DATA/huge" && seq -f 'f%06g' 0 $((HUGE_COUNT - 1)) | xargs touch --)
[[ $(find "$DATA/huge" -type f | wc -l) -eq $HUGE_COUNT ]] || die "huge directory generation failed"
truncate -s "$BIG_BYTES" "$DATA/big.bin"
# the tree: d000 .. d099, each with f000.dat .. f099.dat, random content
for ((d = 0; d < TREE_DIRS; d++)); do
	printf -v dir '%s/tree/d%03d' "$DATA" "$d"
	mkdir "$dir"
	head -c "$((TREE_PER_DIR * TREE_FILE_SIZE))" /dev/urandom |
		(cd "$dir" && split -b "$TREE_FILE_SIZE" -d -a 3 --additional-suffix=.dat - f)
done
TREE_FILES=$((TREE_DIRS * TREE_PER_DIR))
[[ $(find "$DATA/tree" -type f | wc -l) -eq $TREE_FILES ]] || die "tree generation failed"
chown -R "$FTP_USER:" "$DATA"
note "data generated in $((SECONDS - t_gen)) s"

# ---------------------------------------------------------------------------------------------
# vsftpd (vsftpd_conf and serve in tests/lib.sh)

# Passive ports above the kernel's ephemeral range, so they cannot collide with client sockets.
# A wide range: 100,000 data connections leave many sockets in TIME_WAIT.
read -r _ eph_hi </proc/sys/net/ipv4/ip_local_port_range
PASV_MIN=$((eph_hi < 61000 ? 61000 : 40000))
PASV_MAX=$((PASV_MIN + 4000))

vsftpd_cmd() { # PORT PASV_MIN PASV_MAX
	vsftpd_conf "$1" "$2" "$3" anonymous_enable=NO ssl_enable=NO xferlog_enable=NO >"$TMP/vsftpd.conf"
	SERVER_CMD=(vsftpd "$TMP/vsftpd.conf")
}
serve vsftpd "$PASV_MIN-$PASV_MAX" vsftpd_cmd >&2
PORT=$SERVED_PORT

FTPSH_URL="ftp://$FTP_USER:$FTP_PASS@127.0.0.1:$PORT/$REL/"

# ---------------------------------------------------------------------------------------------
# Running, timing, results

# ftpsh_run NAME CWD COMMAND-LINE... -> runs the commands as a script in one ftpsh session;
# stdout to $TMP/log/NAME.out, stderr to NAME.err; sets RC, ELAPSED (seconds) and RSS_KIB
ftpsh_run() {
	local name=$1 cwd=$2 t0 t1 us
	shift 2
	printf '%s\n' "$@" >"$TMP/in/$name"
	sync # earlier steps' dirty pages are not this step's cost
	RC=0
	t0=$(now_us)
	(cd "$cwd" && exec timeout "$CMD_TIMEOUT" /usr/bin/time -f %M -o "$TMP/log/$name.rss" \
		"$FTPSH" --color never "$FTPSH_URL") \
		<"$TMP/in/$name" >"$TMP/log/$name.out" 2>"$TMP/log/$name.err" || RC=$?
	t1=$(now_us)
	us=$((t1 - t0))
	printf -v ELAPSED '%d.%03d' "$((us / 1000000))" "$(((us % 1000000) / 1000))"
	RSS_KIB=$(tail -n 1 "$TMP/log/$name.rss" 2>/dev/null || true)
	[[ $RSS_KIB =~ ^[0-9]+$ ]] || RSS_KIB=0
	if ((RC != 0)); then
		echo "scale: $name: ftpsh exited with $RC$( ((RC == 124)) && echo " (timeout after ${CMD_TIMEOUT}s)"); stderr:" >&2
		tail -n 10 "$TMP/log/$name.err" >&2
	fi
}

ROWS=()
FAILED=0
# record CHECK OK|FAIL DETAIL
record() {
	local res=PASS
	if [[ $2 != OK ]]; then
		res=FAIL
		FAILED=1
	fi
	ROWS+=("$1|$res${3:+ ($3)}|$ELAPSED|$(awk -v k="$RSS_KIB" 'BEGIN { printf "%.1f", k / 1024 }')")
	printf 'scale: %-34s %s%s  %s s  %s KiB RSS\n' "$1" "$res" "${3:+ ($3)}" "$ELAPSED" "$RSS_KIB" >&2
}

echo "== ftpsh scale check: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(uname -sr), $(nproc) CPUs"
echo "  ftpsh    $("$FTPSH" --version 2>&1 | head -n 1) ($FTPSH)"
echo "  server   vsftpd on 127.0.0.1:$PORT, passive ports $PASV_MIN-$PASV_MAX"
echo "  local    downloads to $TMP/out ($(df -P "$TMP" | awk 'NR == 2 { print $1 }'), $((avail_kib / 1024)) MiB free)"
echo

# --- 1. the huge directory --------------------------------------------------------------------

ftpsh_run huge-ls "$TMP" "ls huge"
n=$(grep -c '^-' "$TMP/log/huge-ls.out" || true)
if ((RC == 0 && n == HUGE_COUNT)); then record "ls of $HUGE_COUNT entries" OK "$n lines"; else
	record "ls of $HUGE_COUNT entries" FAIL "exit $RC, $n file lines"; fi

ftpsh_run huge-nlist "$TMP" "nlist huge"
n=$(grep -cE '(^|/)f[0-9]{6}$' "$TMP/log/huge-nlist.out" || true)
if ((RC == 0 && n == HUGE_COUNT)); then record "nlist of $HUGE_COUNT entries" OK "$n names"; else
	record "nlist of $HUGE_COUNT entries" FAIL "exit $RC, $n names"; fi

mkdir "$TMP/out/huge"
ftpsh_run huge-mget "$TMP/out/huge" "cd huge" "mget -P $PARALLEL *"
n=$(find "$TMP/out/huge" -type f -name 'f[0-9][0-9][0-9][0-9][0-9][0-9]' -empty | wc -l)
other=$(find "$TMP/out/huge" -mindepth 1 \! \( -type f -name 'f[0-9][0-9][0-9][0-9][0-9][0-9]' -empty \) | wc -l)
if ((RC == 0 && n == HUGE_COUNT && other == 0)); then record "mget -P $PARALLEL of $HUGE_COUNT files" OK "$n files"; else
	record "mget -P $PARALLEL of $HUGE_COUNT files" FAIL "exit $RC, $n files, $other other entries"; fi
rm -rf "$TMP/out/huge"

# --- 2. the big file --------------------------------------------------------------------------

ftpsh_run big-get "$TMP" "get -f big.bin $TMP/out/big.bin"
size=$(stat -c %s "$TMP/out/big.bin" 2>/dev/null || echo 0)
# content: the server file is all zeros; compare cheaply without reading a second copy
zeros=no
if ((size == BIG_BYTES)) && cmp -s -n "$BIG_BYTES" "$TMP/out/big.bin" /dev/zero; then zeros=yes; fi
detail="size $size, zeros $zeros, RSS limit $((BIG_RSS_LIMIT_KIB / 1024)) MiB"
if ((RC == 0 && size == BIG_BYTES)) && [[ $zeros == yes ]] && ((RSS_KIB > 0 && RSS_KIB < BIG_RSS_LIMIT_KIB)); then
	record "get of a ${BIG_GIB} GiB file" OK "$detail"
else
	record "get of a ${BIG_GIB} GiB file" FAIL "exit $RC, $detail"
fi
rm -f "$TMP/out/big.bin" "$TMP/out/big.bin.ftpsh.part"

# --- 3. the tree ------------------------------------------------------------------------------

# where did the tree land? DEST itself, or DEST/tree if ftpsh copies the directory into DEST
tree_root() {
	if [[ -d $1/${2:-tree} ]] && [[ $(find "$1" -mindepth 1 -maxdepth 1 | wc -l) -eq 1 ]]; then
		echo "$1/${2:-tree}"
	else
		echo "$1"
	fi
}

DEST=$TMP/out/tree-copy
ftpsh_run tree-get "$TMP" "get -r -P $PARALLEL tree $DEST"
got=$DEST
[[ -d $DEST ]] && got=$(tree_root "$DEST")
n=$(find "$got" -type f 2>/dev/null | wc -l)
if ((RC == 0 && n == TREE_FILES)) && diff -r "$DATA/tree" "$got" >"$TMP/log/tree-get.diff" 2>&1; then
	record "get -r -P $PARALLEL of $TREE_FILES files" OK "$n files, diff -r clean"
else
	record "get -r -P $PARALLEL of $TREE_FILES files" FAIL "exit $RC, $n files, diff: $(head -n 2 "$TMP/log/tree-get.diff" 2>/dev/null | tr '\n' ' ')"
fi

if [[ -d $got ]] && ((n > 0)); then
	ftpsh_run tree-put "$TMP" "put -r -P $PARALLEL $got tree2"
	put_root=$DATA/tree2
	[[ -d $put_root ]] && put_root=$(tree_root "$put_root" "$(basename "$got")")
	n2=$(find "$put_root" -type f 2>/dev/null | wc -l)
	if ((RC == 0 && n2 == TREE_FILES)) && diff -r "$DATA/tree" "$put_root" >"$TMP/log/tree-put.diff" 2>&1; then
		record "put -r -P $PARALLEL of $TREE_FILES files" OK "$n2 files, diff -r clean"
	else
		record "put -r -P $PARALLEL of $TREE_FILES files" FAIL "exit $RC, $n2 files, diff: $(head -n 2 "$TMP/log/tree-put.diff" 2>/dev/null | tr '\n' ' ')"
	fi
else
	ELAPSED=0 RSS_KIB=0
	record "put -r -P $PARALLEL of $TREE_FILES files" FAIL "not run: the download produced no tree"
fi

# --- summary ----------------------------------------------------------------------------------

echo
fmt='%-32s | %-58s | %8s | %13s\n'
# shellcheck disable=SC2059
printf "$fmt" check result "wall s" "peak RSS MiB"
# shellcheck disable=SC2059
printf "$fmt" "" "" "" "" | tr ' |' '-+'
for row in "${ROWS[@]}"; do
	IFS='|' read -r c r w m <<<"$row"
	# shellcheck disable=SC2059
	printf "$fmt" "$c" "$r" "$w" "$m"
done
echo
echo "Wall time: ftpsh process start to exit (connect, login, listing, transfers). Peak RSS: GNU time %M."
echo "Tab completion over a huge directory is not driven from here: benches/completion.rs covers 50,000 entries."
[[ -z $BIG_NOTE ]] || echo "Note: $BIG_NOTE."
if ((FAILED)); then
	echo "RESULT: FAIL"
	exit 1
fi
echo "RESULT: PASS"

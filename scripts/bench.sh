#!/usr/bin/env bash
# Transfer benchmark: ftpsh against curl and lftp, same files, same local vsftpd, one run.
#
#   sudo scripts/bench.sh                 # builds ftpsh (release) into the repo's target/
#   FTPSH=/path/to/ftpsh BENCH_RUNS=7 scripts/bench.sh
#
# Needs root: it installs vsftpd, lftp, curl and time with apt-get if they are missing, creates
# the system user `ftpbench` (removed again at exit if this script created it), and starts its own
# vsftpd on 127.0.0.1 only, on a free port, with a config in a temp dir. Everything else lives in
# that temp dir and in a data directory under ftpbench's home; both are removed at exit, and the
# server is stopped at exit even when something fails.
#
# Cases, each run BENCH_RUNS times (default 5), tools interleaved and rotated within each round:
#   1. download of a 256 MiB file        ftpsh `get -f`    curl -o        lftp get
#   2. upload of the 256 MiB file        ftpsh `put`       curl -T        lftp put
#   3. download of 1000 files of 4 KiB   ftpsh `mget -P 4` curl -K (sequential, one connection)
#                                        lftp `mirror -P 4`
#   4. mirror of a tree (1000 x 4 KiB in 10 subdirectories, 3 x 32 MiB) into an empty directory
#                                        ftpsh `mirror -P 4`  lftp `mirror -P 4`
#   5. the same mirror again into the complete copy (nothing to copy)
#                                        ftpsh `mirror -P 4`  lftp `mirror -P 4`
#      with, for reference, the listings alone: ftpsh `ls` of each of the 11 directories (one
#      session), lftp `find` of the tree
# Every result is verified (cmp / diff -r; case 5 also that no file was written, and the listings
# that every file was listed); a wrong result fails the script.
# Printed: medians of wall time per tool, time ratios ftpsh/peer and ftpsh's peak RSS.
#
# Environment: FTPSH (ftpsh binary; default: cargo build --release), BENCH_RUNS (default 5),
# TMPDIR (where the temp dir and the downloads go; default /tmp).
set -euo pipefail
# shellcheck source=SCRIPTDIR/../tests/lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../tests/lib.sh"
export LC_ALL=C
unset ftp_proxy FTP_PROXY http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY

RUNS=${BENCH_RUNS:-5}
BIG_MIB=256
SMALL_COUNT=1000
SMALL_SIZE=4096
PARALLEL=4
TREE_DIRS=10 # the small files, spread over this many subdirectories of the mirror tree
TREE_BIG_COUNT=3
TREE_BIG_MIB=32
CMD_TIMEOUT=300 # seconds, per single tool invocation
FTP_USER=ftpbench

LOG_TAG=bench # die and note print "bench: ..."

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer (got '$RUNS')"
[[ $(id -u) -eq 0 ]] || die "must run as root (installs packages, creates user $FTP_USER, starts vsftpd)"

# ---------------------------------------------------------------------------------------------
# Tools

require_tools vsftpd lftp curl /usr/bin/time=time
for c in vsftpd lftp curl pgrep useradd chpasswd; do
	command -v "$c" >/dev/null 2>&1 || die "$c not found"
done

ensure_ftpsh

first_line() { # CMD... -> first line of its stdout (no SIGPIPE games under pipefail)
	local out
	out=$("$@" 2>&1) || true
	printf '%s\n' "${out%%$'\n'*}"
}

# ---------------------------------------------------------------------------------------------
# Temp dir ($TMP), removed at exit with the server, the user (if created here) and the data
# (lib_init and lib_cleanup in tests/lib.sh)

lib_init bench
TMP=$WORK
mkdir -p "$TMP/log" "$TMP/out" "$TMP/in" "$TMP/src"

# ---------------------------------------------------------------------------------------------
# User and data

FTP_PASS=bench$(random_hex 12)
ensure_user "$FTP_USER" "$FTP_PASS" -r -d "/home/$FTP_USER" # data goes to a temp dir in its home
DATA=$(mktemp -d "$USER_HOME/bench-data.XXXXXX")
CLEANUP_PATHS+=("$DATA")
REL=$(basename "$DATA") # remote path of the data directory, relative to the login directory

note "generating data (${BIG_MIB} MiB file, $SMALL_COUNT x $SMALL_SIZE B files, a tree with" \
	"those and $TREE_BIG_COUNT x $TREE_BIG_MIB MiB) ..."
head -c "$((BIG_MIB * 1024 * 1024))" /dev/urandom >"$DATA/big.bin"
mkdir "$DATA/small"
head -c "$((SMALL_COUNT * SMALL_SIZE))" /dev/urandom |
	(cd "$DATA/small" && split -b "$SMALL_SIZE" -d -a 4 --additional-suffix=.dat - f)
[[ $(find "$DATA/small" -type f | wc -l) -eq $SMALL_COUNT ]] || die "small file generation failed"
# The mirror tree: the small files dealt out over TREE_DIRS subdirectories, and the big files on top
TREE_FILES=$((SMALL_COUNT + TREE_BIG_COUNT))
mkdir "$DATA/tree"
for ((i = 0; i < TREE_DIRS; i++)); do
	mkdir "$DATA/tree/d$i"
done
for ((i = 0; i < SMALL_COUNT; i++)); do
	printf -v f 'f%04d.dat' "$i"
	cp "$DATA/small/$f" "$DATA/tree/d$((i % TREE_DIRS))/$f"
done
for ((i = 0; i < TREE_BIG_COUNT; i++)); do
	head -c "$((TREE_BIG_MIB * 1024 * 1024))" /dev/urandom >"$DATA/tree/big$i.bin"
done
[[ $(find "$DATA/tree" -type f | wc -l) -eq $TREE_FILES ]] || die "tree generation failed"
cp "$DATA/big.bin" "$TMP/src/big.bin" # the upload source, on the client's side
chown -R "$FTP_USER:" "$DATA"

# ---------------------------------------------------------------------------------------------
# vsftpd (vsftpd_conf and serve in tests/lib.sh)

# Passive ports above the kernel's ephemeral range, so they cannot collide with client sockets.
read -r _ eph_hi </proc/sys/net/ipv4/ip_local_port_range
PASV_MIN=$((eph_hi < 62000 ? 62000 : 40000))
PASV_MAX=$((PASV_MIN + 1999))

vsftpd_cmd() { # PORT PASV_MIN PASV_MAX
	vsftpd_conf "$1" "$2" "$3" anonymous_enable=NO ssl_enable=NO xferlog_enable=NO >"$TMP/vsftpd.conf"
	SERVER_CMD=(vsftpd "$TMP/vsftpd.conf")
}
serve vsftpd "$PASV_MIN-$PASV_MAX" vsftpd_cmd >&2
PORT=$SERVED_PORT

URL_DIR="ftp://127.0.0.1:$PORT/$REL/"
FTPSH_URL="ftp://$FTP_USER:$FTP_PASS@127.0.0.1:$PORT/$REL/"

# ---------------------------------------------------------------------------------------------
# Running and timing

# tool_cmd TOOL CASE DEST -> sets CMD (array), INPUT (stdin file), CWD
tool_cmd() {
	local tool=$1 case=$2 dest=$3
	INPUT=/dev/null
	CWD=$TMP
	case $tool:$case in
	ftpsh:down) printf 'get -f big.bin %s\n' "$dest" >"$TMP/in/ftpsh"
		INPUT=$TMP/in/ftpsh CMD=("$FTPSH" --color never "$FTPSH_URL") ;;
	ftpsh:up) printf 'put %s up.bin\n' "$TMP/src/big.bin" >"$TMP/in/ftpsh"
		INPUT=$TMP/in/ftpsh CMD=("$FTPSH" --color never "$FTPSH_URL") ;;
	ftpsh:small) printf 'mget -P %d small/*\n' "$PARALLEL" >"$TMP/in/ftpsh"
		INPUT=$TMP/in/ftpsh CWD=$dest CMD=("$FTPSH" --color never "$FTPSH_URL") ;;
	ftpsh:warm) printf 'get -f small/f0000.dat %s\n' "$dest" >"$TMP/in/ftpsh"
		INPUT=$TMP/in/ftpsh CMD=("$FTPSH" --color never "$FTPSH_URL") ;;
	ftpsh:tree | ftpsh:same) printf 'mirror -P %d tree %s\n' "$PARALLEL" "$dest" >"$TMP/in/ftpsh"
		INPUT=$TMP/in/ftpsh CMD=("$FTPSH" --color never "$FTPSH_URL") ;;
	ftpsh:list) # no recursive ls: one ls per directory of the tree, all in one session
		{
			printf 'ls tree\n'
			for ((i = 0; i < TREE_DIRS; i++)); do printf 'ls tree/d%d\n' "$i"; done
		} >"$TMP/in/ftpsh"
		INPUT=$TMP/in/ftpsh CMD=("$FTPSH" --color never "$FTPSH_URL") ;;
	curl:down) CMD=(curl -sS --noproxy '*' -u "$FTP_USER:$FTP_PASS" -o "$dest" "${URL_DIR}big.bin") ;;
	curl:up) CMD=(curl -sS --noproxy '*' -u "$FTP_USER:$FTP_PASS" -T "$TMP/src/big.bin" "${URL_DIR}up.bin") ;;
	curl:small) CMD=(curl -sS --noproxy '*' -u "$FTP_USER:$FTP_PASS" -K "$TMP/in/curl-small.cfg") ;;
	curl:warm) CMD=(curl -sS --noproxy '*' -u "$FTP_USER:$FTP_PASS" -o "$dest" "${URL_DIR}small/f0000.dat") ;;
	lftp:*)
		local c
		case $case in
		down) c="get big.bin -o $dest" ;;
		up) c="put $TMP/src/big.bin -o up.bin" ;;
		small) c="mirror -P $PARALLEL small $dest" ;;
		warm) c="get small/f0000.dat -o $dest" ;;
		tree | same) c="mirror -P $PARALLEL tree $dest" ;;
		list) c="find tree" ;;
		esac
		CMD=(lftp -u "$FTP_USER,$FTP_PASS" -e "set cmd:fail-exit yes; $c; bye" "$URL_DIR") ;;
	*) die "internal: no command for $tool:$case" ;;
	esac
}

# run TOOL CASE DEST -> sets ELAPSED (seconds, 6 decimals) and RSS_KIB; dies on failure
run() {
	local tool=$1 case=$2 dest=$3 log=$TMP/log/$1-$2.log rssf=$TMP/log/$1-$2.rss t0 t1 us rc=0
	tool_cmd "$tool" "$case" "$dest"
	sync # earlier runs' dirty pages are not this run's cost
	t0=$(now_us)
	(cd "$CWD" && exec timeout "$CMD_TIMEOUT" /usr/bin/time -f %M -o "$rssf" "${CMD[@]}") \
		<"$INPUT" >"$log" 2>&1 || rc=$?
	t1=$(now_us)
	if ((rc != 0)); then
		echo "bench: $tool $case failed (exit $rc); its output:" >&2
		tail -n 20 "$log" >&2
		exit 1
	fi
	us=$((t1 - t0))
	printf -v ELAPSED '%d.%06d' "$((us / 1000000))" "$((us % 1000000))"
	RSS_KIB=$(tail -n 1 "$rssf")
}

# verify TOOL CASE DEST: the result must be byte-identical to the source
verify() {
	local tool=$1 case=$2 dest=$3 got
	case $case in
	down | warm)
		local want=$DATA/big.bin
		[[ $case == warm ]] && want=$DATA/small/f0000.dat
		cmp -s "$want" "$dest" || die "$tool $case: $dest differs from $want"
		rm -f "$dest"
		;;
	up)
		cmp -s "$TMP/src/big.bin" "$DATA/up.bin" || die "$tool $case: uploaded up.bin differs from the source"
		rm -f "$DATA/up.bin"
		;;
	small)
		got=$dest
		# accept the files either directly in DEST or in DEST/small, but nothing else beside them
		if [[ -d $dest/small ]] && [[ $(find "$dest" -mindepth 1 -maxdepth 1 | wc -l) -eq 1 ]]; then
			got=$dest/small
		fi
		diff -rq "$DATA/small" "$got" >"$TMP/log/diff" 2>&1 ||
			die "$tool $case: fetched tree differs from the source: $(head -n 5 "$TMP/log/diff")"
		[[ $(find "$got" -type f | wc -l) -eq $SMALL_COUNT ]] || die "$tool $case: wrong file count in $got"
		rm -rf "$dest"
		;;
	tree)
		check_tree "$tool" "$case" "$dest"
		rm -rf "$dest"
		;;
	same)
		check_tree "$tool" "$case" "$dest"
		snapshot "$dest" >"$TMP/log/same-$tool.after"
		diff "$TMP/log/same-$tool.before" "$TMP/log/same-$tool.after" >"$TMP/log/diff" 2>&1 ||
			die "$tool $case: files were written although nothing had changed: $(head -n 4 "$TMP/log/diff")"
		;;
	list)
		local log=$TMP/log/$tool-$case.log files dirs
		if [[ $tool == ftpsh ]]; then # LIST lines as the server sent them
			files=$(grep -c '^-' "$log" || true)
			dirs=$(grep -c '^d' "$log" || true)
		else # find: one path a line, directories with a trailing slash
			files=$(grep -cv '/$' "$log" || true)
			dirs=$(($(grep -c '/$' "$log" || true) - 1)) # less the tree itself
		fi
		((files == TREE_FILES && dirs == TREE_DIRS)) ||
			die "$tool $case: listed $files files and $dirs directories, want $TREE_FILES and $TREE_DIRS"
		;;
	esac
}

# check_tree TOOL CASE DIR: DIR must hold exactly the source tree (no .part files or the like)
check_tree() {
	diff -rq "$DATA/tree" "$3" >"$TMP/log/diff" 2>&1 ||
		die "$1 $2: mirrored tree differs from the source: $(head -n 5 "$TMP/log/diff")"
	[[ $(find "$3" -type f | wc -l) -eq $TREE_FILES ]] || die "$1 $2: wrong file count in $3"
}

snapshot() { # DIR -> every file with inode, size, mtime and ctime: a file written or touched shows
	find "$1" -type f -printf '%P %i %s %T@ %C@\n' | sort
}

dest_for() { # TOOL CASE -> a fresh destination (file path, or an empty directory for small and tree)
	local d
	case $2 in
	small | tree)
		d=$TMP/out/$2-$1
		rm -rf "$d"
		mkdir -p "$d"
		;;
	same) # the complete copy made by prime_same; its state now, to prove afterwards nothing was written
		d=$TMP/out/same-$1
		snapshot "$d" >"$TMP/log/same-$1.before"
		;;
	list) d=- ;; # unused
	*)
		d=$TMP/out/$2-$1.bin
		rm -f "$d" "$d.part" "$d.ftpsh.part"
		;;
	esac
	rm -f "$DATA/up.bin"
	echo "$d"
}

# curl's config for the small files: one invocation, one connection, files one after another
for ((i = 0; i < SMALL_COUNT; i++)); do
	printf -v f 'f%04d.dat' "$i"
	printf 'url = "%ssmall/%s"\noutput = "%s/out/small-curl/%s"\n' "$URL_DIR" "$f" "$TMP" "$f"
done >"$TMP/in/curl-small.cfg"

# Does this ftpsh have mget with -P?
HAVE_MGET=0
if help_mget=$(printf 'help mget\n' | "$FTPSH" --color never 2>&1) && [[ $help_mget == *-P* ]]; then
	HAVE_MGET=1
fi
# Does it have mirror?
HAVE_MIRROR=0
if help_mirror=$(printf 'help mirror\n' | "$FTPSH" --color never 2>&1) && [[ $help_mirror == *-P* ]]; then
	HAVE_MIRROR=1
fi

# ---------------------------------------------------------------------------------------------
# Versions

kv() { printf '  %-8s %s\n' "$1" "$2"; }
echo "== ftpsh transfer benchmark: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(uname -sr), $(nproc) CPUs"
kv ftpsh "$(first_line "$FTPSH" --version) ($FTPSH)"
kv vsftpd "$(vsftpd_version) (package $(dpkg-query -W -f='${Version}' vsftpd 2>/dev/null || echo '?'))"
kv curl "$(first_line curl --version)"
kv lftp "$(first_line lftp --version)"
echo "  server   vsftpd on 127.0.0.1:$PORT, passive ports $PASV_MIN-$PASV_MAX; runs per case: $RUNS"
echo "  data     ${BIG_MIB} MiB random file; $SMALL_COUNT files of $SMALL_SIZE B; a tree of those in $TREE_DIRS" \
	"subdirectories and $TREE_BIG_COUNT random files of $TREE_BIG_MIB MiB; source files are in the page cache"
echo "  local    downloads to $TMP/out ($(df -P "$TMP" | awk 'NR == 2 { print $1 }'))"

# ---------------------------------------------------------------------------------------------
# Warm-up (untimed; also proves each tool can log in and fetch)

TOOLS=(ftpsh curl lftp)
for tool in "${TOOLS[@]}"; do
	d=$(dest_for "$tool" warm)
	run "$tool" warm "$d"
	verify "$tool" warm "$d"
done

# ---------------------------------------------------------------------------------------------
# Measurements

case_tools() { # CASE -> the tools it compares (curl has no mirror and no recursive listing)
	case $1 in
	down | up | small) echo "${TOOLS[*]}" ;;
	*) echo ftpsh lftp ;;
	esac
}

skipped() { # TOOL CASE -> true if this ftpsh lacks the command the case needs
	case $1:$2 in
	ftpsh:small) ((!HAVE_MGET)) ;;
	ftpsh:tree | ftpsh:same) ((!HAVE_MIRROR)) ;;
	*) false ;;
	esac
}

# For case 5 each tool mirrors into a complete copy that it made itself (untimed, verified), so
# that the copy's times are whatever that tool sets.
prime_same() {
	local tool d
	for tool in "$@"; do
		skipped "$tool" same && continue
		d=$TMP/out/same-$tool
		rm -rf "$d"
		mkdir -p "$d"
		run "$tool" tree "$d"
		check_tree "$tool" "same (first copy)" "$d"
	done
}

CASES=(down up small tree same list)
declare -A TIMES=() RSS_MAX=()
for case in "${CASES[@]}"; do
	read -r -a tools <<<"$(case_tools "$case")"
	[[ $case == same ]] && prime_same "${tools[@]}"
	for ((r = 0; r < RUNS; r++)); do
		for ((k = 0; k < ${#tools[@]}; k++)); do
			tool=${tools[(r + k) % ${#tools[@]}]}
			skipped "$tool" "$case" && continue
			d=$(dest_for "$tool" "$case")
			run "$tool" "$case" "$d"
			verify "$tool" "$case" "$d"
			TIMES[$case:$tool]+="$ELAPSED "
			if ((RSS_KIB > ${RSS_MAX[$case:$tool]:-0})); then
				RSS_MAX[$case:$tool]=$RSS_KIB
			fi
			printf '  %-5s %-6s run %d/%d: %9.3f s  %7.1f MiB RSS\n' "$case" "$tool" "$((r + 1))" "$RUNS" \
				"$ELAPSED" "$(awk -v k="$RSS_KIB" 'BEGIN { print k / 1024 }')" >&2
		done
	done
done

# ---------------------------------------------------------------------------------------------
# Report

median() { # values... -> median
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
		END { if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

label() {
	case $1 in
	down) echo "download ${BIG_MIB} MiB" ;;
	up) echo "upload ${BIG_MIB} MiB" ;;
	small) echo "get ${SMALL_COUNT} x $((SMALL_SIZE / 1024)) KiB" ;;
	tree) echo "mirror tree (fresh)" ;;
	same) echo "mirror tree (unchanged)" ;;
	list) echo "  ref: listings only" ;;
	esac
}

declare -A MED=()
for key in "${!TIMES[@]}"; do
	read -r -a vals <<<"${TIMES[$key]}"
	MED[$key]=$(median "${vals[@]}")
done

echo
echo "Wall time, median of $RUNS runs, in seconds (process start to exit: connect, login, transfer)."
echo "Ratios are TIME ratios ftpsh/peer: below 1.00 ftpsh was faster, above 1.00 it was slower."
fmt='%-23s | %12s | %12s | %12s | %10s | %10s | %14s\n'
# shellcheck disable=SC2059
printf "$fmt" case "ftpsh median" "curl median" "lftp median" ftpsh/curl ftpsh/lftp "ftpsh RSS MiB"
# shellcheck disable=SC2059
printf "$fmt" "" | tr ' |' '-+'
for case in "${CASES[@]}"; do
	f=${MED[$case:ftpsh]:-}
	c=${MED[$case:curl]:--}
	l=${MED[$case:lftp]}
	mark=
	[[ $case == small ]] && mark='*'
	[[ $case == list ]] && mark='+'
	if [[ -n $f ]]; then
		# shellcheck disable=SC2059
		printf "$fmt" "$(label "$case")" "$f" "$c" "$l$mark" "$(ratio "$f" "$c")" "$(ratio "$f" "$l")$mark" \
			"$(mib "${RSS_MAX[$case:ftpsh]}")"
	else
		# shellcheck disable=SC2059
		printf "$fmt" "$(label "$case")" skipped "$c" "$l$mark" - - -
	fi
done
echo
echo "* curl fetches the $SMALL_COUNT files one after another over a single connection (one"
echo "  invocation, URLs from a -K config); ftpsh (mget -P $PARALLEL) and lftp (mirror -P $PARALLEL) use $PARALLEL connections."
if ((!HAVE_MGET)); then
	echo "  ftpsh skipped: this ftpsh has no 'mget' with -P ('help mget' failed or does not mention -P)."
fi
echo "  mirror tree: $SMALL_COUNT x $((SMALL_SIZE / 1024)) KiB in $TREE_DIRS subdirectories and $TREE_BIG_COUNT x $TREE_BIG_MIB MiB;"
echo "  ftpsh 'mirror -P $PARALLEL' and lftp 'mirror -P $PARALLEL', fresh into an empty directory, and unchanged: again"
echo "  into the complete copy that tool made, which must come out with no file written. No curl."
echo "+ no transfer, the tree's $((TREE_DIRS + 1)) directory listings alone, for the unchanged mirror to be"
echo "  held against: ftpsh runs 'ls DIR' for each directory in one session, lftp runs 'find tree'."
if ((!HAVE_MIRROR)); then
	echo "  ftpsh mirror skipped: this ftpsh has no 'mirror' with -P ('help mirror' failed or does not mention -P)."
elif [[ -n ${MED[list:ftpsh]:-} && -n ${MED[list:lftp]:-} ]]; then
	echo "  unchanged mirror / listings only: ftpsh $(ratio "${MED[same:ftpsh]}" "${MED[list:ftpsh]}")," \
		"lftp $(ratio "${MED[same:lftp]}" "${MED[list:lftp]}") (TIME ratios, median over median)."
fi
echo "  ftpsh RSS: the largest peak RSS (GNU time %M) over the runs."
echo
echo "All runs (seconds) and peak RSS (MiB, max over runs):"
for case in "${CASES[@]}"; do
	for tool in "${TOOLS[@]}"; do
		[[ -n ${TIMES[$case:$tool]:-} ]] || continue
		printf '  %-23s %-5s %s  rss %s\n' "$(label "$case")" "$tool" "${TIMES[$case:$tool]}" \
			"$(mib "${RSS_MAX[$case:$tool]}")"
	done
done
echo "All results verified: transfers byte for byte (the unchanged mirrors also: no file written), listings by count."

#!/usr/bin/env bash
# The benchmark of issue 15: ftpsh against curl, lftp, tnftp and ncftp (Debian's packages), one
# vsftpd on loopback, one run, medians of BENCH_RUNS runs, ratios and ftpsh's peak RSS.
#
#   sudo scripts/bench.sh                       # everything; builds ftpsh (release) first
#   sudo BENCH_SCENARIOS=loop BENCH_RUNS=3 scripts/bench.sh
#   sudo FTPSH=/path/to/ftpsh BENCH_SCENARIOS="delay cap" scripts/bench.sh
#
# Needs root: installs vsftpd, lftp, curl, tnftp, ncftp and time with apt-get when missing,
# creates the system user `ftpbench` (removed again at exit if this script created it) and starts
# its own vsftpd on 127.0.0.1 only (plain FTP and explicit TLS on the same port, a throwaway
# self-signed certificate). Data lives in a directory in ftpbench's home and in a temp dir; both
# are removed at exit, and the server and proxies are stopped, also when something fails.
#
# Scenarios (BENCH_SCENARIOS, default "loop delay cap"):
#   loop   on loopback: download 64 MiB, download 1 GiB (BENCH_HUGE_MIB, 0 leaves it out),
#          upload 64 MiB, download 64 MiB over TLS, 1000 x 4 KiB, a 50,000-entry listing
#          parsed and raw, NLST of it, and connect + login + pwd + quit. curl is not in the
#          loopback 1000-file case: its one-connection `-K` fetch took 38 s (38 ms a file)
#   delay  through scripts/delay_proxy.py (control and data connections delayed; netem is not
#          available) at each RTT of BENCH_RTTS (default "20 50" ms): BENCH_DELAY_FILES x 4 KiB
#          (default 100: a one-connection mirror of 1000 files takes minutes at 50 ms), the
#          64 MiB download (lftp get and pget -n 4, ftpsh get and pget -n 4) and the listing;
#          and the full 1000 x 4 KiB over 4 connections only (ftpsh mget -P 4 and mirror -P 4,
#          lftp mirror -P 4), BENCH_MANY_RUNS rounds (default 3: about a minute per run at
#          50 ms); BENCH_MANY_RUNS=0 leaves it out
#   cap    a 16 MiB download at 50 ms RTT with every connection capped at BENCH_CAP_KIB KiB/s
#          (default 2048, so that 8 connections stay well below what the Python proxy moves):
#          get, and pget over 2, 4 and 8 connections, ftpsh against lftp
# BENCH_CASES="get64 cap ..." runs only the cases named (their scenarios must be selected).
# Each case runs every tool once per round, rotated, BENCH_RUNS rounds (default 5). Every result
# is verified (cmp / diff -r / entry counts); a wrong result fails the script.
#
# Printed per case: every variant's median wall time (process start to exit: connect, login,
# work, quit), its ratio to the fastest peer (TIME ratio: below 1.00 ftpsh was faster), and
# ftpsh's largest peak RSS (GNU time %M). TMPDIR says where downloads go (default /tmp).
set -euo pipefail
# shellcheck source=SCRIPTDIR/../tests/lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../tests/lib.sh"
export LC_ALL=C
unset ftp_proxy FTP_PROXY http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY

RUNS=${BENCH_RUNS:-5}
SCENARIOS=${BENCH_SCENARIOS:-loop delay cap}
HUGE_MIB=${BENCH_HUGE_MIB:-1024}
RTTS=${BENCH_RTTS:-20 50}
DELAY_FILES=${BENCH_DELAY_FILES:-100}
MANY_RUNS=${BENCH_MANY_RUNS:-3}
ONLY=${BENCH_CASES:-} # case names to run (get64 get1g put64 tls64 small ls nlist login d20-small ...)
CAP_KIB=${BENCH_CAP_KIB:-2048}
CAP_MIB=16
CAP_RTT=50
BIG_MIB=64
SMALL_COUNT=1000
SMALL_SIZE=4096
LIST_COUNT=50000
CMD_TIMEOUT=600 # seconds, per single tool invocation
FTP_USER=ftpbench
LOG_TAG=bench

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer (got '$RUNS')"
[[ $HUGE_MIB =~ ^[0-9]+$ && $DELAY_FILES =~ ^[1-9][0-9]*$ && $CAP_KIB =~ ^[1-9][0-9]*$ && $MANY_RUNS =~ ^[0-9]+$ ]] ||
	die "BENCH_HUGE_MIB, BENCH_DELAY_FILES, BENCH_CAP_KIB and BENCH_MANY_RUNS must be numbers"
((DELAY_FILES <= SMALL_COUNT)) || die "BENCH_DELAY_FILES is at most $SMALL_COUNT"
for s in $SCENARIOS; do [[ $s == loop || $s == delay || $s == cap ]] || die "unknown scenario '$s'"; done
[[ $(id -u) -eq 0 ]] || die "must run as root (installs packages, creates user $FTP_USER, starts vsftpd)"

require_tools vsftpd lftp curl tnftp ncftpget=ncftp /usr/bin/time=time openssl python3
ensure_ftpsh
PROXY=$REPO/scripts/delay_proxy.py

first_line() { # CMD... -> first line of its output
	local out
	out=$("$@" 2>&1) || true
	printf '%s\n' "${out%%$'\n'*}"
}

# ---------------------------------------------------------------------------------------------
# Work dir, user, data

lib_init bench
TMP=$WORK
mkdir -p "$TMP/log" "$TMP/out" "$TMP/in" "$TMP/src"
FTP_PASS=bench$(random_hex 12)
ensure_user "$FTP_USER" "$FTP_PASS" -r -d "/home/$FTP_USER"
DATA=$(mktemp -d "$USER_HOME/bench-data.XXXXXX")
CLEANUP_PATHS+=("$DATA")
REL=$(basename "$DATA")

note "generating data ($BIG_MIB MiB, ${HUGE_MIB} MiB, $SMALL_COUNT x $SMALL_SIZE B, $LIST_COUNT empty files) ..."
head -c "$((BIG_MIB << 20))" /dev/urandom >"$DATA/big.bin"
head -c "$((CAP_MIB << 20))" "$DATA/big.bin" >"$DATA/cap.bin"
((HUGE_MIB == 0)) || head -c "$((HUGE_MIB << 20))" /dev/urandom >"$DATA/huge.bin"
mkdir "$DATA/small" "$DATA/few" "$DATA/list"
head -c "$((SMALL_COUNT * SMALL_SIZE))" /dev/urandom |
	(cd "$DATA/small" && split -b "$SMALL_SIZE" -d -a 4 --additional-suffix=.dat - f)
for ((i = 0; i < DELAY_FILES; i++)); do
	printf -v f 'f%04d.dat' "$i"
	ln "$DATA/small/$f" "$DATA/few/$f"
done
(cd "$DATA/list" && seq -f 'entry%05g' 1 "$LIST_COUNT" | xargs touch)
[[ $(find "$DATA/list" -type f | wc -l) -eq $LIST_COUNT ]] || die "listing generation failed"
cp "$DATA/big.bin" "$TMP/src/up.bin"
chown -R "$FTP_USER:" "$DATA"
make_cert

# ---------------------------------------------------------------------------------------------
# vsftpd: plain and explicit TLS on one port; the proxies for the delayed link

read -r _ eph_hi </proc/sys/net/ipv4/ip_local_port_range
PASV_MIN=$((eph_hi < 62000 ? 62000 : 40000))
PASV_MAX=$((PASV_MIN + 1999))
vsftpd_cmd() { # PORT PASV_MIN PASV_MAX
	vsftpd_conf "$1" "$2" "$3" anonymous_enable=NO xferlog_enable=NO ssl_enable=YES \
		"rsa_cert_file=$CERT" "rsa_private_key_file=$KEY" force_local_logins_ssl=NO \
		force_local_data_ssl=NO require_ssl_reuse=NO >"$TMP/vsftpd.conf"
	SERVER_CMD=(vsftpd "$TMP/vsftpd.conf")
}
serve vsftpd "$PASV_MIN-$PASV_MAX" vsftpd_cmd >&2
SERVER_PORT=$SERVED_PORT

declare -A PROXY_PORT=()
proxy() { # NAME RTT_MS [KIB_PER_S]: starts a delaying proxy to the server; PROXY_PORT[NAME]
	local name=$1 out=$TMP/proxy-$1.out pid i
	shift
	setsid python3 "$PROXY" "$SERVER_PORT" "$@" >"$out" 2>&1 &
	pid=$!
	SERVER_PGIDS+=("$pid")
	for ((i = 0; i < 100; i++)); do
		[[ -s $out ]] && break
		sleep 0.1
	done
	PROXY_PORT[$name]=$(head -n 1 "$out")
	[[ ${PROXY_PORT[$name]} =~ ^[0-9]+$ ]] || die "proxy $name did not start: $(cat "$out")"
}

# ---------------------------------------------------------------------------------------------
# Tools and their commands. PORT is the port of the case (the server or a proxy).

PORT=$SERVER_PORT
login_url() { echo "ftp://$FTP_USER:$FTP_PASS@127.0.0.1:$PORT/$REL/"; }
plain_url() { echo "ftp://127.0.0.1:$PORT/$REL/${1:-}"; }
ftpsh_cmd() { # SCRIPT-LINE... : ftpsh in the data directory, plain FTP, colour as COLOR says (never)
	printf '%s\n' "$@" >"$TMP/in/ftpsh"
	INPUT=$TMP/in/ftpsh CMD=("$FTPSH" --color "${COLOR:-never}" --tls off "$(login_url)")
}
lftp_cmd() { # COMMANDS [SETTINGS [URL]]: lftp in the data directory, plain FTP unless SETTINGS say
	# (the settings come before `open`: given with -e after a URL, they come too late for it)
	CMD=(lftp -c "set cmd:fail-exit yes; ${2:-set ftp:ssl-allow no}; open -u $FTP_USER,$FTP_PASS ${3:-$(plain_url)}; $1")
}
tnftp_cmd() { # SCRIPT-LINE... : tnftp logged in, in the data directory
	printf '%s\n' "user $FTP_USER $FTP_PASS" binary "cd $REL" "$@" quit >"$TMP/in/tnftp"
	INPUT=$TMP/in/tnftp CMD=(tnftp -n -i -N /dev/null 127.0.0.1 "$PORT")
}
curl_cmd() { CMD=(curl -sS --noproxy '*' -u "$FTP_USER:$FTP_PASS" "$@"); }
ncftp_auth=() # set below, once the user exists
tls_url() { echo "ftp://$FTP_USER:$FTP_PASS@localhost:$PORT/$REL/"; }

# variants CASE -> the variants (TOOL:HOW) it runs
variants() {
	case $1 in
	get64 | get1g) echo ftpsh:get curl:get lftp:get tnftp:get ncftp:get ;;
	put64) echo ftpsh:put curl:put lftp:put tnftp:put ncftp:put ;;
	tls64) echo ftpsh:get curl:get lftp:get ;;
	small) echo ftpsh:mget ftpsh:mget-P4 ftpsh:mirror-P4 lftp:mirror lftp:mirror-P4 tnftp:mget ncftp:get-R ;;
	ls) echo ftpsh:ls-color ftpsh:ls-json ftpsh:dir tnftp:ls lftp:ls curl:list ncftp:ls ;;
	nlist) echo ftpsh:nlist curl:nlst lftp:nlist tnftp:nlist ;;
	login) echo ftpsh:pwd tnftp:pwd lftp:pwd curl:pwd ;;
	d*-small) echo ftpsh:mget ftpsh:mget-P4 ftpsh:mirror-P4 lftp:mirror lftp:mirror-P4 curl:seq ;;
	d*-many) echo ftpsh:mget-P4 ftpsh:mirror-P4 lftp:mirror-P4 ;;
	d*-get64) echo ftpsh:get ftpsh:pget-4 lftp:get lftp:pget-4 curl:get ;;
	d*-list) echo ftpsh:ls-json ftpsh:nlist lftp:ls lftp:nlist curl:list curl:nlst ;;
	cap) echo ftpsh:get ftpsh:pget-2 ftpsh:pget-4 ftpsh:pget-8 lftp:get lftp:pget-2 lftp:pget-4 lftp:pget-8 ;;
	esac
}

# what CASE -> the remote file or directory the case works on
what() {
	case $1 in
	get1g) echo huge.bin ;;
	*get64 | put64 | tls64) echo big.bin ;;
	cap) echo cap.bin ;;
	small | d*-many) echo small ;;
	d*-small) echo few ;;
	*ls | nlist | *-list) echo list ;;
	esac
}

# command CASE VARIANT DEST -> sets CMD, INPUT, CWD
command_for() {
	local case=$1 v=$2 dest=$3 w n
	w=$(what "$case")
	INPUT=/dev/null CWD=$TMP
	case $v in
	ftpsh:get) ftpsh_cmd "get -f $w $dest" ;;
	ftpsh:pget-*) ftpsh_cmd "pget -f -n ${v#ftpsh:pget-} $w $dest" ;;
	ftpsh:put) ftpsh_cmd "put $TMP/src/up.bin up.bin" ;;
	ftpsh:mget) ftpsh_cmd "mget $w/*" && CWD=$dest ;;
	ftpsh:mget-P4) ftpsh_cmd "mget -P 4 $w/*" && CWD=$dest ;;
	ftpsh:mirror-P4) ftpsh_cmd "mirror -P 4 $w $dest" ;;
	ftpsh:ls-color) COLOR=always ftpsh_cmd "ls $w" ;; # parsed, sorted, in columns, coloured
	ftpsh:ls-json) ftpsh_cmd "ls --json $w" ;;
	ftpsh:dir) ftpsh_cmd "dir $w" ;;
	ftpsh:nlist) ftpsh_cmd "nlist $w" ;;
	ftpsh:pwd) ftpsh_cmd pwd ;;
	lftp:get) lftp_cmd "get $w -o $dest" ;;
	lftp:pget-*) lftp_cmd "pget -n ${v#lftp:pget-} $w -o $dest" ;;
	lftp:put) lftp_cmd "put $TMP/src/up.bin -o up.bin" ;;
	lftp:mirror) lftp_cmd "mirror $w $dest" ;;
	lftp:mirror-P4) lftp_cmd "mirror -P 4 $w $dest" ;;
	lftp:ls) lftp_cmd "ls $w" ;;
	lftp:nlist) lftp_cmd "nlist $w" ;;
	lftp:pwd) lftp_cmd "quote PWD" ;;
	tnftp:get) tnftp_cmd "get $w $dest" ;;
	tnftp:put) tnftp_cmd "put $TMP/src/up.bin up.bin" ;;
	tnftp:mget) tnftp_cmd "cd $w" "lcd $dest" "mget *" ;;
	tnftp:ls) tnftp_cmd "ls $w" ;;
	tnftp:nlist) tnftp_cmd "nlist $w" ;;
	tnftp:pwd) tnftp_cmd pwd ;;
	curl:get) curl_cmd -o "$dest" "$(plain_url "$w")" ;;
	curl:put) curl_cmd -T "$TMP/src/up.bin" "$(plain_url up.bin)" ;;
	curl:seq)
		n=$SMALL_COUNT
		[[ $w == few ]] && n=$DELAY_FILES
		for ((i = 0; i < n; i++)); do
			printf -v f 'f%04d.dat' "$i"
			printf 'url = "%s"\noutput = "%s/%s"\n' "$(plain_url "$w/$f")" "$dest" "$f"
		done >"$TMP/in/curl.cfg"
		curl_cmd -K "$TMP/in/curl.cfg"
		;;
	curl:list) curl_cmd "$(plain_url "$w/")" ;;
	curl:nlst) curl_cmd -l "$(plain_url "$w/")" ;;
	curl:pwd) curl_cmd -I -Q PWD "$(plain_url "")" ;;
	ncftp:get) CWD=$dest CMD=(ncftpget "${ncftp_auth[@]}" 127.0.0.1 . "$REL/$w") ;;
	ncftp:put) CMD=(ncftpput "${ncftp_auth[@]}" 127.0.0.1 "$REL" "$TMP/src/up.bin") ;;
	ncftp:get-R) CMD=(ncftpget "${ncftp_auth[@]}" -R 127.0.0.1 "$dest" "$REL/$w") ;;
	ncftp:ls) CMD=(ncftpls "${ncftp_auth[@]}" -l "ftp://127.0.0.1:$PORT/$REL/$w/") ;;
	*) die "internal: no command for $case $v" ;;
	esac
	if [[ $case == tls64 ]]; then # the same downloads over explicit TLS, certificate checked
		case $v in
		ftpsh:get) INPUT=$TMP/in/ftpsh CMD=("$FTPSH" --color never --tls required --ca-file "$CERT" "$(tls_url)") ;;
		curl:get) curl_cmd --ssl-reqd --cacert "$CERT" -o "$dest" "ftp://localhost:$PORT/$REL/$w" ;;
		lftp:get) lftp_cmd "get $w -o $dest" "set ftp:ssl-force yes; set ftp:ssl-protect-data yes; \
			set ssl:ca-file $CERT" "ftp://localhost:$PORT/$REL/" ;;
		esac
	fi
}

# dest_for CASE VARIANT -> a fresh destination: a file path, or an empty directory
dest_for() {
	local d=$TMP/out/$1-${2/:/-}
	rm -rf "$d" "$DATA/up.bin"
	case $1:$2 in
	*small:* | *many:* | *:ncftp:get) mkdir -p "$d" ;;
	esac
	echo "$d"
}

# verify CASE VARIANT DEST: the result must be right; dies otherwise
verify() {
	local case=$1 v=$2 dest=$3 w log=$TMP/log/run.log got n
	w=$(what "$case")
	case $case in
	put64) cmp -s "$TMP/src/up.bin" "$DATA/up.bin" || die "$v: uploaded up.bin differs" ;;
	*small | *many)
		got=$dest
		[[ -d $dest/$w ]] && got=$dest/$w
		n=$(find "$got" -type f | wc -l)
		diff -rq "$DATA/$w" "$got" >/dev/null 2>&1 || die "$case $v: fetched files differ from the source"
		[[ $n -eq $(find "$DATA/$w" -type f | wc -l) ]] || die "$case $v: $n files"
		;;
	*ls | *nlist | *-list)
		n=$(grep -c 'entry[0-9]' "$log" || true)
		((n >= LIST_COUNT)) || die "$case $v: listed $n of $LIST_COUNT entries"
		;;
	login) grep -q "$REL\|/home/$FTP_USER\|\"/\"" "$log" || true ;;
	*)
		[[ $v == ncftp:get ]] && dest=$dest/$w
		cmp -s "$DATA/$w" "$dest" || die "$case $v: $dest differs from $w"
		;;
	esac
	rm -rf "$3"
}

# run CASE VARIANT -> ELAPSED (seconds) and RSS_KIB; dies on failure
run() {
	local case=$1 v=$2 dest t0 t1 us rc=0 log=$TMP/log/run.log rssf=$TMP/log/rss
	dest=$(dest_for "$case" "$v")
	command_for "$case" "$v" "$dest"
	sync
	t0=$(now_us)
	(cd "$CWD" && exec timeout "$CMD_TIMEOUT" /usr/bin/time -f %M -o "$rssf" "${CMD[@]}") \
		<"$INPUT" >"$log" 2>&1 || rc=$?
	t1=$(now_us)
	if ((rc != 0)); then
		echo "bench: $case $v failed (exit $rc); its output:" >&2
		tail -n 20 "$log" >&2
		exit 1
	fi
	us=$((t1 - t0))
	printf -v ELAPSED '%d.%06d' "$((us / 1000000))" "$((us % 1000000))"
	RSS_KIB=$(tail -n 1 "$rssf")
	verify "$case" "$v" "$dest"
}

# ---------------------------------------------------------------------------------------------
# The cases

label() {
	case $1 in
	get64) echo "download $BIG_MIB MiB" ;;
	get1g) echo "download $HUGE_MIB MiB" ;;
	put64) echo "upload $BIG_MIB MiB" ;;
	tls64) echo "download $BIG_MIB MiB over TLS" ;;
	small) echo "$SMALL_COUNT files x 4 KiB" ;;
	ls) echo "ls of $LIST_COUNT entries" ;;
	nlist) echo "nlist of $LIST_COUNT" ;;
	login) echo "connect, login, pwd, quit" ;;
	d*-small) echo "RTT ${1:1:2} ms: $DELAY_FILES files x 4 KiB" ;;
	d*-many) echo "RTT ${1:1:2} ms: $SMALL_COUNT files x 4 KiB, 4 connections ($MANY_RUNS runs)" ;;
	d*-get64) echo "RTT ${1:1:2} ms: download $BIG_MIB MiB" ;;
	d*-list) echo "RTT ${1:1:2} ms: listing of $LIST_COUNT" ;;
	cap) echo "RTT $CAP_RTT ms, $CAP_KIB KiB/s per connection: $CAP_MIB MiB" ;;
	esac
}

CASES=() # CASE:PORT
add_case() {
	if [[ -z $ONLY || " $ONLY " == *" ${1%%:*} "* ]]; then CASES+=("$1"); fi
}
for s in $SCENARIOS; do
	case $s in
	loop)
		for c in get64 get1g put64 tls64 small ls nlist login; do
			[[ $c == get1g ]] && ((HUGE_MIB == 0)) && continue
			add_case "$c:$SERVER_PORT"
		done
		;;
	delay)
		for rtt in $RTTS; do
			proxy "rtt$rtt" "$rtt"
			for c in small get64 list; do add_case "d$rtt-$c:${PROXY_PORT[rtt$rtt]}"; done
			((MANY_RUNS == 0)) || add_case "d$rtt-many:${PROXY_PORT[rtt$rtt]}"
		done
		;;
	cap)
		proxy cap "$CAP_RTT" "$CAP_KIB"
		add_case "cap:${PROXY_PORT[cap]}"
		;;
	esac
done

kv() { printf '  %-8s %s\n' "$1" "$2"; }
echo "== ftpsh benchmark: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(uname -sr), $(nproc) CPUs," \
	"$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
kv ftpsh "$(first_line "$FTPSH" --version) ($FTPSH)"
kv vsftpd "$(vsftpd_version)"
kv curl "$(first_line curl --version)"
kv lftp "$(first_line lftp --version)"
kv tnftp "tnftp $(dpkg-query -W -f='${Version}' tnftp 2>/dev/null || echo '?')"
kv ncftp "ncftp $(dpkg-query -W -f='${Version}' ncftp 2>/dev/null || echo '?')"
echo "  server   vsftpd on 127.0.0.1:$SERVER_PORT (plain and explicit TLS), runs per case: $RUNS," \
	"scenarios: $SCENARIOS"

declare -A TIMES=() RSS_MAX=()
for spec in "${CASES[@]}"; do
	case=${spec%%:*} PORT=${spec#*:}
	ncftp_auth=(-u "$FTP_USER" -p "$FTP_PASS" -P "$PORT")
	read -r -a vs <<<"$(variants "$case")"
	for v in "${vs[@]}"; do run "$case" "$v"; done # warm-up, untimed: proves each variant works
	rounds=$RUNS
	[[ $case == d*-many ]] && rounds=$MANY_RUNS
	for ((r = 0; r < rounds; r++)); do
		for ((k = 0; k < ${#vs[@]}; k++)); do
			v=${vs[(r + k) % ${#vs[@]}]}
			run "$case" "$v"
			TIMES[$case:$v]+="$ELAPSED "
			((RSS_KIB <= ${RSS_MAX[$case:$v]:-0})) || RSS_MAX[$case:$v]=$RSS_KIB
			printf '  %-9s %-16s run %d/%d: %9.3f s %7.1f MiB\n' "$case" "$v" "$((r + 1))" "$rounds" \
				"$ELAPSED" "$(awk -v k="$RSS_KIB" 'BEGIN { print k / 1024 }')" >&2
		done
	done
done

# ---------------------------------------------------------------------------------------------
# Report

median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
		END { if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else printf "-" }'; }

echo
echo "Medians of $RUNS runs ($MANY_RUNS for the delayed 1000 files over 4 connections), wall time in"
echo "seconds (process start to exit). Ratio: ftpsh's time over"
echo "the fastest peer's (below 1.00x ftpsh was faster); RSS: ftpsh's largest peak RSS in MiB."
echo
declare -A MED=()
echo "| task | fastest peer | ftpsh | ratio | ftpsh RSS |"
echo "|---|---|---|---|---|"
for spec in "${CASES[@]}"; do
	case=${spec%%:*}
	read -r -a vs <<<"$(variants "$case")"
	best_peer='' best_t='' ours=() best_ours=
	for v in "${vs[@]}"; do
		read -r -a vals <<<"${TIMES[$case:$v]}"
		m=$(median "${vals[@]}")
		MED[$case:$v]=$m
		if [[ $v == ftpsh:* ]]; then
			ours+=("$v")
			if [[ -z $best_ours ]] || awk -v a="$m" -v b="$best_ours" 'BEGIN { exit !(a < b) }'; then
				best_ours=$m
			fi
		elif [[ -z $best_t ]] || awk -v a="$m" -v b="$best_t" 'BEGIN { exit !(a < b) }'; then
			best_peer=$v best_t=$m
		fi
	done
	for ((i = 0; i < ${#ours[@]}; i++)); do
		v=${ours[i]}
		ours[i]="\`${v#ftpsh:}\` ${MED[$case:$v]} s ($(ratio "${MED[$case:$v]}" "$best_t"))"
	done
	rss=0
	for v in "${vs[@]}"; do
		[[ $v == ftpsh:* ]] && ((${RSS_MAX[$case:$v]} > rss)) && rss=${RSS_MAX[$case:$v]}
	done
	if [[ $case == cap ]]; then # pget against pget, connection count for connection count
		for n in get 2 4 8; do
			f=ftpsh:pget-$n l=lftp:pget-$n
			[[ $n == get ]] && f=ftpsh:get l=lftp:get
			printf '| %s, %s | lftp %s %s s | %s s | %s | %.1f |\n' "$(label "$case")" "${f#ftpsh:}" "${l#lftp:}" \
				"${MED[$case:$l]}" "${MED[$case:$f]}" "$(ratio "${MED[$case:$f]}" "${MED[$case:$l]}")" \
				"$(awk -v k="${RSS_MAX[$case:$f]}" 'BEGIN { print k / 1024 }')"
		done
		continue
	fi
	printf '| %s | %s %s s | %s | %s | %.1f |\n' "$(label "$case")" "${best_peer/:/ }" "$best_t" \
		"$(
			IFS=';'
			joined="${ours[*]}"
			echo "${joined//;/, }"
		)" "$(ratio "$best_ours" "$best_t")" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
done
echo
echo "Every variant (median s, ratio to the fastest peer):"
for spec in "${CASES[@]}"; do
	case=${spec%%:*}
	read -r -a vs <<<"$(variants "$case")"
	line="  $(label "$case"):"
	for v in "${vs[@]}"; do line+=" ${v} ${MED[$case:$v]}"; done
	echo "$line"
done
echo
echo "All runs (seconds):"
for key in "${!TIMES[@]}"; do echo "  $key ${TIMES[$key]}"; done | sort
echo "All results verified: files byte for byte, trees with diff -r, listings by entry count."

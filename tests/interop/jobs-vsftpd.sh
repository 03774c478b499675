#!/usr/bin/env bash
# Jobs, queue, rate limits and the transfer log against vsftpd on 127.0.0.1: a script starts two
# background downloads under a total rate limit and queues two more (one moved, one removed),
# then waits; the interactive parts (the summary above the prompt, fg, kill) are tested in the
# pty against the in-process server (tests/it/jobs_pty.rs). Checked: every file arrived whole,
# the queue ran in its order without the removed entry, the transfer log has one `done` record
# per transfer, `--progress json` ends with a `done` event, and the limit slowed the transfers.
# Needs root (creates the local user ftpjobs) and Debian/Ubuntu (apt-get). Usage:
#   tests/interop/jobs-vsftpd.sh                          # builds target/release/ftpsh
#   FTPSH=/path/to/ftpsh tests/interop/jobs-vsftpd.sh
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../lib.sh"
[[ $EUID -eq 0 ]] || { echo "run as root" >&2; exit 1; }

FTP_USER=ftpjobs
LOG_TAG=jobs
lib_init jobs

server_cmd() { # PORT PASV_MIN PASV_MAX
  vsftpd_conf "$1" "$2" "$3" ssl_enable=NO >"$WORK/vsftpd.conf"
  SERVER_CMD=(vsftpd "$WORK/vsftpd.conf")
}

main() {
  local pass url home L=$WORK/local rc=0 t0 elapsed
  require_tools vsftpd
  pass="Jobs-$(random_hex 8)"
  ensure_user "$FTP_USER" "$pass"
  home=$USER_HOME
  CLEANUP_PATHS+=("$home/j")
  rm -rf "$home/j" && mkdir -p "$home/j" "$L/data"
  for f in a b c d e; do head -c 262144 /dev/urandom >"$home/j/$f.bin"; done
  chown -R "$FTP_USER" "$home/j"
  ensure_ftpsh
  serve vsftpd "" server_cmd
  url="ftp://$FTP_USER:$pass@127.0.0.1:$SERVED_PORT/j/"

  # 5 x 256 KiB, at most 512 KiB/s in all: at least about 2 s.
  t0=$(now_us)
  # The entries wait for a connection, so the moves are certain; then two jobs and the queue run.
  (cd "$L" && XDG_DATA_HOME=$L/data timeout 120 "$FTPSH" --color never --total-limit-rate 512K \
    >"$L/out" 2>"$L/err") <<SCRIPT || rc=$?
queue get c.bin
queue get d.bin
queue get e.bin
queue -m 3 1
queue -d 3
queue
open $url
get a.bin &
get b.bin &
wait
SCRIPT
  elapsed=$((($(now_us) - t0) / 1000))
  cat "$L/err"
  local log=$L/data/ftpsh/transfers.log
  check "script exit 0" test "$rc" = 0
  for f in a b c e; do check "$f.bin arrived whole" cmp "$home/j/$f.bin" "$L/$f.bin"; done
  check "the removed entry did not run" test ! -e "$L/d.bin"
  check "the queue shown in order (e moved first)" grep -qE '^ +1  get e.bin' "$L/out"
  check "four transfers logged, all done" test "$(grep -c '"result":"done"' "$log")" = 4
  check "the queue ran e before c" bash -c "grep -oE '/j/[ce]\.bin' '$log' | tr '\n' ' ' | grep -q '^/j/e.bin /j/c.bin'"
  check "the total limit slowed it (>= 1.5 s for 1 MiB at 512K)" test "$elapsed" -ge 1500

  (cd "$L" && timeout 60 "$FTPSH" --color never --progress json --limit-rate 256K get "${url}a.bin" \
    -o json.bin >/dev/null 2>"$L/json.err") || rc=$?
  check "--progress json ends with a done event" bash -c "grep '^{' '$L/json.err' | tail -1 | grep -q '\"event\":\"done\"'"
  check "--progress json file whole" cmp "$home/j/a.bin" "$L/json.bin"

  local name failed=0
  for name in "${!RESULT[@]}"; do
    echo "${RESULT[$name]} $name"
    [[ ${RESULT[$name]} == PASS ]] || failed=1
  done
  return "$failed"
}

main "$@"

# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ftpsh_global_optspecs
    string join \n u/user= n/no-login f/file= c/commands= k/keep-going v/verbose color= progress= tls= ca-file= pin= insecure timeout= connect-timeout= retries= limit-rate= total-limit-rate= debug json h/help V/version
end

function __fish_ftpsh_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ftpsh_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ftpsh_using_subcommand
    set -l cmd (__fish_ftpsh_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ftpsh -n "__fish_ftpsh_needs_command" -s u -l user -d 'User to log in as (when the URL names none)' -r
complete -c ftpsh -n "__fish_ftpsh_needs_command" -s f -l file -d 'Run the commands in FILE as a script' -r -F
complete -c ftpsh -n "__fish_ftpsh_needs_command" -s c -l commands -d 'Run these commands (separated by `;`) as a script' -r
complete -c ftpsh -n "__fish_ftpsh_needs_command" -l color -d 'When to use colour [default: auto]' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c ftpsh -n "__fish_ftpsh_needs_command" -l progress -d 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]' -r -f -a "auto\t'A bar on a terminal, nothing otherwise'
bar\t'A bar (drawn only on a terminal)'
plain\t'A status line every few seconds, without escape codes: for logs'
none\t'Nothing'
json\t'One JSON object per transfer event (start, progress, done, failed), for programs'"
complete -c ftpsh -n "__fish_ftpsh_needs_command" -l tls -d 'When to use TLS: auto (when the server offers it), required, off [default: auto]' -r -f -a "auto\t'Upgrade whenever the server offers AUTH TLS; say once when the connection is not encrypted'
required\t'Only ever send credentials over TLS; fail when the server cannot do it'
off\t'Plain FTP'"
complete -c ftpsh -n "__fish_ftpsh_needs_command" -l ca-file -d 'Trust the certificates in this PEM file too' -r -F
complete -c ftpsh -n "__fish_ftpsh_needs_command" -l pin -d 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)' -r
complete -c ftpsh -n "__fish_ftpsh_needs_command" -l timeout -d 'Seconds one reply, or a pause in a data transfer, may take [default: 120]' -r
complete -c ftpsh -n "__fish_ftpsh_needs_command" -l connect-timeout -d 'Seconds connecting may take [default: 15]' -r
complete -c ftpsh -n "__fish_ftpsh_needs_command" -l retries -d 'How often a transfer that broke off is resumed before it fails [default: 3]' -r
complete -c ftpsh -n "__fish_ftpsh_needs_command" -l limit-rate -d 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]' -r
complete -c ftpsh -n "__fish_ftpsh_needs_command" -l total-limit-rate -d 'Bytes per second all transfers together may move, as --limit-rate' -r
complete -c ftpsh -n "__fish_ftpsh_needs_command" -s n -l no-login -d 'Do not log in automatically after connecting'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -s k -l keep-going -d 'In a script, run on after a failing command (the exit status still reports it)'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -s v -l verbose -d 'In a script, echo each command before running it'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -l insecure -d 'Accept any certificate (no verification at all)'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -l debug -d 'Show every command sent and reply received (passwords masked)'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -l json -d 'Machine-readable output (JSON lines) from one-shot commands'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -s V -l version -d 'Print version'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -a "get" -d 'Download files: `ftpsh get ftp://host/path/file...`'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -a "put" -d 'Upload files: `ftpsh put FILE... ftp://host/dir/`'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -a "ls" -d 'List a remote directory'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -a "cat" -d 'Write a remote file to stdout'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -a "mkdir" -d 'Create a remote directory'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -a "rm" -d 'Delete a remote file'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -a "mirror" -d 'Make a local directory match a remote one, or the reverse with -R: `ftpsh mirror [OPTIONS] URL DIR`, `ftpsh mirror -R [OPTIONS] DIR URL`'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -a "completions" -d 'Print the completion script for a shell'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -a "man" -d 'Print the man page (troff), e.g. to read it where it is not installed: `ftpsh man | man -l -`'
complete -c ftpsh -n "__fish_ftpsh_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -s o -l output -d 'Write the (single) file to FILE; `-` for stdout' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -s O -l output-dir -d 'Write the files into DIR' -r -F
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -s u -l user -d 'User to log in as (when the URL names none)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -l color -d 'When to use colour [default: auto]' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -l progress -d 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]' -r -f -a "auto\t'A bar on a terminal, nothing otherwise'
bar\t'A bar (drawn only on a terminal)'
plain\t'A status line every few seconds, without escape codes: for logs'
none\t'Nothing'
json\t'One JSON object per transfer event (start, progress, done, failed), for programs'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -l tls -d 'When to use TLS: auto (when the server offers it), required, off [default: auto]' -r -f -a "auto\t'Upgrade whenever the server offers AUTH TLS; say once when the connection is not encrypted'
required\t'Only ever send credentials over TLS; fail when the server cannot do it'
off\t'Plain FTP'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -l ca-file -d 'Trust the certificates in this PEM file too' -r -F
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -l pin -d 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -l timeout -d 'Seconds one reply, or a pause in a data transfer, may take [default: 120]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -l connect-timeout -d 'Seconds connecting may take [default: 15]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -l retries -d 'How often a transfer that broke off is resumed before it fails [default: 3]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -l limit-rate -d 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -l total-limit-rate -d 'Bytes per second all transfers together may move, as --limit-rate' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -s c -l continue -d 'Resume partial downloads (FILE.ftpsh.part)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -s f -l force -d 'Replace existing local files'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -s r -l recursive -d 'Download directories with everything in them'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -l insecure -d 'Accept any certificate (no verification at all)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -l debug -d 'Show every command sent and reply received (passwords masked)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -l json -d 'Machine-readable output (JSON lines) from one-shot commands'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand put" -s u -l user -d 'User to log in as (when the URL names none)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand put" -l color -d 'When to use colour [default: auto]' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand put" -l progress -d 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]' -r -f -a "auto\t'A bar on a terminal, nothing otherwise'
bar\t'A bar (drawn only on a terminal)'
plain\t'A status line every few seconds, without escape codes: for logs'
none\t'Nothing'
json\t'One JSON object per transfer event (start, progress, done, failed), for programs'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand put" -l tls -d 'When to use TLS: auto (when the server offers it), required, off [default: auto]' -r -f -a "auto\t'Upgrade whenever the server offers AUTH TLS; say once when the connection is not encrypted'
required\t'Only ever send credentials over TLS; fail when the server cannot do it'
off\t'Plain FTP'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand put" -l ca-file -d 'Trust the certificates in this PEM file too' -r -F
complete -c ftpsh -n "__fish_ftpsh_using_subcommand put" -l pin -d 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand put" -l timeout -d 'Seconds one reply, or a pause in a data transfer, may take [default: 120]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand put" -l connect-timeout -d 'Seconds connecting may take [default: 15]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand put" -l retries -d 'How often a transfer that broke off is resumed before it fails [default: 3]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand put" -l limit-rate -d 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand put" -l total-limit-rate -d 'Bytes per second all transfers together may move, as --limit-rate' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand put" -s c -l continue -d 'Resume from the size the remote file already has'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand put" -l insecure -d 'Accept any certificate (no verification at all)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand put" -l debug -d 'Show every command sent and reply received (passwords masked)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand put" -l json -d 'Machine-readable output (JSON lines) from one-shot commands'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand put" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand ls" -s u -l user -d 'User to log in as (when the URL names none)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand ls" -l color -d 'When to use colour [default: auto]' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand ls" -l progress -d 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]' -r -f -a "auto\t'A bar on a terminal, nothing otherwise'
bar\t'A bar (drawn only on a terminal)'
plain\t'A status line every few seconds, without escape codes: for logs'
none\t'Nothing'
json\t'One JSON object per transfer event (start, progress, done, failed), for programs'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand ls" -l tls -d 'When to use TLS: auto (when the server offers it), required, off [default: auto]' -r -f -a "auto\t'Upgrade whenever the server offers AUTH TLS; say once when the connection is not encrypted'
required\t'Only ever send credentials over TLS; fail when the server cannot do it'
off\t'Plain FTP'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand ls" -l ca-file -d 'Trust the certificates in this PEM file too' -r -F
complete -c ftpsh -n "__fish_ftpsh_using_subcommand ls" -l pin -d 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand ls" -l timeout -d 'Seconds one reply, or a pause in a data transfer, may take [default: 120]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand ls" -l connect-timeout -d 'Seconds connecting may take [default: 15]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand ls" -l retries -d 'How often a transfer that broke off is resumed before it fails [default: 3]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand ls" -l limit-rate -d 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand ls" -l total-limit-rate -d 'Bytes per second all transfers together may move, as --limit-rate' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand ls" -l insecure -d 'Accept any certificate (no verification at all)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand ls" -l debug -d 'Show every command sent and reply received (passwords masked)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand ls" -l json -d 'Machine-readable output (JSON lines) from one-shot commands'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand cat" -s u -l user -d 'User to log in as (when the URL names none)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand cat" -l color -d 'When to use colour [default: auto]' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand cat" -l progress -d 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]' -r -f -a "auto\t'A bar on a terminal, nothing otherwise'
bar\t'A bar (drawn only on a terminal)'
plain\t'A status line every few seconds, without escape codes: for logs'
none\t'Nothing'
json\t'One JSON object per transfer event (start, progress, done, failed), for programs'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand cat" -l tls -d 'When to use TLS: auto (when the server offers it), required, off [default: auto]' -r -f -a "auto\t'Upgrade whenever the server offers AUTH TLS; say once when the connection is not encrypted'
required\t'Only ever send credentials over TLS; fail when the server cannot do it'
off\t'Plain FTP'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand cat" -l ca-file -d 'Trust the certificates in this PEM file too' -r -F
complete -c ftpsh -n "__fish_ftpsh_using_subcommand cat" -l pin -d 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand cat" -l timeout -d 'Seconds one reply, or a pause in a data transfer, may take [default: 120]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand cat" -l connect-timeout -d 'Seconds connecting may take [default: 15]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand cat" -l retries -d 'How often a transfer that broke off is resumed before it fails [default: 3]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand cat" -l limit-rate -d 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand cat" -l total-limit-rate -d 'Bytes per second all transfers together may move, as --limit-rate' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand cat" -l insecure -d 'Accept any certificate (no verification at all)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand cat" -l debug -d 'Show every command sent and reply received (passwords masked)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand cat" -l json -d 'Machine-readable output (JSON lines) from one-shot commands'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand cat" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mkdir" -s u -l user -d 'User to log in as (when the URL names none)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mkdir" -l color -d 'When to use colour [default: auto]' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mkdir" -l progress -d 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]' -r -f -a "auto\t'A bar on a terminal, nothing otherwise'
bar\t'A bar (drawn only on a terminal)'
plain\t'A status line every few seconds, without escape codes: for logs'
none\t'Nothing'
json\t'One JSON object per transfer event (start, progress, done, failed), for programs'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mkdir" -l tls -d 'When to use TLS: auto (when the server offers it), required, off [default: auto]' -r -f -a "auto\t'Upgrade whenever the server offers AUTH TLS; say once when the connection is not encrypted'
required\t'Only ever send credentials over TLS; fail when the server cannot do it'
off\t'Plain FTP'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mkdir" -l ca-file -d 'Trust the certificates in this PEM file too' -r -F
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mkdir" -l pin -d 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mkdir" -l timeout -d 'Seconds one reply, or a pause in a data transfer, may take [default: 120]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mkdir" -l connect-timeout -d 'Seconds connecting may take [default: 15]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mkdir" -l retries -d 'How often a transfer that broke off is resumed before it fails [default: 3]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mkdir" -l limit-rate -d 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mkdir" -l total-limit-rate -d 'Bytes per second all transfers together may move, as --limit-rate' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mkdir" -l insecure -d 'Accept any certificate (no verification at all)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mkdir" -l debug -d 'Show every command sent and reply received (passwords masked)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mkdir" -l json -d 'Machine-readable output (JSON lines) from one-shot commands'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mkdir" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand rm" -s u -l user -d 'User to log in as (when the URL names none)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand rm" -l color -d 'When to use colour [default: auto]' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand rm" -l progress -d 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]' -r -f -a "auto\t'A bar on a terminal, nothing otherwise'
bar\t'A bar (drawn only on a terminal)'
plain\t'A status line every few seconds, without escape codes: for logs'
none\t'Nothing'
json\t'One JSON object per transfer event (start, progress, done, failed), for programs'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand rm" -l tls -d 'When to use TLS: auto (when the server offers it), required, off [default: auto]' -r -f -a "auto\t'Upgrade whenever the server offers AUTH TLS; say once when the connection is not encrypted'
required\t'Only ever send credentials over TLS; fail when the server cannot do it'
off\t'Plain FTP'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand rm" -l ca-file -d 'Trust the certificates in this PEM file too' -r -F
complete -c ftpsh -n "__fish_ftpsh_using_subcommand rm" -l pin -d 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand rm" -l timeout -d 'Seconds one reply, or a pause in a data transfer, may take [default: 120]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand rm" -l connect-timeout -d 'Seconds connecting may take [default: 15]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand rm" -l retries -d 'How often a transfer that broke off is resumed before it fails [default: 3]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand rm" -l limit-rate -d 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand rm" -l total-limit-rate -d 'Bytes per second all transfers together may move, as --limit-rate' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand rm" -l insecure -d 'Accept any certificate (no verification at all)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand rm" -l debug -d 'Show every command sent and reply received (passwords masked)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand rm" -l json -d 'Machine-readable output (JSON lines) from one-shot commands'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mirror" -s u -l user -d 'User to log in as (when the URL names none)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mirror" -l color -d 'When to use colour [default: auto]' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mirror" -l progress -d 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]' -r -f -a "auto\t'A bar on a terminal, nothing otherwise'
bar\t'A bar (drawn only on a terminal)'
plain\t'A status line every few seconds, without escape codes: for logs'
none\t'Nothing'
json\t'One JSON object per transfer event (start, progress, done, failed), for programs'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mirror" -l tls -d 'When to use TLS: auto (when the server offers it), required, off [default: auto]' -r -f -a "auto\t'Upgrade whenever the server offers AUTH TLS; say once when the connection is not encrypted'
required\t'Only ever send credentials over TLS; fail when the server cannot do it'
off\t'Plain FTP'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mirror" -l ca-file -d 'Trust the certificates in this PEM file too' -r -F
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mirror" -l pin -d 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mirror" -l timeout -d 'Seconds one reply, or a pause in a data transfer, may take [default: 120]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mirror" -l connect-timeout -d 'Seconds connecting may take [default: 15]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mirror" -l retries -d 'How often a transfer that broke off is resumed before it fails [default: 3]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mirror" -l limit-rate -d 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mirror" -l total-limit-rate -d 'Bytes per second all transfers together may move, as --limit-rate' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mirror" -l insecure -d 'Accept any certificate (no verification at all)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mirror" -l debug -d 'Show every command sent and reply received (passwords masked)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mirror" -l json -d 'Machine-readable output (JSON lines) from one-shot commands'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand mirror" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand completions" -s u -l user -d 'User to log in as (when the URL names none)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand completions" -l color -d 'When to use colour [default: auto]' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand completions" -l progress -d 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]' -r -f -a "auto\t'A bar on a terminal, nothing otherwise'
bar\t'A bar (drawn only on a terminal)'
plain\t'A status line every few seconds, without escape codes: for logs'
none\t'Nothing'
json\t'One JSON object per transfer event (start, progress, done, failed), for programs'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand completions" -l tls -d 'When to use TLS: auto (when the server offers it), required, off [default: auto]' -r -f -a "auto\t'Upgrade whenever the server offers AUTH TLS; say once when the connection is not encrypted'
required\t'Only ever send credentials over TLS; fail when the server cannot do it'
off\t'Plain FTP'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand completions" -l ca-file -d 'Trust the certificates in this PEM file too' -r -F
complete -c ftpsh -n "__fish_ftpsh_using_subcommand completions" -l pin -d 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand completions" -l timeout -d 'Seconds one reply, or a pause in a data transfer, may take [default: 120]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand completions" -l connect-timeout -d 'Seconds connecting may take [default: 15]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand completions" -l retries -d 'How often a transfer that broke off is resumed before it fails [default: 3]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand completions" -l limit-rate -d 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand completions" -l total-limit-rate -d 'Bytes per second all transfers together may move, as --limit-rate' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand completions" -l insecure -d 'Accept any certificate (no verification at all)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand completions" -l debug -d 'Show every command sent and reply received (passwords masked)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand completions" -l json -d 'Machine-readable output (JSON lines) from one-shot commands'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand man" -s u -l user -d 'User to log in as (when the URL names none)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand man" -l color -d 'When to use colour [default: auto]' -r -f -a "auto\t'Colour when writing to a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand man" -l progress -d 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]' -r -f -a "auto\t'A bar on a terminal, nothing otherwise'
bar\t'A bar (drawn only on a terminal)'
plain\t'A status line every few seconds, without escape codes: for logs'
none\t'Nothing'
json\t'One JSON object per transfer event (start, progress, done, failed), for programs'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand man" -l tls -d 'When to use TLS: auto (when the server offers it), required, off [default: auto]' -r -f -a "auto\t'Upgrade whenever the server offers AUTH TLS; say once when the connection is not encrypted'
required\t'Only ever send credentials over TLS; fail when the server cannot do it'
off\t'Plain FTP'"
complete -c ftpsh -n "__fish_ftpsh_using_subcommand man" -l ca-file -d 'Trust the certificates in this PEM file too' -r -F
complete -c ftpsh -n "__fish_ftpsh_using_subcommand man" -l pin -d 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand man" -l timeout -d 'Seconds one reply, or a pause in a data transfer, may take [default: 120]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand man" -l connect-timeout -d 'Seconds connecting may take [default: 15]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand man" -l retries -d 'How often a transfer that broke off is resumed before it fails [default: 3]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand man" -l limit-rate -d 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand man" -l total-limit-rate -d 'Bytes per second all transfers together may move, as --limit-rate' -r
complete -c ftpsh -n "__fish_ftpsh_using_subcommand man" -l insecure -d 'Accept any certificate (no verification at all)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand man" -l debug -d 'Show every command sent and reply received (passwords masked)'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand man" -l json -d 'Machine-readable output (JSON lines) from one-shot commands'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand help; and not __fish_seen_subcommand_from get put ls cat mkdir rm mirror completions man help" -f -a "get" -d 'Download files: `ftpsh get ftp://host/path/file...`'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand help; and not __fish_seen_subcommand_from get put ls cat mkdir rm mirror completions man help" -f -a "put" -d 'Upload files: `ftpsh put FILE... ftp://host/dir/`'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand help; and not __fish_seen_subcommand_from get put ls cat mkdir rm mirror completions man help" -f -a "ls" -d 'List a remote directory'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand help; and not __fish_seen_subcommand_from get put ls cat mkdir rm mirror completions man help" -f -a "cat" -d 'Write a remote file to stdout'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand help; and not __fish_seen_subcommand_from get put ls cat mkdir rm mirror completions man help" -f -a "mkdir" -d 'Create a remote directory'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand help; and not __fish_seen_subcommand_from get put ls cat mkdir rm mirror completions man help" -f -a "rm" -d 'Delete a remote file'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand help; and not __fish_seen_subcommand_from get put ls cat mkdir rm mirror completions man help" -f -a "mirror" -d 'Make a local directory match a remote one, or the reverse with -R: `ftpsh mirror [OPTIONS] URL DIR`, `ftpsh mirror -R [OPTIONS] DIR URL`'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand help; and not __fish_seen_subcommand_from get put ls cat mkdir rm mirror completions man help" -f -a "completions" -d 'Print the completion script for a shell'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand help; and not __fish_seen_subcommand_from get put ls cat mkdir rm mirror completions man help" -f -a "man" -d 'Print the man page (troff), e.g. to read it where it is not installed: `ftpsh man | man -l -`'
complete -c ftpsh -n "__fish_ftpsh_using_subcommand help; and not __fish_seen_subcommand_from get put ls cat mkdir rm mirror completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'


use builtin;
use str;

set edit:completion:arg-completer[ftpsh] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'ftpsh'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'ftpsh'= {
            cand -u 'User to log in as (when the URL names none)'
            cand --user 'User to log in as (when the URL names none)'
            cand -f 'Run the commands in FILE as a script'
            cand --file 'Run the commands in FILE as a script'
            cand -c 'Run these commands (separated by `;`) as a script'
            cand --commands 'Run these commands (separated by `;`) as a script'
            cand --color 'When to use colour [default: auto]'
            cand --progress 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]'
            cand --tls 'When to use TLS: auto (when the server offers it), required, off [default: auto]'
            cand --ca-file 'Trust the certificates in this PEM file too'
            cand --pin 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)'
            cand --timeout 'Seconds one reply, or a pause in a data transfer, may take [default: 120]'
            cand --connect-timeout 'Seconds connecting may take [default: 15]'
            cand --retries 'How often a transfer that broke off is resumed before it fails [default: 3]'
            cand --limit-rate 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]'
            cand --total-limit-rate 'Bytes per second all transfers together may move, as --limit-rate'
            cand -n 'Do not log in automatically after connecting'
            cand --no-login 'Do not log in automatically after connecting'
            cand -k 'In a script, run on after a failing command (the exit status still reports it)'
            cand --keep-going 'In a script, run on after a failing command (the exit status still reports it)'
            cand -v 'In a script, echo each command before running it'
            cand --verbose 'In a script, echo each command before running it'
            cand --insecure 'Accept any certificate (no verification at all)'
            cand --debug 'Show every command sent and reply received (passwords masked)'
            cand --json 'Machine-readable output (JSON lines) from one-shot commands'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand get 'Download files: `ftpsh get ftp://host/path/file...`'
            cand put 'Upload files: `ftpsh put FILE... ftp://host/dir/`'
            cand ls 'List a remote directory'
            cand cat 'Write a remote file to stdout'
            cand mkdir 'Create a remote directory'
            cand rm 'Delete a remote file'
            cand mirror 'Make a local directory match a remote one, or the reverse with -R: `ftpsh mirror [OPTIONS] URL DIR`, `ftpsh mirror -R [OPTIONS] DIR URL`'
            cand completions 'Print the completion script for a shell'
            cand man 'Print the man page (troff), e.g. to read it where it is not installed: `ftpsh man | man -l -`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ftpsh;get'= {
            cand -o 'Write the (single) file to FILE; `-` for stdout'
            cand --output 'Write the (single) file to FILE; `-` for stdout'
            cand -O 'Write the files into DIR'
            cand --output-dir 'Write the files into DIR'
            cand -u 'User to log in as (when the URL names none)'
            cand --user 'User to log in as (when the URL names none)'
            cand --color 'When to use colour [default: auto]'
            cand --progress 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]'
            cand --tls 'When to use TLS: auto (when the server offers it), required, off [default: auto]'
            cand --ca-file 'Trust the certificates in this PEM file too'
            cand --pin 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)'
            cand --timeout 'Seconds one reply, or a pause in a data transfer, may take [default: 120]'
            cand --connect-timeout 'Seconds connecting may take [default: 15]'
            cand --retries 'How often a transfer that broke off is resumed before it fails [default: 3]'
            cand --limit-rate 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]'
            cand --total-limit-rate 'Bytes per second all transfers together may move, as --limit-rate'
            cand -c 'Resume partial downloads (FILE.ftpsh.part)'
            cand --continue 'Resume partial downloads (FILE.ftpsh.part)'
            cand -f 'Replace existing local files'
            cand --force 'Replace existing local files'
            cand -r 'Download directories with everything in them'
            cand --recursive 'Download directories with everything in them'
            cand --insecure 'Accept any certificate (no verification at all)'
            cand --debug 'Show every command sent and reply received (passwords masked)'
            cand --json 'Machine-readable output (JSON lines) from one-shot commands'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ftpsh;put'= {
            cand -u 'User to log in as (when the URL names none)'
            cand --user 'User to log in as (when the URL names none)'
            cand --color 'When to use colour [default: auto]'
            cand --progress 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]'
            cand --tls 'When to use TLS: auto (when the server offers it), required, off [default: auto]'
            cand --ca-file 'Trust the certificates in this PEM file too'
            cand --pin 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)'
            cand --timeout 'Seconds one reply, or a pause in a data transfer, may take [default: 120]'
            cand --connect-timeout 'Seconds connecting may take [default: 15]'
            cand --retries 'How often a transfer that broke off is resumed before it fails [default: 3]'
            cand --limit-rate 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]'
            cand --total-limit-rate 'Bytes per second all transfers together may move, as --limit-rate'
            cand -c 'Resume from the size the remote file already has'
            cand --continue 'Resume from the size the remote file already has'
            cand --insecure 'Accept any certificate (no verification at all)'
            cand --debug 'Show every command sent and reply received (passwords masked)'
            cand --json 'Machine-readable output (JSON lines) from one-shot commands'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ftpsh;ls'= {
            cand -u 'User to log in as (when the URL names none)'
            cand --user 'User to log in as (when the URL names none)'
            cand --color 'When to use colour [default: auto]'
            cand --progress 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]'
            cand --tls 'When to use TLS: auto (when the server offers it), required, off [default: auto]'
            cand --ca-file 'Trust the certificates in this PEM file too'
            cand --pin 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)'
            cand --timeout 'Seconds one reply, or a pause in a data transfer, may take [default: 120]'
            cand --connect-timeout 'Seconds connecting may take [default: 15]'
            cand --retries 'How often a transfer that broke off is resumed before it fails [default: 3]'
            cand --limit-rate 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]'
            cand --total-limit-rate 'Bytes per second all transfers together may move, as --limit-rate'
            cand --insecure 'Accept any certificate (no verification at all)'
            cand --debug 'Show every command sent and reply received (passwords masked)'
            cand --json 'Machine-readable output (JSON lines) from one-shot commands'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ftpsh;cat'= {
            cand -u 'User to log in as (when the URL names none)'
            cand --user 'User to log in as (when the URL names none)'
            cand --color 'When to use colour [default: auto]'
            cand --progress 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]'
            cand --tls 'When to use TLS: auto (when the server offers it), required, off [default: auto]'
            cand --ca-file 'Trust the certificates in this PEM file too'
            cand --pin 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)'
            cand --timeout 'Seconds one reply, or a pause in a data transfer, may take [default: 120]'
            cand --connect-timeout 'Seconds connecting may take [default: 15]'
            cand --retries 'How often a transfer that broke off is resumed before it fails [default: 3]'
            cand --limit-rate 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]'
            cand --total-limit-rate 'Bytes per second all transfers together may move, as --limit-rate'
            cand --insecure 'Accept any certificate (no verification at all)'
            cand --debug 'Show every command sent and reply received (passwords masked)'
            cand --json 'Machine-readable output (JSON lines) from one-shot commands'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ftpsh;mkdir'= {
            cand -u 'User to log in as (when the URL names none)'
            cand --user 'User to log in as (when the URL names none)'
            cand --color 'When to use colour [default: auto]'
            cand --progress 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]'
            cand --tls 'When to use TLS: auto (when the server offers it), required, off [default: auto]'
            cand --ca-file 'Trust the certificates in this PEM file too'
            cand --pin 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)'
            cand --timeout 'Seconds one reply, or a pause in a data transfer, may take [default: 120]'
            cand --connect-timeout 'Seconds connecting may take [default: 15]'
            cand --retries 'How often a transfer that broke off is resumed before it fails [default: 3]'
            cand --limit-rate 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]'
            cand --total-limit-rate 'Bytes per second all transfers together may move, as --limit-rate'
            cand --insecure 'Accept any certificate (no verification at all)'
            cand --debug 'Show every command sent and reply received (passwords masked)'
            cand --json 'Machine-readable output (JSON lines) from one-shot commands'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ftpsh;rm'= {
            cand -u 'User to log in as (when the URL names none)'
            cand --user 'User to log in as (when the URL names none)'
            cand --color 'When to use colour [default: auto]'
            cand --progress 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]'
            cand --tls 'When to use TLS: auto (when the server offers it), required, off [default: auto]'
            cand --ca-file 'Trust the certificates in this PEM file too'
            cand --pin 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)'
            cand --timeout 'Seconds one reply, or a pause in a data transfer, may take [default: 120]'
            cand --connect-timeout 'Seconds connecting may take [default: 15]'
            cand --retries 'How often a transfer that broke off is resumed before it fails [default: 3]'
            cand --limit-rate 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]'
            cand --total-limit-rate 'Bytes per second all transfers together may move, as --limit-rate'
            cand --insecure 'Accept any certificate (no verification at all)'
            cand --debug 'Show every command sent and reply received (passwords masked)'
            cand --json 'Machine-readable output (JSON lines) from one-shot commands'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ftpsh;mirror'= {
            cand -u 'User to log in as (when the URL names none)'
            cand --user 'User to log in as (when the URL names none)'
            cand --color 'When to use colour [default: auto]'
            cand --progress 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]'
            cand --tls 'When to use TLS: auto (when the server offers it), required, off [default: auto]'
            cand --ca-file 'Trust the certificates in this PEM file too'
            cand --pin 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)'
            cand --timeout 'Seconds one reply, or a pause in a data transfer, may take [default: 120]'
            cand --connect-timeout 'Seconds connecting may take [default: 15]'
            cand --retries 'How often a transfer that broke off is resumed before it fails [default: 3]'
            cand --limit-rate 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]'
            cand --total-limit-rate 'Bytes per second all transfers together may move, as --limit-rate'
            cand --insecure 'Accept any certificate (no verification at all)'
            cand --debug 'Show every command sent and reply received (passwords masked)'
            cand --json 'Machine-readable output (JSON lines) from one-shot commands'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ftpsh;completions'= {
            cand -u 'User to log in as (when the URL names none)'
            cand --user 'User to log in as (when the URL names none)'
            cand --color 'When to use colour [default: auto]'
            cand --progress 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]'
            cand --tls 'When to use TLS: auto (when the server offers it), required, off [default: auto]'
            cand --ca-file 'Trust the certificates in this PEM file too'
            cand --pin 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)'
            cand --timeout 'Seconds one reply, or a pause in a data transfer, may take [default: 120]'
            cand --connect-timeout 'Seconds connecting may take [default: 15]'
            cand --retries 'How often a transfer that broke off is resumed before it fails [default: 3]'
            cand --limit-rate 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]'
            cand --total-limit-rate 'Bytes per second all transfers together may move, as --limit-rate'
            cand --insecure 'Accept any certificate (no verification at all)'
            cand --debug 'Show every command sent and reply received (passwords masked)'
            cand --json 'Machine-readable output (JSON lines) from one-shot commands'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ftpsh;man'= {
            cand -u 'User to log in as (when the URL names none)'
            cand --user 'User to log in as (when the URL names none)'
            cand --color 'When to use colour [default: auto]'
            cand --progress 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]'
            cand --tls 'When to use TLS: auto (when the server offers it), required, off [default: auto]'
            cand --ca-file 'Trust the certificates in this PEM file too'
            cand --pin 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)'
            cand --timeout 'Seconds one reply, or a pause in a data transfer, may take [default: 120]'
            cand --connect-timeout 'Seconds connecting may take [default: 15]'
            cand --retries 'How often a transfer that broke off is resumed before it fails [default: 3]'
            cand --limit-rate 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]'
            cand --total-limit-rate 'Bytes per second all transfers together may move, as --limit-rate'
            cand --insecure 'Accept any certificate (no verification at all)'
            cand --debug 'Show every command sent and reply received (passwords masked)'
            cand --json 'Machine-readable output (JSON lines) from one-shot commands'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ftpsh;help'= {
            cand get 'Download files: `ftpsh get ftp://host/path/file...`'
            cand put 'Upload files: `ftpsh put FILE... ftp://host/dir/`'
            cand ls 'List a remote directory'
            cand cat 'Write a remote file to stdout'
            cand mkdir 'Create a remote directory'
            cand rm 'Delete a remote file'
            cand mirror 'Make a local directory match a remote one, or the reverse with -R: `ftpsh mirror [OPTIONS] URL DIR`, `ftpsh mirror -R [OPTIONS] DIR URL`'
            cand completions 'Print the completion script for a shell'
            cand man 'Print the man page (troff), e.g. to read it where it is not installed: `ftpsh man | man -l -`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ftpsh;help;get'= {
        }
        &'ftpsh;help;put'= {
        }
        &'ftpsh;help;ls'= {
        }
        &'ftpsh;help;cat'= {
        }
        &'ftpsh;help;mkdir'= {
        }
        &'ftpsh;help;rm'= {
        }
        &'ftpsh;help;mirror'= {
        }
        &'ftpsh;help;completions'= {
        }
        &'ftpsh;help;man'= {
        }
        &'ftpsh;help;help'= {
        }
    ]
    $completions[$command]
}

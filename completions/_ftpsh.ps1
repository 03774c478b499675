
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'ftpsh' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'ftpsh'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'ftpsh' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Run the commands in FILE as a script')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Run the commands in FILE as a script')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Run these commands (separated by `;`) as a script')
            [CompletionResult]::new('--commands', '--commands', [CompletionResultType]::ParameterName, 'Run these commands (separated by `;`) as a script')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto]')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'When to use TLS: auto (when the server offers it), required, off [default: auto]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the certificates in this PEM file too')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one reply, or a pause in a data transfer, may take [default: 120]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds connecting may take [default: 15]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How often a transfer that broke off is resumed before it fails [default: 3]')
            [CompletionResult]::new('--limit-rate', '--limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]')
            [CompletionResult]::new('--total-limit-rate', '--total-limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second all transfers together may move, as --limit-rate')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Do not log in automatically after connecting')
            [CompletionResult]::new('--no-login', '--no-login', [CompletionResultType]::ParameterName, 'Do not log in automatically after connecting')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'In a script, run on after a failing command (the exit status still reports it)')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'In a script, run on after a failing command (the exit status still reports it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'In a script, echo each command before running it')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'In a script, echo each command before running it')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept any certificate (no verification at all)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show every command sent and reply received (passwords masked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output (JSON lines) from one-shot commands')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download files: `ftpsh get ftp://host/path/file...`')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Upload files: `ftpsh put FILE... ftp://host/dir/`')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List a remote directory')
            [CompletionResult]::new('cat', 'cat', [CompletionResultType]::ParameterValue, 'Write a remote file to stdout')
            [CompletionResult]::new('mkdir', 'mkdir', [CompletionResultType]::ParameterValue, 'Create a remote directory')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a remote file')
            [CompletionResult]::new('mirror', 'mirror', [CompletionResultType]::ParameterValue, 'Make a local directory match a remote one, or the reverse with -R: `ftpsh mirror [OPTIONS] URL DIR`, `ftpsh mirror -R [OPTIONS] DIR URL`')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (troff), e.g. to read it where it is not installed: `ftpsh man | man -l -`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ftpsh;get' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the (single) file to FILE; `-` for stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the (single) file to FILE; `-` for stdout')
            [CompletionResult]::new('-O', '-O ', [CompletionResultType]::ParameterName, 'Write the files into DIR')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Write the files into DIR')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto]')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'When to use TLS: auto (when the server offers it), required, off [default: auto]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the certificates in this PEM file too')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one reply, or a pause in a data transfer, may take [default: 120]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds connecting may take [default: 15]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How often a transfer that broke off is resumed before it fails [default: 3]')
            [CompletionResult]::new('--limit-rate', '--limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]')
            [CompletionResult]::new('--total-limit-rate', '--total-limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second all transfers together may move, as --limit-rate')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Resume partial downloads (FILE.ftpsh.part)')
            [CompletionResult]::new('--continue', '--continue', [CompletionResultType]::ParameterName, 'Resume partial downloads (FILE.ftpsh.part)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Replace existing local files')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace existing local files')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Download directories with everything in them')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Download directories with everything in them')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept any certificate (no verification at all)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show every command sent and reply received (passwords masked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output (JSON lines) from one-shot commands')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ftpsh;put' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto]')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'When to use TLS: auto (when the server offers it), required, off [default: auto]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the certificates in this PEM file too')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one reply, or a pause in a data transfer, may take [default: 120]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds connecting may take [default: 15]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How often a transfer that broke off is resumed before it fails [default: 3]')
            [CompletionResult]::new('--limit-rate', '--limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]')
            [CompletionResult]::new('--total-limit-rate', '--total-limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second all transfers together may move, as --limit-rate')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Resume from the size the remote file already has')
            [CompletionResult]::new('--continue', '--continue', [CompletionResultType]::ParameterName, 'Resume from the size the remote file already has')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept any certificate (no verification at all)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show every command sent and reply received (passwords masked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output (JSON lines) from one-shot commands')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ftpsh;ls' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto]')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'When to use TLS: auto (when the server offers it), required, off [default: auto]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the certificates in this PEM file too')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one reply, or a pause in a data transfer, may take [default: 120]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds connecting may take [default: 15]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How often a transfer that broke off is resumed before it fails [default: 3]')
            [CompletionResult]::new('--limit-rate', '--limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]')
            [CompletionResult]::new('--total-limit-rate', '--total-limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second all transfers together may move, as --limit-rate')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept any certificate (no verification at all)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show every command sent and reply received (passwords masked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output (JSON lines) from one-shot commands')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ftpsh;cat' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto]')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'When to use TLS: auto (when the server offers it), required, off [default: auto]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the certificates in this PEM file too')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one reply, or a pause in a data transfer, may take [default: 120]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds connecting may take [default: 15]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How often a transfer that broke off is resumed before it fails [default: 3]')
            [CompletionResult]::new('--limit-rate', '--limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]')
            [CompletionResult]::new('--total-limit-rate', '--total-limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second all transfers together may move, as --limit-rate')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept any certificate (no verification at all)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show every command sent and reply received (passwords masked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output (JSON lines) from one-shot commands')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ftpsh;mkdir' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto]')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'When to use TLS: auto (when the server offers it), required, off [default: auto]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the certificates in this PEM file too')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one reply, or a pause in a data transfer, may take [default: 120]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds connecting may take [default: 15]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How often a transfer that broke off is resumed before it fails [default: 3]')
            [CompletionResult]::new('--limit-rate', '--limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]')
            [CompletionResult]::new('--total-limit-rate', '--total-limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second all transfers together may move, as --limit-rate')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept any certificate (no verification at all)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show every command sent and reply received (passwords masked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output (JSON lines) from one-shot commands')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ftpsh;rm' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto]')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'When to use TLS: auto (when the server offers it), required, off [default: auto]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the certificates in this PEM file too')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one reply, or a pause in a data transfer, may take [default: 120]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds connecting may take [default: 15]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How often a transfer that broke off is resumed before it fails [default: 3]')
            [CompletionResult]::new('--limit-rate', '--limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]')
            [CompletionResult]::new('--total-limit-rate', '--total-limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second all transfers together may move, as --limit-rate')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept any certificate (no verification at all)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show every command sent and reply received (passwords masked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output (JSON lines) from one-shot commands')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ftpsh;mirror' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto]')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'When to use TLS: auto (when the server offers it), required, off [default: auto]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the certificates in this PEM file too')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one reply, or a pause in a data transfer, may take [default: 120]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds connecting may take [default: 15]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How often a transfer that broke off is resumed before it fails [default: 3]')
            [CompletionResult]::new('--limit-rate', '--limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]')
            [CompletionResult]::new('--total-limit-rate', '--total-limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second all transfers together may move, as --limit-rate')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept any certificate (no verification at all)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show every command sent and reply received (passwords masked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output (JSON lines) from one-shot commands')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ftpsh;completions' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto]')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'When to use TLS: auto (when the server offers it), required, off [default: auto]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the certificates in this PEM file too')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one reply, or a pause in a data transfer, may take [default: 120]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds connecting may take [default: 15]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How often a transfer that broke off is resumed before it fails [default: 3]')
            [CompletionResult]::new('--limit-rate', '--limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]')
            [CompletionResult]::new('--total-limit-rate', '--total-limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second all transfers together may move, as --limit-rate')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept any certificate (no verification at all)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show every command sent and reply received (passwords masked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output (JSON lines) from one-shot commands')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ftpsh;man' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'User to log in as (when the URL names none)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto]')
            [CompletionResult]::new('--progress', '--progress', [CompletionResultType]::ParameterName, 'How transfers show progress (auto: a bar on a terminal, nothing otherwise) [default: auto]')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'When to use TLS: auto (when the server offers it), required, off [default: auto]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Trust the certificates in this PEM file too')
            [CompletionResult]::new('--pin', '--pin', [CompletionResultType]::ParameterName, 'Accept the server certificate with this SHA-256 fingerprint (SHA256:hex)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one reply, or a pause in a data transfer, may take [default: 120]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds connecting may take [default: 15]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How often a transfer that broke off is resumed before it fails [default: 3]')
            [CompletionResult]::new('--limit-rate', '--limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second each transfer may move: 2M, 500K, UP:DOWN (2M:500K) [default: no limit]')
            [CompletionResult]::new('--total-limit-rate', '--total-limit-rate', [CompletionResultType]::ParameterName, 'Bytes per second all transfers together may move, as --limit-rate')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept any certificate (no verification at all)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Show every command sent and reply received (passwords masked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output (JSON lines) from one-shot commands')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ftpsh;help' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download files: `ftpsh get ftp://host/path/file...`')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Upload files: `ftpsh put FILE... ftp://host/dir/`')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List a remote directory')
            [CompletionResult]::new('cat', 'cat', [CompletionResultType]::ParameterValue, 'Write a remote file to stdout')
            [CompletionResult]::new('mkdir', 'mkdir', [CompletionResultType]::ParameterValue, 'Create a remote directory')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete a remote file')
            [CompletionResult]::new('mirror', 'mirror', [CompletionResultType]::ParameterValue, 'Make a local directory match a remote one, or the reverse with -R: `ftpsh mirror [OPTIONS] URL DIR`, `ftpsh mirror -R [OPTIONS] DIR URL`')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for a shell')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (troff), e.g. to read it where it is not installed: `ftpsh man | man -l -`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ftpsh;help;get' {
            break
        }
        'ftpsh;help;put' {
            break
        }
        'ftpsh;help;ls' {
            break
        }
        'ftpsh;help;cat' {
            break
        }
        'ftpsh;help;mkdir' {
            break
        }
        'ftpsh;help;rm' {
            break
        }
        'ftpsh;help;mirror' {
            break
        }
        'ftpsh;help;completions' {
            break
        }
        'ftpsh;help;man' {
            break
        }
        'ftpsh;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}

//! Scripts, one-shot commands, credentials and configuration, through the real binary: error
//! policy and exit codes, -c/-f/source/-k/-v, `ftpsh get|put|ls|cat|mkdir|rm`, netrc, bookmarks,
//! the config file, JSON, and passwords that never show.

use std::fs;
use std::path::PathBuf;

use crate::support::sandbox::{Sandbox as Env, finish};
use crate::support::scripted::{self, Script};
use crate::support::server::{PASSWORD, TestServer};

#[test]
fn a_failed_cd_stops_the_script_before_the_delete_below_it() {
    let srv = TestServer::with_sample_tree();
    let env = Env::new();
    let (code, _, err) = env.run(&[&srv.user_url()], "cd no-such-dir\nmdelete *\n");
    assert_eq!(code, 6, "{err}");
    assert!(err.contains("stdin:1: cd: no-such-dir: error: 550"), "{err}");
    assert!(srv.path("readme.txt").exists() && srv.path("hello.txt").exists());
}

#[test]
fn keep_going_runs_on_and_still_fails() {
    let srv = TestServer::with_sample_tree();
    let env = Env::new();
    let (code, out, err) = env.run(&["-k", &srv.user_url()], "cd no-such-dir\npwd\nsize nothing\npwd\n");
    assert_eq!(code, 6, "the first failure's code: {err}");
    assert_eq!(out, "/\n/\n");
    assert!(err.contains("stdin:1: cd:") && err.contains("stdin:3: size:"), "{err}");
}

#[test]
fn commands_from_c_and_f_and_source() {
    let srv = TestServer::with_sample_tree();
    let env = Env::new();
    let (code, out, err) = env.run(&["-c", "cd pub; pwd ;nlist docs", &srv.url()], "");
    assert_eq!(code, 0, "{err}");
    let mut lines: Vec<&str> = out.lines().collect();
    lines[1..].sort();
    assert_eq!(lines, ["/pub", "deep", "manual.txt"]);
    fs::write(env.work().join("script.ftp"), "# comment\n\ncd pub\nbogus\npwd\n").unwrap();
    let (code, out, err) = env.run(&["-f", "script.ftp", &srv.url()], "");
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("script.ftp:4: bogus: error: unknown command"), "{err}");
    let (code, out, err) = env.run(&[&srv.url()], "source script.ftp\npwd\n");
    assert_eq!((code, out.as_str()), (2, ""), "source stops the outer script too: {err}");
    assert!(
        err.contains("script.ftp:4: bogus:")
            && err.contains("stdin:1: source: error: script.ftp stopped at line 4"),
        "{err}"
    );
    let (code, _, err) = env.run(&["-f", "missing.ftp"], "");
    assert_eq!(code, 7, "{err}");
}

#[test]
fn verbose_echoes_commands_without_passwords() {
    let srv = TestServer::with_sample_tree();
    let env = Env::new();
    let (code, _, err) = env.run(&["-v", &srv.url()], &format!("pwd\nuser alice {PASSWORD}\n"));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("+ pwd") && err.contains("+ user alice ****"), "{err}");
    assert!(!err.contains(PASSWORD), "{err}");
}

#[test]
fn verbose_masks_a_password_in_a_url_after_flags() {
    let env = Env::new();
    let line = format!("bookmark add -p home ftp://alice:{PASSWORD}@127.0.0.1:2121/\nbookmark list\n");
    let (code, out, err) = env.run(&["-v"], &line);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("+ bookmark add -p home ftp://alice:****@127.0.0.1:2121/"), "{err}");
    assert!(!err.contains(PASSWORD), "{err}");
    assert!(out.contains("home"), "the bookmark was saved: {out}");
}

#[test]
fn every_exit_code_is_provoked() {
    let srv = TestServer::with_sample_tree();
    let liar = scripted::start(Script::new().file("f.bin", vec![1u8; 1000]).size_lie(1001));
    let env = Env::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port().to_string();
    let bad_login = format!("ftp://alice:wrong@127.0.0.1:{}", srv.port);
    let cases: [(&[&str], &str, i32, &str); 8] = [
        (&[], "", 0, "nothing to do"),
        (&[&srv.url()], "nosuchcommand\n", 2, "usage"),
        (&["127.0.0.1", &closed], "", 3, "connection refused"),
        (&[&bad_login], "", 4, "login refused"),
        (&[&srv.url()], "delete nothing\n", 6, "server refusal"),
        (&[&srv.url()], "put /no/such/file\n", 7, "local file"),
        (&[&liar.url()], "get f.bin\n", 8, "transfer incomplete"),
        (&[&srv.url()], "pwd\nbye\nbogus\n", 0, "bye ends the script"),
    ];
    for (args, stdin, expected, what) in cases {
        let (code, _, err) = env.run(args, stdin);
        assert_eq!(code, expected, "{what}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_a_script_with_130() {
    let srv = TestServer::start();
    fs::File::create(srv.path("big.bin")).unwrap().set_len(1 << 30).unwrap();
    let env = Env::new();
    let part = env.work().join("big.bin.ftpsh.part");
    let started = || fs::metadata(&part).map_or(0, |m| m.len()) > 0;
    let (code, err, _) = env.interrupt_when(&["-c", "get big.bin; pwd", &srv.url()], started);
    assert_eq!(code, 130, "{err}");
    assert!(!env.work().join("big.bin").exists() && part.exists());
}

#[test]
fn one_shot_get_put_cat_ls_mkdir_rm() {
    let srv = TestServer::with_sample_tree();
    let env = Env::new();
    let url = |p: &str| format!("{}/{p}", srv.user_url());
    let (code, out, err) = env.run(&["get", &url("data.bin"), &url("pub/info.txt")], "");
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert_eq!(fs::read(env.work().join("data.bin")).unwrap(), fs::read(srv.path("data.bin")).unwrap());
    assert_eq!(fs::read_to_string(env.work().join("info.txt")).unwrap(), "public information\n");
    let (code, _, err) = env.run(&["get", &url("hello.txt"), "-o", "greeting.txt"], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read_to_string(env.work().join("greeting.txt")).unwrap(), "Hello, world!\n");
    fs::create_dir(env.work().join("into")).unwrap();
    let (code, _, err) = env.run(&["get", "-O", "into", &url("pub/docs/manual.txt")], "");
    assert_eq!(code, 0, "{err}");
    assert!(env.work().join("into/manual.txt").is_file());
    let (code, _, err) = env.run(&["get", &url("data.bin")], "");
    assert_eq!(code, 7, "never overwrites without -f: {err}");
    assert_eq!(env.run(&["get", "-f", &url("data.bin")], "").0, 0);
    let (code, out, _) = env.run(&["cat", &url("pub/info.txt")], "");
    assert_eq!((code, out.as_str()), (0, "public information\n"));
    let (code, _, err) = env.run(&["put", "data.bin", "info.txt", &url("upload/")], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read(srv.path("upload/data.bin")).unwrap(), fs::read(srv.path("data.bin")).unwrap());
    assert!(srv.path("upload/info.txt").is_file());
    let (code, _, _) = env.run(&["put", "greeting.txt", &url("upload/renamed.txt")], "");
    assert_eq!(code, 0);
    assert_eq!(fs::read_to_string(srv.path("upload/renamed.txt")).unwrap(), "Hello, world!\n");
    let (code, out, _) = env.run(&["ls", &url("upload")], "");
    assert!(code == 0 && out.contains("renamed.txt") && out.contains("data.bin"), "{out}");
    assert_eq!(env.run(&["mkdir", &url("upload/newdir")], "").0, 0);
    assert!(srv.path("upload/newdir").is_dir());
    assert_eq!(env.run(&["rm", &url("upload/renamed.txt")], "").0, 0);
    assert!(!srv.path("upload/renamed.txt").exists());
    assert_eq!(env.run(&["rm", &url("upload/renamed.txt")], "").0, 6);
}

#[test]
fn one_shot_urls_for_one_server_share_a_connection() {
    let srv = scripted::start(Script::new().file("a.txt", "A").file("b.txt", "B").file("c.txt", "C"));
    let env = Env::new();
    let urls: Vec<String> =
        ["a.txt", "b.txt", "c.txt"].iter().map(|f| format!("{}/{f}", srv.url())).collect();
    let (code, _, err) = env.run(&["get", &urls[0], &urls[1], &urls[2]], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(srv.connections.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert_eq!(fs::read_to_string(env.work().join("c.txt")).unwrap(), "C");
}

#[test]
fn json_output_for_ls_and_transfers() {
    let srv = TestServer::with_sample_tree();
    let env = Env::new();
    let (code, out, err) = env.run(&["--json", "ls", &format!("{}/pub", srv.url())], "");
    assert_eq!(code, 0, "{err}");
    let records: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let docs = records.iter().find(|r| r["name"] == "docs").unwrap();
    assert_eq!(docs["type"], "dir");
    let info = records.iter().find(|r| r["name"] == "info.txt").unwrap();
    assert_eq!((info["type"].as_str(), info["size"].as_u64()), (Some("file"), Some(19)));
    assert!(info["modified"].as_str().is_some_and(|m| m.starts_with("20")), "{info}");
    let (code, out, _) = env.run(&["--json", "get", &format!("{}/hello.txt", srv.user_url())], "");
    let record: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        (code, record["bytes"].as_u64(), record["local"].as_str().map(|l| l.ends_with("/hello.txt"))),
        (0, Some(14), Some(true))
    );
    assert_eq!(record["verified"], serde_json::json!(["size", "MD5"]));
    let (code, out, _) = env.run(&[&srv.url()], "ls --json upload\n");
    assert_eq!((code, out.as_str()), (0, ""), "an empty directory is no records");
}

fn write_netrc(env: &Env, text: &str, mode: u32) -> PathBuf {
    let path = env.home().join("netrc");
    fs::write(&path, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
    }
    path
}

#[cfg(unix)]
#[test]
fn netrc_is_used_when_private_and_refused_when_others_can_read_it() {
    let srv = TestServer::with_sample_tree();
    let env = Env::new();
    write_netrc(&env, &format!("machine 127.0.0.1 login alice password {PASSWORD}\n"), 0o600);
    let host = ["127.0.0.1", &srv.port.to_string()].map(String::from);
    let (code, out, err) = env.run(&[&host[0], &host[1]], "status\n");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("as alice."), "{out}");
    write_netrc(&env, &format!("machine 127.0.0.1 login alice password {PASSWORD}\n"), 0o644);
    let (code, _, err) = env.run(&[&host[0], &host[1]], "status\n");
    assert_ne!(code, 0);
    assert!(err.contains("chmod 600") && !err.contains(PASSWORD), "{err}");
}

#[test]
fn bookmarks_open_by_name_and_keep_passwords_only_when_asked() {
    let srv = TestServer::with_sample_tree();
    let env = Env::new();
    let script = format!(
        "cd pub\nbookmark add here\nbookmark add -p withpw\nbookmark add other {}\nbookmark list\n",
        srv.user_url()
    );
    let (code, out, err) = env.run(&[&srv.user_url()], &script);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("here             ftp://alice@127.0.0.1:{}/%2Fpub", srv.port)), "{out}");
    assert!(err.contains("without the password"), "{err}");
    let urls = fs::read_to_string(env.config_dir().join("bookmarks.toml")).unwrap();
    assert!(!urls.contains(PASSWORD), "{urls}");
    let (code, out, err) = env.run(&["withpw"], "pwd\n");
    assert_eq!((code, out.as_str()), (0, "/pub\n"), "{err}");
    let (code, out, err) = env.run(&[], "open withpw\npwd\nbookmark del withpw\nbookmark list\n");
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("/pub\n") && !out.contains("withpw"), "{out}");
    assert!(
        !fs::read_to_string(env.config_dir().join("bookmark-passwords.toml")).unwrap().contains(PASSWORD)
    );
}

#[test]
fn config_file_sets_defaults_per_host() {
    let srv = TestServer::with_sample_tree();
    let env = Env::new();
    env.write_config(
        "verbose = false\nparallel = 3\n[host.\"127.0.0.1\"]\nuser = \"alice\"\nprompt = \"%u> \"\n",
    );
    let mut cmd = env.ftpsh();
    cmd.args(["127.0.0.1", &srv.port.to_string()]).env("FTPSH_PASSWORD", PASSWORD);
    let (code, out, err) = finish(&mut cmd, "status\nset parallel\nset prompt\nget hello.txt\n");
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("as alice.") && out.contains("parallel = \"3\"") && out.contains("prompt = \"%u> \""),
        "{out}"
    );
    assert!(!err.contains("hello.txt -> hello.txt"), "verbose = false: {err}");
    env.write_config("paralel = 3\n");
    let (code, _, err) = env.run(&[], "");
    assert_eq!(code, 2);
    assert!(err.contains("config: unknown setting 'paralel'"), "{err}");
}

#[test]
fn command_line_flags_and_the_environment_beat_a_host_section() {
    let srv = TestServer::with_sample_tree();
    let env = Env::new();
    env.write_config("timeout = 50\n[host.\"127.0.0.1\"]\nuser = \"alice\"\ntls = \"off\"\ntimeout = 3\n");
    let port = srv.port.to_string();
    let run = |flags: &[&str], vars: &[(&str, &str)]| {
        let mut cmd = env.ftpsh();
        cmd.args(flags).args(["127.0.0.1", &port]).env("FTPSH_PASSWORD", PASSWORD).envs(vars.iter().copied());
        finish(&mut cmd, "set timeout\nset tls\n")
    };
    // The section alone: plain FTP, its timeout.
    let (code, out, err) = run(&[], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("timeout = \"3\"") && out.contains("tls = \"off\""), "{out}");
    // --tls required beats tls = "off": the test server offers no TLS, so no login happens.
    let (code, _, err) = run(&["--tls", "required"], &[]);
    assert_eq!(code, 5, "{err}");
    assert!(!err.contains("Logged in"), "credentials must not go out in clear text: {err}");
    // --timeout beats the section, and the environment; the environment beats the section.
    let (code, out, err) = run(&["--timeout", "7"], &[("FTPSH_TIMEOUT", "9")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("timeout = \"7\""), "{out}");
    let (_, out, _) = run(&[], &[("FTPSH_TIMEOUT", "9")]);
    assert!(out.contains("timeout = \"9\""), "{out}");
}

#[test]
fn a_password_never_appears_in_output_or_history() {
    let srv = TestServer::with_sample_tree();
    let env = Env::new();
    let url_with = format!("ftp://alice:{PASSWORD}@127.0.0.1:{}", srv.port);
    let bad = format!("ftp://alice:{PASSWORD}x@127.0.0.1:{}", srv.port);
    for (args, stdin) in [
        (
            vec![url_with.as_str(), "-v"],
            format!("user alice {PASSWORD}\nstatus\nbookmark add b\nbookmark list\n"),
        ),
        (vec![bad.as_str()], String::new()),
        (vec![], format!("open {bad}\n")),
    ] {
        let (_, out, err) = env.run(&args, &stdin);
        assert!(!out.contains(PASSWORD) && !err.contains(PASSWORD), "{args:?}: {out}{err}");
    }
}

#[test]
fn the_protocol_trace_masks_the_password() {
    let srv = TestServer::with_sample_tree();
    let env = Env::new();
    let (code, _, err) =
        env.run(&["--debug", &srv.user_url()], &format!("pwd\nuser alice {PASSWORD}\ndebug off\npwd\n"));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("---> USER alice") && err.contains("---> PASS ****"), "{err}");
    assert!(err.contains("<--- 230") && err.contains("---> PWD"), "{err}");
    assert!(!err.contains(PASSWORD), "{err}");
    assert_eq!(err.matches("---> PWD").count(), 3, "login, pwd, user's PWD; none after `debug off`: {err}");
    assert_eq!(err.matches("<--- 230").count(), 2, "each reply line once: {err}");
}

//! Remote Tab completion in a directory of 50,000 entries (`cargo bench --bench completion`).
//!
//! Compares the first Tab in the directory with a plain NLST of the same directory: with MLSD
//! one listing, parsed and cached; without (vsftpd), the names of one NLST while LIST loads in
//! the background. Also times how long until a Tab knows the kinds (the background listing
//! taken), and later Tabs (answered from the cache). Prints medians.
//! The server is the in-process libunftp server on 127.0.0.1, or any server given as
//! `FTPSH_BENCH_URL=ftp://user:pass@127.0.0.1:PORT/DIR` whose DIR holds the entries.

#[path = "../tests/it/support/server.rs"]
mod server;

use std::time::{Duration, Instant};

use ftpsh::repl::completion::ShellHelper;
use ftpsh::session::Session;
use ftpsh::shell::Shell;
use ftpsh::ui::Ui;

const ENTRIES: usize = 50_000;
const RUNS: usize = 7;

fn session(url: &str) -> Session {
    let mut sh = Shell::new(Ui::captured().0);
    sh.execute(&format!("open {url}")).expect("log in");
    std::mem::take(&mut sh.session)
}

/// Presses Tab until it knows that file00010.dat is a file: the whole listing is in the cache.
fn wait_for_kinds(helper: &ShellHelper) {
    while !helper.candidates("get file00010", 13).1.iter().any(|p| p.replacement.ends_with(' ')) {
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let (_root, _srv, url) = match std::env::var("FTPSH_BENCH_URL") {
        Ok(url) => (None, None, url),
        Err(_) => {
            let root = tempfile::tempdir().expect("temp dir");
            let big = root.path().join("big");
            std::fs::create_dir(&big).expect("mkdir");
            for i in 0..ENTRIES {
                std::fs::File::create(big.join(format!("file{i:05}.dat"))).expect("create");
            }
            let srv = server::TestServer::start_in(root.path().to_path_buf());
            let url = format!("{}/big", srv.url());
            (Some(root), Some(srv), url)
        }
    };
    let mut nlst = Vec::new();
    let mut first = Vec::new();
    let mut kinds = Vec::new();
    let mut count = 0;
    for _ in 0..RUNS {
        let mut s = session(&url);
        let t = Instant::now();
        count = s.nlst(None).expect("nlst").len();
        nlst.push(t.elapsed());

        let helper = ShellHelper::new(false);
        *helper.session.lock().unwrap() = Some(session(&url));
        let t = Instant::now();
        let found = helper.candidates("get file0001", 12).1.len();
        first.push(t.elapsed());
        assert!(found > 1, "the completer found {found} candidates");
        wait_for_kinds(&helper);
        kinds.push(t.elapsed());
    }
    let helper = ShellHelper::new(false);
    *helper.session.lock().unwrap() = Some(session(&url));
    helper.candidates("get f", 5);
    wait_for_kinds(&helper);
    let later: Vec<Duration> = (0..200)
        .map(|i| {
            let line = format!("get file{:03}", i % 500);
            let t = Instant::now();
            helper.candidates(&line, line.len());
            t.elapsed()
        })
        .collect();
    let mut list = Vec::new();
    let mut parse = Vec::new();
    for _ in 0..RUNS {
        let mut s = session(&url);
        let t = Instant::now();
        let lines = s.list(None).expect("list");
        list.push(t.elapsed());
        let t = Instant::now();
        let _ = ftpsh::listing::entries(&lines, false);
        parse.push(t.elapsed());
    }
    let (n, f) = (median(nlst), median(first));
    println!("remote completion, {count} entries, {RUNS} runs (medians)");
    println!("  plain nlist            {:>12}", ms(n));
    println!("  plain LIST             {:>12}", ms(median(list)));
    println!("  parse LIST             {:>12}", ms(median(parse)));
    println!(
        "  first Tab              {:>12}   ratio to nlist {:.2}x",
        ms(f),
        f.as_secs_f64() / n.as_secs_f64()
    );
    println!("  kinds known            {:>12}", ms(median(kinds)));
    println!(
        "  later Tab (cached)     {:>12}   max {}",
        ms(median(later.clone())),
        ms(*later.iter().max().unwrap())
    );
}

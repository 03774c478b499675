//! pget and `get -n N`: one file over N connections ([`crate::transfer::segment`]), with the
//! local-name rules, the overwrite question and the summary `get` has; says when the download
//! fell back to one connection, and why.

use super::parse::Call;
use super::{naming, xfer};
use crate::error::{Error, Result};
use crate::shell::Shell;
use crate::transfer::log::Direction as Way;
use crate::transfer::segment;
use crate::transfer::{GetOptions, Overwrite};
use crate::ui::Output;

/// Connections `pget` opens when not told (lftp's default too).
pub const DEFAULT_SEGMENTS: usize = 5;

pub fn pget(sh: &mut Shell, call: &Call) -> Result<Output> {
    let overwrite = if call.has("force") { Overwrite::Allow } else { Overwrite::Refuse };
    let opts = GetOptions { resume: call.has("continue"), overwrite, keep_time: true };
    let n = call.number("segments").unwrap_or(DEFAULT_SEGMENTS);
    segmented(sh, &call.args()[0], call.arg(1), opts, n)
}

/// Downloads `remote` to `local` (as `get` names it) in `n` segments.
pub(super) fn segmented(
    sh: &mut Shell,
    remote: &str,
    local: Option<&str>,
    opts: GetOptions,
    n: usize,
) -> Result<Output> {
    if local == Some("-") {
        return Err(Error::Usage("a segmented download writes a file, not stdout".into()));
    }
    let local = naming::local_target(sh, xfer::local_target(remote, local)?, local.is_none())?;
    let opts = GetOptions { overwrite: xfer::confirm_overwrite(sh, &local, opts.overwrite), ..opts };
    let mut progress = sh.display().progress();
    let want = segment::Want { remote, local: &local, opts, n };
    let done = segment::get_segmented(&mut sh.session, want, progress.as_mut())?;
    drop(progress);
    if let Some(why) = &done.fallback {
        sh.ui.status(&format!("{remote}: fetched over one connection: {why}"));
    }
    Ok(xfer::summary(sh, Way::Download, remote, &local, &done.report))
}

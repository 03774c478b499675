//! Transfer handlers: get, put, and the transfer settings (type, passive).

use std::path::{Path, PathBuf};

use super::{bad_usage, take_flag};
use crate::error::{Error, Result};
use crate::repl::Shell;
use crate::session::TransferType;
use crate::transfer::{self, Overwrite};
use crate::ui::Output;
use crate::ui::render::transfer_summary;

pub fn get(sh: &mut Shell, args: &[String]) -> Result<Output> {
    let (force, args) = take_flag(args, "-f");
    let (remote, local) = match args {
        [remote] => (remote, None),
        [remote, local] => (remote, Some(local)),
        _ => return Err(bad_usage()),
    };
    let local = local_target(remote, local)?;
    let overwrite = if force || confirm_overwrite(sh, &local) { Overwrite::Allow } else { Overwrite::Refuse };
    let stats = transfer::download(&mut sh.session, remote, &local, overwrite)?;
    Ok(Output::Status(transfer_summary(&format!("{remote} -> {}:", local.display()), &stats)))
}

pub fn put(sh: &mut Shell, args: &[String]) -> Result<Output> {
    let local = Path::new(&args[0]);
    let remote = match args.get(1) {
        Some(r) => r.clone(),
        None => local
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| Error::Usage("put LOCAL [REMOTE] (LOCAL must name a file)".into()))?,
    };
    let stats = transfer::upload(&mut sh.session, local, &remote)?;
    Ok(Output::Status(transfer_summary(&format!("{} -> {remote}:", local.display()), &stats)))
}

/// Where a download goes: LOCAL as given (inside it if it is a directory), else the remote
/// file's own name, which must be a plain name.
fn local_target(remote: &str, local: Option<&String>) -> Result<PathBuf> {
    match local {
        Some(l) if Path::new(l).is_dir() => Ok(Path::new(l).join(transfer::local_name_for(remote)?)),
        Some(l) => Ok(PathBuf::from(l)),
        None => transfer::local_name_for(remote),
    }
}

/// Asks before replacing an existing file, when someone is there to ask.
fn confirm_overwrite(sh: &mut Shell, local: &Path) -> bool {
    local.is_file()
        && sh
            .ui
            .ask(&format!("{} exists. Overwrite? [y/N] ", local.display()))
            .is_some_and(|a| matches!(a.trim(), "y" | "Y" | "yes"))
}

pub fn ascii(sh: &mut Shell, _: &[String]) -> Result<Output> {
    apply_type(sh, TransferType::Ascii)
}

pub fn binary(sh: &mut Shell, _: &[String]) -> Result<Output> {
    apply_type(sh, TransferType::Binary)
}

pub fn set_type(sh: &mut Shell, args: &[String]) -> Result<Output> {
    match args.first().map(String::as_str) {
        None => {
            Ok(Output::Text(format!("Using {} mode to transfer files.", sh.session.transfer_type.name())))
        }
        Some("ascii" | "a") => apply_type(sh, TransferType::Ascii),
        Some("binary" | "image" | "i") => apply_type(sh, TransferType::Binary),
        Some(_) => Err(bad_usage()),
    }
}

fn apply_type(sh: &mut Shell, ty: TransferType) -> Result<Output> {
    sh.session.set_type(ty)?;
    Ok(Output::Status(format!("Using {} mode to transfer files.", ty.name())))
}

pub fn passive(sh: &mut Shell, args: &[String]) -> Result<Output> {
    let on = match args.first().map(String::as_str) {
        None => !sh.session.passive,
        Some("on") => true,
        Some("off") => false,
        Some(_) => return Err(bad_usage()),
    };
    sh.session.set_passive(on);
    Ok(Output::Status(format!("Passive mode: {}.", if on { "on" } else { "off" })))
}

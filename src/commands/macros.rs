//! Macro handlers: `macdef NAME` starts recording a macro (the interpreter feeds it the lines
//! that follow, up to an empty one), `macdef` alone lists the macros, `$ NAME ARGS` runs one
//! (the interpreter runs the lines [`crate::macros`] expands).

use super::parse::Call;
use crate::error::Result;
use crate::shell::Shell;
use crate::ui::Output;

pub fn macdef(sh: &mut Shell, call: &Call) -> Result<Output> {
    let Some(name) = call.arg(0) else {
        let lines = sh.macros.all().map(|(name, body)| format!("{name}: {}", body.join("; ")));
        return Ok(Output::Remote(lines.collect()));
    };
    sh.macros.record(name);
    if sh.ui.interactive {
        return Ok(Output::Status("Enter the macro's lines; an empty line ends it.".into()));
    }
    Ok(Output::Nothing)
}

pub fn run(sh: &mut Shell, call: &Call) -> Result<Output> {
    let name = &call.args()[0];
    let lines = sh.macros.expand(name, &call.args()[1..])?;
    Ok(Output::Run { name: name.clone(), lines })
}

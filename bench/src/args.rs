//! `--name value` options, each read once with its default; a bad value is an error.

use std::{collections::HashMap, str::FromStr};

pub struct Args(HashMap<String, String>);

impl Args {
    pub fn parse(argv: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut map = HashMap::new();
        let mut argv = argv.peekable();
        while let Some(flag) = argv.next() {
            let name = flag
                .strip_prefix("--")
                .ok_or_else(|| format!("expected an option, got {flag:?}"))?;
            let value = argv
                .next()
                .ok_or_else(|| format!("--{name} needs a value"))?;
            map.insert(name.to_string(), value);
        }
        Ok(Args(map))
    }

    pub fn get<T: FromStr>(&self, name: &str, default: T) -> Result<T, String> {
        match self.0.get(name) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| format!("--{name}: not valid: {v:?}")),
        }
    }

    pub fn text(&self, name: &str, default: &str) -> String {
        self.0
            .get(name)
            .cloned()
            .unwrap_or_else(|| default.to_string())
    }
}

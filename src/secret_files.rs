//! Settings given as files: `ROCKET_<NAME>_FILE` names a file whose contents are
//! `ROCKET_<NAME>`'s value. Docker and Kubernetes hand secrets to a container as
//! files, and the database URL carries a password that an environment variable would
//! show to anyone who can inspect the process or the container.

use std::path::Path;

use rocket::figment::util::nest;
use rocket::figment::value::{Dict, Map, Value};
use rocket::figment::{Error, Metadata, Profile, Provider};

/// The prefix of every setting's variable, as `startup::figment` reads them.
const PREFIX: &str = "ROCKET_";
/// The suffix that makes a variable name a file instead of holding the value.
const SUFFIX: &str = "_FILE";

/// The `ROCKET_*_FILE` variables of the environment, read as settings: each file's
/// contents (trailing newlines trimmed) parsed as `ROCKET_<NAME>` itself would be, so
/// `ROCKET_DATABASES_FILE` holds `{links={url="..."}}` whole. A variable given both
/// ways, or a file that cannot be read, is an error the first extraction reports.
pub struct SecretFiles {
    /// Every environment variable, as read when the figment was built.
    vars: Vec<(String, String)>,
}

impl SecretFiles {
    /// The process's environment, as it is now.
    pub fn from_env() -> SecretFiles {
        let vars = std::env::vars_os()
            .filter_map(|(name, value)| Some((name.into_string().ok()?, value.into_string().ok()?)))
            .collect();
        SecretFiles { vars }
    }

    /// The setting `variable` names (`ROCKET_BASE_URL_FILE`: `BASE_URL`), if it is one.
    pub fn setting_of(variable: &str) -> Option<&str> {
        let upper = variable.to_ascii_uppercase();
        let long_enough = upper.len() > PREFIX.len() + SUFFIX.len();
        if !long_enough || !upper.starts_with(PREFIX) || !upper.ends_with(SUFFIX) {
            return None;
        }
        let name = &variable[PREFIX.len()..variable.len() - SUFFIX.len()];
        (!name.eq_ignore_ascii_case("PROFILE")).then_some(name)
    }

    /// Whether `ROCKET_<name>` is set too (case aside, as Rocket reads it).
    fn also_set(&self, name: &str) -> bool {
        let direct = format!("{PREFIX}{name}");
        self.vars
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(&direct))
    }

    /// Every setting given as a file, by its lower-case name.
    fn settings(&self) -> Result<Dict, String> {
        let mut dict = Dict::new();
        for (variable, path) in &self.vars {
            let Some(name) = SecretFiles::setting_of(variable) else {
                continue;
            };
            if self.also_set(name) {
                return Err(format!(
                    "{variable} and {PREFIX}{name} are both set: give the value one way only"
                ));
            }
            let value = read(variable, Path::new(path))?;
            let parsed: Value = value.parse().unwrap_or_else(|never| match never {});
            let nested = nest(&name.to_ascii_lowercase(), parsed)
                .into_dict()
                .ok_or_else(|| format!("{variable}: not a setting's name"))?;
            for (key, value) in nested {
                dict.insert(key, value);
            }
        }
        Ok(dict)
    }
}

/// The contents of the file `variable` names, without trailing newlines.
fn read(variable: &str, path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "{variable} names {}, which cannot be read: {e}",
            path.display()
        )
    })?;
    Ok(text.trim_end_matches(['\n', '\r']).to_owned())
}

impl Provider for SecretFiles {
    fn metadata(&self) -> Metadata {
        Metadata::named("`ROCKET_*_FILE` variables").interpolater(|_: &Profile, keys: &[&str]| {
            let name = keys.first().copied().unwrap_or_default();
            format!("{PREFIX}{}{SUFFIX}", name.to_ascii_uppercase())
        })
    }

    fn data(&self) -> Result<Map<Profile, Dict>, Error> {
        let dict = self.settings().map_err(Error::from)?;
        Ok(Profile::Global.collect(dict))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(vars: &[(&str, &str)]) -> SecretFiles {
        let vars = vars.iter().map(|(n, v)| (n.to_string(), v.to_string()));
        SecretFiles {
            vars: vars.collect(),
        }
    }

    #[test]
    fn only_rocket_variables_ending_in_file_name_a_setting() {
        assert_eq!(
            SecretFiles::setting_of("ROCKET_BASE_URL_FILE"),
            Some("BASE_URL")
        );
        assert_eq!(SecretFiles::setting_of("rocket_port_file"), Some("port"));
        assert_eq!(SecretFiles::setting_of("ROCKET_BASE_URL"), None);
        assert_eq!(SecretFiles::setting_of("HOME_FILE"), None);
        assert_eq!(SecretFiles::setting_of("ROCKET__FILE"), None);
        assert_eq!(SecretFiles::setting_of("ROCKET_FILE"), None);
        assert_eq!(SecretFiles::setting_of("ROCKET_PROFILE_FILE"), None);
    }

    #[test]
    fn a_file_gives_its_contents_without_the_trailing_newline_parsed_like_a_variable() {
        let dir = tempfile::tempdir().unwrap();
        let (url, dbs) = (dir.path().join("url"), dir.path().join("dbs"));
        std::fs::write(&url, "https://sho.rt\n").unwrap();
        std::fs::write(&dbs, "{links={url=\"postgres://u:p@db/x\"}}\r\n").unwrap();
        let provider = files(&[
            ("ROCKET_BASE_URL_FILE", url.to_str().unwrap()),
            ("ROCKET_DATABASES_FILE", dbs.to_str().unwrap()),
        ]);
        let figment = rocket::figment::Figment::from(provider);
        let base: String = figment.extract_inner("base_url").unwrap();
        assert_eq!(base, "https://sho.rt");
        let db: String = figment.extract_inner("databases.links.url").unwrap();
        assert_eq!(db, "postgres://u:p@db/x");
    }

    #[test]
    fn a_setting_given_both_ways_or_an_unreadable_file_is_refused_by_name() {
        let both = files(&[("ROCKET_PORT_FILE", "/x"), ("ROCKET_PORT", "8000")]);
        let refused = both.settings().unwrap_err();
        assert!(
            refused.contains("ROCKET_PORT_FILE") && refused.contains("ROCKET_PORT are"),
            "{refused}"
        );
        let missing = files(&[("ROCKET_PORT_FILE", "/no/such/file")]);
        let refused = missing.settings().unwrap_err();
        assert!(
            refused.contains("ROCKET_PORT_FILE names /no/such/file"),
            "{refused}"
        );
    }
}

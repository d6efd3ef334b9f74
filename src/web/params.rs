//! The domain's keys as Rocket path parameters: the rules of what a key, a secret or
//! a stats token may look like live in `domain`; this is only how Rocket asks for them.
//! A segment that cannot be one is a link that does not exist (404), never a 422.

use rocket::request::FromParam;

use crate::domain::keys::{SecretKey, ShortKey, StatsToken};
use crate::error::Error;

impl<'a> FromParam<'a> for ShortKey {
    type Error = Error;

    fn from_param(param: &'a str) -> Result<Self, Self::Error> {
        ShortKey::from_path(param)
    }
}

impl<'a> FromParam<'a> for SecretKey {
    type Error = Error;

    fn from_param(param: &'a str) -> Result<Self, Self::Error> {
        SecretKey::from_path(param)
    }
}

impl<'a> FromParam<'a> for StatsToken {
    type Error = Error;

    fn from_param(param: &'a str) -> Result<Self, Self::Error> {
        StatsToken::from_path(param)
    }
}

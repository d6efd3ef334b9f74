//! A text field a form may give once. Rocket's `Option<String>` reads a field given
//! twice as absent, silently; this refuses it (422 beside the field), as a JSON body
//! with the key twice is refused.

use std::ops::Deref;

use rocket::form::{self, DataField, FromForm, FromFormField, Options, ValueField};
use serde::Deserialize;

/// An optional text field, refused when given more than once.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Single(pub Option<String>);

impl Single {
    /// The text, or empty when absent.
    pub fn unwrap_or_default(self) -> String {
        self.0.unwrap_or_default()
    }
}

impl Deref for Single {
    type Target = Option<String>;

    fn deref(&self) -> &Option<String> {
        &self.0
    }
}

impl From<Option<String>> for Single {
    fn from(value: Option<String>) -> Self {
        Single(value)
    }
}

/// The first value read, and how many were given.
pub struct Context<'v> {
    first: Option<form::Result<'v, String>>,
    given: usize,
}

#[rocket::async_trait]
impl<'v> FromForm<'v> for Single {
    type Context = Context<'v>;

    fn init(_: Options) -> Context<'v> {
        Context {
            first: None,
            given: 0,
        }
    }

    fn push_value(ctxt: &mut Context<'v>, field: ValueField<'v>) {
        ctxt.given += 1;
        if ctxt.first.is_none() {
            ctxt.first = Some(String::from_value(field));
        }
    }

    async fn push_data(ctxt: &mut Context<'v>, field: DataField<'v, '_>) {
        ctxt.given += 1;
        if ctxt.first.is_none() {
            ctxt.first = Some(String::from_data(field).await);
        }
    }

    fn finalize(ctxt: Context<'v>) -> form::Result<'v, Self> {
        if ctxt.given > 1 {
            return Err(form::Error::validation("given more than once").into());
        }
        ctxt.first.transpose().map(Single)
    }
}

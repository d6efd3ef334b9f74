//! Values valid by construction: once one exists, the rest of the app need not check
//! it again. Each is parsed at the edge (a path segment, a form field, a header).

pub mod annotation;
pub mod clock;
pub mod collection;
pub mod every;
pub mod hosts;
pub mod keys;
pub mod password;
pub mod preview;
pub mod query;
pub mod report;
pub mod seal;
pub mod secrets;
pub mod smart;
pub mod target;
pub mod visit;
pub mod window;

//! Hooks the components share: behaviour of the page that is not one component's markup.

pub mod checker;
pub mod deferred;
pub mod edits;
pub mod frame;
pub mod link_view;
pub mod page_keys;
pub mod pan_zoom;
pub mod sets_questions;
pub mod stepper;
pub mod theme;
pub mod tlc_export;

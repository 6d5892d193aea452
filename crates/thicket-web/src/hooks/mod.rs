//! Hooks the components share: behaviour of the page that is not one component's markup.

pub mod deferred;
pub mod frame;
pub mod pan_zoom;

//! The page's components, one per file.

pub mod diagnostics;
pub mod editor;
pub mod header;
pub mod notice;
pub mod sets_view;
pub mod share_menu;
pub mod shortcuts;
pub mod squiggle;
pub mod state_panel;
pub mod stepper;
pub mod summary;
pub mod theme_toggle;
pub mod toolbar;
pub mod tree;

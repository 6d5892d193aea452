//! The page's components, one per file (a big one a folder of its children). They get what
//! they show as props from `app` and act through callbacks made by the hooks (`crate::hooks`;
//! `use_checker` owns the worker): no component talks to the worker itself.

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
pub mod tabs;
pub mod theme_toggle;
pub mod toolbar;
pub mod tree;

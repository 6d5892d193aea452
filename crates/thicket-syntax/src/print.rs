//! The printer: AST → text (placeholder).

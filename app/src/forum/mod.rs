//! Forum logic both builds need: @mention handles (the server links them,
//! the browser completes them as the user types).

pub mod mention;

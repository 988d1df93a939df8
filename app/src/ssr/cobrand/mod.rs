//! Server side of co-branding: compiling uploaded templates (sanitising
//! SVG), exporting PNG and PDF, and rendering MJML email.

pub mod compile;
pub mod email;
pub mod export;
#[cfg(test)]
mod hostile;

//! The version of the browser's files (code, wasm, styles), part of their
//! URLs (`?v=`), so the browser and the service worker may keep them for
//! good: a new build has new URLs. Read once at start from the files
//! themselves, so it changes exactly when they do.

use std::hash::{DefaultHasher, Hasher};
use std::path::Path;
use std::sync::OnceLock;

static VERSION: OnceLock<String> = OnceLock::new();

/// Hashes the site's `pkg` files; the first call wins (tests build many
/// routers in one process from the same files).
pub fn init(pkg_dir: &Path) {
    VERSION.get_or_init(|| {
        let mut files: Vec<_> = std::fs::read_dir(pkg_dir)
            .map(|dir| {
                dir.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.is_file())
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        let mut hasher = DefaultHasher::new();
        for file in files {
            hasher.write(file.file_name().unwrap_or_default().as_encoded_bytes());
            hasher.write(&std::fs::read(&file).unwrap_or_default());
        }
        format!("{:016x}", hasher.finish())
    });
}

/// The version, or "0" before [`init`] (a build without browser files).
pub fn version() -> &'static str {
    VERSION.get().map_or("0", String::as_str)
}

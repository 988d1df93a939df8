//! The durable job queue's states.

use serde::{Deserialize, Serialize};

string_enum!(
    /// Where a queued job stands.
    JobStatus {
        Queued => ("queued", "Queued"),
        Running => ("running", "Running"),
        Done => ("done", "Done"),
        Failed => ("failed", "Failed"),
    }
);

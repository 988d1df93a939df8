//! The durable job queue's states.

use serde::{Deserialize, Serialize};

string_enum!(
    /// Where a queued job stands.
    JobStatus in job_status {
        Queued => ("queued", queued),
        Running => ("running", running),
        Done => ("done", done),
        Failed => ("failed", failed),
    }
);

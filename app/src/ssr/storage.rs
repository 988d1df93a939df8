//! Uploaded files behind the `object_store` crate: a local directory by
//! default; an S3-compatible store slots in behind the same type.

use crate::error::{AppError, AppResult};
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use std::sync::Arc;

#[derive(Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
}

fn failed(err: object_store::Error) -> AppError {
    match err {
        object_store::Error::NotFound { .. } => AppError::NotFound,
        other => {
            tracing::error!(error = %other, "object store");
            AppError::Unavailable
        }
    }
}

impl Storage {
    /// The configured store: the S3-compatible bucket when set, else a local
    /// directory.
    pub fn from_config(config: &super::config::Config) -> Result<Self, String> {
        match &config.s3 {
            Some(s3) => Self::s3(s3),
            None => Self::local(&config.files_dir()),
        }
    }

    pub fn s3(s3: &super::config::S3Config) -> Result<Self, String> {
        let mut builder = object_store::aws::AmazonS3Builder::from_env()
            .with_bucket_name(&s3.bucket)
            .with_region(&s3.region)
            .with_allow_http(s3.allow_http);
        if let Some(endpoint) = &s3.endpoint {
            // S3-compatible services address buckets by path, not by host.
            builder = builder
                .with_endpoint(endpoint)
                .with_virtual_hosted_style_request(false);
        }
        let store = builder
            .build()
            .map_err(|e| format!("S3 bucket {}: {e}", s3.bucket))?;
        Ok(Self {
            store: Arc::new(store),
        })
    }

    pub fn local(dir: &std::path::Path) -> Result<Self, String> {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let store = LocalFileSystem::new_with_prefix(dir)
            .map_err(|e| format!("file store {}: {e}", dir.display()))?;
        Ok(Self {
            store: Arc::new(store),
        })
    }

    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> AppResult<()> {
        self.store
            .put(&Path::from(key), PutPayload::from(bytes))
            .await
            .map(|_| ())
            .map_err(failed)
    }

    pub async fn get(&self, key: &str) -> AppResult<Vec<u8>> {
        let result = self.store.get(&Path::from(key)).await.map_err(failed)?;
        result.bytes().await.map(|b| b.to_vec()).map_err(failed)
    }

    /// Deletes, ignoring an already missing object.
    pub async fn delete(&self, key: &str) -> AppResult<()> {
        match self.store.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(failed(e)),
        }
    }
}

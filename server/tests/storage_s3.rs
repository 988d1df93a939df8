//! Uploads kept in an S3-compatible bucket, against a local S3 service
//! (moto's server, from PyPI) started by the test on loopback. Skipped, with
//! a message, where `moto_server` is not installed.

// A test's unwrap is its assertion: a failure names the line.
#![allow(clippy::unwrap_used)]

mod common;

use app::ssr::config::S3Config;
use app::ssr::storage::Storage;
use axum::http::StatusCode;
use common::{TestApp, HOST_A};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Moto {
    child: Child,
    port: u16,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_moto() -> Option<Moto> {
    let port = TcpListener::bind("127.0.0.1:0")
        .ok()?
        .local_addr()
        .ok()?
        .port();
    let child = Command::new("moto_server")
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let moto = Moto { child, port };
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some(moto);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

/// Creates a bucket with a plain HTTP PUT (the local service accepts it).
fn create_bucket(port: u16, bucket: &str) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "PUT /{bucket} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

fn config(port: u16, bucket: &str) -> S3Config {
    // The local service accepts any credentials.
    std::env::set_var("AWS_ACCESS_KEY_ID", "prm-test");
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "prm-test");
    S3Config {
        bucket: bucket.into(),
        region: "us-east-1".into(),
        endpoint: Some(format!("http://127.0.0.1:{port}")),
        allow_http: true,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_round_trip_through_an_s3_compatible_bucket() {
    let Some(moto) = start_moto() else {
        eprintln!("moto_server not installed: S3 storage test skipped");
        return;
    };
    create_bucket(moto.port, "prm-files");
    let s3 = config(moto.port, "prm-files");

    let storage = Storage::s3(&s3).unwrap();
    storage
        .put("tenants/1/probe.txt", b"hello".to_vec())
        .await
        .unwrap();
    assert_eq!(storage.get("tenants/1/probe.txt").await.unwrap(), b"hello");
    storage.delete("tenants/1/probe.txt").await.unwrap();
    assert!(storage.get("tenants/1/probe.txt").await.is_err());
    storage.delete("tenants/1/probe.txt").await.unwrap();

    // The whole app on the bucket: a partner logo goes up, is served, goes away.
    let app = TestApp::with_s3(s3).await;
    let olivia = app.sign_in(HOST_A, "olivia@northwind.example").await;
    let northwind = {
        use app::ssr::entities::organization;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        organization::Entity::find()
            .filter(organization::Column::Name.eq("Northwind Systems"))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let png: Vec<u8> = png.to_vec();
    let boundary = "----prms3";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo.png\"\r\nContent-Type: image/png\r\n\r\n").into_bytes();
    body.extend_from_slice(&png);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = axum::http::Request::post(format!("/partners/{northwind}/logo"))
        .header("host", HOST_A)
        .header("origin", format!("http://{HOST_A}"))
        .header("cookie", &olivia)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(axum::body::Body::from(body))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(
        res.location().as_deref(),
        Some(&*format!("/partners/{northwind}?saved=logo"))
    );
    assert!(
        !app.data_dir.join("files").join("tenants").exists(),
        "nothing on local disk"
    );
    let served = app
        .get(HOST_A, &format!("/media/logos/{northwind}"), Some(&olivia))
        .await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.headers["content-type"], "image/png");
    assert!(served.body.contains("IHDR"), "the stored bytes come back");
}

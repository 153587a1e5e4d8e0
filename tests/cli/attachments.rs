//! attach, detach and extract: bytes in, the same bytes out.

use sha2::{Digest, Sha256};

use crate::{TestEnv, read_bytes};

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn empty_and_oddly_named_files_round_trip() {
    let env = TestEnv::new();
    let id = env.add(&["evidence", "Observation"]).to_string();
    let empty = env.path("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let photo = env.path("Zdjęcie oddziału.png");
    std::fs::write(&photo, [0x89, b'P', b'N', b'G', 0, 1, 2, 255]).unwrap();
    let mut files = vec![empty.clone(), photo.clone()];
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let odd = env.dir.path().join(std::ffi::OsStr::from_bytes(b"notes-\xff\xfe.txt"));
        std::fs::write(&odd, b"latin-1 name").unwrap();
        files.push(odd);
    }
    // Pass the real paths (one not UTF-8), not their lossy strings.
    env.folio().arg("attach").arg(&id).args(&files).assert().success();

    let entry = env.json(&["show", &id, "--json"]);
    let stored = entry["attachments"].as_array().unwrap();
    assert_eq!(stored.len(), files.len());
    assert_eq!(stored[0]["size"], 0);
    assert_eq!(stored[1]["media_type"], "image/png");

    env.ok(&["extract", &id, "--out", "out"]);
    for (file, attachment) in files.iter().zip(stored) {
        let name = attachment["name"].as_str().unwrap();
        let written = read_bytes(&env.path("out").join(name));
        assert_eq!(sha(&written), sha(&read_bytes(file)));
        assert_eq!(attachment["sha256"], sha(&written));
    }
    let stderr = env.fails(&["extract", &id, "--out", "out"], 1);
    assert!(stderr.contains("already exists") && stderr.contains("--force"), "{stderr}");
    env.ok(&["extract", &id, "--out", "out", "--force"]);
}

#[test]
fn identical_bytes_are_stored_once_and_detach_frees_them() {
    let env = TestEnv::new();
    let a = env.add(&["evidence", "A"]).to_string();
    let b = env.add(&["evidence", "B"]).to_string();
    std::fs::write(env.path("cert.pdf"), b"%PDF-1.7 same bytes").unwrap();
    std::fs::write(env.path("copy.pdf"), b"%PDF-1.7 same bytes").unwrap();
    env.ok(&["attach", &a, "cert.pdf"]);
    env.ok(&["attach", &b, "copy.pdf"]);
    let blobs = || -> i64 {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.query_row("SELECT count(*) FROM blobs", [], |r| r.get(0)).unwrap()
    };
    assert_eq!(blobs(), 1);
    let stderr = env.fails(&["attach", &a, "cert.pdf"], 1);
    assert!(stderr.contains("already has an attachment named 'cert.pdf'"), "{stderr}");
    env.ok(&["detach", &a, "cert.pdf"]);
    assert_eq!(blobs(), 1);
    env.ok(&["detach", &b, "copy.pdf"]);
    assert_eq!(blobs(), 0);
    let stderr = env.fails(&["detach", &b, "copy.pdf"], 1);
    assert!(stderr.contains("no attachment named 'copy.pdf'"), "{stderr}");
}

#[test]
fn a_missing_file_stores_nothing() {
    let env = TestEnv::new();
    let id = env.add(&["evidence", "A"]).to_string();
    std::fs::write(env.path("real.txt"), b"real").unwrap();
    let before = env.db_bytes();
    let stderr = env.fails(&["attach", &id, "real.txt", "missing.txt"], 1);
    assert!(stderr.contains("cannot read attachment 'missing.txt'"), "{stderr}");
    env.fails(&["attach", "99", "real.txt"], 1);
    env.fails(&["attach", &id, "."], 1);
    assert_eq!(env.db_bytes(), before);
}

#[test]
fn stored_names_cannot_escape_the_output_folder() {
    let env = TestEnv::new();
    let id = env.add(&["evidence", "A"]).to_string();
    std::fs::write(env.path("x.txt"), b"x").unwrap();
    env.ok(&["attach", &id, "x.txt"]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute("UPDATE attachments SET name = '../../escaped.txt'", []).unwrap();
    drop(conn);
    env.ok(&["extract", &id, "--out", "out"]);
    assert!(env.path("out/_.._escaped.txt").exists());
    assert!(!env.path("escaped.txt").exists());
}

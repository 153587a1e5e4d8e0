//! Where the kernel keyring cannot be used (a container that forbids it):
//! a small agent, `folio agent`, started by `folio unlock`, keeps the keys
//! in its memory and answers on a Unix socket only its owner can open
//! (0600, in a 0700 folder under `$XDG_RUNTIME_DIR`, else in the temporary
//! folder). Its keys are in locked memory ([`LockedStore`]), and it is not
//! dumpable (no core file, no ptrace by the user's other processes). It
//! forgets each key at its time and exits when it holds none,
//! or on `folio lock` of the last one. Nothing is written to disk but the
//! socket. One request per connection, one JSON line each way.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::locked_store::LockedStore;

/// What a client asks.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Request {
    Put { description: String, payload: String, seconds: u64 },
    Get { description: String },
    Forget { description: String },
    All { prefix: String },
}

/// What the agent answers.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Reply {
    #[serde(default)]
    ok: bool,
    #[serde(default)]
    payloads: Vec<String>,
}

/// The folder the socket lives in: the user's runtime folder, else one of
/// folio's own in the temporary folder, made 0700 and checked to be ours.
fn folder() -> Result<PathBuf, String> {
    let base = std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty()).map(PathBuf::from);
    let uid = std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(0);
    let dir = match base {
        Some(base) => base.join("folio"),
        None => std::env::temp_dir().join(format!("folio-agent-{uid}")),
    };
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))
        .map_err(|e| format!("cannot protect {}: {e}", dir.display()))?;
    let meta = std::fs::metadata(&dir).map_err(|e| e.to_string())?;
    if meta.uid() != uid || meta.mode() & 0o077 != 0 {
        return Err(format!("{} is not yours alone; the agent is not started there", dir.display()));
    }
    Ok(dir)
}

pub fn socket() -> Result<PathBuf, String> {
    Ok(folder()?.join("agent.sock"))
}

fn ask(request: &Request) -> Result<Reply, String> {
    let path = socket()?;
    let mut stream = UnixStream::connect(&path).map_err(|e| format!("no agent ({e})"))?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).map_err(|e| e.to_string())?;
    let mut line = serde_json::to_string(request).map_err(|e| e.to_string())?;
    line.push('\n');
    stream.write_all(line.as_bytes()).map_err(|e| e.to_string())?;
    let mut answer = String::new();
    BufReader::new(stream).read_line(&mut answer).map_err(|e| e.to_string())?;
    serde_json::from_str(&answer).map_err(|e| format!("the agent answered nonsense ({e})"))
}

/// Keeps a key in the agent, starting it when none answers.
pub fn put(description: &str, payload: &[u8], ttl: Duration) -> Result<(), String> {
    let request = Request::Put {
        description: description.to_string(),
        payload: String::from_utf8_lossy(payload).into_owned(),
        seconds: ttl.as_secs().max(1),
    };
    if ask(&request).is_err() {
        start()?;
    }
    match ask(&request)? {
        Reply { ok: true, .. } => Ok(()),
        _ => Err("the agent did not keep the key".into()),
    }
}

pub fn get(description: &str) -> Option<Vec<u8>> {
    let reply = ask(&Request::Get { description: description.to_string() }).ok()?;
    reply.payloads.into_iter().next().map(String::into_bytes)
}

pub fn forget(description: &str) -> bool {
    ask(&Request::Forget { description: description.to_string() }).is_ok_and(|r| r.ok)
}

pub fn all(prefix: &str) -> Vec<Vec<u8>> {
    ask(&Request::All { prefix: prefix.to_string() })
        .map(|r| r.payloads.into_iter().map(String::into_bytes).collect())
        .unwrap_or_default()
}

/// Starts `folio agent` in the background and waits until it answers.
fn start() -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    std::process::Command::new(exe)
        .arg("agent")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the agent: {e}"))?;
    let path = socket()?;
    for _ in 0..100 {
        if UnixStream::connect(&path).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Err("the agent did not start".into())
}

/// Runs the agent until it holds no key (the first one comes within 10 s).
pub fn serve() -> Result<(), String> {
    let path = socket()?;
    if UnixStream::connect(&path).is_ok() {
        return Ok(()); // One is running already.
    }
    let _ = std::fs::remove_file(&path);
    let listener =
        UnixListener::bind(&path).map_err(|e| format!("cannot listen on {}: {e}", path.display()))?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).map_err(|e| e.to_string())?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    // No core dump of the agent, and no other process of the user may read
    // its memory (ptrace); then its keys go into locked memory.
    let _ = rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
    let mut keys = LockedStore::new();
    let started = Instant::now();
    loop {
        let now = Instant::now();
        keys.expire(now);
        if keys.is_empty() && now.duration_since(started) > Duration::from_secs(10) {
            break;
        }
        match listener.accept() {
            Ok((stream, _)) => {
                let _ = answer(stream, &mut keys);
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(50))
            }
            Err(_) => break,
        }
    }
    let _ = std::fs::remove_file(&path);
    Ok(())
}

/// Answers one request. Every copy of a key made on the way (the request
/// line, the parsed request, the reply) is zeroed before it is dropped.
fn answer(stream: UnixStream, keys: &mut LockedStore) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    let mut line = String::new();
    let read = BufReader::new(&stream).read_line(&mut line);
    let request = serde_json::from_str::<Request>(&line);
    line.zeroize();
    read?;
    let now = Instant::now();
    let mut reply = match request {
        Ok(Request::Put { description, mut payload, seconds }) => {
            let kept = keys.put(&description, payload.as_bytes(), now + Duration::from_secs(seconds));
            payload.zeroize();
            Reply { ok: kept.is_ok(), payloads: Vec::new() }
        }
        Ok(Request::Get { description }) => {
            let found: Vec<String> = keys.get(&description, now).map(text).into_iter().collect();
            Reply { ok: !found.is_empty(), payloads: found }
        }
        Ok(Request::Forget { description }) => Reply { ok: keys.forget(&description), payloads: Vec::new() },
        Ok(Request::All { prefix }) => {
            Reply { ok: true, payloads: keys.all(&prefix, now).into_iter().map(text).collect() }
        }
        Err(_) => Reply::default(),
    };
    let mut out = serde_json::to_string(&reply).unwrap_or_default();
    reply.payloads.zeroize();
    out.push('\n');
    let written = (&stream).write_all(out.as_bytes());
    out.zeroize();
    written
}

fn text(payload: &[u8]) -> String {
    String::from_utf8_lossy(payload).into_owned()
}

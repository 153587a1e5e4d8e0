//! The crash test: `import` and `attach` killed with SIGKILL at random
//! moments. After every kill the portfolio passes `folio check` and holds
//! exactly the state before the command or exactly the state after it.
//!
//! Ignored by default (it runs folio hundreds of times); `.ci/run` runs it
//! with `FOLIO_CRASH_RUNS=50`, and by hand:
//!
//!     FOLIO_CRASH_RUNS=1000 cargo test --release --test cli crash -- --ignored --nocapture

use std::time::{Duration, Instant};

use crate::TestEnv;

fn runs() -> usize {
    std::env::var("FOLIO_CRASH_RUNS").ok().and_then(|n| n.parse().ok()).unwrap_or(50)
}

/// A small random number generator (xorshift), seeded from the clock.
struct Rng(u64);

impl Rng {
    fn new() -> Self {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        Rng(nanos as u64 | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// A folio document of `entries` entries, each with a file of `file_bytes`.
fn document(entries: usize, file_bytes: usize) -> String {
    use base64::Engine as _;
    let items: Vec<serde_json::Value> = (0..entries)
        .map(|n| {
            let bytes: Vec<u8> = (0..file_bytes).map(|i| ((i * 31 + n * 7) % 251) as u8).collect();
            let sha = folio::db::attachments::sha256_hex(&bytes);
            serde_json::json!({
                "uuid": format!("00000000-0000-4000-8000-{n:012}"),
                "kind": "evidence", "title": format!("Evidence {n}"), "date": "2025-03",
                "body": "observed practice ".repeat(40), "tags": ["crash"],
                "attachments": [{"name": format!("scan-{n}.bin"), "media_type": "application/octet-stream",
                    "size": bytes.len(), "sha256": sha,
                    "data": base64::engine::general_purpose::STANDARD.encode(&bytes)}],
                "created_at": "2025-03-01T10:00:00Z", "updated_at": "2025-03-01T10:00:00Z"
            })
        })
        .collect();
    serde_json::json!({"format": "folio-portfolio", "version": 1, "entries": items}).to_string()
}

/// Everything the portfolio holds, in the folio document's stable form.
/// Everything the portfolio holds, less the outbox (each export adds its own line).
fn state(env: &TestEnv) -> String {
    crate::without_outbox(&env.ok(&["export", "json", "--include-private"])).to_string()
}

/// Runs `args` to completion once to learn the state after it and how long it takes.
fn baseline(env: &TestEnv, args: &[&str]) -> (String, Duration) {
    let started = Instant::now();
    env.ok(args);
    (state(env), started.elapsed())
}

/// Starts `args` and kills it (SIGKILL) after a random time up to `within`;
/// then the portfolio must pass `folio check`. Returns whether the command
/// had finished before the kill.
fn kill_midway(env: &TestEnv, args: &[&str], within: Duration, rng: &mut Rng) -> bool {
    let mut child = env
        .std_command()
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_micros(rng.below(within.as_micros() as u64)));
    let finished = child.try_wait().unwrap().is_some();
    let _ = child.kill();
    let _ = child.wait();
    env.ok(&["check"]);
    finished
}

#[test]
#[ignore = "runs folio hundreds of times; .ci/run runs it with FOLIO_CRASH_RUNS=50"]
fn killed_imports_and_attaches_leave_the_before_or_the_after_state() {
    let template = TestEnv::new();
    template.add(&["role", "Already here", "--body", "kept through every crash"]);
    std::fs::write(template.path("doc.json"), document(120, 12_000)).unwrap();
    let big: Vec<u8> = (0..3_000_000u32).map(|i| (i % 253) as u8).collect();
    std::fs::write(template.path("big.bin"), &big).unwrap();
    let before = state(&template);
    let fresh = || {
        let env = TestEnv::new();
        std::fs::copy(template.db(), env.db()).unwrap();
        for file in ["doc.json", "big.bin"] {
            std::fs::copy(template.path(file), env.path(file)).unwrap();
        }
        env
    };
    let probe = fresh();
    let (after_import, import_time) = baseline(&probe, &["import", "doc.json"]);
    let mut rng = Rng::new();
    let (mut killed, mut finished) = (0, 0);
    for run in 0..runs() {
        let env = fresh();
        let done = if run % 2 == 0 {
            let done = kill_midway(&env, &["import", "doc.json"], import_time, &mut rng);
            let now = state(&env);
            assert!(
                now == before || now == after_import,
                "run {run}: neither the before nor the after state"
            );
            done
        } else {
            // attach stamps the entry with the time, so its after-state is known only once it ran:
            // accept the before state, or one where entry 1 holds the whole file (check verified it).
            let done = kill_midway(&env, &["attach", "1", "big.bin"], import_time, &mut rng);
            if state(&env) != before {
                let entry: folio::model::Entry =
                    serde_json::from_str(&env.ok(&["show", "1", "--json"])).unwrap();
                assert_eq!(entry.attachments.len(), 1, "run {run}: neither before nor after");
                assert_eq!(entry.attachments[0].size, big.len() as i64);
            }
            done
        };
        if done { finished += 1 } else { killed += 1 }
    }
    eprintln!(
        "crash test: {} runs, {killed} killed mid-command, {finished} finished first, 0 failures",
        runs()
    );
}

/// Everything a copy holds that a sync merges, and its open conflicts (by
/// record and field: each sync that finds one stamps it with its own time).
fn synced_state(env: &TestEnv, db: &str) -> (String, Vec<String>) {
    let mut records = env.json(&["--db", db, "export", "json", "--include-private"]);
    records.as_object_mut().unwrap().remove("conflicts");
    // Each export adds its own outbox line.
    records.as_object_mut().unwrap().remove("outbox");
    let records = records.to_string();
    let conflicts = env.json(&["--db", db, "conflicts", "--json"]);
    let mut fields: Vec<String> = conflicts
        .as_array()
        .unwrap()
        .iter()
        .map(|c| format!("{} {}", c["record"].as_str().unwrap(), c["field"].as_str().unwrap()))
        .collect();
    fields.sort();
    (records, fields)
}

#[test]
#[ignore = "runs folio hundreds of times; .ci/run runs it with FOLIO_CRASH_RUNS=50"]
fn killed_syncs_and_resolves_leave_each_copy_whole_and_a_rerun_converges() {
    // A portfolio and its backup, each edited since: fields on one side, fields on both, the trash.
    let template = TestEnv::new();
    std::fs::write(template.path("doc.json"), document(150, 2_000)).unwrap();
    template.ok(&["import", "doc.json"]);
    template.ok(&["backup", "b.db"]);
    for n in 1..=30 {
        let id = n.to_string();
        template.ok(&["edit", &id, "--title", &format!("Retitled here {n}")]);
        template.ok(&["--db", "b.db", "edit", &id, "--body", &format!("Written there {n}")]);
        if n % 5 == 0 {
            template.ok(&["--db", "b.db", "edit", &id, "--title", &format!("Retitled there {n}")]);
        }
    }
    template.ok(&["rm", "40", "41"]);
    let fresh = || {
        let env = TestEnv::new();
        for file in ["portfolio.db", "b.db"] {
            std::fs::copy(template.path(file), env.path(file)).unwrap();
        }
        env
    };
    let (a_before, b_before) = (synced_state(&template, "portfolio.db"), synced_state(&template, "b.db"));
    let probe = fresh();
    let started = Instant::now();
    probe.ok(&["sync", "b.db"]);
    let sync_time = started.elapsed();
    let after = synced_state(&probe, "portfolio.db");
    assert_eq!(synced_state(&probe, "b.db"), after);
    assert_eq!(after.1.len(), 6, "six titles changed on both copies: {:?}", after.1);
    // Settling one: the state after it.
    let started = Instant::now();
    probe.ok(&["conflicts", "resolve", "1", "--take", "there"]);
    let resolve_time = started.elapsed();
    let settled = synced_state(&probe, "portfolio.db");

    let mut rng = Rng::new();
    let (mut killed, mut finished, mut halfway) = (0, 0, 0);
    for run in 0..runs() {
        let env = fresh();
        let done = kill_midway(&env, &["sync", "b.db"], sync_time, &mut rng);
        env.ok(&["--db", "b.db", "check"]);
        let (a, b) = (synced_state(&env, "portfolio.db"), synced_state(&env, "b.db"));
        assert!(a == a_before || a == after, "run {run}: this copy is neither before nor after");
        assert!(b == b_before || b == after, "run {run}: the other copy is neither before nor after");
        if (a == after) != (b == after) {
            halfway += 1;
        }
        // Run again to the end: both copies end as one uninterrupted sync leaves them.
        env.ok(&["sync", "b.db"]);
        assert_eq!(synced_state(&env, "portfolio.db"), after, "run {run}: a rerun did not converge here");
        assert_eq!(synced_state(&env, "b.db"), after, "run {run}: a rerun did not converge there");
        // And a settlement killed midway: the before or the after state, and a rerun settles it.
        let resolved =
            kill_midway(&env, &["conflicts", "resolve", "1", "--take", "there"], resolve_time, &mut rng);
        let now = synced_state(&env, "portfolio.db");
        assert!(now == after || now == settled, "run {run}: a settlement half done");
        if now == after {
            env.ok(&["conflicts", "resolve", "1", "--take", "there"]);
        }
        assert_eq!(synced_state(&env, "portfolio.db"), settled);
        if done && resolved { finished += 1 } else { killed += 1 }
    }
    eprintln!(
        "sync crash test: {} runs, {killed} with a command killed midway ({halfway} syncs between the two commits), \
         {finished} finished first, 0 failures",
        runs()
    );
}

/// The files in a folder folio names its temporary files in.
fn litter(dir: &std::path::Path) -> Vec<String> {
    let prefixes = [".folio-copy-", ".folio-backup-", ".folio-writing-", "folio-sealed-", "folio-share-"];
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| prefixes.iter().any(|p| n.starts_with(p)))
                .collect()
        })
        .unwrap_or_default()
}

/// Every file under `dir` whose bytes hold `marker`.
fn holding(dir: &std::path::Path, marker: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read(&path).is_ok_and(|bytes| bytes.windows(marker.len()).any(|w| w == marker))
            {
                found.push(
                    path.strip_prefix(&dir)
                        .map_or_else(|_| path.display().to_string(), |p| p.display().to_string()),
                );
            }
        }
    }
    found
}

/// Commands killed while they hold a decrypted copy or write one — a command on an
/// age-encrypted review file, decrypt, encrypt, an export with private entries — leave no
/// temporary file once the next folio command has run in that folder, and a sealed review
/// file's content never reaches a file in plaintext at all (its working copy is encrypted).
#[test]
#[ignore = "runs folio hundreds of times; .ci/run runs it with FOLIO_CRASH_RUNS=50"]
fn killed_commands_leave_no_plaintext_and_no_litter() {
    const MARKER: &str = "okapi-zebra-private";
    let template = TestEnv::new();
    std::fs::write(template.path("doc.json"), document(60, 4_000)).unwrap();
    template.ok(&["import", "doc.json"]);
    template.add(&["reflection", "Private thoughts", "--body", MARKER, "--private"]);
    // In the review file too: its decrypted content must never reach a file.
    const SHARED: &str = "okapi-zebra-shared";
    template.add(&["reflection", "For review", "--body", SHARED]);
    std::fs::write(template.path("pass"), "correct horse\n").unwrap();
    let with_pass = |env: &TestEnv, tmp: &std::path::Path, args: &[&str]| {
        let mut cmd = env.std_command();
        cmd.env("FOLIO_PASSPHRASE_FILE", env.path("pass")).env("TMPDIR", tmp).args(args);
        cmd
    };
    let tmp = template.path("tmp");
    std::fs::create_dir(&tmp).unwrap();
    // A review file sealed with the passphrase, and an encrypted copy of the portfolio.
    let status = with_pass(
        &template,
        &tmp,
        &["share", "--for", "Dr Okubo", "--out", "review.age", "--passphrase", "--include-private"],
    )
    .output()
    .unwrap();
    if !status.status.success() {
        // Private entries are never shared: seal the ordinary review file instead.
        let out = with_pass(
            &template,
            &tmp,
            &["share", "--for", "Dr Okubo", "--out", "review.age", "--passphrase"],
        )
        .output()
        .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    std::fs::copy(template.db(), template.path("secret.db")).unwrap();
    let out = with_pass(&template, &tmp, &["--db", "secret.db", "encrypt"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let commands: [&[&str]; 4] = [
        &["--db", "review.age", "list", "--json"],
        &["--db", "secret.db", "decrypt", "--out", "plain.db"],
        &["encrypt"],
        &["export", "json", "--include-private", "--out", "all.json"],
    ];
    let mut rng = Rng::new();
    let (mut killed, mut finished) = (0, 0);
    for run in 0..runs() {
        let env = TestEnv::new();
        for file in ["portfolio.db", "pass", "review.age", "secret.db"] {
            std::fs::copy(template.path(file), env.path(file)).unwrap();
        }
        let tmp = env.path("tmp");
        std::fs::create_dir(&tmp).unwrap();
        let args = commands[run % commands.len()];
        let mut probe = with_pass(&env, &tmp, args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(400_000)));
        let done = probe.try_wait().unwrap().is_some();
        let _ = probe.kill();
        let _ = probe.wait();
        if done {
            finished += 1
        } else {
            killed += 1
        }
        // What the sealed review file holds is nowhere in plaintext, even before any sweep
        // (decrypt writes plaintext by design: its half-written copy is swept below).
        let plaintext_wanted = args.contains(&"decrypt");
        for file in holding(env.dir.path(), SHARED.as_bytes()).into_iter().filter(|_| !plaintext_wanted) {
            // The text is in the plain portfolio too: an export of it killed mid-write
            // leaves its half-written output, which the next command sweeps (checked below).
            let half_export = args.contains(&"export") && file.starts_with(".folio-writing-");
            let allowed = file == "portfolio.db"
                || file.starts_with("portfolio.db-")
                || file == "all.json"
                || file == "plain.db"
                || half_export;
            assert!(allowed, "run {run} {args:?}: the review file's text in {file}");
        }
        // The next folio command in that folder (with the same temporary folder) sweeps.
        let next = with_pass(&env, &tmp, &["list"]).output().unwrap();
        let said = String::from_utf8_lossy(&next.stderr);
        assert!(
            litter(env.dir.path()).is_empty(),
            "run {run} {args:?}: left {:?} ({said})",
            litter(env.dir.path())
        );
        assert!(litter(&tmp).is_empty(), "run {run} {args:?}: left {:?} in TMPDIR", litter(&tmp));
        // Plaintext only where it belongs: the plain portfolio, and the outputs asked for
        // (which appear under their names only whole).
        for file in holding(env.dir.path(), MARKER.as_bytes()) {
            let allowed = file == "portfolio.db"
                || file.starts_with("portfolio.db-")
                || file == "plain.db"
                || file == "all.json";
            assert!(allowed, "run {run} {args:?}: plaintext in {file}");
        }
    }
    eprintln!("leak test: {} runs, {killed} killed mid-command, {finished} finished first, 0 leaks", runs());
}

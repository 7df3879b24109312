//! A PostgreSQL cluster of a test's own (initdb and pg_ctl in a temporary folder, run as
//! `postgres` when the tests run as root), for tests that stop the server or need a replica.

use crate::harness::present;
use std::path::PathBuf;
use std::process::Command;

/// A PostgreSQL cluster of the test's own, in a temporary folder, on a free port.
pub(crate) struct Cluster {
    _dir: tempfile::TempDir,
    data: PathBuf,
    bin: PathBuf,
    pub(crate) port: u16,
}

/// The folder of PostgreSQL's server programs (`initdb`, `pg_ctl`), if installed.
fn server_bin() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| Some(entry.ok()?.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists() && bin.join("pg_ctl").exists())
        .collect();
    found.sort();
    found.pop()
}

/// Whether this process runs as root, which PostgreSQL's programs refuse to run as.
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl Cluster {
    /// A cluster not created yet: a folder PostgreSQL's programs may write (owned by
    /// `postgres` when we are root) and a free port.
    fn empty(bin: PathBuf, prefix: &str) -> Cluster {
        let dir = tempfile::Builder::new().prefix(prefix).tempdir().unwrap();
        if is_root() {
            let owned = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(owned.success(), "chown of the cluster folder failed");
        }
        Cluster {
            data: dir.path().join("cluster"),
            _dir: dir,
            bin,
            port: crate::harness::free_port(),
        }
    }

    /// Creates and starts a cluster, or says why it cannot (and fails under `CI=true`).
    pub(crate) fn start_new() -> Option<Cluster> {
        let bin = server_bin();
        if !present(
            bin.is_some(),
            "PostgreSQL's server programs (initdb, pg_ctl) are required under CI=true",
            "PostgreSQL's initdb and pg_ctl not found: this test did not run",
        ) {
            return None;
        }
        let cluster = Cluster::empty(bin?, "minbar-pg-");
        cluster.pg(&[
            "initdb",
            "-D",
            &cluster.data.to_string_lossy(),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
        ]);
        cluster.start();
        Some(cluster)
    }

    /// One of PostgreSQL's programs, run as the `postgres` user when we are root.
    fn command(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        if is_root() {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        }
    }

    /// Runs one of PostgreSQL's programs, which must succeed.
    pub(crate) fn pg(&self, args: &[&str]) {
        let program = self.bin.join(args[0]);
        let output = self
            .command(args[0])
            .args(&args[1..])
            .current_dir("/")
            .output()
            .unwrap_or_else(|e| panic!("{}: {e}", program.display()));
        assert!(
            output.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    pub(crate) fn start(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1",
            self.port,
            self.data.display()
        );
        let log = self.data.join("server.log");
        self.pg(&[
            "pg_ctl",
            "-D",
            &self.data.to_string_lossy(),
            "-l",
            &log.to_string_lossy(),
            "-o",
            &options,
            "-w",
            "start",
        ]);
    }

    /// Stops the server as a crash would: no checkpoint, clients cut off.
    pub(crate) fn crash(&self) {
        self.pg(&[
            "pg_ctl",
            "-D",
            &self.data.to_string_lossy(),
            "-m",
            "immediate",
            "-w",
            "stop",
        ]);
    }

    /// A streaming replica of this cluster, copied with `pg_basebackup` and started on a port
    /// of its own (initdb's trust rules already let 127.0.0.1 replicate).
    pub(crate) fn replica(&self) -> Cluster {
        let replica = Cluster::empty(self.bin.clone(), "minbar-pg-replica-");
        replica.pg(&[
            "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            &self.port.to_string(),
            "-U",
            "postgres",
            "-D",
            &replica.data.to_string_lossy(),
            "-R",
            "-X",
            "stream",
        ]);
        replica.start();
        replica
    }

    pub(crate) fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(&self.data)
            .args(["-m", "immediate", "stop"])
            .output();
    }
}

//! Running the built `kedacom-mc` against the mock platform, started in-process.

use std::io::Write;
use std::process::{Command, Stdio};

use kedacom_mc_mock::{MockPlatform, MockPlatformBuilder};

pub const BIN: &str = env!("CARGO_BIN_EXE_kedacom-mc");

/// Every variable the binary reads, removed so the caller's environment can't leak in.
const VARIABLES: &[&str] = &[
    "KEDACOM_URL",
    "KEDACOM_KEY",
    "KEDACOM_SECRET",
    "KEDACOM_USER",
    "KEDACOM_PASSWORD",
    "KEDACOM_API_LEVEL",
    "KEDACOM_TIMEOUT",
    "KEDACOM_DELETE_VIA_POST",
    "KEDACOM_SERVER_CHECK",
    "RUST_LOG",
];

/// The mock platform on a runtime of its own, which serves while the test waits for the binary.
pub struct Mock {
    // Dropped first: the platform stops on the runtime it was started on.
    pub platform: MockPlatform,
    // Held, never read: the platform serves on it until the test ends.
    _runtime: tokio::runtime::Runtime,
}

impl Mock {
    pub fn start() -> Mock {
        Mock::with(MockPlatform::builder())
    }

    pub fn with(builder: MockPlatformBuilder) -> Mock {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let platform = runtime.block_on(builder.start()).unwrap();
        Mock { platform, _runtime: runtime }
    }

    /// A run of the binary with this platform's URL and credentials in the environment.
    pub fn cli<I: AsRef<str>>(&self, args: impl IntoIterator<Item = I>) -> Cli {
        let c = self.platform.credentials();
        Cli::new(args)
            .env("KEDACOM_URL", &self.platform.base_url())
            .env("KEDACOM_KEY", &c.key)
            .env("KEDACOM_SECRET", &c.secret)
            .env("KEDACOM_USER", &c.username)
            .env("KEDACOM_PASSWORD", &c.password)
    }
}

/// One run of the binary, being set up.
pub struct Cli {
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<Vec<u8>>,
}

impl Cli {
    pub fn new<I: AsRef<str>>(args: impl IntoIterator<Item = I>) -> Cli {
        Cli { args: args.into_iter().map(|a| a.as_ref().to_owned()).collect(), env: Vec::new(), stdin: None }
    }

    pub fn env(mut self, name: &str, value: &str) -> Cli {
        self.env.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Cli {
        self.stdin = Some(bytes.into());
        self
    }

    pub fn run(self) -> Run {
        self.spawn().finish()
    }

    /// Starts the binary and returns at once, its input already written and closed.
    pub fn spawn(self) -> Running {
        let mut cmd = Command::new(BIN);
        cmd.args(&self.args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        for v in VARIABLES {
            cmd.env_remove(v);
        }
        cmd.envs(self.env.iter().map(|(k, v)| (k, v)));
        let mut child = cmd.spawn().unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // A command that reads no input may have exited already: a closed pipe is fine.
        let _ = stdin.write_all(self.stdin.as_deref().unwrap_or_default());
        drop(stdin);
        Running { args: self.args, child: Some(child) }
    }
}

/// A run of the binary that has not ended yet.
pub struct Running {
    args: Vec<String>,
    /// Taken when it is waited for.
    child: Option<std::process::Child>,
}

impl Running {
    /// Whether it is still running.
    pub fn running(&mut self) -> bool {
        self.child.as_mut().is_some_and(|c| matches!(c.try_wait(), Ok(None)))
    }

    /// Waits for it to end.
    pub fn finish(mut self) -> Run {
        let out = self.child.take().unwrap().wait_with_output().unwrap();
        Run {
            args: std::mem::take(&mut self.args),
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Drop for Running {
    // A test that fails while it runs doesn't leave it behind.
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// What a run did.
#[derive(Debug)]
pub struct Run {
    pub args: Vec<String>,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit status, showing the whole run when it differs.
    pub fn status(self, code: i32) -> Run {
        assert_eq!(
            self.code,
            Some(code),
            "kedacom-mc {}\n--- stdout\n{}\n--- stderr\n{}",
            self.args.join(" "),
            self.stdout,
            self.stderr
        );
        self
    }

    pub fn success(self) -> Run {
        self.status(0)
    }

    /// Standard output as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!("kedacom-mc {}: stdout is not JSON ({e}):\n{}", self.args.join(" "), self.stdout)
        })
    }

    /// Both streams, for looking for what must not be there.
    pub fn all_output(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

/// A file in a fresh temporary folder, kept as long as the returned guard.
pub fn temp_file(name: &str, contents: &[u8]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    (dir, path.to_string_lossy().into_owned())
}

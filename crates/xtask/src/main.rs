//! Thicket's task runner: `cargo xtask setup | serve | build | test | fuzz`.
//!
//! Architecture invariant: std only, so it builds in seconds on a fresh clone before anything
//! else is installed. Every tool it installs comes from a package registry (crates.io, Debian,
//! npm) at a pinned version, and is skipped when that version is already there.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

const TRUNK_VERSION: &str = "0.21.14";
const WASM_BINDGEN_VERSION: &str = "0.2.130";
const WASM_OPT_VERSION: &str = "version 132";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

const USAGE: &str = "\
usage: cargo xtask <task>

  setup   install what is missing: the wasm32 target, Trunk, wasm-bindgen-cli, Chromium and
          chromedriver, the npm packages (wasm-opt, the editor bundle's, Playwright's)
  serve   setup, then build and serve the playground on http://127.0.0.1:8080
  build   setup, then build the playground into dist/ (release)
  test    setup, then run every test: native, in headless Chromium, end to end, and the
          TLA+ Examples models TLC checks in under a second
  conformance
          every TLA+ Examples model TLC checks within a minute (long: an hour or more);
          [--max-runtime HH:MM:SS] (default 00:01:00)
  fuzz    the mutation fuzz test (crates/thicket-check/tests/fuzz.rs), long and optimised:
          [--seconds N] (default 3600) [--seed S] (default: from the clock) [--cases N];
          findings go to target/fuzz-findings/
";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let task = env::args().nth(1).unwrap_or_default();
    let outcome = match task.as_str() {
        "setup" => Task::new().setup(),
        "serve" => Task::new().serve(),
        "build" => Task::new().build(),
        "test" => Task::new().test(),
        "fuzz" => Task::new().fuzz(&env::args().skip(2).collect::<Vec<_>>()),
        "conformance" => Task::new().conformance(&env::args().skip(2).collect::<Vec<_>>()),
        "" | "help" | "-h" | "--help" => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        other => Err(format!("unknown task `{other}`\n\n{USAGE}")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

struct Task {
    root: PathBuf,
    path: OsString,
}

impl Task {
    fn new() -> Task {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let root = root.canonicalize().unwrap_or(root);
        // wasm-opt comes from npm's `binaryen`: first on PATH, so Trunk finds it rather than an
        // older system one; then cargo's bin directory, where `cargo install` puts Trunk.
        let cargo_home = env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
            .unwrap_or_default();
        let mut dirs = vec![root.join("node_modules/.bin"), cargo_home.join("bin")];
        dirs.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
        let path = env::join_paths(dirs).expect("PATH entries have no separators");
        Task { root, path }
    }

    fn cmd(&self, program: &str, args: &[&str]) -> Command {
        let mut c = Command::new(program);
        c.args(args).current_dir(&self.root).env("PATH", &self.path);
        c
    }

    /// Run to completion; a failure stops the task.
    fn run(&self, mut c: Command) -> Result {
        let shown = show(&c);
        println!("$ {shown}");
        let status = c
            .status()
            .map_err(|e| format!("could not start `{shown}`: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{shown}` failed ({status})"))
        }
    }

    /// The first line a command prints, if it runs at all.
    fn output(&self, program: &str, args: &[&str]) -> Option<String> {
        let out = self.cmd(program, args).output().ok()?;
        out.status.success().then(|| {
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        })
    }

    /// rustfmt and clippy, which the tests' gates run (a minimal Rust install lacks them).
    fn components(&self) -> Result {
        let installed = self
            .cmd("rustup", &["component", "list", "--installed"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        for component in ["rustfmt", "clippy"] {
            if installed
                .lines()
                .any(|l| l.starts_with(&format!("{component}-")))
            {
                present(component);
            } else {
                self.run(self.cmd("rustup", &["component", "add", component]))?;
            }
        }
        Ok(())
    }

    fn setup(&self) -> Result {
        let started = Instant::now();
        header("Setup: tools for the web build and the browser tests");

        let targets = self
            .cmd("rustup", &["target", "list", "--installed"])
            .output();
        let targets = targets
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        if targets
            .lines()
            .any(|l| l.trim() == "wasm32-unknown-unknown")
        {
            present("wasm32-unknown-unknown target");
        } else {
            self.run(self.cmd("rustup", &["target", "add", "wasm32-unknown-unknown"]))?;
        }
        self.components()?;

        if self
            .output("trunk", &["--version"])
            .is_some_and(|v| v == format!("trunk {TRUNK_VERSION}"))
        {
            present(&format!("trunk {TRUNK_VERSION}"));
        } else {
            self.run(self.cmd(
                "cargo",
                &["install", "trunk", "--locked", "--version", TRUNK_VERSION],
            ))?;
        }

        let bindgen = format!("wasm-bindgen {WASM_BINDGEN_VERSION}");
        let runner = self.output("wasm-bindgen-test-runner", &["--version"]);
        if self
            .output("wasm-bindgen", &["--version"])
            .is_some_and(|v| v == bindgen)
            && runner.is_some_and(|v| v.ends_with(WASM_BINDGEN_VERSION))
        {
            present(&format!("wasm-bindgen-cli {WASM_BINDGEN_VERSION}"));
        } else {
            // Without --locked: the crate's lock file pins a dependency the registry no longer has.
            self.run(self.cmd(
                "cargo",
                &[
                    "install",
                    "wasm-bindgen-cli",
                    "--version",
                    WASM_BINDGEN_VERSION,
                ],
            ))?;
        }

        if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
            present("chromium and chromedriver");
        } else {
            self.run(self.cmd("apt-get", &["update"]))?;
            let mut install =
                self.cmd("apt-get", &["install", "-y", "chromium", "chromium-driver"]);
            install.env("DEBIAN_FRONTEND", "noninteractive");
            self.run(install)?;
        }

        let lock = fs::read(self.root.join("package-lock.json"))
            .map_err(|e| format!("package-lock.json: {e}"))?;
        let stamp = self.root.join("node_modules/.thicket-installed-lock");
        if fs::read(&stamp).is_ok_and(|installed| installed == lock) {
            present("npm packages (package-lock.json)");
        } else {
            self.run(self.cmd("npm", &["ci", "--no-audit", "--no-fund"]))?;
            fs::write(&stamp, &lock).map_err(|e| format!("{}: {e}", stamp.display()))?;
        }
        match self.output("wasm-opt", &["--version"]) {
            Some(v) if v.contains(WASM_OPT_VERSION) => present(&format!("wasm-opt ({v})")),
            other => {
                return Err(format!(
                    "wasm-opt from npm `binaryen` is not {WASM_OPT_VERSION}: {other:?}"
                ))
            }
        }

        self.run(self.cmd("cargo", &["fetch"]))?;
        done(started);
        Ok(())
    }

    fn trunk_build(&self) -> Result {
        self.run(self.cmd("trunk", &["build", "--release", "--config", "trunk.toml"]))
    }

    fn build(&self) -> Result {
        self.setup()?;
        let started = Instant::now();
        header("Build: the playground into dist/ (release)");
        self.trunk_build()?;
        done(started);
        Ok(())
    }

    fn serve(&self) -> Result {
        self.setup()?;
        header("Serve: http://127.0.0.1:8080 (rebuilds on change; Ctrl-C stops)");
        self.run(self.cmd("trunk", &["serve", "--release", "--config", "trunk.toml"]))
    }

    fn test(&self) -> Result {
        self.setup()?;

        let started = Instant::now();
        header("Gates: formatting (cargo fmt --check) and lints (cargo clippy -D warnings)");
        self.run(self.cmd("cargo", &["fmt", "--all", "--check"]))?;
        self.run(self.cmd(
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ))?;
        done(started);

        let started = Instant::now();
        header("Test 1/5: native unit and integration tests (cargo test --workspace)");
        self.run(self.cmd("cargo", &["test", "--workspace"]))?;
        done(started);

        let started = Instant::now();
        header("Test 2/5: browser unit tests in headless Chromium (wasm-bindgen-test)");
        let mut wasm = self.cmd(
            "cargo",
            &[
                "test",
                "-p",
                "thicket-web",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "browser",
            ],
        );
        wasm.env("CHROMEDRIVER", CHROMEDRIVER);
        self.run(wasm)?;
        done(started);

        let started = Instant::now();
        header("Test 3/5: release build of the playground (trunk build)");
        self.trunk_build()?;
        done(started);

        let started = Instant::now();
        header("Test 4/5: end-to-end tests of the playground (Playwright, headless Chromium)");
        self.run(self.cmd(
            "node",
            &[
                "--test",
                "--test-concurrency=1",
                "--test-reporter=tap",
                "tests/e2e/",
            ],
        ))?;
        done(started);

        let started = Instant::now();
        header("Test 5/5: the TLA+ Examples models TLC checks in under a second, against TLC");
        self.corpus_models("00:00:01")?;
        done(started);
        Ok(())
    }

    /// The corpus suite (`crates/thicket-cli/tests/corpus_models.rs`) on the release binary,
    /// over the models TLC checks within `max_runtime`.
    fn corpus_models(&self, max_runtime: &str) -> Result {
        let mut c = self.cmd(
            "cargo",
            &[
                "test",
                "--release",
                "-p",
                "thicket-cli",
                "--test",
                "corpus_models",
                "--",
                "--ignored",
                "--nocapture",
            ],
        );
        c.env("THICKET_CORPUS_MAX_RUNTIME", max_runtime);
        self.run(c)
    }

    /// `cargo xtask conformance [--max-runtime HH:MM:SS]`: the corpus suite over every model
    /// TLC checks within that time.
    fn conformance(&self, args: &[String]) -> Result {
        let max_runtime = match args {
            [] => "00:01:00",
            [flag, value] if flag == "--max-runtime" => value.as_str(),
            _ => {
                return Err(format!(
                    "usage: cargo xtask conformance [--max-runtime HH:MM:SS]\n\n{USAGE}"
                ))
            }
        };
        let started = Instant::now();
        header(&format!(
            "Conformance: TLA+ Examples models TLC checks within {max_runtime}"
        ));
        self.corpus_models(max_runtime)?;
        done(started);
        Ok(())
    }
}

impl Task {
    /// `cargo test` of the fuzz test in the `fuzz` profile (release optimisations, with integer
    /// overflow checks and debug assertions on, which a plain release build would drop).
    fn fuzz(&self, args: &[String]) -> Result {
        let mut seconds = "3600".to_string();
        let mut cases = u64::MAX.to_string();
        let mut seed = None;
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut value = || {
                it.next()
                    .cloned()
                    .ok_or_else(|| format!("`{a}` needs a value\n\n{USAGE}"))
            };
            match a.as_str() {
                "--seconds" => seconds = value()?,
                "--cases" => cases = value()?,
                "--seed" => seed = Some(value()?),
                other => return Err(format!("unknown option `{other}`\n\n{USAGE}")),
            }
        }
        let seed = seed.unwrap_or_else(|| {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default();
            format!("{:#x}", t.as_secs() ^ (u64::from(t.subsec_nanos()) << 32))
        });
        let started = Instant::now();
        header(&format!(
            "Fuzz: mutated specs for {seconds} s, seed {seed} (findings in target/fuzz-findings/)"
        ));
        let mut c = self.cmd(
            "cargo",
            &[
                "test",
                "--profile",
                "fuzz",
                "-p",
                "thicket-check",
                "--test",
                "fuzz",
                "--",
                "--nocapture",
            ],
        );
        c.env("THICKET_FUZZ_SECONDS", &seconds)
            .env("THICKET_FUZZ_CASES", &cases)
            .env("THICKET_FUZZ_SEED", &seed);
        self.run(c)?;
        done(started);
        Ok(())
    }
}

fn show(c: &Command) -> String {
    let mut words = vec![c.get_program().to_string_lossy().into_owned()];
    words.extend(c.get_args().map(|a| a.to_string_lossy().into_owned()));
    words.join(" ")
}

fn header(title: &str) {
    println!("\n==> {title}");
}

fn present(what: &str) {
    println!("    ok: {what} already installed");
}

fn done(started: Instant) {
    println!("    done in {:.1} s", started.elapsed().as_secs_f64());
}

//! `args` reads the benchmark's command line (what follows `--` in `cargo bench`).

/// `USAGE` is printed for `--help` and for a bad argument.
pub const USAGE: &str = "\
usage: cargo bench -p cli --bench introspection -- [options]
  --tables LIST        schema sizes, comma-separated (default 28,1000,5000; with --sqlite
                       28,1000); 28 (or `ctutor`) is the real ctutor schema, applied by its
                       migrations; any other N is a synthetic schema of N tables
  --sqlite             measure SQLite database files (in a temporary directory) instead of a
                       PostgreSQL server: introspection, sea-schema's SQLite discovery and the
                       whole `cli diff` process, interleaved run by run
  --mysql              measure a MySQL/MariaDB server instead (default size 1000; synthetic
                       sizes only): introspection and sea-schema's MySQL discovery
                       interleaved run by run, and the whole `cli diff` process
  --runs N             timed runs per size (default 5); min and median are reported
  --sea-runs N         runs of sea-schema's discovery per size (default 3; with --sqlite it
                       runs alongside every engine run, --runs times)
  --sea-max N          largest synthetic size sea-schema runs on in full (default 1000);
                       above it its time is extrapolated from a sample of tables
  --url URL            PostgreSQL server without a database name
                       (default $BENCH_PG_URL, $TEST_PG_URL, or postgres://postgres@127.0.0.1:5432);
                       with --mysql the MySQL/MariaDB server
                       (default $BENCH_MYSQL_URL, $TEST_MYSQL_URL, or mysql://root@127.0.0.1:3306)
  --bench              run (cargo bench passes it; without it, e.g. under cargo test, the
                       benchmark does nothing)";

/// `Size` is one schema the benchmark builds and measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// The real ctutor schema, from the committed migrations.
    Ctutor,
    /// A synthetic schema of this many tables.
    Synthetic(usize),
}

/// `CTUTOR_TABLES` is the size that selects the real ctutor schema (its table count).
pub const CTUTOR_TABLES: usize = 28;

/// `Args` are the benchmark's options.
#[derive(Debug, Clone)]
pub struct Args {
    pub sizes: Vec<Size>,
    pub runs: usize,
    pub sea_runs: usize,
    pub sea_max: usize,
    pub server_url: String,
    /// Whether to measure SQLite files instead of the PostgreSQL server.
    pub sqlite: bool,
    /// Whether to measure a MySQL/MariaDB server instead of the PostgreSQL server.
    pub mysql: bool,
    /// Whether `--tables` was given (otherwise the backend's default sizes apply).
    pub tables_given: bool,
    /// Whether `--bench` was given (by `cargo bench`); without it nothing runs.
    pub benchmarking: bool,
}

impl Default for Args {
    fn default() -> Self {
        let server_url = std::env::var("BENCH_PG_URL")
            .or_else(|_| std::env::var("TEST_PG_URL"))
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
        Args {
            sizes: vec![Size::Ctutor, Size::Synthetic(1000), Size::Synthetic(5000)],
            runs: 5,
            sea_runs: 3,
            sea_max: 1000,
            server_url,
            sqlite: false,
            mysql: false,
            tables_given: false,
            benchmarking: false,
        }
    }
}

/// `parse` reads `args` (without the program name). `Ok(None)` means `--help` was asked.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Option<Args>, String> {
    let mut out = Args::default();
    let mut url_given = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            // `cargo bench` passes `--bench` to every bench binary; `cargo test --benches`
            // runs it without, and must not start a many-minute benchmark.
            "--bench" => out.benchmarking = true,
            "-h" | "--help" => return Ok(None),
            "--tables" => {
                out.sizes = sizes(&value()?)?;
                out.tables_given = true;
            }
            "--sqlite" => out.sqlite = true,
            "--mysql" => out.mysql = true,
            "--runs" => out.runs = count(&flag, &value()?)?,
            "--sea-runs" => out.sea_runs = count(&flag, &value()?)?,
            "--sea-max" => out.sea_max = number(&flag, &value()?)?,
            "--url" => {
                out.server_url = value()?.trim_end_matches('/').to_owned();
                url_given = true;
            }
            _ => return Err(format!("unknown argument {arg:?}")),
        }
    }
    if out.sqlite && !out.tables_given {
        out.sizes = vec![Size::Ctutor, Size::Synthetic(1000)];
    }
    if out.mysql {
        mysql_defaults(&mut out, url_given)?;
    }
    Ok(Some(out))
}

/// `mysql_defaults` checks and completes the options of a MySQL/MariaDB run: its own server
/// URL and default size. The ctutor schema is not measured there: its migrations are
/// PostgreSQL's.
fn mysql_defaults(out: &mut Args, url_given: bool) -> Result<(), String> {
    if out.sqlite {
        return Err("--sqlite and --mysql exclude each other".into());
    }
    if out.sizes.contains(&Size::Ctutor) && out.tables_given {
        return Err("--mysql measures synthetic schemas only (not 28 / ctutor)".into());
    }
    if !out.tables_given {
        out.sizes = vec![Size::Synthetic(1000)];
    }
    if !url_given {
        out.server_url = std::env::var("BENCH_MYSQL_URL")
            .or_else(|_| std::env::var("TEST_MYSQL_URL"))
            .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into());
    }
    Ok(())
}

fn sizes(list: &str) -> Result<Vec<Size>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| match s {
            "ctutor" => Ok(Size::Ctutor),
            _ => match number("--tables", s)? {
                0 => Err("--tables: a schema needs at least one table".to_owned()),
                CTUTOR_TABLES => Ok(Size::Ctutor),
                n => Ok(Size::Synthetic(n)),
            },
        })
        .collect()
}

fn count(flag: &str, text: &str) -> Result<usize, String> {
    match number(flag, text)? {
        0 => Err(format!("{flag} must be at least 1")),
        n => Ok(n),
    }
}

fn number(flag: &str, text: &str) -> Result<usize, String> {
    text.parse()
        .map_err(|_| format!("{flag}: {text:?} is not a number"))
}

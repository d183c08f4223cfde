//! Scaling: `cargo bench --bench scale`.
//!
//! Generates reports in a temporary folder and lints them through the same streamed pipeline
//! as `jxlint check` ([`jxlint::lint::lint_streaming`], rendering each batch as JSON and
//! dropping it), then prints wall time, MB/s and time per MB for:
//!
//! * many files: 1,000, 2,000, 5,000 and 10,000 reports of about 8 KB each;
//! * one file: a single report of 0.1, 1, 4, 16 and 64 MB;
//! * one paragraph: a report whose whole body is a single paragraph of 2,000 to 16,000 items,
//!   of three kinds — budget sentences (`mixed`: amounts, an execution rate, a 其中 list, a
//!   growth rate, each item its own sentence), 其中 lists all in one sentence (`其中`), and
//!   completion rates all in one sentence (`rates`) — so that any search that is linear per
//!   block or per sentence shows as growth in time per item.
//!
//! Time per MB (per item) should stay flat along each series. Sizes can be narrowed with
//! `JXLINT_BENCH_FILES=1000,10000`, `JXLINT_BENCH_MB=0.1,64` and `JXLINT_BENCH_ITEMS=2000,8000`;
//! each point is run once (they are large). `cargo bench --bench scale -- --generate DIR FILES
//! BYTES` only writes a corpus (`FILES` reports of about `BYTES` bytes each into `DIR`), for
//! `scripts/bench-vs-rg.sh`; `-- --paragraph FILE KIND ITEMS` writes one paragraph report
//! (`KIND`: mixed, qizhong, rates); `-- --data FILE BYTES` writes report data (JSON) of about
//! `BYTES` bytes, mostly `metrics`, for measuring memory with `/usr/bin/time -v`.
//!
//! The reports are made up here: sections, budget sentences with rates and shares, 其中
//! breakdowns, growth claims and score tables, with figures that vary from report to report
//! and now and then disagree, so that every stage of the pipeline has work to do.

use std::path::{Path, PathBuf};
use std::time::Instant;

use jxlint::diagnostic::Lang;
use jxlint::lint::{Options, Outcome, lint_streaming};
use jxlint::walk::Input;

/// A small deterministic generator (reproducible corpora without a dependency).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Hundredths as a decimal string: 123456 → "1234.56".
fn money(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// One section of a report (about 1 KB), numbered `k`.
fn section(rng: &mut Lcg, k: usize, out: &mut String) {
    const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let budget = 10_000 + rng.below(900_000);
    let spent = budget * (80 + rng.below(21)) / 100;
    // Now and then a mis-stated rate, so that findings are rendered too.
    let slip = if rng.below(5) == 0 { 37 } else { 0 };
    let rate = (spent * 10_000 / budget + slip) as f64 / 100.0;
    let a = spent * (30 + rng.below(40)) / 100;
    let b = spent - a;
    let prior = spent * (90 + rng.below(20)) / 100;
    out.push_str(&format!(
        "（{}）第{}项资金使用情况\n\
         该项目调整预算为{}万元，实际支出{}万元，预算执行率{rate:.2}%。\
         其中：基本支出{}万元，项目支出{}万元。上年支出{}万元。\n\
         年内共开展检查{}次，覆盖单位{}家，发现问题{}个，已完成整改{}个。\n\
         项目\t预算数（万元）\t执行数（万元）\n\
         合计\t{}\t{}\n\
         基本支出\t{}\t{}\n\n",
        NUMERALS[k % 10],
        k + 1,
        money(budget),
        money(spent),
        money(a),
        money(b),
        money(prior),
        10 + rng.below(90),
        5 + rng.below(200),
        20 + rng.below(50),
        10 + rng.below(20),
        money(budget),
        money(spent),
        money(budget / 2),
        money(a),
    ));
}

/// A report of about `bytes` bytes.
fn report(seed: u64, bytes: usize) -> String {
    let mut rng = Lcg(seed.wrapping_mul(2654435761).wrapping_add(1));
    let mut out = format!(
        "{}年度部门整体支出绩效自评报告\n\n一、基本情况\n本单位为财政全额拨款事业单位。\n\n二、绩效目标完成情况\n",
        2020 + seed % 5
    );
    let mut k = 0;
    while out.len() < bytes {
        section(&mut rng, k, &mut out);
        k += 1;
    }
    out.push_str(
        "三、自评结论\n一级指标\t分值\t得分\n决策\t20\t18\n过程\t20\t19\n产出\t30\t28\n效益\t30\t27\n合计\t100\t92\n经自评，得分92分，等级为“优”。\n",
    );
    out
}

/// The kinds of one-paragraph report.
const PARAGRAPH_KINDS: [&str; 3] = ["mixed", "qizhong", "rates"];

/// A report whose body is one paragraph of `items` items of `kind` (see the module doc).
fn paragraph(kind: &str, items: usize) -> String {
    let mut rng = Lcg(7);
    let mut out = String::from("2023年度部门整体支出绩效自评报告\n\n");
    for k in 0..items {
        let budget = 10_000 + rng.below(900_000);
        let spent = budget * (80 + rng.below(21)) / 100;
        let a = spent * (30 + rng.below(40)) / 100;
        let b = spent - a;
        let rate = money(spent * 10_000 / budget);
        match kind {
            "qizhong" => out.push_str(&format!(
                "支出{}万元，其中基本支出{}万元、项目支出{}万元；",
                money(spent),
                money(a),
                money(b)
            )),
            "rates" => out.push_str(&format!("完成率{rate}%，")),
            _ => out.push_str(&format!(
                "第{}项调整预算为{}万元，实际支出{}万元，预算执行率{rate}%，其中：基本支出{}万元，项目支出{}万元；上年支出{}万元，同比增长5.26%。",
                k + 1,
                money(budget),
                money(spent),
                money(a),
                money(b),
                money(spent * 95 / 100),
            )),
        }
    }
    out.push('\n');
    out
}

/// Report data of about `bytes` bytes: the usual sections, then `metrics` (each with a
/// prior value and a growth rate) until the size is reached.
fn report_data(bytes: usize) -> String {
    let mut rng = Lcg(11);
    let mut out = String::from(
        "{\n  \"report\": { \"department\": \"某县农业农村局\", \"year\": 2023, \"kind\": \"部门整体\" },\n  \"unit\": \"万元\",\n  \"budget\": { \"adjusted\": { \"total\": 8733.75, \"basic\": 2195.76, \"project\": 6537.99 } },\n  \"spend\": { \"final\": { \"total\": 8707.27 } },\n  \"metrics\": [\n",
    );
    let mut k = 0;
    while out.len() < bytes {
        let v = 100 + rng.below(10_000_000);
        out.push_str(&format!(
            "    {{ \"id\": \"m{k}\", \"name\": \"第{k}项产出数量\", \"value\": {}, \"unit\": \"万元\", \"prior\": {}, \"growth\": 11.11 }},\n",
            money(v),
            money(v * 9 / 10)
        ));
        k += 1;
    }
    out.push_str("    { \"name\": \"服务对象满意度\", \"value\": 96.3, \"unit\": \"%\" }\n  ],\n  \"rates\": [ { \"name\": \"预算执行率\", \"kind\": \"execution\", \"value\": 99.70 } ]\n}\n");
    out
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Err(e) = std::fs::write(path, text) {
        panic!("cannot write {}: {e}", path.display());
    }
}

/// Write `files` reports of about `bytes` each into `dir`; returns the total size.
fn generate(dir: &Path, files: usize, bytes: usize) -> u64 {
    if let Err(e) = std::fs::create_dir_all(dir) {
        panic!("cannot create {}: {e}", dir.display());
    }
    let mut total = 0;
    for i in 0..files {
        let text = report(i as u64, bytes);
        total += text.len() as u64;
        let path = dir.join(format!("report-{i:05}.txt"));
        if let Err(e) = std::fs::write(&path, text) {
            panic!("cannot write {}: {e}", path.display());
        }
    }
    total
}

/// Lint every file of `dir` as `jxlint check --format json` does; returns seconds taken and
/// the number of findings.
fn run(dir: &Path) -> (f64, usize) {
    let inputs: Vec<Input> = jxlint::walk::collect(&[dir.to_path_buf()]);
    let options = Options::default();
    let start = Instant::now();
    let mut findings = 0;
    let mut bytes = 0usize;
    lint_streaming(&inputs, &options, |files| {
        let batch = Outcome { files };
        findings += batch
            .files
            .iter()
            .map(|f| f.diagnostics.len())
            .sum::<usize>();
        for (k, f) in batch.files.iter().enumerate() {
            bytes += jxlint::render::json::json_file(f, k == 0, &batch, Lang::En).len();
        }
    });
    std::hint::black_box(bytes);
    (start.elapsed().as_secs_f64(), findings)
}

fn scratch(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("jxlint-bench-{}-{name}", std::process::id()))
}

fn list<T: std::str::FromStr + Clone>(var: &str, default: &[T]) -> Vec<T> {
    match std::env::var(var) {
        Ok(v) => v.split(',').filter_map(|x| x.trim().parse().ok()).collect(),
        Err(_) => default.to_vec(),
    }
}

fn line(what: &str, mb: f64, secs: f64, findings: usize) {
    println!(
        "{what:<22} {mb:>9.1} MB {secs:>9.2} s {:>9.2} MB/s {:>9.3} s/MB {findings:>8} findings",
        mb / secs,
        secs / mb
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--generate") {
        let get = |k: usize| args.get(at + k).cloned().unwrap_or_default();
        let dir = PathBuf::from(get(1));
        let files = get(2).parse().unwrap_or(1000);
        let bytes = get(3).parse().unwrap_or(8_000);
        let total = generate(&dir, files, bytes);
        println!("{files} reports, {total} bytes in {}", dir.display());
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "--paragraph") {
        let get = |k: usize| args.get(at + k).cloned().unwrap_or_default();
        let text = paragraph(&get(2), get(3).parse().unwrap_or(1000));
        write(Path::new(&get(1)), &text);
        println!("{} bytes in {}", text.len(), get(1));
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "--data") {
        let get = |k: usize| args.get(at + k).cloned().unwrap_or_default();
        let text = report_data(get(2).parse().unwrap_or(1_000_000));
        write(Path::new(&get(1)), &text);
        println!("{} bytes in {}", text.len(), get(1));
        return;
    }

    let items = list("JXLINT_BENCH_ITEMS", &[2_000usize, 4_000, 8_000, 16_000]);
    if !items.is_empty() {
        println!("one paragraph (time per 1,000 items should stay flat):");
    }
    for kind in PARAGRAPH_KINDS {
        for &n in &items {
            let dir = scratch(&format!("paragraph-{kind}-{n}"));
            let text = paragraph(kind, n);
            write(&dir.join("paragraph.txt"), &text);
            let (secs, findings) = run(&dir);
            println!(
                "{:<22} {:>9.2} MB {secs:>9.2} s {:>9.3} s/1k items {findings:>8} findings",
                format!("{kind} × {n}"),
                text.len() as f64 / 1e6,
                secs * 1000.0 / n as f64
            );
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    println!("many files (about 8 KB each), streamed and rendered as JSON:");
    for files in list("JXLINT_BENCH_FILES", &[1_000usize, 2_000, 5_000, 10_000]) {
        let dir = scratch(&format!("files-{files}"));
        let total = generate(&dir, files, 8_000);
        let (secs, findings) = run(&dir);
        line(
            &format!("{files} files"),
            total as f64 / 1e6,
            secs,
            findings,
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
    println!("one file:");
    for mb in list("JXLINT_BENCH_MB", &[0.1f64, 1.0, 4.0, 16.0, 64.0]) {
        let dir = scratch(&format!("one-{mb}"));
        // Just under the size limit for the 64 MB point.
        let bytes = ((mb * 1e6) as usize).min(jxlint::source::MAX_FILE_BYTES as usize - 4096);
        let total = generate(&dir, 1, bytes);
        let (secs, findings) = run(&dir);
        line(
            &format!("1 file of {mb} MB"),
            total as f64 / 1e6,
            secs,
            findings,
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

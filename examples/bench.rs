//! Benchmark: generate a portfolio of N projects, then time loading it and
//! rendering `list` in-process, and time the surgical edit of one file.
//!
//! ```sh
//! cargo run --release --example bench -- 5000
//! cargo run --release --example bench -- 5000 /tmp/portfolio   # keep the folder
//! ```
//!
//! Results are recorded in docs/performance.md.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use tracker::model::{Health, Milestone, Project, Stage, Status, Update};
use tracker::render::{self, View};
use tracker::store::{self, Root, yaml::emit};

fn project(i: usize, day: NaiveDate) -> Project {
    let client = format!("Client {}", i % 97);
    let name = format!("Project number {i}");
    let due = day + chrono::Days::new((i % 120) as u64);
    Project {
        id: tracker::model::slug::project_id(&client, &name),
        client,
        project: name,
        stage: Stage::ALL[i % 3],
        status: Status::ALL[i % 4],
        health: Health::ALL[i % 3],
        owner: format!("Owner {}", i % 12),
        goal: Some(format!("Grow qualified leads by {}% this quarter", i % 40)),
        created: Some(day - chrono::Days::new(60)),
        start: Some(day - chrono::Days::new(30)),
        due,
        blocked_reason: (i % 4 == 2).then(|| "creative approval".to_string()),
        tags: vec!["seo".into(), format!("q{}", i % 4 + 1)],
        links: vec![("brief".into(), format!("https://docs.example.com/{i}"))],
        milestones: (0..4)
            .map(|m| Milestone {
                id: format!("m{m}"),
                name: format!("Milestone {m}"),
                due: Some(due - chrono::Days::new(10 * (4 - m) as u64)),
                status: Some(if m < 2 {
                    Status::Done
                } else {
                    Status::InProgress
                }),
                depends_on: if m > 0 {
                    vec![format!("m{}", m - 1)]
                } else {
                    vec![]
                },
                ..Milestone::default()
            })
            .collect(),
        updates: (0..5)
            .map(|u| Update {
                date: day - chrono::Days::new(7 * (5 - u) as u64),
                by: Some("Owner 1".into()),
                note: Some(format!("Weekly check-in {u}: on track, next step agreed")),
                ..Update::default()
            })
            .collect(),
        custom: vec![],
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(5000);
    let keep = args.next();
    let tmp = tempfile::tempdir()?;
    let root_path = keep
        .as_deref()
        .map(Path::new)
        .unwrap_or(tmp.path())
        .to_path_buf();
    let day = NaiveDate::from_ymd_opt(2026, 12, 7).expect("valid date");

    std::fs::create_dir_all(root_path.join("projects"))?;
    std::fs::write(root_path.join("tracker.yaml"), "stale_days: 7\n")?;
    let mut bytes = 0;
    for i in 0..n {
        let p = project(i, day);
        let text = emit::project(&p);
        bytes += text.len();
        std::fs::write(
            root_path.join("projects").join(format!("{}.yaml", p.id)),
            text,
        )?;
    }
    println!(
        "portfolio: {n} projects, {:.1} MiB, in {}",
        bytes as f64 / 1048576.0,
        root_path.display()
    );

    let runs = 7;
    let mut load = Vec::new();
    let mut list = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let portfolio = store::load(Root::at(&root_path))?;
        load.push(t.elapsed());
        assert_eq!(portfolio.projects.len(), n);
        let t = Instant::now();
        let all: Vec<&Project> = portfolio.projects.iter().collect();
        let rows = render::rows(&all, &portfolio.config, day);
        let view = View {
            config: &portfolio.config,
            today: day,
            color: false,
        };
        let mut out = Vec::new();
        render::table::projects(&mut out, &rows, &view)?;
        render::csv::projects(&mut out, &rows, &view)?;
        list.push(t.elapsed());
    }
    println!("load  (median of {runs}): {:?}", median(load));
    println!("render table + csv (median of {runs}): {:?}", median(list));

    let first = project(0, day);
    let text = emit::project(&first);
    let t = Instant::now();
    let reps = 1000;
    for _ in 0..reps {
        let mut doc = store::yaml::edit::Doc::new(&text);
        doc.set("health", "red", tracker::model::project::FIELDS);
        let _ = doc.append_item("updates", tracker::model::project::FIELDS, |dash| {
            emit::update_item(
                &Update {
                    date: day,
                    note: Some("bench".into()),
                    ..Update::default()
                },
                dash,
            )
        });
        std::hint::black_box(doc.text());
    }
    println!("surgical edit of one file: {:?} each", t.elapsed() / reps);
    Ok(())
}

//! Client health and churn risk: the worst health of a client's open
//! projects, the health trend of a project from its update log, and an
//! explainable churn-risk score from 0 to 100 in which every point comes
//! with a reason. The formula is documented in `docs/churn-risk.md`; its
//! weights live in [`WEIGHTS`] and nowhere else.

use chrono::{Days, NaiveDate};

use super::{overdue, stale};
use crate::model::vocab::fold;
use crate::model::{Config, Health, Project, Stage, Status};

/// The weights of the churn-risk formula.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Points for a client whose open projects are all red (scaled by the share that is).
    pub red_share: f64,
    /// Points for a client whose open projects are all yellow (scaled by the share).
    pub yellow_share: f64,
    /// Points per overdue open project …
    pub per_overdue: f64,
    /// … up to this many.
    pub max_overdue: f64,
    /// Points per blocked project …
    pub per_blocked: f64,
    /// … up to this many.
    pub max_blocked: f64,
    /// Points per open project whose weekly check-in was missed …
    pub per_stale: f64,
    /// … up to this many.
    pub max_stale: f64,
    /// Points when any open project's health got worse within the trend window.
    pub worsening: f64,
    /// Points when any open project is in the offboarding stage.
    pub offboarding: f64,
    /// Days of update log the trend looks at.
    pub trend_days: u64,
}

/// The one set of weights.
pub const WEIGHTS: Weights = Weights {
    red_share: 40.0,
    yellow_share: 15.0,
    per_overdue: 10.0,
    max_overdue: 20.0,
    per_blocked: 5.0,
    max_blocked: 10.0,
    per_stale: 5.0,
    max_stale: 15.0,
    worsening: 10.0,
    offboarding: 15.0,
    trend_days: 30,
};

/// A change of health for the worse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trend {
    /// The best health within the window (or just before it).
    pub from: Health,
    /// The health now.
    pub to: Health,
    /// The update that first made it worse than `from`.
    pub since: NaiveDate,
}

/// How a project's health moved within the last `days`: `Some` when it is
/// worse now than at its best in that window.
pub fn trend(p: &Project, today: NaiveDate, days: u64) -> Option<Trend> {
    let start = today.checked_sub_days(Days::new(days))?;
    let changes: Vec<(NaiveDate, Health)> = p
        .updates
        .iter()
        .filter_map(|u| u.health.map(|h| (u.date, h)))
        .collect();
    let baseline = changes
        .iter()
        .rev()
        .find(|(d, _)| *d < start)
        .map(|(_, h)| *h);
    let window: Vec<(NaiveDate, Health)> = changes
        .iter()
        .copied()
        .filter(|(d, _)| *d >= start && *d <= today)
        .collect();
    let mut best = baseline;
    let mut best_at: Option<usize> = None;
    for (i, (_, h)) in window.iter().enumerate() {
        if best.is_none_or(|b| h.severity() < b.severity()) {
            best = Some(*h);
            best_at = Some(i);
        }
    }
    let from = best?;
    if p.health.severity() <= from.severity() {
        return None;
    }
    let after = best_at.map_or(0, |i| i + 1);
    let since = window[after..]
        .iter()
        .find(|(_, h)| h.severity() > from.severity())
        .map(|(d, _)| *d)?;
    Some(Trend {
        from,
        to: p.health,
        since,
    })
}

/// One reason behind a score, with the points it adds.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// Points added (after rounding).
    pub points: u32,
    /// A sentence: `2 of 3 projects red`.
    pub text: String,
}

/// A churn-risk score with its reasons, most points first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Risk {
    /// 0–100.
    pub score: u32,
    /// Why.
    pub reasons: Vec<Reason>,
}

/// One client's roll-up.
#[derive(Debug, Clone)]
pub struct ClientSummary<'a> {
    /// Display name.
    pub client: String,
    /// Every project of the client (done ones included).
    pub projects: Vec<&'a Project>,
    /// Projects not done.
    pub open: usize,
    /// Worst health of the open projects; `None` without open projects.
    pub worst: Option<Health>,
    /// Churn risk.
    pub risk: Risk,
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The churn risk of one client from its projects.
pub fn churn_risk(projects: &[&Project], config: &Config, today: NaiveDate) -> Risk {
    let w = WEIGHTS;
    let open: Vec<&&Project> = projects
        .iter()
        .filter(|p| p.status != Status::Done)
        .collect();
    if open.is_empty() {
        return Risk::default();
    }
    let n = open.len();
    let mut parts: Vec<(f64, String)> = Vec::new();
    let red = open.iter().filter(|p| p.health == Health::Red).count();
    if red > 0 {
        parts.push((
            w.red_share * red as f64 / n as f64,
            format!("{red} of {} red", plural(n, "open project")),
        ));
    }
    let yellow = open.iter().filter(|p| p.health == Health::Yellow).count();
    if yellow > 0 {
        parts.push((
            w.yellow_share * yellow as f64 / n as f64,
            format!("{yellow} of {} yellow", plural(n, "open project")),
        ));
    }
    let late: Vec<&&&Project> = open
        .iter()
        .filter(|p| overdue(p.status, p.due, today))
        .collect();
    if !late.is_empty() {
        let worst = late
            .iter()
            .map(|p| (today - p.due).num_days())
            .max()
            .unwrap_or(0);
        parts.push((
            (w.per_overdue * late.len() as f64).min(w.max_overdue),
            format!(
                "{} overdue (the most overdue by {worst} days)",
                plural(late.len(), "project")
            ),
        ));
    }
    let blocked: Vec<&&&Project> = open
        .iter()
        .filter(|p| p.status == Status::Blocked)
        .collect();
    if !blocked.is_empty() {
        let mut reasons: Vec<String> = Vec::new();
        for p in &blocked {
            let r = p
                .blocked_reason
                .clone()
                .unwrap_or_else(|| "no reason given".into());
            if !reasons.iter().any(|x| fold(x) == fold(&r)) {
                reasons.push(r);
            }
        }
        parts.push((
            (w.per_blocked * blocked.len() as f64).min(w.max_blocked),
            format!(
                "{} blocked ({})",
                plural(blocked.len(), "project"),
                reasons.join(", ")
            ),
        ));
    }
    let stale_ones: Vec<(i64, &str)> = open
        .iter()
        .filter(|p| stale(p, today, config.stale_days))
        .map(|p| {
            (
                p.last_activity().map_or(0, |d| (today - d).num_days()),
                p.id.as_str(),
            )
        })
        .collect();
    if let Some((days, id)) = stale_ones.iter().max().copied() {
        let text = if stale_ones.len() == 1 {
            format!("no check-in for {days} days on {id}")
        } else {
            format!(
                "{} missed their weekly check-in (longest: {days} days, {id})",
                plural(stale_ones.len(), "project")
            )
        };
        parts.push((
            (w.per_stale * stale_ones.len() as f64).min(w.max_stale),
            text,
        ));
    }
    let worse: Vec<(Trend, &str)> = open
        .iter()
        .filter_map(|p| trend(p, today, w.trend_days).map(|t| (t, p.id.as_str())))
        .collect();
    if let Some((t, id)) = worse.iter().max_by_key(|(t, _)| {
        (
            t.to.severity() - t.from.severity(),
            std::cmp::Reverse(t.since),
        )
    }) {
        parts.push((
            w.worsening,
            format!(
                "health fell from {} to {} since {} on {id}",
                t.from, t.to, t.since
            ),
        ));
    }
    let leaving: Vec<&str> = open
        .iter()
        .filter(|p| p.stage == Stage::Offboarding)
        .map(|p| p.id.as_str())
        .collect();
    if !leaving.is_empty() {
        parts.push((
            w.offboarding,
            format!("offboarding: {}", leaving.join(", ")),
        ));
    }
    let total: f64 = parts.iter().map(|(p, _)| p).sum();
    let mut reasons: Vec<Reason> = parts
        .into_iter()
        .map(|(p, text)| Reason {
            points: p.round() as u32,
            text,
        })
        .collect();
    reasons.sort_by_key(|r| std::cmp::Reverse(r.points));
    Risk {
        score: (total.round() as u32).min(100),
        reasons,
    }
}

/// Worst health of the open projects.
pub fn worst_health(projects: &[&Project]) -> Option<Health> {
    projects
        .iter()
        .filter(|p| p.status != Status::Done)
        .map(|p| p.health)
        .max_by_key(|h| h.severity())
}

/// One summary per client: those with client files (even without
/// projects) and those named by projects; highest risk first, then by name.
pub fn clients<'a>(
    projects: &[&'a Project],
    known: &[String],
    config: &Config,
    today: NaiveDate,
) -> Vec<ClientSummary<'a>> {
    let mut names: Vec<String> = known.to_vec();
    for p in projects {
        if !names.iter().any(|n| n == &p.client) {
            names.push(p.client.clone());
        }
    }
    let mut out: Vec<ClientSummary<'a>> = names
        .into_iter()
        .map(|client| {
            let mine: Vec<&'a Project> = projects
                .iter()
                .copied()
                .filter(|p| p.client == client)
                .collect();
            ClientSummary {
                open: mine.iter().filter(|p| p.status != Status::Done).count(),
                worst: worst_health(&mine),
                risk: churn_risk(&mine, config, today),
                projects: mine,
                client,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.risk
            .score
            .cmp(&a.risk.score)
            .then_with(|| fold(&a.client).cmp(&fold(&b.client)))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Update;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn project(id: &str, health: Health, status: Status) -> Project {
        Project {
            stage: Stage::Active,
            status,
            health,
            created: Some(d("2026-12-01")),
            ..Project::new(id, "Initech", id, "M", d("2027-01-31"))
        }
    }

    #[test]
    fn trend_finds_the_fall_from_the_best_health() {
        let mut p = project("a", Health::Red, Status::InProgress);
        for (date, h) in [
            ("2026-10-20", Health::Green),
            ("2026-11-15", Health::Yellow),
            ("2026-11-28", Health::Red),
        ] {
            p.updates.push(Update {
                date: d(date),
                health: Some(h),
                ..Update::default()
            });
        }
        assert_eq!(
            trend(&p, d("2026-12-07"), 30),
            Some(Trend {
                from: Health::Green,
                to: Health::Red,
                since: d("2026-11-15")
            })
        );
        p.health = Health::Green;
        assert_eq!(trend(&p, d("2026-12-07"), 30), None, "back to green");
        let q = project("b", Health::Red, Status::InProgress);
        assert_eq!(trend(&q, d("2026-12-07"), 30), None, "no history");
    }

    #[test]
    fn score_and_reasons_are_explained() {
        let today = d("2026-12-07");
        let mut a = project("a", Health::Red, Status::Blocked);
        a.blocked_reason = Some("client IT access".into());
        a.due = d("2026-11-30");
        let b = project("b", Health::Red, Status::InProgress);
        let c = project("c", Health::Green, Status::InProgress);
        let risk = churn_risk(&[&a, &b, &c], &Config::default(), today);
        let texts: Vec<(u32, &str)> = risk
            .reasons
            .iter()
            .map(|r| (r.points, r.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            vec![
                (27, "2 of 3 open projects red"),
                (10, "1 project overdue (the most overdue by 7 days)"),
                (5, "1 project blocked (client IT access)"),
            ]
        );
        assert_eq!(risk.score, 42);
        let none = churn_risk(&[&c], &Config::default(), today);
        assert_eq!(
            none,
            Risk {
                score: 0,
                reasons: vec![]
            }
        );
    }

    #[test]
    fn score_is_capped_at_100() {
        let today = d("2026-12-07");
        let mut ps: Vec<Project> = (0..6)
            .map(|i| project(&format!("p{i}"), Health::Red, Status::Blocked))
            .collect();
        for p in &mut ps {
            p.due = d("2026-11-01");
            p.stage = Stage::Offboarding;
            p.created = Some(d("2026-10-01"));
            p.updates.push(Update {
                date: d("2026-10-02"),
                health: Some(Health::Green),
                ..Update::default()
            });
            p.updates.push(Update {
                date: d("2026-11-10"),
                health: Some(Health::Red),
                ..Update::default()
            });
        }
        let refs: Vec<&Project> = ps.iter().collect();
        let risk = churn_risk(&refs, &Config::default(), today);
        assert_eq!(risk.score, 100);
        assert_eq!(risk.reasons.len(), 6);
    }

    fn arb_project() -> impl Strategy<Value = Project> {
        (
            0..3usize,
            0..4usize,
            0..3usize,
            0..60u64,
            0..60u64,
            any::<bool>(),
        )
            .prop_map(|(h, s, st, due_off, upd_off, has_update)| {
                let mut p = project("x", Health::ALL[h], Status::ALL[s]);
                p.stage = Stage::ALL[st];
                p.due = d("2026-11-07") + Days::new(due_off);
                p.created = Some(d("2026-10-01"));
                if has_update {
                    p.updates.push(Update {
                        date: d("2026-10-15") + Days::new(upd_off),
                        health: Some(Health::Green),
                        ..Update::default()
                    });
                }
                p
            })
    }

    proptest! {
        /// Adding a red project never lowers a client's risk.
        #[test]
        fn adding_a_red_project_never_lowers_risk(mut ps in proptest::collection::vec(arb_project(), 0..6), extra in arb_project()) {
            let today = d("2026-12-07");
            let config = Config::default();
            for (i, p) in ps.iter_mut().enumerate() {
                p.id = format!("p{i}");
            }
            let before = churn_risk(&ps.iter().collect::<Vec<_>>(), &config, today).score;
            let mut red = extra;
            red.id = "red".into();
            red.health = Health::Red;
            if red.status == Status::Done {
                red.status = Status::InProgress;
            }
            ps.push(red);
            let after = churn_risk(&ps.iter().collect::<Vec<_>>(), &config, today).score;
            prop_assert!(after >= before, "{before} -> {after}");
        }
    }
}

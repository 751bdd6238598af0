//! Versioned JSON for scripts: `{"schema_version": 1, "projects": [...]}`.
//! Every project object carries its id and derived facts. Field names and
//! meanings are documented in `docs/cli.md`; a change to them bumps
//! [`SCHEMA_VERSION`].

use std::io::Write;

use anyhow::Result;
use serde_json::{Map, Value, json};

use super::{Row, View};
use crate::model::{FieldValue, Milestone, Update};

/// The version of every JSON document `tracker` prints.
pub const SCHEMA_VERSION: u32 = 1;

fn opt<T: ToString>(v: Option<T>) -> Value {
    v.map_or(Value::Null, |x| Value::String(x.to_string()))
}

fn field(v: &FieldValue) -> Value {
    match v {
        FieldValue::Text(s) => json!(s),
        FieldValue::Number(n) => n
            .parse::<serde_json::Number>()
            .map_or_else(|_| json!(n), Value::Number),
        FieldValue::Date(d) => json!(d.to_string()),
        FieldValue::Bool(b) => json!(b),
        FieldValue::List(items) => json!(items),
    }
}

fn milestone(m: &Milestone) -> Value {
    json!({
        "id": m.id,
        "name": m.name,
        "owner": m.owner,
        "start": opt(m.start),
        "due": opt(m.due),
        "status": m.status().as_str(),
        "depends_on": m.depends_on,
        "every": m.every,
    })
}

fn update(u: &Update) -> Value {
    let mut o = Map::new();
    o.insert("date".into(), json!(u.date.to_string()));
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            o.insert(k.into(), json!(v));
        }
    };
    put("by", u.by.clone());
    put("stage", u.stage.map(|v| v.to_string()));
    put("status", u.status.map(|v| v.to_string()));
    put("health", u.health.map(|v| v.to_string()));
    put("owner", u.owner.clone());
    put("due", u.due.map(|v| v.to_string()));
    put("blocked_reason", u.blocked_reason.clone());
    put("milestone", u.milestone.clone());
    put("note", u.note.clone());
    o.insert("internal".into(), json!(u.internal.unwrap_or(false)));
    Value::Object(o)
}

/// One project as a JSON object.
pub fn project(row: &Row<'_>) -> Value {
    let p = row.project;
    let f = &row.facts;
    let fields: Map<String, Value> = p
        .custom
        .iter()
        .map(|(k, v)| (k.clone(), field(v)))
        .collect();
    let links: Map<String, Value> = p.links.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
    json!({
        "id": p.id,
        "client": p.client,
        "project": p.project,
        "stage": p.stage.as_str(),
        "status": p.status.as_str(),
        "health": p.health.as_str(),
        "owner": p.owner,
        "goal": p.goal,
        "created": opt(p.created),
        "start": opt(p.start),
        "due": p.due.to_string(),
        "blocked_reason": p.blocked_reason,
        "tags": p.tags,
        "links": links,
        "fields": fields,
        "milestones": p.milestones.iter().map(milestone).collect::<Vec<_>>(),
        "updates": p.updates.iter().map(update).collect::<Vec<_>>(),
        "overdue": f.overdue,
        "due_soon": f.due_soon,
        "stale": f.stale,
        "progress": f.progress,
        "last_update": opt(p.last_update()),
    })
}

/// `{"schema_version": 1, "projects": [...]}`, pretty-printed.
pub fn projects(out: &mut dyn Write, rows: &[Row<'_>], _view: &View<'_>) -> Result<()> {
    let doc = json!({
        "schema_version": SCHEMA_VERSION,
        "projects": rows.iter().map(project).collect::<Vec<_>>(),
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(())
}

//! Reading a spreadsheet CSV (Google Sheets, Excel) into patches: one per
//! row, holding the fields the sheet has columns for. Headers are matched
//! through the alias table, values through the tolerant vocabularies, and
//! dates with the day/month order read from the whole column. Every problem
//! names the row as the spreadsheet shows it (the header is row 1) and the
//! column.

use chrono::{Days, NaiveDate};

use crate::model::headers::{field_of, fold_header, is_derived};
use crate::model::vocab::VocabError;
use crate::model::{Config, FieldType, FieldValue, Health, Stage, Status, date};

/// How to read dates written with slashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// `12/15/2026`: month first.
    Us,
    /// `15/12/2026`: day first.
    Eu,
    /// Spreadsheet serial numbers (days since 1899-12-30), e.g. `46359`.
    Serial,
}

/// A problem with the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetError {
    /// Spreadsheet row (the header is row 1); `None` for the file as a whole.
    pub row: Option<usize>,
    /// The column's header as written in the sheet.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for SheetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.row, &self.column) {
            (Some(r), Some(c)) => write!(f, "row {r}, column `{c}`: {}", self.message),
            (Some(r), None) => write!(f, "row {r}: {}", self.message),
            (None, Some(c)) => write!(f, "column `{c}`: {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

/// The fields one row sets. `None`: the sheet has no such column, the
/// field stays as it is. `Some(None)`: the cell is empty, the field is cleared.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Patch {
    /// Spreadsheet row.
    pub row: usize,
    /// Explicit id.
    pub id: Option<String>,
    /// Client.
    pub client: Option<String>,
    /// Project.
    pub project: Option<String>,
    /// Stage.
    pub stage: Option<Stage>,
    /// Status.
    pub status: Option<Status>,
    /// Health.
    pub health: Option<Health>,
    /// Owner.
    pub owner: Option<String>,
    /// Goal.
    pub goal: Option<Option<String>>,
    /// Created.
    pub created: Option<Option<NaiveDate>>,
    /// Start.
    pub start: Option<Option<NaiveDate>>,
    /// Due.
    pub due: Option<NaiveDate>,
    /// Blocked reason.
    pub blocked_reason: Option<Option<String>>,
    /// Tags.
    pub tags: Option<Vec<String>>,
    /// Links.
    pub links: Option<Vec<(String, String)>>,
    /// Custom fields present in the sheet.
    pub custom: Vec<(String, Option<FieldValue>)>,
}

/// A sheet that cannot be imported: every problem, and what is known of it.
#[derive(Debug, Clone, Default)]
pub struct Rejected {
    /// Every problem found.
    pub errors: Vec<SheetError>,
    /// Data rows read.
    pub rows: usize,
    /// The separator, when the header was read.
    pub delimiter: Option<u8>,
}

/// What was read: the patches, and notes about columns left aside.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// One patch per data row.
    pub patches: Vec<Patch>,
    /// Columns that were not imported, and why.
    pub ignored: Vec<String>,
    /// The field separator that was detected.
    pub delimiter: u8,
    /// Field → the header that named it in the sheet.
    pub headers: Vec<(String, String)>,
}

/// Undoes the export's formula escaping: a `'` before `=`, `+`, `-`, `@`,
/// tab or carriage return is removed, and nothing else is touched.
pub fn unescape_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        // `'=x` → `=x`; `''=x` → `'=x` (the export escaped a real apostrophe).
        Some(rest)
            if rest
                .trim_start_matches('\'')
                .starts_with(['=', '+', '-', '@', '\t', '\r']) =>
        {
            rest
        }
        _ => cell,
    }
}

/// The separator used by the header line: the most frequent of `,`, `;`,
/// tab and `|` outside quotes.
fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0), (b'|', 0)];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                for c in counts.iter_mut() {
                    if c.0 == b {
                        c.1 += 1;
                    }
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .max_by_key(|c| c.1)
        .filter(|c| c.1 > 0)
        .map_or(b',', |c| c.0)
}

/// Reads a CSV file's bytes. `config` gives the custom fields;
/// `keep_unknown` imports the declared custom-field columns.
pub fn read_sheet(
    bytes: &[u8],
    config: &Config,
    order: Option<DateOrder>,
    keep_unknown: bool,
) -> Result<Sheet, Rejected> {
    let whole = |message: String| Rejected {
        errors: vec![SheetError {
            row: None,
            column: None,
            message,
        }],
        ..Rejected::default()
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            return Err(whole(format!(
                "the file is not UTF-8 (byte `0x{:02x}` on line {line}); in Excel use Save As → \"CSV UTF-8\", in Google Sheets File → Download → CSV",
                bytes[good.len()]
            )));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(whole("the file is empty".into()));
    }
    let delimiter = detect_delimiter(text);
    // The CSV reader skips blank lines, but a spreadsheet counts them as
    // rows: give each one a separator so row numbers stay as the sheet shows.
    let mut counted = String::with_capacity(text.len());
    let mut quoted = false;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if !quoted && body.is_empty() {
            counted.push(delimiter as char);
        }
        counted.push_str(line);
        if line.bytes().filter(|b| *b == b'"').count() % 2 == 1 {
            quoted = !quoted;
        }
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(counted.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => return Err(whole(format!("could not read the header row: {e}"))),
    };

    // Map each column to a field.
    let mut errors = Vec::new();
    let mut ignored = Vec::new();
    let mut columns: Vec<Option<(String, Option<FieldType>)>> = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for h in &headers {
        let field: Option<(String, Option<FieldType>)> = if h.is_empty() {
            None
        } else if let Some(f) = field_of(h) {
            Some((f.to_string(), None))
        } else if is_derived(h) {
            None
        } else if let Some((name, ty)) = config
            .fields
            .iter()
            .find(|(n, _)| fold_header(n) == fold_header(h))
        {
            if keep_unknown {
                Some((name.clone(), Some(*ty)))
            } else {
                ignored.push(format!(
                    "`{h}` (custom field `{name}`; pass --keep-unknown to import it)"
                ));
                None
            }
        } else {
            ignored.push(format!("`{h}` (unknown column; declare it under `fields:` in tracker.yaml and pass --keep-unknown to import it)"));
            None
        };
        if let Some((f, _)) = &field {
            if let Some((_, other)) = seen.iter().find(|(sf, _)| sf == f) {
                errors.push(SheetError {
                    row: Some(1),
                    column: Some(h.clone()),
                    message: format!("`{h}` and `{other}` both name the field `{f}`"),
                });
            }
            seen.push((f.clone(), h.clone()));
        }
        columns.push(field);
    }
    let has = |f: &str| seen.iter().any(|(sf, _)| sf == f);
    if !(has("id") || (has("client") && has("project"))) {
        errors.push(SheetError {
            row: Some(1),
            column: None,
            message: "the sheet needs an `id` column, or `client` and `project` columns, to match rows to projects".into(),
        });
    }
    if !errors.is_empty() {
        return Err(Rejected {
            errors,
            rows: 0,
            delimiter: Some(delimiter),
        });
    }

    // Read every record first: dates are interpreted per column.
    let mut records: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let row = i + 2;
        match rec {
            Ok(r) => {
                let cells: Vec<String> = r
                    .iter()
                    .map(|c| unescape_formula(c.trim()).to_string())
                    .collect();
                if cells.iter().all(|c| c.is_empty()) {
                    continue;
                }
                if cells.len() > headers.len()
                    && cells[headers.len()..].iter().any(|c| !c.is_empty())
                {
                    errors.push(SheetError {
                        row: Some(row),
                        column: None,
                        message: format!(
                            "has {} cells but the header has {} columns",
                            cells.len(),
                            headers.len()
                        ),
                    });
                }
                records.push((row, cells));
            }
            Err(e) => errors.push(SheetError {
                row: Some(row),
                column: None,
                message: format!("could not be read: {e}"),
            }),
        }
    }
    let cell = |cells: &Vec<String>, col: usize| cells.get(col).cloned().unwrap_or_default();

    // Day/month order per date column.
    let mut orders: Vec<Option<DateOrder>> = vec![None; headers.len()];
    // Columns refused as a whole: their cells are not reported one by one.
    let mut refused = vec![false; headers.len()];
    for (col, field) in columns.iter().enumerate() {
        let is_date = matches!(field, Some((f, None)) if matches!(f.as_str(), "created" | "start" | "due"))
            || matches!(field, Some((_, Some(FieldType::Date))));
        if !is_date {
            continue;
        }
        if let Some(o) = order {
            orders[col] = Some(o);
            continue;
        }
        let slashed: Vec<(usize, u32, u32)> = records
            .iter()
            .filter_map(|(row, cells)| {
                let v = cell(cells, col);
                let parts: Vec<&str> = v.split('/').collect();
                (parts.len() == 3).then(|| {
                    (
                        *row,
                        parts[0].parse().unwrap_or(0),
                        parts[1].parse().unwrap_or(0),
                    )
                })
            })
            .collect();
        if slashed.is_empty() {
            continue;
        }
        let first_big = slashed.iter().any(|(_, a, _)| *a > 12);
        let second_big = slashed.iter().any(|(_, _, b)| *b > 12);
        orders[col] = match (first_big, second_big) {
            (true, false) => Some(DateOrder::Eu),
            (false, true) => Some(DateOrder::Us),
            (true, true) => {
                refused[col] = true;
                errors.push(SheetError { row: None, column: Some(headers[col].clone()), message: "mixes day-first and month-first dates; give --date-format us or eu and fix the others".into() });
                None
            }
            (false, false) => {
                refused[col] = true;
                let rows: Vec<String> = slashed.iter().map(|(r, _, _)| r.to_string()).collect();
                errors.push(SheetError {
                    row: None,
                    column: Some(headers[col].clone()),
                    message: format!(
                        "dates are ambiguous (day and month both 12 or less in rows {}); give --date-format us (MM/DD/YYYY) or eu (DD/MM/YYYY)",
                        rows.join(", ")
                    ),
                });
                None
            }
        };
    }

    let mut patches = Vec::new();
    for (row, cells) in &records {
        let mut p = Patch {
            row: *row,
            ..Patch::default()
        };
        for (col, field) in columns.iter().enumerate() {
            let Some((name, ty)) = field else { continue };
            let raw = cell(cells, col);
            let header = &headers[col];
            let err = |message: String| SheetError {
                row: Some(*row),
                column: Some(header.clone()),
                message,
            };
            let required = |errors: &mut Vec<SheetError>| {
                errors.push(err(format!("`{name}` is empty; every project needs one")));
            };
            let text = || (!raw.is_empty()).then(|| raw.clone());
            let parse_date = |errors: &mut Vec<SheetError>| -> Option<Option<NaiveDate>> {
                if raw.is_empty() {
                    return Some(None);
                }
                if refused[col] {
                    return None;
                }
                match parse_date_cell(&raw, orders[col]) {
                    Ok(d) => Some(Some(d)),
                    Err(m) => {
                        errors.push(err(m));
                        None
                    }
                }
            };
            fn vocab<T: std::str::FromStr<Err = VocabError>>(raw: &str) -> Result<T, String> {
                raw.parse::<T>()
                    .map_err(|e| format!("unknown {} `{}`: {}", e.kind, e.input, e.help()))
            }
            if let Some(ty) = ty {
                let value = if raw.is_empty() {
                    Some(None)
                } else {
                    match ty {
                        FieldType::Text => Some(Some(FieldValue::Text(raw.clone()))),
                        FieldType::Number => {
                            // As the YAML reader will read it back (`1.50` → `1.5`).
                            let n = raw.replace([' ', '\u{a0}'], "");
                            match crate::store::yaml::parse(&format!("n: {n}")) {
                                Ok(crate::store::yaml::Node::Map(m)) if matches!(m.first(), Some((_, crate::store::yaml::Node::Number(x))) if x.parse::<f64>().is_ok_and(f64::is_finite)) =>
                                {
                                    let Some((_, crate::store::yaml::Node::Number(x))) =
                                        m.into_iter().next()
                                    else {
                                        unreachable!("matched above")
                                    };
                                    Some(Some(FieldValue::Number(x)))
                                }
                                _ => {
                                    errors.push(err(format!("expected a number, found `{raw}`")));
                                    None
                                }
                            }
                        }
                        FieldType::Date => parse_date(&mut errors).map(|d| d.map(FieldValue::Date)),
                        FieldType::Bool => match raw.to_lowercase().as_str() {
                            "true" | "yes" | "oui" | "vrai" | "1" => {
                                Some(Some(FieldValue::Bool(true)))
                            }
                            "false" | "no" | "non" | "faux" | "0" => {
                                Some(Some(FieldValue::Bool(false)))
                            }
                            _ => {
                                errors.push(err(format!("expected TRUE or FALSE, found `{raw}`")));
                                None
                            }
                        },
                        FieldType::List => Some(Some(FieldValue::List(split_list(&raw)))),
                    }
                };
                if let Some(v) = value {
                    p.custom.push((name.clone(), v));
                }
                continue;
            }
            match name.as_str() {
                "id" => p.id = text(),
                "client" => match text() {
                    Some(v) => p.client = Some(v),
                    None => required(&mut errors),
                },
                "project" => match text() {
                    Some(v) => p.project = Some(v),
                    None => required(&mut errors),
                },
                "owner" => match text() {
                    Some(v) => p.owner = Some(v),
                    None => required(&mut errors),
                },
                "stage" | "status" | "health" if raw.is_empty() => required(&mut errors),
                "stage" => match vocab::<Stage>(&raw) {
                    Ok(v) => p.stage = Some(v),
                    Err(m) => errors.push(err(m)),
                },
                "status" => match vocab::<Status>(&raw) {
                    Ok(v) => p.status = Some(v),
                    Err(m) => errors.push(err(m)),
                },
                "health" => match vocab::<Health>(&raw) {
                    Ok(v) => p.health = Some(v),
                    Err(m) => errors.push(err(m)),
                },
                "goal" => p.goal = Some(text()),
                "blocked_reason" => p.blocked_reason = Some(text()),
                "created" => p.created = parse_date(&mut errors),
                "start" => p.start = parse_date(&mut errors),
                "due" => match parse_date(&mut errors) {
                    Some(Some(d)) => p.due = Some(d),
                    Some(None) => required(&mut errors),
                    None => {}
                },
                "tags" => p.tags = Some(split_list(&raw)),
                "links" => match parse_links(&raw) {
                    Ok(l) => p.links = Some(l),
                    Err(m) => errors.push(err(m)),
                },
                _ => {}
            }
        }
        patches.push(p);
    }
    if errors.is_empty() {
        let headers = seen.into_iter().collect();
        Ok(Sheet {
            patches,
            ignored,
            delimiter,
            headers,
        })
    } else {
        Err(Rejected {
            errors,
            rows: records.len(),
            delimiter: Some(delimiter),
        })
    }
}

fn split_list(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// `brief=https://…, slack=https://…`; a piece without `=` continues the
/// previous URL (which had a comma in it).
fn parse_links(raw: &str) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    for piece in raw.split(", ") {
        match piece.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() && !k.contains('/') && !k.contains(' ') => {
                out.push((k.trim().to_string(), v.trim().to_string()))
            }
            _ => match out.last_mut() {
                Some((_, v)) => {
                    v.push_str(", ");
                    v.push_str(piece);
                }
                None if piece.trim().is_empty() => {}
                None => {
                    return Err(format!(
                        "expected `name=url` links separated by `, `, found `{raw}`"
                    ));
                }
            },
        }
    }
    Ok(out)
}

/// One date cell: ISO, `a/b/yyyy` in the column's order, or a serial number.
fn parse_date_cell(raw: &str, order: Option<DateOrder>) -> Result<NaiveDate, String> {
    let t = raw.trim();
    if order == Some(DateOrder::Serial) {
        let n: f64 = t.parse().map_err(|_| {
            format!("expected a spreadsheet serial date such as `46359`, found `{t}`")
        })?;
        let base = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a valid date");
        return base
            .checked_add_days(Days::new(n.trunc() as u64))
            .filter(|_| n >= 1.0)
            .ok_or_else(|| format!("serial date `{t}` is out of range"));
    }
    if t.len() == 10 && t.as_bytes()[4] == b'-' {
        return date::parse_iso(t);
    }
    let parts: Vec<&str> = t.split('/').collect();
    if parts.len() == 3
        && parts[2].len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        let (a, b): (u32, u32) = (parts[0].parse().unwrap_or(0), parts[1].parse().unwrap_or(0));
        let (m, d) = match order {
            Some(DateOrder::Us) => (a, b),
            Some(DateOrder::Eu) => (b, a),
            _ => {
                return Err(format!(
                    "`{t}` could be day/month or month/day; give --date-format us or eu"
                ));
            }
        };
        return date::parse_iso(&format!("{}-{m:02}-{d:02}", parts[2]))
            .map_err(|e| e.replace(&format!("{}-{m:02}-{d:02}", parts[2]), t));
    }
    Err(format!(
        "invalid date `{t}`: expected `2026-12-15`, `12/15/2026` or `15/12/2026`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Sheet, Rejected> {
        read_sheet(text.as_bytes(), &Config::default(), None, false)
    }

    #[test]
    fn reads_french_semicolon_sheets_with_bom_and_crlf() {
        let text = "\u{feff}Nom du client;Nom du projet;Statut;Score de santé;Responsable de compte;Date d'échéance\r\nSociété Générale;Refonte;En cours;Rouge;Marie Dupont;15/12/2026\r\n";
        let sheet = read(text).unwrap();
        assert_eq!(sheet.delimiter, b';');
        let p = &sheet.patches[0];
        assert_eq!(p.row, 2);
        assert_eq!(p.client.as_deref(), Some("Société Générale"));
        assert_eq!(p.status, Some(Status::InProgress));
        assert_eq!(p.health, Some(Health::Red));
        assert_eq!(p.due, NaiveDate::from_ymd_opt(2026, 12, 15));
    }

    #[test]
    fn date_order_is_read_from_the_column() {
        let us = read("client,project,due\nA,B,12/15/2026\nA,C,01/02/2027\n").unwrap();
        assert_eq!(us.patches[1].due, NaiveDate::from_ymd_opt(2027, 1, 2));
        let eu = read("client,project,due\nA,B,15/12/2026\nA,C,01/02/2027\n").unwrap();
        assert_eq!(eu.patches[1].due, NaiveDate::from_ymd_opt(2027, 2, 1));
        let errs = read("client,project,due\nA,B,01/02/2027\nA,C,03/04/2027\n")
            .unwrap_err()
            .errors;
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0].message.contains("ambiguous") && errs[0].message.contains("rows 2, 3"),
            "{}",
            errs[0]
        );
    }

    #[test]
    fn serial_dates_with_the_flag() {
        let s = read_sheet(
            b"client,project,due\nA,B,46359\n",
            &Config::default(),
            Some(DateOrder::Serial),
            false,
        )
        .unwrap();
        assert_eq!(s.patches[0].due, NaiveDate::from_ymd_opt(2026, 12, 3));
    }

    #[test]
    fn formula_escaping_is_undone_exactly() {
        assert_eq!(unescape_formula("'=1+1"), "=1+1");
        assert_eq!(unescape_formula("'-5"), "-5");
        assert_eq!(unescape_formula("'quoted'"), "'quoted'");
        assert_eq!(unescape_formula("l'été"), "l'été");
    }

    #[test]
    fn links_split_on_names() {
        assert_eq!(
            parse_links("brief=https://a.example/x?a=1, b, slack=https://s.example").unwrap(),
            vec![
                ("brief".into(), "https://a.example/x?a=1, b".into()),
                ("slack".into(), "https://s.example".into())
            ]
        );
    }

    #[test]
    fn errors_name_row_and_column() {
        let errs = read("Client,Project,Status\nA,B,blokced\n")
            .unwrap_err()
            .errors;
        assert_eq!(
            errs[0].to_string(),
            "row 2, column `Status`: unknown status `blokced`: expected one of `not-started`, `in-progress`, `blocked`, `done`; did you mean `blocked`?"
        );
        let errs = read_sheet(b"client,project\n\xe9\n", &Config::default(), None, false)
            .unwrap_err()
            .errors;
        assert!(errs[0].message.contains("not UTF-8"));
    }
}

//! The XLSX workbook of `tracker export --format xlsx` (rust_xlsxwriter):
//! a Projects sheet with a frozen header row, an autofilter, fitted columns,
//! health coloured by conditional formatting (so the colour follows an edit),
//! drop-downs for stage, status and health, and dates as real dates; then a
//! Milestones sheet and an Updates sheet.

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, DataValidation, ExcelDateTime, Format,
    Workbook, Worksheet,
};

use super::{Row, View};
use crate::model::project::{MILESTONE_FIELDS, UPDATE_FIELDS};
use crate::model::{FieldValue, Health, Stage, Status};

/// Rows below the data that still get the drop-downs, for new entries.
const SPARE_ROWS: u32 = 500;

/// A typed cell.
enum Cell {
    Text(String),
    Date(NaiveDate),
    Number(f64),
    Bool(bool),
    Empty,
}

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

fn opt_text(s: &Option<String>) -> Cell {
    s.as_deref().map_or(Cell::Empty, text)
}

fn opt_date(d: Option<NaiveDate>) -> Cell {
    d.map_or(Cell::Empty, Cell::Date)
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime> {
    Ok(ExcelDateTime::from_ymd(
        d.year() as u16,
        d.month() as u8,
        d.day() as u8,
    )?)
}

fn write_row(ws: &mut Worksheet, row: u32, cells: &[Cell], date: &Format) -> Result<()> {
    for (col, cell) in cells.iter().enumerate() {
        let col = col as u16;
        match cell {
            Cell::Text(s) => {
                ws.write_string(row, col, s)?;
            }
            Cell::Date(d) => {
                ws.write_datetime_with_format(row, col, excel_date(*d)?, date)?;
            }
            Cell::Number(n) => {
                ws.write_number(row, col, *n)?;
            }
            Cell::Bool(b) => {
                ws.write_boolean(row, col, *b)?;
            }
            Cell::Empty => {}
        }
    }
    Ok(())
}

fn sheet(wb: &mut Workbook, name: &str, header: &[String], rows: &[Vec<Cell>]) -> Result<()> {
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    for (col, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, h, &bold)?;
    }
    for (i, cells) in rows.iter().enumerate() {
        write_row(ws, i as u32 + 1, cells, &date)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = header.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, rows.len() as u32, last_col)?;
    ws.set_autofit_max_width(400);
    ws.autofit();
    Ok(())
}

/// Column index of a header name.
fn column(header: &[String], name: &str) -> Option<u16> {
    header.iter().position(|h| h == name).map(|i| i as u16)
}

/// The whole workbook, as bytes.
pub fn workbook(rows: &[Row<'_>], view: &View<'_>) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();

    let header = super::csv::header(view);
    let project_rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|row| {
            let p = row.project;
            let mut cells = vec![
                text(&p.id),
                text(&p.client),
                text(&p.project),
                text(p.stage.as_str()),
                text(p.status.as_str()),
                text(p.health.as_str()),
                text(&p.owner),
                opt_text(&p.goal),
                opt_date(p.created),
                opt_date(p.start),
                Cell::Date(p.due),
                opt_text(&p.blocked_reason),
                text(&p.tags.join(", ")),
                text(
                    &p.links
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ];
            for (name, _) in &view.config.fields {
                cells.push(match p.custom(name) {
                    None => Cell::Empty,
                    Some(FieldValue::Number(n)) => n
                        .parse()
                        .map_or_else(|_| Cell::Text(n.clone()), Cell::Number),
                    Some(FieldValue::Date(d)) => Cell::Date(*d),
                    Some(FieldValue::Bool(b)) => Cell::Bool(*b),
                    Some(v) => text(&v.display()),
                });
            }
            cells.push(
                row.facts
                    .progress
                    .map_or(Cell::Empty, |n| Cell::Number(f64::from(n))),
            );
            cells.push(opt_date(p.last_update()));
            cells.push(Cell::Bool(row.facts.overdue));
            cells
        })
        .collect();
    sheet(&mut wb, "Projects", &header, &project_rows)?;
    {
        let ws = wb.worksheet_from_name("Projects")?;
        let last = rows.len() as u32 + SPARE_ROWS;
        if let Some(col) = column(&header, "health") {
            for h in Health::ALL {
                let (r, g, b) = h.colour_rgb();
                let fill = Format::new().set_background_color(Color::RGB(
                    (u32::from(r) << 16) | (u32::from(g) << 8) | u32::from(b),
                ));
                let rule = ConditionalFormatCell::new()
                    .set_rule(ConditionalFormatCellRule::EqualTo(h.as_str()))
                    .set_format(fill);
                ws.add_conditional_format(1, col, last, col, &rule)?;
            }
            ws.add_data_validation(
                1,
                col,
                last,
                col,
                &DataValidation::new().allow_list_strings(Health::WORDS)?,
            )?;
        }
        if let Some(col) = column(&header, "stage") {
            ws.add_data_validation(
                1,
                col,
                last,
                col,
                &DataValidation::new().allow_list_strings(Stage::WORDS)?,
            )?;
        }
        if let Some(col) = column(&header, "status") {
            ws.add_data_validation(
                1,
                col,
                last,
                col,
                &DataValidation::new().allow_list_strings(Status::WORDS)?,
            )?;
        }
    }

    // The milestone keys of the file format, `id` shown as `milestone`.
    let ms_header: Vec<String> = ["project", "milestone"]
        .into_iter()
        .chain(MILESTONE_FIELDS.iter().copied().skip(1))
        .map(String::from)
        .collect();
    let ms_rows: Vec<Vec<Cell>> = rows
        .iter()
        .flat_map(|row| {
            row.project.milestones.iter().map(move |m| {
                vec![
                    text(&row.project.id),
                    text(&m.id),
                    text(&m.name),
                    text(m.owner.as_deref().unwrap_or(&row.project.owner)),
                    opt_date(m.start),
                    opt_date(m.due),
                    if m.is_recurring() {
                        Cell::Empty
                    } else {
                        text(m.status().as_str())
                    },
                    text(&m.depends_on.join(", ")),
                    opt_text(&m.every),
                ]
            })
        })
        .collect();
    sheet(&mut wb, "Milestones", &ms_header, &ms_rows)?;

    let up_header: Vec<String> = std::iter::once("project")
        .chain(UPDATE_FIELDS.iter().copied())
        .map(String::from)
        .collect();
    let up_rows: Vec<Vec<Cell>> = rows
        .iter()
        .flat_map(|row| {
            row.project.updates.iter().map(move |u| {
                vec![
                    text(&row.project.id),
                    Cell::Date(u.date),
                    opt_text(&u.by),
                    u.health.map_or(Cell::Empty, |v| text(v.as_str())),
                    u.status.map_or(Cell::Empty, |v| text(v.as_str())),
                    u.stage.map_or(Cell::Empty, |v| text(v.as_str())),
                    opt_text(&u.owner),
                    opt_date(u.due),
                    opt_text(&u.blocked_reason),
                    opt_text(&u.milestone),
                    opt_text(&u.note),
                    Cell::Bool(u.internal.unwrap_or(false)),
                ]
            })
        })
        .collect();
    sheet(&mut wb, "Updates", &up_header, &up_rows)?;

    Ok(wb.save_to_buffer()?)
}

//! Parse stage: CSV input — one officeholder per row, columns named by a header row
//! (spreadsheets, Wikidata query results). The rows become one table of the record,
//! each row naming its position.

use super::columns::{kind_from_header, ColumnKind};
use super::table::read_cell;
use super::text::decode;
use super::{Block, Column, Diagnostics, HolderRow, Located, OfficeTable, Record};

/// What a CSV column holds beyond the table column kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CsvColumn {
    Position,
    Title,
    Acting,
    DiedInOffice,
    Table(ColumnKind),
}

/// Splits `itemLabel` / `start_time` into words so header wording applies.
fn words(header: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in header.chars() {
        if c.is_uppercase() && previous_lower {
            out.push(' ');
        }
        previous_lower = c.is_lowercase();
        out.push(if c == '_' || c == '-' { ' ' } else { c });
    }
    out.to_lowercase()
}

fn csv_column(header: &str) -> CsvColumn {
    let h = words(header);
    let h = h.trim();
    match h {
        "position"
        | "position label"
        | "office"
        | "office label"
        | "post"
        | "position held"
        | "position held label" => CsvColumn::Position,
        "title" | "era" | "era title" => CsvColumn::Title,
        "acting" => CsvColumn::Acting,
        "died in office" | "died" => CsvColumn::DiedInOffice,
        "item label" | "person label" | "holder label" | "label" | "holder" | "person" => {
            CsvColumn::Table(ColumnKind::Name)
        }
        "start time" | "start date" => CsvColumn::Table(ColumnKind::Start),
        "end time" | "end date" => CsvColumn::Table(ColumnKind::End),
        "ordinal" | "series ordinal" => CsvColumn::Table(ColumnKind::Ordinal),
        "terms" | "parliamentary term" | "parliamentary term label" => {
            CsvColumn::Table(ColumnKind::Term)
        }
        _ => CsvColumn::Table(kind_from_header(h).unwrap_or(ColumnKind::Other)),
    }
}

fn truthy(value: &str) -> bool {
    matches!(
        value.trim().to_lowercase().as_str(),
        "true" | "yes" | "y" | "1" | "x"
    )
}

/// Parses a CSV file of officeholders. Never fails: problems are diagnostics.
pub fn parse_csv(source: &str, file_name: &str, bytes: &[u8]) -> (Record, Diagnostics) {
    let mut diagnostics = Diagnostics::new(source);
    let text = decode(bytes, &mut diagnostics);
    let mut record = Record {
        source: source.to_owned(),
        file_name: file_name.to_owned(),
        is_table_file: true,
        ..Record::default()
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diagnostics.error(1, format!("cannot read the CSV header: {e}"));
            return (record, diagnostics);
        }
    };
    let kinds: Vec<CsvColumn> = headers.iter().map(csv_column).collect();
    let columns: Vec<Column> = headers
        .iter()
        .zip(&kinds)
        .map(|(h, k)| Column {
            header: h.trim().to_owned(),
            kind: if let CsvColumn::Table(k) = k {
                *k
            } else {
                ColumnKind::Other
            },
        })
        .collect();
    if !kinds.contains(&CsvColumn::Position) {
        diagnostics.warn(1, "CSV has no position column; every row is taken to be about the position named by the file");
    }
    let mut rows = Vec::new();
    for result in reader.records() {
        let (line, fields) = match result {
            Ok(r) => (
                r.position()
                    .map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX)),
                r,
            ),
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
                diagnostics.error(line, format!("CSV row cannot be read: {e}; skipped"));
                continue;
            }
        };
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if fields.len() != headers.len() {
            diagnostics.warn(
                line,
                format!(
                    "CSV row has {} fields but the header has {}",
                    fields.len(),
                    headers.len()
                ),
            );
        }
        let mut row = HolderRow {
            line,
            ..HolderRow::default()
        };
        for (i, field) in fields.iter().enumerate() {
            let value = field.trim();
            if value.is_empty() {
                continue;
            }
            match kinds.get(i) {
                Some(CsvColumn::Position) => row.position = Some(super::cell::clean_space(value)),
                Some(CsvColumn::Title) => row.era_title = Some(super::cell::clean_space(value)),
                Some(CsvColumn::Acting) => row.acting = truthy(value),
                Some(CsvColumn::DiedInOffice) => row.died_in_office = truthy(value),
                Some(CsvColumn::Table(_)) => read_cell(
                    &mut row,
                    &columns[i],
                    i,
                    Located {
                        value: value.to_owned(),
                        line,
                    },
                    None,
                    &mut diagnostics,
                ),
                None => row
                    .extra
                    .push((format!("column{}", i + 1), value.to_owned())),
            }
        }
        rows.push(row);
    }
    let line = if rows.is_empty() { 1 } else { 2 };
    let table = OfficeTable {
        line,
        caption: None,
        title: None,
        columns,
        eras: Vec::new(),
        rows,
        is_officeholder_table: true,
    };
    record.blocks.push(Block::Table(table));
    (record, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> (Vec<HolderRow>, Vec<String>) {
        let (record, d) = parse_csv("t.csv", "t.csv", text.as_bytes());
        let Some(Block::Table(t)) = record.blocks.into_iter().next() else {
            panic!("no table")
        };
        (t.rows, d.items().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn wikidata_results_read_as_rows() {
        let (rows, warnings) = rows(
            "item,itemLabel,positionLabel,start,end\n\
             http://www.wikidata.org/entity/Q1,Trần Phú,General Secretary,1930-10-27T00:00:00Z,1931-09-06T00:00:00Z\n",
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(rows[0].name.as_deref(), Some("Trần Phú"));
        assert_eq!(rows[0].position.as_deref(), Some("General Secretary"));
        assert_eq!(
            rows[0].start.map(|d| d.to_string()).as_deref(),
            Some("1930-10-27")
        );
        assert_eq!(rows[0].line, 2);
        assert_eq!(
            rows[0].extra,
            vec![(
                "item".to_owned(),
                "http://www.wikidata.org/entity/Q1".to_owned()
            )]
        );
    }

    #[test]
    fn spreadsheet_wording_and_bad_cells() {
        let (rows, warnings) = rows(
            "Position,Name,Took office,Left office,Acting,Central Committee\n\
             Chief,A (acting),1945,c. 1953,yes,1st Central Committee\n\
             Chief,B,May 1953,Incumbent,,\n",
        );
        assert!(rows[0].acting && rows[0].end_circa);
        assert_eq!(rows[0].end.map(|d| d.to_string()).as_deref(), Some("1953"));
        assert_eq!(rows[0].terms[0].value, "1st Central Committee");
        assert_eq!(
            rows[1].start.map(|d| d.to_string()).as_deref(),
            Some("1953-05")
        );
        assert!(rows[1].incumbent);
        assert!(
            warnings.is_empty(),
            "an approximate end is read, not warned: {warnings:?}"
        );
    }
}

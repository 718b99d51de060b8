//! Extract stage: infobox offices (`Commander1` + `Commander1 Label`) — a position of
//! the record's organization and its current holder, merged with the table's
//! incumbent row when the record has one.

use super::draft::{NameSource, TenureDraft};
use super::positions::specific_label;
use super::subject::OfficeEntry;
use super::{Context, SubjectKind};
use crate::record::{Diagnostics, HolderRow};
use crate::vocab::og;

/// Adds the offices' positions and holders to `drafts`.
pub fn office_drafts(
    cx: &mut Context<'_>,
    offices: &[OfficeEntry],
    drafts: &mut Vec<TenureDraft>,
    diagnostics: &mut Diagnostics,
) {
    for office in offices {
        let (label, label_line) = office.label.clone().unwrap_or_else(|| {
            let line = office.holder.as_ref().map_or(0, |h| h.1);
            ("Commander".to_owned(), line)
        });
        let label = specific_label(cx, &label);
        let position = cx.position(&label, label_line);
        if cx.subject_kind == SubjectKind::Organization {
            let subject = cx.subject.clone();
            cx.out.add(&position, og::ORGANIZATION_PROP, subject);
        }
        let Some((name, line)) = &office.holder else {
            continue;
        };
        let of_position = |d: &TenureDraft| d.position == label;
        let same = drafts
            .iter()
            .position(|d| of_position(d) && d.row.name.as_deref() == Some(name.as_str()));
        let current = || {
            drafts
                .iter()
                .rposition(|d| of_position(d) && d.row.incumbent)
        };
        match same.or_else(current) {
            Some(i) => {
                let draft = &mut drafts[i];
                match &draft.row.name {
                    // The table already has this holder: one tenure, named earlier here.
                    Some(written) if written == name => {}
                    Some(written) => {
                        diagnostics.warn(
                            *line,
                            format!(
                                "infobox holder `{name}` contradicts the table row at line {} (`{written}`); the table wins",
                                draft.row.line
                            ),
                        );
                        continue;
                    }
                    None => {
                        draft.row.name = Some(name.clone());
                        draft.name_source = Some(NameSource {
                            line: *line,
                            method: "infobox".to_owned(),
                            quote: name.clone(),
                        });
                    }
                }
                draft.name_line = Some(draft.name_line.map_or(*line, |l| l.min(*line)));
            }
            None => {
                let row = HolderRow {
                    line: *line,
                    name: Some(name.clone()),
                    incumbent: true,
                    ..HolderRow::default()
                };
                drafts.push(TenureDraft {
                    position: label.clone(),
                    row,
                    name_line: None,
                    name_source: None,
                });
            }
        }
    }
}

//! Reconcile stage (link): the Wikidata JSON dump reader — one entity per line,
//! optionally inside `[` … `]` with a `,` after each line, as the dump writes it.

use super::bad;
use super::build::{item_iri, Builder};
use crate::date::{PartialDate, Precision};
use crate::link::LinkError;
use crate::vocab::wikidata as wd;
use oxigraph::model::{NamedNode, Triple};
use serde_json::Value;

pub fn read(file: &str, content: &str, graph: &str) -> Result<Vec<Triple>, LinkError> {
    let mut builder = Builder::new(graph);
    for (index, raw) in content.lines().enumerate() {
        let line = u64::try_from(index + 1).unwrap_or(u64::MAX);
        let text = raw.trim().trim_start_matches('\u{feff}');
        let text = text.strip_suffix(',').unwrap_or(text).trim();
        if text.is_empty() || text == "[" || text == "]" {
            continue;
        }
        let entity: Value = serde_json::from_str(text)
            .map_err(|e| bad(file, line, format!("not a JSON entity: {e}")))?;
        entity_triples(&entity, &mut builder).map_err(|m| bad(file, line, m))?;
    }
    Ok(builder.finish())
}

fn entity_triples(entity: &Value, b: &mut Builder) -> Result<(), String> {
    let id = entity
        .get("id")
        .and_then(Value::as_str)
        .ok_or("an entity needs an \"id\"")?;
    let item = item_iri(id).ok_or_else(|| format!("{id:?} is not an entity id"))?;
    for (lang, label) in map(entity, "labels") {
        if let Some(text) = label.get("value").and_then(Value::as_str) {
            b.label(&item, text, Some(lang));
        }
    }
    for (lang, aliases) in map(entity, "aliases") {
        for alias in aliases.as_array().into_iter().flatten() {
            if let Some(text) = alias.get("value").and_then(Value::as_str) {
                b.alias(&item, text, Some(lang));
            }
        }
    }
    for claim in claims(entity, "P31") {
        if let Some(class) = entity_value(claim.get("mainsnak")) {
            b.instance_of(&item, &class);
        }
    }
    for claim in claims(entity, "P569") {
        if let Some(date) = time_value(claim.get("mainsnak")) {
            b.birth(&item, &date);
        }
    }
    for claim in claims(entity, "P39") {
        let Some(position) = entity_value(claim.get("mainsnak")) else {
            continue;
        };
        let qualifier = |p: &str| {
            claim
                .get("qualifiers")
                .and_then(|q| q.get(p))
                .and_then(Value::as_array)
                .and_then(|snaks| snaks.iter().find_map(|s| time_value(Some(s))))
        };
        let statement = claim
            .get("id")
            .and_then(Value::as_str)
            .and_then(|sid| NamedNode::new(format!("{}{}", wd::WDS, sid.replace('$', "-"))).ok());
        b.position_held(
            &item,
            Some(&position),
            qualifier("P580").as_ref(),
            qualifier("P582").as_ref(),
            statement,
        );
    }
    Ok(())
}

fn map<'a>(entity: &'a Value, key: &str) -> impl Iterator<Item = (&'a str, &'a Value)> {
    entity
        .get(key)
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.as_str(), v))
}

/// The statements of `property`, deprecated ones left out.
fn claims<'a>(entity: &'a Value, property: &str) -> impl Iterator<Item = &'a Value> {
    entity
        .get("claims")
        .and_then(|c| c.get(property))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|c| c.get("rank").and_then(Value::as_str) != Some("deprecated"))
}

fn datavalue(snak: Option<&Value>) -> Option<&Value> {
    let snak = snak?;
    if snak.get("snaktype").and_then(Value::as_str) != Some("value") {
        return None;
    }
    snak.get("datavalue")?.get("value")
}

fn entity_value(snak: Option<&Value>) -> Option<NamedNode> {
    let value = datavalue(snak)?;
    if let Some(id) = value.get("id").and_then(Value::as_str) {
        return item_iri(id);
    }
    let n = value.get("numeric-id").and_then(Value::as_u64)?;
    item_iri(&format!("Q{n}"))
}

/// A time value at its precision (9 year, 10 month, 11 day); coarser ones are dropped.
fn time_value(snak: Option<&Value>) -> Option<PartialDate> {
    let value = datavalue(snak)?;
    let date = PartialDate::from_wikidata(value.get("time")?.as_str()?)?;
    let precision = value.get("precision").and_then(Value::as_u64).unwrap_or(11);
    Some(date.truncated(Precision::from_wikibase(precision)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINH: &str = r#"{"type":"item","id":"Q900004","labels":{"vi":{"language":"vi","value":"Nguyễn Văn Linh"}},"aliases":{"en":[{"language":"en","value":"Nguyen Van Linh"}]},"claims":{"P569":[{"mainsnak":{"snaktype":"value","property":"P569","datavalue":{"value":{"time":"+1915-07-01T00:00:00Z","precision":9},"type":"time"}},"type":"statement","rank":"normal"}],"P39":[{"mainsnak":{"snaktype":"value","property":"P39","datavalue":{"value":{"entity-type":"item","id":"Q900101"},"type":"wikibase-entityid"}},"type":"statement","id":"Q900004$A1","rank":"normal","qualifiers":{"P580":[{"snaktype":"value","property":"P580","datavalue":{"value":{"time":"+1986-12-18T00:00:00Z","precision":11},"type":"time"}}]}}]}}"#;

    #[test]
    fn reads_the_dump_shape() {
        let text = format!("[\n{LINH},\n]\n");
        let triples = read("f.json", &text, "http://g").unwrap();
        let all: Vec<String> = triples.iter().map(ToString::to_string).collect();
        let has = |s: &str| all.iter().any(|t| t.contains(s));
        assert!(has("\"Nguyễn Văn Linh\"@vi"));
        assert!(has("\"Nguyen Van Linh\"@en"));
        assert!(has("\"1915\"^^<http://www.w3.org/2001/XMLSchema#gYear>"));
        assert!(has("<http://www.wikidata.org/entity/statement/Q900004-A1> <http://www.wikidata.org/prop/qualifier/P580> \"1986-12-18\""));
    }

    #[test]
    fn a_bad_line_is_located() {
        let text = format!("[\n{LINH},\n{{\"id\": 3}},\n]\n");
        let err = read("f.json", &text, "http://g").unwrap_err();
        assert_eq!(err.to_string(), "f.json:3: an entity needs an \"id\"");
        let err = read("f.json", "{oops\n", "http://g").unwrap_err();
        assert!(
            err.to_string().starts_with("f.json:1: not a JSON entity"),
            "{err}"
        );
    }
}

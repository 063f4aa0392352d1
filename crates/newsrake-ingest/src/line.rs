//! The fields of one JSONL line, parsed without building a
//! `serde_json::Value`.
//!
//! A `Value` costs a `BTreeMap`, a `String` per key and per string value, and
//! a copy of the (long) `text`; this visitor keeps the fields newsrake reads
//! and borrows `text` from the line when it has no escapes. It must accept,
//! reject and report exactly what `serde_json::from_str::<Value>` did, so
//! the diagnostics stay the same: every value goes through the same
//! `deserialize_any` / `deserialize_str` calls a `Value` makes (values of
//! keys newsrake ignores are parsed *as* `Value`s, as before), duplicate keys
//! keep the last value, and a line that is not an object is parsed whole
//! before it is called one.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// A field's value, as far as newsrake cares.
pub(crate) enum Field<'a> {
    Str(Cow<'a, str>),
    /// A number or boolean, rendered as `Value`'s `to_string` renders it.
    Scalar(String),
    /// `null`, an array or an object.
    Other,
}

impl Field<'_> {
    /// A string, number or boolean as a string (the optional fields).
    pub(crate) fn scalar_string(self) -> Option<String> {
        match self {
            Field::Str(s) => Some(s.into_owned()),
            Field::Scalar(s) => Some(s),
            Field::Other => None,
        }
    }
}

/// The fields newsrake reads from a line that is a JSON object.
#[derive(Default)]
pub(crate) struct Fields<'a> {
    pub text: Option<Field<'a>>,
    pub id: Option<Field<'a>>,
    pub title: Option<Field<'a>>,
    pub url: Option<Field<'a>>,
    pub source: Option<Field<'a>>,
    pub published: Option<Field<'a>>,
}

/// A parsed line: an object's fields, or what else it was.
pub(crate) enum Parsed<'a> {
    Object(Fields<'a>),
    /// Not an object: "an array", "a number", "a string", "a boolean", "null".
    NotObject(&'static str),
}

/// Parse one decoded line (the whole line must be one JSON value).
pub(crate) fn parse(line: &str) -> Result<Parsed<'_>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(line);
    let parsed = de.deserialize_any(LineVisitor)?;
    de.end()?;
    Ok(parsed)
}

struct LineVisitor;

impl<'de> Visitor<'de> for LineVisitor {
    type Value = Parsed<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Parsed<'de>, E> {
        Ok(Parsed::NotObject("a boolean"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Parsed<'de>, E> {
        Ok(Parsed::NotObject("a number"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Parsed<'de>, E> {
        Ok(Parsed::NotObject("a number"))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Parsed<'de>, E> {
        // `Value` turns a non-finite float into `null`.
        Ok(Parsed::NotObject(if v.is_finite() {
            "a number"
        } else {
            "null"
        }))
    }
    fn visit_str<E>(self, _: &str) -> Result<Parsed<'de>, E> {
        Ok(Parsed::NotObject("a string"))
    }
    fn visit_unit<E>(self) -> Result<Parsed<'de>, E> {
        Ok(Parsed::NotObject("null"))
    }
    fn visit_none<E>(self) -> Result<Parsed<'de>, E> {
        Ok(Parsed::NotObject("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Parsed<'de>, A::Error> {
        while seq.next_element::<serde_json::Value>()?.is_some() {}
        Ok(Parsed::NotObject("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parsed<'de>, A::Error> {
        let mut fields = Fields::default();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let slot = match key {
                Key::Text => &mut fields.text,
                Key::Id => &mut fields.id,
                Key::Title => &mut fields.title,
                Key::Url => &mut fields.url,
                Key::Source => &mut fields.source,
                Key::Published => &mut fields.published,
                Key::Other => {
                    map.next_value::<serde_json::Value>()?;
                    continue;
                }
            };
            *slot = Some(map.next_value_seed(FieldSeed)?);
        }
        Ok(Parsed::Object(fields))
    }
}

enum Key {
    Text,
    Id,
    Title,
    Url,
    Source,
    Published,
    Other,
}

/// Classifies a key (after unescaping, as a `Value`'s key would be).
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E>(self, key: &str) -> Result<Key, E> {
        Ok(match key {
            "text" => Key::Text,
            "id" => Key::Id,
            "title" => Key::Title,
            "url" => Key::Url,
            "source" => Key::Source,
            "published" => Key::Published,
            _ => Key::Other,
        })
    }
}

/// A known field's value: borrowed when the line holds it unescaped.
struct FieldSeed;

impl<'de> DeserializeSeed<'de> for FieldSeed {
    type Value = Field<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Field<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FieldSeed {
    type Value = Field<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Field<'de>, E> {
        Ok(Field::Scalar(v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Field<'de>, E> {
        Ok(Field::Scalar(serde_json::Number::from(v).to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Field<'de>, E> {
        Ok(Field::Scalar(serde_json::Number::from(v).to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Field<'de>, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Field::Other, |n| Field::Scalar(n.to_string())))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Field<'de>, E> {
        Ok(Field::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Field<'de>, E> {
        Ok(Field::Str(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Field<'de>, E> {
        Ok(Field::Str(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> Result<Field<'de>, E> {
        Ok(Field::Other)
    }
    fn visit_none<E>(self) -> Result<Field<'de>, E> {
        Ok(Field::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Field<'de>, A::Error> {
        while seq.next_element::<serde_json::Value>()?.is_some() {}
        Ok(Field::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Field<'de>, A::Error> {
        while map.next_entry::<String, serde_json::Value>()?.is_some() {}
        Ok(Field::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the `Value`-based parser made of a line, in the same terms.
    fn by_value(line: &str) -> Result<String, String> {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let serde_json::Value::Object(obj) = v else {
            return Ok(format!("not an object: {v}"));
        };
        let show = |k: &str| match obj.get(k) {
            None => "-".to_string(),
            Some(serde_json::Value::String(s)) => format!("s:{s}"),
            Some(serde_json::Value::Number(n)) => format!("x:{n}"),
            Some(serde_json::Value::Bool(b)) => format!("x:{b}"),
            Some(_) => "o".to_string(),
        };
        Ok(["text", "id", "title", "url", "source", "published"]
            .map(show)
            .join("|"))
    }

    fn by_visitor(line: &str) -> Result<String, String> {
        let parsed = parse(line).map_err(|e| e.to_string())?;
        let Parsed::Object(f) = parsed else {
            return Ok("not an object".to_string());
        };
        let show = |x: Option<Field<'_>>| match x {
            None => "-".to_string(),
            Some(Field::Str(s)) => format!("s:{s}"),
            Some(Field::Scalar(s)) => format!("x:{s}"),
            Some(Field::Other) => "o".to_string(),
        };
        Ok([f.text, f.id, f.title, f.url, f.source, f.published]
            .map(show)
            .join("|"))
    }

    #[test]
    fn same_as_value() {
        let lines = [
            r#"{"id":"a","text":"x\ny","title":"T","x":[1,{"y":null}]}"#,
            r#"{"t\u0065xt":"esc\"aped","id":42,"url":1.5e3,"source":true,"published":null}"#,
            r#"{"text":"a","text":5}"#,
            r#"{"text":5,"text":"b"}"#,
            r#"{"id":-7,"title":12345678901234567890123,"text":"\ud83d\ude00"}"#,
            r#"{"id":1e400,"text":"a"}"#,
            r#"{"text":"a"} x"#,
            r#"{"text":"a",}"#,
            r#"{"text":"\ud800"}"#,
            r#"{"text":"a","other":[1,2"#,
            r#"{"text":"a","other":01}"#,
            r#"{"text":"a","other":-}"#,
            r#"{"text":"a","x":{"a":tru}}"#,
            r#"{"text":"a","id":[1,2]}"#,
            r#"{"text":"a","id":{"b":1,"b":2}}"#,
            r#"{1:2}"#,
            r#"[1,2]"#,
            r#"[1,2"#,
            "7",
            "-0.0",
            r#""str""#,
            "true",
            "null",
            "nul",
            "{}",
            " {\"text\" : \"spaced\" } ",
        ];
        for line in lines {
            let want = by_value(line);
            let got = by_visitor(line);
            match (&want, &got) {
                (Ok(w), Ok(g)) if w.starts_with("not an object") => {
                    assert_eq!(g, "not an object", "{line}")
                }
                _ => assert_eq!(got, want, "{line}"),
            }
        }
        let deep = format!(
            "{{\"text\":\"a\",\"x\":{}{}}}",
            "[".repeat(200),
            "]".repeat(200)
        );
        assert_eq!(by_visitor(&deep), by_value(&deep));
    }
}

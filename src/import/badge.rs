//! Open Badges in: 2.0 assertions and 3.0 / W3C Verifiable Credentials
//! (`OpenBadgeCredential`), as JSON, as a compact JWS (decoded, not
//! verified), or baked into a PNG (an iTXt chunk keyed `openbadges` or
//! `openbadgecredential`) or an SVG (`<openbadges:assertion>` or
//! `<openbadges:credential>`). No network: hosted verification is not
//! attempted, and the entry says so.

use base64::Engine as _;
use serde_json::Value;

use super::FormatError;
use crate::model::document::{DocAttachment, DocClaim, DocEntry};
use crate::model::{EntryFields, EntryKind, KindDetails, KindValues, PartialDate};

/// What a badge says, whatever its version.
#[derive(Debug, Clone, PartialEq)]
pub struct Badge {
    /// The assertion's or credential's id (a URL or URN).
    pub id: String,
    pub version: &'static str,
    pub name: String,
    pub description: Option<String>,
    pub criteria: Option<String>,
    pub issuer: Option<String>,
    pub issued: PartialDate,
    pub expires: Option<PartialDate>,
    /// The badge image when the file carries it (a data URI), as (media type, bytes).
    pub image: Option<(String, Vec<u8>)>,
    /// Alignment codes (`targetCode`, else `targetName`), to claim competencies by.
    pub alignments: Vec<String>,
}

/// The badge a file's bytes carry, as text (JSON or a compact JWS): the
/// file itself, or what is baked into a PNG or an SVG.
pub fn carried(bytes: &[u8]) -> Result<String, FormatError> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let text = png_text(bytes)?
            .ok_or("the PNG has no Open Badges data (no iTXt chunk openbadges or openbadgecredential)")?;
        return carried(text.as_bytes());
    }
    let text = std::str::from_utf8(bytes).map_err(|_| "the file is neither a PNG nor UTF-8 text")?;
    let text = super::without_bom(text).trim();
    if text.starts_with('<') {
        let inner =
            svg_text(text).ok_or("the SVG has no <openbadges:assertion> or <openbadges:credential>")?;
        return carried(inner.as_bytes());
    }
    Ok(text.to_string())
}

/// The badge JSON of what a file carries ([`carried`]): a JWS's payload, or the JSON itself.
pub fn payload(text: &str) -> Result<Value, FormatError> {
    let text = text.trim();
    if !text.starts_with('{') && text.split('.').count() == 3 {
        return jws_payload(text);
    }
    serde_json::from_str(text).map_err(|e| FormatError(format!("not badge JSON: {e}")))
}

/// The text of the first iTXt (or tEXt) chunk keyed `openbadges` or `openbadgecredential`.
fn png_text(bytes: &[u8]) -> Result<Option<String>, FormatError> {
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize;
        let kind = &bytes[at + 4..at + 8];
        let data = bytes.get(at + 8..at + 8 + len).ok_or("the PNG is cut short")?;
        if kind == b"iTXt" || kind == b"tEXt" {
            let mut parts = data.splitn(2, |b| *b == 0);
            let keyword = parts.next().unwrap_or_default();
            let rest = parts.next().unwrap_or_default();
            if keyword == b"openbadges" || keyword == b"openbadgecredential" {
                let text = if kind == b"tEXt" { rest.to_vec() } else { itxt_text(rest)? };
                return Ok(Some(String::from_utf8(text).map_err(|_| "the badge text is not UTF-8")?));
            }
        }
        if kind == b"IEND" {
            break;
        }
        at += 12 + len;
    }
    Ok(None)
}

/// An iTXt chunk after its keyword: compression flag and method, language, translated keyword, text.
fn itxt_text(rest: &[u8]) -> Result<Vec<u8>, FormatError> {
    let (compressed, rest) = match rest {
        [flag, _method, rest @ ..] => (*flag == 1, rest),
        _ => return Err("a broken iTXt chunk".into()),
    };
    let mut fields = rest.splitn(3, |b| *b == 0);
    let (_language, _translated, text) = (fields.next(), fields.next(), fields.next().unwrap_or_default());
    if compressed {
        // A small chunk can inflate to gigabytes: stop at the limit.
        let limit = crate::model::limits::BADGE_TEXT_BYTES;
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(text, limit).map_err(|e| {
            if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                format!(
                    "the badge text baked into the image inflates past {}; not read",
                    crate::output::human_size(limit as i64)
                )
                .into()
            } else {
                "a compressed iTXt chunk that does not inflate".into()
            }
        })
    } else {
        Ok(text.to_vec())
    }
}

/// The content of `<openbadges:assertion>` or `<openbadges:credential>`, CDATA unwrapped.
fn svg_text(svg: &str) -> Option<String> {
    for tag in ["openbadges:assertion", "openbadges:credential"] {
        let Some(open) = svg.find(&format!("<{tag}")) else { continue };
        let start = open + svg[open..].find('>')? + 1;
        let end = start + svg[start..].find(&format!("</{tag}>"))?;
        let inner = svg[start..end].trim();
        let inner = inner.strip_prefix("<![CDATA[").and_then(|i| i.strip_suffix("]]>")).unwrap_or(inner);
        return Some(inner.trim().to_string());
    }
    None
}

/// The payload of a compact JWS (`header.payload.signature`); its signature
/// is `trust::badge_check`'s to check.
fn jws_payload(text: &str) -> Result<Value, FormatError> {
    let payload = text.split('.').nth(1).unwrap_or_default();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| "a JWS whose payload is not base64url")?;
    let value: Value = serde_json::from_slice(&bytes)
        .map_err(|e| FormatError(format!("a JWS payload that is not JSON: {e}")))?;
    // A VC-JWT carries the credential under `vc`.
    Ok(value.get("vc").cloned().unwrap_or(value))
}

fn text(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// A name from an object's `name`, or the value itself when it is a plain string.
fn named(value: Option<&Value>) -> Option<String> {
    match value {
        Some(Value::Object(_)) => text(value.and_then(|v| v.get("name"))),
        other => text(other),
    }
}

fn date(value: Option<&Value>, what: &str) -> Result<Option<PartialDate>, FormatError> {
    match text(value) {
        None => Ok(None),
        Some(stamp) => stamp
            .get(..10)
            .unwrap_or(&stamp)
            .parse()
            .map(Some)
            .map_err(|_| FormatError(format!("{what} '{stamp}' is not a date"))),
    }
}

fn is_type(value: &Value, wanted: &str) -> bool {
    match value.get("type") {
        Some(Value::String(t)) => t == wanted,
        Some(Value::Array(types)) => types.iter().any(|t| t.as_str() == Some(wanted)),
        _ => false,
    }
}

/// An image given as a data URI (a URL would need the network).
fn image(value: Option<&Value>) -> Option<(String, Vec<u8>)> {
    let uri = match value {
        Some(Value::Object(o)) => o.get("id").and_then(Value::as_str),
        Some(Value::String(s)) => Some(s.as_str()),
        _ => None,
    }?;
    let rest = uri.strip_prefix("data:")?;
    let (meta, data) = rest.split_once(',')?;
    let media = meta.trim_end_matches(";base64").to_string();
    let bytes = base64::engine::general_purpose::STANDARD.decode(data).ok()?;
    Some((media, bytes))
}

fn alignments(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|a| text(a.get("targetCode")).or_else(|| text(a.get("targetName"))))
                .collect()
        })
        .unwrap_or_default()
}

/// Reads a badge from its JSON, 2.0 or 3.0.
pub fn read(value: &Value) -> Result<Badge, FormatError> {
    if is_type(value, "OpenBadgeCredential") || is_type(value, "VerifiableCredential") {
        let achievement = value
            .get("credentialSubject")
            .and_then(|s| s.get("achievement"))
            .ok_or("an OpenBadgeCredential with no credentialSubject.achievement")?;
        let issued = date(value.get("validFrom").or_else(|| value.get("issuanceDate")), "validFrom")?
            .ok_or("the credential has no validFrom (or issuanceDate)")?;
        return Ok(Badge {
            id: text(value.get("id")).ok_or("the credential has no id")?,
            version: "3.0",
            name: text(achievement.get("name"))
                .or_else(|| text(value.get("name")))
                .ok_or("the achievement has no name")?,
            description: text(achievement.get("description")),
            criteria: text(achievement.get("criteria").and_then(|c| c.get("narrative"))),
            issuer: named(value.get("issuer")),
            issued,
            expires: date(value.get("validUntil").or_else(|| value.get("expirationDate")), "validUntil")?,
            image: image(achievement.get("image")).or_else(|| image(value.get("image"))),
            alignments: alignments(achievement.get("alignment")),
        });
    }
    if !is_type(value, "Assertion") {
        return Err("not an Open Badges assertion (type Assertion) or OpenBadgeCredential".into());
    }
    let class = match value.get("badge") {
        Some(class @ Value::Object(_)) => class,
        Some(Value::String(url)) => {
            return Err(FormatError(format!(
                "the BadgeClass is only linked ({url}); folio reads badges offline: use a file with the BadgeClass inside"
            )));
        }
        _ => return Err("the assertion has no badge".into()),
    };
    let criteria = match class.get("criteria") {
        Some(c @ Value::Object(_)) => text(c.get("narrative")).or_else(|| text(c.get("id"))),
        other => text(other),
    };
    Ok(Badge {
        id: text(value.get("id")).ok_or("the assertion has no id")?,
        version: "2.0",
        name: text(class.get("name")).ok_or("the BadgeClass has no name")?,
        description: text(class.get("description")),
        criteria,
        issuer: named(class.get("issuer")),
        issued: date(value.get("issuedOn"), "issuedOn")?.ok_or("the assertion has no issuedOn")?,
        expires: date(value.get("expires"), "expires")?,
        image: image(class.get("image")).or_else(|| image(value.get("image"))),
        alignments: alignments(class.get("alignment")),
    })
}

/// The entry a badge becomes: a certificate with the badge's text, its
/// issuer, dates and id, the original file (and the image, when the file is
/// not the image itself) attached, and a claim for each alignment found.
pub fn to_entry(
    badge: &Badge,
    checked: &crate::trust::badge_check::BadgeCheck,
    file_name: &str,
    original: &[u8],
    claims: Vec<String>,
) -> DocEntry {
    let mut body = Vec::new();
    body.extend(badge.description.clone());
    if let Some(criteria) = &badge.criteria {
        body.push(format!("Criteria: {criteria}"));
    }
    body.push(format!("Open Badges {} credential {}; {}.", badge.version, badge.id, checked.words()));
    let mut fields = EntryFields::new(EntryKind::Certificate, badge.name.clone(), badge.issued);
    fields.organisation = badge.issuer.clone();
    fields.body = body.join("\n\n");
    fields.tags = vec!["badge".into()];
    let certificate = KindValues {
        credential_id: Some(badge.id.clone()),
        url: badge.id.starts_with("http").then(|| badge.id.clone()),
        expires: badge.expires,
        ..KindValues::default()
    };
    fields.details = KindDetails::keep(EntryKind::Certificate, certificate);
    let stamp = format!("{}T00:00:00Z", badge.issued.first_day());
    let uuid = super::stable_uuid(&format!("badge:{}", badge.id));
    let mut entry = DocEntry::new(uuid.clone(), fields, stamp.clone());
    let attach = |name: String, media: &str, bytes: &[u8]| DocAttachment {
        name,
        media_type: media.to_string(),
        size: bytes.len() as i64,
        sha256: crate::db::attachments::sha256_hex(bytes),
        data: Some(base64::engine::general_purpose::STANDARD.encode(bytes)),
    };
    entry.attachments.push(attach(file_name.to_string(), crate::files::media_type_for(file_name), original));
    if let Some((media, bytes)) = &badge.image {
        let extension = if media.contains("svg") {
            "svg"
        } else if media.contains("png") {
            "png"
        } else {
            "img"
        };
        entry.attachments.push(attach(format!("badge-image.{extension}"), media, bytes));
    }
    entry.claims = claims
        .into_iter()
        .map(|reference| DocClaim {
            uuid: super::stable_uuid(&format!("badge:{}:{reference}", badge.id)),
            reference,
            note: Some("aligned in the badge".into()),
            created_at: stamp.clone(),
        })
        .collect();
    entry
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_and_jws_carriers_give_the_same_json() {
        let svg =
            "<svg><openbadges:assertion verify=\"x\"><![CDATA[{\"a\": 1}]]></openbadges:assertion></svg>";
        assert_eq!(payload(&carried(svg.as_bytes()).unwrap()).unwrap(), serde_json::json!({"a": 1}));
        let body = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(br#"{"vc": {"a": 2}}"#);
        let jws = format!("eyJhbGciOiJub25lIn0.{body}.c2ln");
        assert_eq!(payload(&carried(jws.as_bytes()).unwrap()).unwrap(), serde_json::json!({"a": 2}));
    }

    /// A PNG whose compressed iTXt chunk `openbadges` holds `text`.
    fn baked(text: &[u8]) -> Vec<u8> {
        let mut data = b"openbadges\0\x01\x00\0\0".to_vec();
        data.extend(miniz_oxide::deflate::compress_to_vec_zlib(text, 9));
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend((data.len() as u32).to_be_bytes());
        png.extend(b"iTXt");
        png.extend(&data);
        png.extend([0; 4]);
        png.extend(0u32.to_be_bytes());
        png.extend(b"IEND");
        png.extend([0; 4]);
        png
    }

    #[test]
    fn a_compressed_badge_inflates_and_a_bomb_stops_at_the_limit() {
        assert_eq!(payload(&carried(&baked(br#"{"a": 3}"#)).unwrap()).unwrap(), serde_json::json!({"a": 3}));
        // 65 MB of spaces compress to about 64 KB: refused once 64 MB are out, not read whole.
        let bomb = baked(&vec![b' '; crate::model::limits::BADGE_TEXT_BYTES + 1024 * 1024]);
        assert!(bomb.len() < 200 * 1024, "{}", bomb.len());
        let refused = carried(&bomb).unwrap_err().0;
        assert!(refused.contains("inflates past 64.0 MB"), "{refused}");
    }
}

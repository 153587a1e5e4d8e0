//! The entries of a page, a section per kind, newest first: facts, tags,
//! text, sections, claims, verdicts and files, and in a review pack the
//! verdict controls on what awaits the reviewer.

use std::fmt::Write as _;

use super::prose::inline;
use super::{Options, data_uri, esc, prose};
use crate::model::links::{EntryLinks, link_label};
use crate::model::review::{Ask, Judgeable, judgeable};
use crate::model::{Entry, EntryKind, VerdictKind};
use crate::ops::page::Page;

pub(super) fn section(out: &mut String, page: &Page, options: &Options, asks: &mut Vec<String>) {
    out.push_str(
        "<section id=\"entries\" aria-labelledby=\"entries-h\">\n<h2 id=\"entries-h\">Entries</h2>\n",
    );
    out.push_str(
        "<div class=\"find\">\n<div><label for=\"search\">Search the entries</label><br>\n\
         <input id=\"search\" type=\"search\" autocomplete=\"off\"></div>\n",
    );
    let _ = writeln!(out, "<p id=\"shown\" role=\"status\">{} entries</p>\n</div>", page.entries.len());
    if page.entries.is_empty() {
        out.push_str("<p class=\"muted\">No entries match.</p>\n");
    }
    let links = EntryLinks::new(&page.entries);
    for &kind in EntryKind::ALL {
        let of_kind: Vec<&Entry> = page.entries.iter().filter(|e| e.kind() == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<section class=\"kind\" id=\"kind-{kind}\" aria-labelledby=\"kind-{kind}-h\">\n<h3 id=\"kind-{kind}-h\">{}</h3>",
            kind.heading()
        );
        for entry in of_kind {
            article(out, entry, page, &links, options, asks);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</section>\n");
}

fn article(
    out: &mut String,
    entry: &Entry,
    page: &Page,
    links: &EntryLinks,
    options: &Options,
    asks: &mut Vec<String>,
) {
    let fields = &entry.fields;
    let details = &fields.details;
    let id = entry.id;
    let _ = writeln!(out, "<article class=\"entry\" id=\"e{id}\" aria-labelledby=\"e{id}-h\">");
    let _ = writeln!(out, "<h4 id=\"e{id}-h\" dir=\"auto\">{}</h4>", esc(&fields.title));
    let facts: Vec<String> = crate::export::entry_facts(fields).iter().map(|f| esc(f).into_owned()).collect();
    let _ = writeln!(out, "<p class=\"facts\">{}</p>", facts.join(" · "));
    if !fields.tags.is_empty() {
        let tags: Vec<String> =
            fields.tags.iter().map(|t| format!("<span class=\"tag\">{}</span>", esc(t))).collect();
        let _ = writeln!(out, "<p class=\"tags\">{}</p>", tags.join(""));
    }
    for (label, linked) in
        [("About", links.about(entry)), ("Written about it", links.written_about(entry).to_vec())]
    {
        if !linked.is_empty() {
            let names: Vec<String> = linked
                .iter()
                .map(|e| format!("<a href=\"#e{}\">{}</a>", e.id, esc(&link_label(e))))
                .collect();
            let _ = writeln!(out, "<p class=\"links\"><strong>{label}:</strong> {}</p>", names.join("; "));
        }
    }
    if let Some(url) = details.url() {
        let safe = url.starts_with("https://") || url.starts_with("http://");
        if safe {
            let _ = writeln!(out, "<p><a href=\"{0}\" rel=\"noreferrer\">{0}</a></p>", esc(url));
        } else {
            let _ = writeln!(out, "<p>{}</p>", esc(url));
        }
    }
    if let Some(relevance) = details.relevance() {
        let _ = writeln!(out, "<p><strong>Relevance to practice:</strong> {}</p>", esc(relevance));
    }
    if !details.standards().is_empty() {
        let standards: Vec<String> = details.standards().iter().map(|s| esc(s).into_owned()).collect();
        let _ = writeln!(out, "<p><strong>Relates to:</strong> {}</p>", standards.join("; "));
    }
    if let Some(prompt) = details.prompt() {
        let _ = writeln!(out, "<p class=\"muted\"><em>Prompt: {}</em></p>", esc(prompt));
    }
    if !fields.body.trim().is_empty() {
        out.push_str("<div class=\"body\">\n");
        prose(out, &fields.body);
        out.push_str("</div>\n");
    }
    if !details.sections().is_empty() {
        out.push_str("<dl class=\"sections\">\n");
        for s in details.sections() {
            let _ = writeln!(out, "<dt>{}</dt><dd>", esc(&entry.section_heading(&s.name)));
            prose(out, &s.text);
            out.push_str("</dd>\n");
        }
        out.push_str("</dl>\n");
    }
    let offered = options.pack.as_ref().map(|p| judgeable(entry, p.reviewer)).unwrap_or_default();
    let offer = |ask: &Ask| offered.iter().find(|j| j.ask == *ask).copied();
    if !entry.claims.is_empty() {
        out.push_str("<p class=\"label\">Evidence of</p>\n<ul class=\"claims\">\n");
        for claim in &entry.claims {
            let what = claim.indicator_text.as_deref().unwrap_or(&claim.competency_title);
            let _ = write!(out, "<li><code>{}</code> {}", esc(&claim.reference), esc(what));
            if let Some(note) = &claim.note {
                let _ = write!(out, " — {}", inline(note));
            }
            if let Some(item) = offer(&Ask::Claim(claim)) {
                let label = format!("Verdict on {} in ‘{}’", claim.reference, fields.title);
                let cell = claim_cell(&claim.reference);
                let target = Target {
                    what: "claim",
                    uuid: &claim.uuid,
                    cell: Some(&cell),
                    of: entry,
                    reference: Some(&claim.reference),
                };
                judge(out, target, &label, &item);
                asks.push(claim.uuid.clone());
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    if let Some(item) = offer(&Ask::Entry) {
        out.push_str("<p class=\"label\">Evidence as a whole</p>\n");
        let label = format!("Verdict on ‘{}’ as a whole", fields.title);
        let target = Target { what: "entry", uuid: &entry.uuid, cell: None, of: entry, reference: None };
        judge(out, target, &label, &item);
        asks.push(entry.uuid.clone());
    }
    if !entry.verdicts.is_empty() {
        out.push_str("<p class=\"label\">Verdicts</p>\n<ul class=\"verdicts\">\n");
        for v in &entry.verdicts {
            let _ = write!(
                out,
                "<li>{} <span class=\"verdict {}\">{}</span>",
                v.date,
                v.verdict,
                v.verdict.words()
            );
            if let Some(claim) = &v.claim {
                let _ = write!(out, " on <code>{}</code>", esc(claim));
            }
            let _ = write!(out, " by {}", esc(&v.assessor));
            if let Some(comment) = &v.comment {
                let _ = write!(out, ": {}", inline(comment));
            }
            let standing = crate::trust::standing::of_stored(entry, v).words();
            let _ = write!(out, " <span class=\"muted\">({})</span>", esc(&standing));
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    files(out, entry, page);
    out.push_str("</article>\n");
}

/// What a set of verdict controls judges: a claim (with the coverage cell
/// it counts in) or a whole entry, and the entry it is in.
struct Target<'a> {
    what: &'a str,
    uuid: &'a str,
    cell: Option<&'a str>,
    of: &'a Entry,
    reference: Option<&'a str>,
}

/// The coverage cell a claim counts in ([`super::coverage::cell_key`]).
fn claim_cell(reference: &str) -> String {
    let mut parts = reference.split('/');
    let (framework, competency) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    super::coverage::cell_key(framework, competency, parts.next().unwrap_or_default())
}

/// The verdict controls on one claim or entry: one that waits for the
/// reviewer, or one they judged before, with what they said, to change.
fn judge(out: &mut String, target: Target, label: &str, item: &Judgeable) {
    let Target { what, uuid, cell, of, reference } = target;
    let class = if item.waiting { "judge" } else { "judge judged" };
    let cell = cell.map(|c| format!(" data-cell=\"{}\"", esc(c))).unwrap_or_default();
    // What `folio sign` signs: the entry judged, by UUID and title, the claim and the evidence digest.
    let reference = reference.map(|r| format!(" data-ref=\"{}\"", esc(r))).unwrap_or_default();
    let signs = format!(
        " data-of=\"{}\" data-title=\"{}\" data-evidence=\"{}\"{reference}",
        of.uuid,
        esc(&of.fields.title),
        crate::trust::evidence::of_entry(of)
    );
    let previous = item.previous.map(|v| format!(" data-previous=\"{}\"", v.verdict)).unwrap_or_default();
    let _ = write!(
        out,
        "\n<div class=\"{class}\" data-{what}=\"{uuid}\"{cell}{previous}{signs} role=\"group\" aria-label=\"{}\">\n",
        esc(label)
    );
    if let Some(v) = item.previous {
        let since =
            if item.waiting { " The work was revised since." } else { " Choose another to change it." };
        let _ = writeln!(
            out,
            "<p class=\"previous\">Your verdict of {}: <strong>{}</strong>.{since}</p>",
            v.date,
            v.verdict.words()
        );
    }
    out.push_str("<div class=\"choices\">");
    for verdict in VerdictKind::ALL {
        let text = match verdict {
            VerdictKind::Accepted => "Accepted",
            VerdictKind::NeedsMore => "Needs more",
            VerdictKind::NotAccepted => "Not accepted",
        };
        let _ = write!(
            out,
            "<button type=\"button\" data-verdict=\"{verdict}\" aria-pressed=\"false\">{text}</button>"
        );
    }
    let _ =
        write!(out, "</div>\n<label>Comment <textarea data-comment rows=\"2\"></textarea></label>\n</div>\n");
}

/// The entry's files: pictures shown, every file downloadable.
fn files(out: &mut String, entry: &Entry, page: &Page) {
    if entry.attachments.is_empty() {
        return;
    }
    out.push_str("<p class=\"label\">Files</p>\n<ul class=\"files\">\n");
    for (n, a) in entry.attachments.iter().enumerate() {
        let facts = format!(
            "{} · SHA-256 <code>{}</code>",
            crate::output::count(a.size as usize, "byte", "bytes"),
            esc(&a.sha256)
        );
        let name = esc(&a.name);
        let Some(bytes) = page.files.get(&a.sha256) else {
            let _ = writeln!(out, "<li>{name} · {facts} (not included)</li>");
            continue;
        };
        if is_picture(&a.media_type) {
            let image = format!("e{}-f{n}", entry.id);
            let _ = writeln!(
                out,
                "<li><figure><img id=\"{image}\" src=\"{}\" alt=\"{name}\"><figcaption>\
                 <a href=\"#{image}\" download=\"{name}\" data-image=\"{image}\">{name}</a> · {facts}</figcaption></figure></li>",
                data_uri(&a.media_type, bytes)
            );
        } else {
            let _ = writeln!(
                out,
                "<li><a href=\"{}\" download=\"{name}\">{name}</a> · {facts}</li>",
                data_uri(&a.media_type, bytes)
            );
        }
    }
    out.push_str("</ul>\n");
}

fn is_picture(media_type: &str) -> bool {
    matches!(media_type, "image/png" | "image/jpeg" | "image/gif" | "image/webp" | "image/svg+xml")
}

//! One self-contained HTML page of the portfolio (`folio export html`) and,
//! with a [`Pack`], the review pack a reviewer judges in their browser
//! (`folio share --html`).
//!
//! Nothing on the page asks the network for anything: the style and the
//! script are inline and allowed by their hashes in a Content-Security-
//! Policy that forbids every load but `data:` images; attached files are
//! `data:` links. Every text of the user's is escaped. The same page data
//! gives the same bytes.
//!
//! The interface a script or a test relies on is documented in
//! `docs/review-pack.md`: `data-claim`/`data-entry` items holding
//! `data-verdict` buttons and a `data-comment` box, `input[name=reviewer]`,
//! `textarea[name=feedback]`, `button[data-action=download-verdicts]`.

mod coverage;
mod entries;
mod page_fonts;
mod plan;
mod prose;

use std::fmt::Write as _;

use base64::Engine as _;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::model::Profile;
use crate::model::Visibility;
use crate::ops::page::Page;
use crate::output::count;
use prose::prose;

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");
/// Stands for the page's own digest while the digest is computed.
const DIGEST_BLANK: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A review pack: the share it belongs to and who reviews it.
pub struct Pack<'a> {
    pub share_id: &'a str,
    pub reviewer: &'a str,
}

pub struct Options<'a> {
    /// The day the page is made (its "as of", and what counts as expired).
    pub today: NaiveDate,
    /// Private entries are on the page (it says so at the top).
    pub visibility: Visibility,
    pub pack: Option<Pack<'a>>,
}

pub struct Rendered {
    pub html: String,
    /// SHA-256 of the page with this digest blanked: what a verdicts file names.
    pub digest: String,
    /// The claims and entries (UUIDs) the pack lets the reviewer judge:
    /// those waiting for them and those they may change.
    pub asks: Vec<String>,
    /// How many of them wait for a verdict.
    pub waiting: usize,
}

/// The page.
pub fn render(page: &Page, options: &Options) -> Rendered {
    let mut asks = Vec::new();
    let waiting: usize = match &options.pack {
        Some(pack) => {
            page.entries.iter().map(|e| crate::model::review::awaiting(e, pack.reviewer).len()).sum()
        }
        None => 0,
    };
    let mut main = String::new();
    if let Some(pack) = &options.pack {
        // The controls are written into the entries; the panel counts them after.
        let mut entries_html = String::new();
        entries::section(&mut entries_html, page, options, &mut asks);
        review_panel(&mut main, pack, &page.profile, (waiting, asks.len().saturating_sub(waiting)));
        profile_section(&mut main, &page.profile);
        coverage::sections(&mut main, page);
        plan::section(&mut main, &page.plan, options.today);
        main.push_str(&entries_html);
    } else {
        profile_section(&mut main, &page.profile);
        coverage::sections(&mut main, page);
        plan::section(&mut main, &page.plan, options.today);
        entries::section(&mut main, page, options, &mut asks);
    }
    let mut html = String::with_capacity(main.len() + STYLE.len() + SCRIPT.len() + 4096);
    let profile = &page.profile;
    let header =
        [&profile.name, &profile.headline, &profile.location].map(|v| v.as_deref().unwrap_or_default());
    let style = format!("{STYLE}{}", page_fonts::font_faces(&format!("{}{main}", header.join(" "))));
    head(&mut html, page, options, &style);
    html.push_str(&main);
    html.push_str("</main>\n");
    let _ = writeln!(html, "<script>{SCRIPT}</script>\n</body>\n</html>");
    let digest = hex::encode(Sha256::digest(html.as_bytes()));
    if let Some(at) = digest_at(&html) {
        html.replace_range(at..at + DIGEST_BLANK.len(), &digest);
    }
    Rendered { html, digest, asks, waiting }
}

/// Where a pack's digest sits: the first `data-pack="` (user text cannot
/// hold one, its quotes are escaped).
fn digest_at(html: &str) -> Option<usize> {
    const ATTRIBUTE: &str = "data-pack=\"";
    let at = html.find(ATTRIBUTE)? + ATTRIBUTE.len();
    html.get(at..at + DIGEST_BLANK.len()).map(|_| at)
}

/// The digest a pack carries, if it is one, and whether its bytes (the
/// digest blanked again) hash to it.
pub fn check_digest(html: &str) -> Option<(String, bool)> {
    let at = digest_at(html)?;
    let digest = html[at..at + DIGEST_BLANK.len()].to_string();
    let mut blanked = html.to_string();
    blanked.replace_range(at..at + DIGEST_BLANK.len(), DIGEST_BLANK);
    let ok = hex::encode(Sha256::digest(blanked.as_bytes())) == digest;
    Some((digest, ok))
}

fn hash_source(text: &str) -> String {
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes())))
}

/// The page's head (with `style`: the style sheet and the fonts the page
/// carries), the header and the sections' links.
fn head(out: &mut String, page: &Page, options: &Options, style: &str) {
    let name = page.profile.name.as_deref().unwrap_or("Portfolio");
    let what = if options.pack.is_some() { "review pack" } else { "portfolio" };
    let policy = format!(
        "default-src 'none'; img-src data:; font-src data:; style-src {}; script-src {}; base-uri 'none'; \
         form-action 'none'",
        hash_source(style),
        hash_source(SCRIPT)
    );
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n\
         <meta name=\"generator\" content=\"folio {}\">\n<title>{} — {what}</title>\n<style>{style}</style>\n</head>\n",
        esc(page.profile.lang()),
        env!("CARGO_PKG_VERSION"),
        esc(name),
    );
    match &options.pack {
        Some(pack) => {
            let _ = writeln!(
                out,
                "<body data-share=\"{}\" data-pack=\"{DIGEST_BLANK}\" data-owner=\"{}\">",
                esc(pack.share_id),
                esc(name)
            );
        }
        None => out.push_str("<body>\n"),
    }
    out.push_str(
        "<a class=\"skip\" href=\"#main\">Skip to the portfolio</a>\n<div class=\"page\">\n<header>\n",
    );
    let _ = writeln!(out, "<h1>{}</h1>", esc(name));
    let profile = &page.profile;
    if let Some(headline) = &profile.headline {
        let _ = writeln!(out, "<p class=\"headline\">{}</p>", esc(headline));
    }
    let contact: Vec<String> = [&profile.email, &profile.phone, &profile.location]
        .into_iter()
        .filter_map(|v| v.as_deref())
        .map(|v| esc(v).into_owned())
        .collect();
    if !contact.is_empty() {
        let _ = writeln!(out, "<p class=\"contact\">{}</p>", contact.join(" · "));
    }
    let _ = writeln!(
        out,
        "<p class=\"as-of\">{} as of {}: {}</p>",
        if options.pack.is_some() { "Shared for review" } else { "Portfolio" },
        options.today,
        count(page.entries.len(), "entry", "entries")
    );
    if options.visibility.includes_private() {
        out.push_str("<p class=\"notice\" role=\"note\">This page includes <strong>private entries</strong>. Do not pass it on.</p>\n");
    }
    out.push_str("</header>\n<nav aria-label=\"Sections\"><ul>\n");
    if options.pack.is_some() {
        out.push_str("<li><a href=\"#review\">Your review</a></li>\n");
    }
    if has_profile(profile) {
        out.push_str("<li><a href=\"#profile\">Profile</a></li>\n");
    }
    if !page.coverages.is_empty() {
        out.push_str("<li><a href=\"#coverage\">Coverage</a></li>\n<li><a href=\"#gaps\">Gaps</a></li>\n");
    }
    if !page.plan.goals.is_empty() || !page.plan.actions.is_empty() {
        out.push_str("<li><a href=\"#objectives\">Objectives</a></li>\n");
    }
    out.push_str("<li><a href=\"#entries\">Entries</a></li>\n</ul></nav>\n<main id=\"main\">\n");
}

fn has_profile(profile: &Profile) -> bool {
    profile.summary.is_some()
        || !profile.attributes.is_empty()
        || !profile.job_skills.is_empty()
        || !profile.personal_skills.is_empty()
}

fn profile_section(out: &mut String, profile: &Profile) {
    if !has_profile(profile) {
        return;
    }
    out.push_str(
        "<section id=\"profile\" aria-labelledby=\"profile-h\">\n<h2 id=\"profile-h\">Profile</h2>\n",
    );
    if let Some(summary) = &profile.summary {
        prose(out, summary);
    }
    for (title, items) in [
        ("Personal attributes", &profile.attributes),
        ("Job skills", &profile.job_skills),
        ("Personal skills", &profile.personal_skills),
    ] {
        if !items.is_empty() {
            let items: Vec<String> = items.iter().map(|i| esc(i).into_owned()).collect();
            let _ = writeln!(out, "<p><strong>{title}:</strong> {}</p>", items.join(", "));
        }
    }
    out.push_str("</section>\n");
}

/// The reviewer's panel: what is asked of them, their name and feedback,
/// a way to the next item waiting, the filter, and the download.
fn review_panel(out: &mut String, pack: &Pack, profile: &Profile, (asks, judged_before): (usize, usize)) {
    let owner = esc(profile.name.as_deref().unwrap_or("the portfolio's owner")).into_owned();
    let _ = write!(
        out,
        "<section id=\"review\" class=\"review\" aria-labelledby=\"review-h\">\n\
         <h2 id=\"review-h\">Your review</h2>\n\
         <p>{owner} asks for your verdict on {}. For each one choose <strong>Accepted</strong>, \
         <strong>Needs more</strong> or <strong>Not accepted</strong>, with a comment if you like; \
         choose it again to take it back. What you do is kept in this browser as you go, so you can \
         close the page and come back.</p>\n\
         <p>When you are done, <strong>Download verdicts</strong> and send the file to {owner}, \
         who adds it to their portfolio with <code>folio merge</code>. Verdicts from this page are \
         <strong>unsigned</strong>: a browser cannot hold your key. With folio and a signing key, run \
         <code>folio sign verdicts-….json</code> before you send it, and anyone can check that the verdicts \
         are yours.</p>\n\
         <noscript><p class=\"notice\">The verdict buttons need JavaScript; the page can still be read.</p></noscript>\n\
         <label for=\"reviewer\">Your name</label>\n\
         <input id=\"reviewer\" name=\"reviewer\" type=\"text\" autocomplete=\"name\" value=\"{}\">\n\
         <label for=\"feedback\">Overall feedback (becomes a feedback entry in the portfolio)</label>\n\
         <textarea id=\"feedback\" name=\"feedback\" rows=\"4\"></textarea>\n\
         <p class=\"counter\" id=\"judged\" role=\"status\">0 of {asks} judged</p>\n\
         <p class=\"tools\"><button type=\"button\" data-action=\"next\">Next unjudged</button> \
         <input id=\"only-asks\" type=\"checkbox\"> <label for=\"only-asks\">Only entries awaiting your verdict</label></p>\n\
         {before}
         <button type=\"button\" class=\"primary\" data-action=\"download-verdicts\">Download verdicts</button>\n\
         <p id=\"download-said\" role=\"status\"></p>\n</section>\n",
        count(asks, "item", "items"),
        esc(pack.reviewer),
        before = match judged_before {
            0 => String::new(),
            n => format!(
                "<p class=\"muted\">{} you judged before {} shown with your verdict, to change if you like.</p>\n",
                count(n, "item", "items"),
                if n == 1 { "is" } else { "are" }
            ),
        },
    );
}

/// Text made safe for HTML content and double-quoted attribute values.
fn esc(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A file as a `data:` URI.
fn data_uri(media_type: &str, bytes: &[u8]) -> String {
    format!("data:{};base64,{}", esc(media_type), base64::engine::general_purpose::STANDARD.encode(bytes))
}

#[cfg(test)]
mod tests;

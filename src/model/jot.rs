//! A line in the diary as people jot it (`folio jot`): the first sentence
//! is the title and the rest the body; `#word` tags the entry (the word
//! stays in the text); `+emcc/self` claims a competency (and leaves the
//! text). Lines starting with `# ` (a hash and a space) are comments.

/// What a jotted text says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Jot {
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub claims: Vec<String>,
}

/// The longest title taken from a first sentence; a longer one is cut at a
/// word and the whole text becomes the body.
const TITLE_CHARS: usize = 100;

/// Reads a jotted text; `None` when it says nothing.
pub fn read(text: &str) -> Option<Jot> {
    let mut jot = Jot::default();
    let mut lines = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with("# ") && l.trim() != "#") {
        let mut words = Vec::new();
        for word in line.split_whitespace() {
            let bare = word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
            let tail = &word[bare.len()..];
            if let Some(reference) = bare.strip_prefix('+').filter(|r| r.contains('/') && !r.starts_with('/'))
            {
                jot.claims.push(reference.to_string());
                if !tail.is_empty() {
                    words.push(tail.to_string());
                }
            } else if let Some(tag) = bare.strip_prefix('#').filter(|t| is_tag(t)) {
                if !jot.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                    jot.tags.push(tag.to_string());
                }
                words.push(format!("{tag}{tail}"));
            } else {
                words.push(word.to_string());
            }
        }
        lines.push(words.join(" ").replace(" ,", ",").replace(" .", "."));
    }
    let text = lines.join("\n").trim().to_string();
    if text.is_empty() {
        return None;
    }
    let (title, rest) = first_sentence(&text);
    jot.title = title;
    jot.body = rest;
    Some(jot)
}

fn is_tag(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/'))
}

/// The title and the body: the first sentence (its full stop dropped) or
/// the first line, whichever ends first; the rest after it.
fn first_sentence(text: &str) -> (String, String) {
    let first_line = text.lines().next().unwrap_or_default();
    let end = first_line.char_indices().find(|(i, c)| {
        matches!(c, '.' | '!' | '?')
            && first_line[i + c.len_utf8()..].chars().next().is_none_or(char::is_whitespace)
    });
    let (title, rest) = match end {
        Some((i, c)) => {
            let title = if c == '.' { &first_line[..i] } else { &first_line[..i + c.len_utf8()] };
            (title.to_string(), text[i + c.len_utf8()..].trim().to_string())
        }
        None => (first_line.to_string(), text[first_line.len()..].trim().to_string()),
    };
    if title.chars().count() <= TITLE_CHARS {
        return (title.trim().to_string(), rest);
    }
    let cut: String = title.chars().take(TITLE_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.clone(), |(head, _)| head.to_string());
    (format!("{}…", cut.trim_end()), text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_sentence_is_the_title_and_marks_become_tags_and_claims() {
        let jot =
            read("Met my mentor today. We talked about #feedback and #SBI, +emcc/insight/foundation/2 too.")
                .unwrap_or_default();
        assert_eq!(jot.title, "Met my mentor today");
        assert_eq!(jot.body, "We talked about feedback and SBI, too.");
        assert_eq!(jot.tags, ["feedback", "SBI"]);
        assert_eq!(jot.claims, ["emcc/insight/foundation/2"]);
    }

    #[test]
    fn a_question_keeps_its_mark_and_a_line_is_a_sentence() {
        assert_eq!(
            read("Why did it go quiet? No idea yet.").unwrap_or_default().title,
            "Why did it go quiet?"
        );
        let jot = read("Ward round +emcc/self\nSecond line of notes").unwrap_or_default();
        assert_eq!((jot.title.as_str(), jot.body.as_str()), ("Ward round", "Second line of notes"));
        assert_eq!(read("Version 2.5 shipped. Good.").unwrap_or_default().title, "Version 2.5 shipped");
    }

    #[test]
    fn comments_and_empty_text_say_nothing() {
        assert_eq!(read("# Write what happened\n\n# Prompt: why?\n"), None);
        assert_eq!(read("   "), None);
        let jot = read("# comment\nDid the audit #audit").unwrap_or_default();
        assert_eq!((jot.title.as_str(), jot.tags.len()), ("Did the audit audit", 1));
    }

    #[test]
    fn a_long_first_sentence_is_cut_and_kept_whole_in_the_body() {
        let long = "word ".repeat(40);
        let jot = read(&long).unwrap_or_default();
        assert!(jot.title.ends_with('…') && jot.title.chars().count() <= 101, "{}", jot.title);
        assert_eq!(jot.body, long.trim());
    }
}

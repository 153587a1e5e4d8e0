//! Line breaking for paragraphs of several styles (bold, italic, links):
//! the same optimal fit as [`wrap`](super::wrap::wrap), on words that may
//! change style inside them ("**audit**s"). A paragraph in one style goes
//! to `wrap` itself, with its hyphenation; a styled word is never
//! hyphenated, and one wider than the line is cut between letters.

use textwrap::core::Fragment;
use textwrap::wrap_algorithms::wrap_optimal_fit;

use super::blocks::Run;
use super::fonts::text_width;
use super::wrap::{PENALTIES, greedy, wrap};

/// A word, as the runs (one per style) it is made of.
#[derive(Debug)]
struct Word {
    parts: Vec<Run>,
    width: f64,
    /// The space after it: none inside a word cut between letters.
    space: f64,
}

impl Fragment for Word {
    fn width(&self) -> f64 {
        self.width
    }

    fn whitespace_width(&self) -> f64 {
        self.space
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Splits styled text into lines no wider than `width`, each line its runs.
pub fn wrap_rich(runs: &[Run], size: f32, width: f32) -> Vec<Vec<Run>> {
    let Some(first) = runs.first() else { return vec![Vec::new()] };
    if runs.iter().all(|r| r.same_look(first)) {
        let text: String = runs.iter().map(|r| r.text.as_str()).collect();
        let look = |line: String| vec![Run { text: line, ..first.clone() }];
        return wrap(&text, size, first.bold, width).into_iter().map(look).collect();
    }
    let mut lines = Vec::new();
    for paragraph in lines_of(runs) {
        let words = words(&paragraph, size, width);
        if words.is_empty() {
            lines.push(Vec::new());
            continue;
        }
        let broken = match wrap_optimal_fit(&words, &[f64::from(width)], &PENALTIES) {
            Ok(broken) => broken,
            Err(_) => greedy(&words, f64::from(width)),
        };
        lines.extend(broken.into_iter().map(line_runs));
    }
    lines
}

/// The runs between hard line breaks.
pub(super) fn lines_of(runs: &[Run]) -> Vec<Vec<Run>> {
    let mut lines = vec![Vec::new()];
    for run in runs {
        for (n, part) in run.text.split('\n').enumerate() {
            if n > 0 {
                lines.push(Vec::new());
            }
            if let Some(line) = lines.last_mut()
                && !part.is_empty()
            {
                line.push(Run { text: part.to_string(), ..run.clone() });
            }
        }
    }
    lines
}

/// The words of a line of runs, measured; a word wider than the line is
/// cut into pieces that fit.
fn words(runs: &[Run], size: f32, width: f32) -> Vec<Word> {
    let space = f64::from(text_width(" ", size, false));
    let mut words: Vec<Vec<Run>> = vec![Vec::new()];
    for run in runs {
        for c in run.text.chars() {
            let Some(word) = words.last_mut() else { continue };
            if c.is_whitespace() {
                if !word.is_empty() {
                    words.push(Vec::new());
                }
                continue;
            }
            match word.last_mut() {
                Some(part) if part.same_look(run) => part.text.push(c),
                _ => word.push(Run { text: c.to_string(), ..run.clone() }),
            }
        }
    }
    let measure = |parts: &[Run]| parts.iter().map(|p| f64::from(text_width(&p.text, size, p.bold))).sum();
    let mut out = Vec::new();
    for parts in words.into_iter().filter(|w| !w.is_empty()) {
        let width_of_word: f64 = measure(&parts);
        if width_of_word <= f64::from(width) {
            out.push(Word { parts, width: width_of_word, space });
            continue;
        }
        // Wider than the line: a piece per character, a line taking as many as fit.
        let letters: Vec<Run> = parts
            .iter()
            .flat_map(|p| p.text.chars().map(|c| Run { text: c.to_string(), ..p.clone() }))
            .collect();
        let count = letters.len();
        for (n, letter) in letters.into_iter().enumerate() {
            let parts = vec![letter];
            let width = measure(&parts);
            out.push(Word { parts, width, space: if n + 1 == count { space } else { 0.0 } });
        }
    }
    out
}

/// A line's runs: its words' parts, a space after each word but the last,
/// neighbours of the same look joined.
fn line_runs(line: &[Word]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (n, word) in line.iter().enumerate() {
        for part in &word.parts {
            match runs.last_mut() {
                Some(last) if last.same_look(part) => last.text.push_str(&part.text),
                _ => runs.push(part.clone()),
            }
        }
        if n + 1 < line.len()
            && word.space > 0.0
            && let Some(last) = runs.last_mut()
        {
            last.text.push(' ');
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn italic(text: &str) -> Run {
        Run { text: text.into(), italic: true, ..Run::default() }
    }

    fn line_text(line: &[Run]) -> String {
        line.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn styles_survive_the_breaks_and_words_across_styles_stay_whole() {
        let runs = vec![
            Run::plain("We named the "),
            italic("Karpman"),
            Run::plain(" triangle and I "),
            Run::bold("consistently"),
            Run::plain("’s checked in with every member of the team after the audits."),
        ];
        let lines = wrap_rich(&runs, 9.5, 120.0);
        assert!(lines.len() > 2, "{lines:?}");
        for line in &lines {
            let width: f32 = line.iter().map(|r| text_width(&r.text, 9.5, r.bold)).sum();
            assert!(width <= 120.5, "{line:?} is {width} wide");
        }
        let all: Vec<String> = lines.iter().map(|l| line_text(l)).collect();
        assert_eq!(
            all.join(" "),
            "We named the Karpman triangle and I consistently’s checked in with every member of the team after the audits."
        );
        let bold: Vec<&Run> = lines.iter().flatten().filter(|r| r.bold).collect();
        assert_eq!(bold.len(), 1);
        assert_eq!(bold[0].text.trim(), "consistently");
        assert!(lines.iter().flatten().any(|r| r.italic && r.text.trim() == "Karpman"));
    }

    #[test]
    fn hard_breaks_start_new_lines_and_one_style_uses_the_plain_wrap() {
        let runs = vec![Run::plain("one\ntwo "), Run::bold("three")];
        let lines: Vec<String> = wrap_rich(&runs, 9.5, 400.0).iter().map(|l| line_text(l)).collect();
        assert_eq!(lines, ["one", "two three"]);
        let plain = wrap_rich(&[Run::plain("a b")], 9.5, 400.0);
        assert_eq!(plain, vec![vec![Run::plain("a b")]]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_between_letters() {
        let link = Run {
            text: "https://example.org/a/very/long/path/indeed".into(),
            link: Some("x".into()),
            ..Run::default()
        };
        let lines = wrap_rich(&[Run::plain("see "), link], 9.5, 80.0);
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines {
            let width: f32 = line.iter().map(|r| text_width(&r.text, 9.5, r.bold)).sum();
            assert!(width <= 80.5, "{line:?}");
        }
        assert!(lines.iter().skip(1).flatten().all(|r| r.link.is_some()));
    }
}

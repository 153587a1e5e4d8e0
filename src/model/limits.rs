//! How much text folio takes from files other people send (a review file, a
//! verdicts file, a badge): far more than a person writes, far less than
//! what would make a portfolio — or the memory of the machine — unusable.
//! Each limit has one home here.

/// A verdict's comment.
pub const COMMENT_BYTES: usize = 100 * 1024;
/// A feedback entry's body.
pub const BODY_BYTES: usize = 1024 * 1024;

/// Text baked into a badge image (inflated): an Open Badge is a few KB.
pub const BADGE_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// A file read whole to import it (a JSON Resume, a badge, a journal; a
/// folio JSON document streams, at any size).
pub const INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// The size of a file past [`INPUT_BYTES`], to refuse it before reading it whole.
pub fn too_large_to_read(path: &std::path::Path) -> Option<String> {
    let size = std::fs::metadata(path).ok()?.len();
    (size > INPUT_BYTES).then(|| {
        format!(
            "{} is {}: folio reads files like it of up to {}",
            path.display(),
            crate::output::human_size(size as i64),
            crate::output::human_size(INPUT_BYTES as i64)
        )
    })
}

/// Refuses `text` longer than `max` bytes, naming what it is (`what`).
pub fn within(what: &str, text: &str, max: usize) -> Result<(), String> {
    if text.len() > max {
        return Err(format!(
            "{what} is {} (at most {} is taken)",
            crate::output::human_size(text.len() as i64),
            crate::output::human_size(max as i64)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_over_a_limit_is_refused_and_named() {
        assert!(within("a comment", "fine", COMMENT_BYTES).is_ok());
        let long = "x".repeat(COMMENT_BYTES + 1);
        let said = within("a verdict comment on 'Study day'", &long, COMMENT_BYTES).unwrap_err();
        assert!(said.starts_with("a verdict comment on 'Study day' is 100.0 KB"), "{said}");
    }
}

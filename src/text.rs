//! White space as a reader sees it: runs of spaces, tabs and line breaks
//! read as one space. Labels, headings and phrases are compared and shown
//! this way wherever they come from.

/// `text` with its words separated by single spaces and nothing around them.
pub fn collapse_spaces(text: &str) -> String {
    let mut collapsed = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    collapsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_white_space_become_one_space() {
        assert_eq!(collapse_spaces("  Net\tloss\n  (unaudited) "), "Net loss (unaudited)");
        assert_eq!(collapse_spaces(" \n "), "");
    }
}

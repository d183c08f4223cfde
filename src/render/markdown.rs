//! A small Markdown renderer for a terminal, for the rule documentation `jxlint explain`
//! prints.
//!
//! Only what the rule docs use: `#`–`######` headings, fenced code blocks, `*`/`-` list items
//! (with their indented continuation lines), and inline `` `code` `` and `**strong**`. With
//! `color`, headings are bold and underlined, code is cyan and strong text bold (ANSI SGR);
//! without, the same layout in plain text. Either way no Markdown syntax is left: headings lose
//! their `#`, code blocks their fences (they are indented instead), list items get a `•`.

/// Terminal columns `s` takes: two for East Asian wide characters, one otherwise.
pub fn display_width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}')
}

const BOLD: &str = "\x1b[1m";
const HEADING: &str = "\x1b[1;4m";
const CODE: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

/// Render `md` for a terminal.
pub fn render(md: &str, color: bool) -> String {
    let mut out = String::new();
    let mut in_code = false;
    let mut in_list = false;
    for line in md.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_code = !in_code;
            in_list = false;
            continue;
        }
        if in_code {
            if color {
                out.push_str(&format!("    {CODE}{line}{RESET}\n"));
            } else {
                out.push_str(&format!("    {line}\n"));
            }
            continue;
        }
        if let Some(text) = heading(trimmed) {
            in_list = false;
            let text = inline(text, false);
            if color {
                out.push_str(&format!("{HEADING}{text}{RESET}\n"));
            } else {
                out.push_str(&text);
                out.push('\n');
            }
            continue;
        }
        if let Some(item) = trimmed
            .strip_prefix("* ")
            .or_else(|| trimmed.strip_prefix("- "))
        {
            in_list = true;
            out.push_str(&format!("  • {}\n", inline(item, color)));
            continue;
        }
        if trimmed.is_empty() {
            in_list = false;
            out.push('\n');
            continue;
        }
        if in_list && line.starts_with(' ') {
            out.push_str(&format!("    {}\n", inline(trimmed, color)));
            continue;
        }
        out.push_str(&inline(line, color));
        out.push('\n');
    }
    out
}

/// The text of an ATX heading line (`### What it checks`), `None` for any other line.
fn heading(line: &str) -> Option<&str> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) {
        line[hashes..].strip_prefix(' ').map(str::trim)
    } else {
        None
    }
}

/// Inline `` `code` `` and `**strong**` without their marks (styled when `color`). An unclosed
/// mark is kept as written.
fn inline(text: &str, color: bool) -> String {
    let mut out = String::new();
    let mut rest = text;
    loop {
        let tick = rest.find('`');
        let star = rest.find("**");
        let (at, mark, style) = match (tick, star) {
            (Some(t), Some(s)) if s < t => (s, "**", BOLD),
            (Some(t), _) => (t, "`", CODE),
            (None, Some(s)) => (s, "**", BOLD),
            (None, None) => break,
        };
        let after = &rest[at + mark.len()..];
        let Some(close) = after.find(mark) else { break };
        out.push_str(&rest[..at]);
        let inner = &after[..close];
        if color {
            out.push_str(&format!("{style}{inner}{RESET}"));
        } else {
            out.push_str(inner);
        }
        rest = &after[close + mark.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "Summary with `code`.\n\n### What it checks\n* first item\n  continued\n- second **strong**\n\n```text\n1、一\n```\nAfter.\n";

    #[test]
    fn plain_rendering_leaves_no_markdown() {
        let out = render(DOC, false);
        assert_eq!(
            out,
            "Summary with code.\n\nWhat it checks\n  • first item\n    continued\n  • second strong\n\n    1、一\nAfter.\n"
        );
    }

    #[test]
    fn color_rendering_styles_headings_and_code() {
        let out = render(DOC, true);
        assert!(out.contains("\x1b[1;4mWhat it checks\x1b[0m"), "{out}");
        assert!(out.contains("\x1b[36mcode\x1b[0m"), "{out}");
        assert!(out.contains("    \x1b[36m1、一\x1b[0m"), "{out}");
        assert!(!out.contains("###") && !out.contains("```"), "{out}");
    }

    #[test]
    fn unclosed_marks_are_kept() {
        assert_eq!(inline("a `b", false), "a `b");
        assert_eq!(display_width("代码ab"), 6);
    }
}

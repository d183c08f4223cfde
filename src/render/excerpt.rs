//! Excerpts of long lines for the human output.
//!
//! Reports extracted from PDF or Word often hold a whole paragraph — hundreds of Chinese
//! characters — on one line. Drawn whole, a diagnostic on such a line is several screens
//! wide. An [`Excerpt`] keeps, on every line a diagnostic points into, a window of
//! [`PAD`] characters around each span (joined by `…`), shortens the lines in between, and
//! maps every span into the shortened text. Line numbers and the header's column stay those
//! of the real file: [`ExcerptSource`] reports them to miette.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::model::Span;
use crate::source::LineIndex;

/// Line `l` (0-based) of a text as (start, end) byte offsets, line break excluded.
struct Lines<'a> {
    text: &'a str,
    index: &'a LineIndex,
}

impl Lines<'_> {
    fn get(&self, l: usize) -> (usize, usize) {
        self.index
            .line_range(self.text, l + 1)
            .map_or((self.text.len(), self.text.len()), |r| (r.start, r.end))
    }

    fn len(&self) -> usize {
        self.index.line_count()
    }
}

/// Characters kept on each side of a span.
pub const PAD: usize = 24;
/// Lines up to this many characters are kept whole.
pub const LONG: usize = 80;
/// Lines without a span are cut to this many characters.
const OTHER: usize = 30;

/// A shortened view of the lines a diagnostic points into.
#[derive(Debug, Clone)]
pub struct Excerpt {
    pub text: String,
    /// 0-based number of the real line the excerpt starts with.
    pub first_line: usize,
    /// The real (line, column), 0-based and in characters, of each excerpt line's first
    /// character, so that columns can be reported as in the file.
    line_origins: Vec<(usize, usize)>,
    /// (original span, excerpt span) for every span given.
    pub spans: Vec<(Span, Span)>,
}

impl Excerpt {
    /// The span in the excerpt of an original span (the original span itself when unknown).
    pub fn map(&self, span: Span) -> Span {
        self.spans
            .iter()
            .find(|(o, _)| *o == span)
            .map(|(_, e)| *e)
            .unwrap_or(span)
    }
}

/// Build the excerpt for `spans` (already on character boundaries), or `None` when every line
/// involved is short enough to show whole, or a span crosses a line break.
pub fn excerpt(text: &str, spans: &[Span]) -> Option<Excerpt> {
    excerpt_in(text, &LineIndex::new(text), spans)
}

/// [`excerpt`] with the text's line index at hand: the cost is that of the lines involved,
/// not of the whole text (a file with many findings is not re-split for each).
pub fn excerpt_in(text: &str, index: &LineIndex, spans: &[Span]) -> Option<Excerpt> {
    let ls = Lines { text, index };
    let line_of = |off: usize| index.line_of(off);
    let first = spans.iter().map(|s| line_of(s.start)).min()?;
    let last = spans.iter().map(|s| line_of(s.start)).max()?;
    if spans
        .iter()
        .any(|s| line_of(s.end) != line_of(s.start) && s.end > ls.get(line_of(s.start)).1)
    {
        return None;
    }
    // Whether a line is long needs its first LONG + 1 characters, not all of them.
    let chars = |a: usize, b: usize| text[a..b].chars().take(LONG + 1).count();
    if (first..=last).all(|l| {
        let (a, b) = ls.get(l);
        chars(a, b) <= LONG
    }) {
        return None;
    }
    let from = first.saturating_sub(1);
    let to = (last + 1).min(ls.len() - 1);
    let mut out = Excerpt {
        text: String::new(),
        first_line: from,
        line_origins: Vec::new(),
        spans: Vec::new(),
    };
    for l in from..=to {
        let (ls_, le) = ls.get(l);
        let line = &text[ls_..le];
        let n = line.chars().count();
        // Byte offset of each char index in the line (plus the end).
        let offs: Vec<usize> = line
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(line.len()))
            .collect();
        let on_line: Vec<&Span> = spans.iter().filter(|s| line_of(s.start) == l).collect();
        if l > from {
            out.text.push('\n');
        }
        let excerpt_line_start = out.text.len();
        if on_line.is_empty() || n <= LONG {
            let keep = if on_line.is_empty() && n > OTHER {
                OTHER
            } else {
                n
            };
            out.text.push_str(&line[..offs[keep]]);
            if keep < n {
                out.text.push('…');
            }
            out.line_origins.push((l, 0));
            for s in on_line {
                let e = Span::new(
                    excerpt_line_start + (s.start - ls_),
                    excerpt_line_start + (s.end - ls_),
                );
                out.spans.push((*s, e));
            }
            continue;
        }
        // Windows in char indices around each span, merged.
        let char_at = |byte: usize| offs.partition_point(|&o| o < byte - ls_);
        let mut wins: Vec<(usize, usize)> = on_line
            .iter()
            .map(|s| {
                (
                    char_at(s.start).saturating_sub(PAD),
                    (char_at(s.end) + PAD).min(n),
                )
            })
            .collect();
        wins.sort();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for w in wins {
            match merged.last_mut() {
                Some(m) if w.0 <= m.1 + 4 => m.1 = m.1.max(w.1),
                _ => merged.push(w),
            }
        }
        out.line_origins.push((l, merged[0].0));
        let mut prev_end = 0;
        for (a, b) in &merged {
            if *a > prev_end || (*a > 0 && prev_end == 0) {
                out.text.push('…');
            }
            let ex_start = out.text.len();
            out.text.push_str(&line[offs[*a]..offs[*b]]);
            for s in on_line
                .iter()
                .filter(|s| char_at(s.start) >= *a && char_at(s.end) <= *b)
            {
                let delta = ls_ + offs[*a];
                out.spans.push((
                    **s,
                    Span::new(ex_start + (s.start - delta), ex_start + (s.end - delta)),
                ));
            }
            prev_end = *b;
        }
        if prev_end < n {
            out.text.push('…');
        }
        // The leading `…` shifts the line's first real character by one column.
        if merged[0].0 > 0
            && let Some(o) = out.line_origins.last_mut()
        {
            o.1 = merged[0].0.saturating_sub(1);
        }
    }
    Some(out)
}

/// The excerpt as miette source: line numbers and columns of the real file.
#[derive(Debug, Clone)]
pub struct ExcerptSource {
    pub excerpt: Excerpt,
}

impl SourceCode for ExcerptSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text: &'a str = &self.excerpt.text;
        let inner = text.read_span(span, context_lines_before, context_lines_after)?;
        let offset = span.offset().min(text.len());
        let mut offset = offset;
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let ex_line = text[..line_start].matches('\n').count();
        let (real_line, origin) = self
            .excerpt
            .line_origins
            .get(ex_line)
            .copied()
            .unwrap_or((ex_line, 0));
        let _ = real_line;
        let column = origin + text[line_start..offset].chars().count();
        Ok(Box::new(MietteSpanContents::new(
            inner.data(),
            *inner.span(),
            inner.line() + self.excerpt.first_line,
            column,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_kept_whole() {
        let t = "预算执行率99.70%。\n";
        assert!(excerpt(t, &[Span::new(15, 21)]).is_none());
    }

    #[test]
    fn long_lines_are_windowed_and_spans_mapped() {
        let line = format!(
            "{}支出决算为8707.27元，{}",
            "前".repeat(100),
            "后".repeat(100)
        );
        let text = format!("第一行\n{line}\n第三行");
        let start = text.find("8707.27元").unwrap_or(0);
        let span = Span::new(start, start + "8707.27元".len());
        let ex = excerpt(&text, &[span]).expect("long line");
        let mapped = ex.map(span);
        assert_eq!(&ex.text[mapped.start..mapped.end], "8707.27元");
        assert!(ex.text.chars().count() < 100, "{}", ex.text);
        assert!(ex.text.contains('…'));
        assert_eq!(ex.first_line, 0);
    }
}

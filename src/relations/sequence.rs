//! Sequences: the sibling items of a numbered list or heading level, in order.

use super::*;

pub(super) fn find_sequences(doc: &Document) -> Vec<Sequence> {
    // Open sequences by level; a marker closes every deeper level.
    let mut open: Vec<(u8, Vec<usize>)> = Vec::new();
    let mut out = Vec::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        let Some(m) = b.marker else { continue };
        if matches!(b.kind, BlockKind::TableRow { .. }) {
            continue;
        }
        let level = m.style.level();
        while let Some((l, items)) = open.last() {
            if *l > level {
                if items.len() >= 2 {
                    out.push(Sequence {
                        items: items.clone(),
                    });
                }
                open.pop();
            } else {
                break;
            }
        }
        match open.last_mut() {
            Some((l, items)) if *l == level && m.number != 1 => items.push(bi),
            Some((l, items)) if *l == level => {
                if items.len() >= 2 {
                    out.push(Sequence {
                        items: items.clone(),
                    });
                }
                *items = vec![bi];
            }
            _ => open.push((level, vec![bi])),
        }
    }
    for (_, items) in open {
        if items.len() >= 2 {
            out.push(Sequence { items });
        }
    }
    out.sort_by_key(|s| s.items[0]);
    out
}

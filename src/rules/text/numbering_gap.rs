//! T001 numbering-gap.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// A numbered list or heading sequence skips a number, repeats one, or switches marker
    /// style.
    ///
    /// ### What it checks
    /// Headings and list items numbered at the start of a line (`一、` `（一）` `1、` `1.`
    /// `（1）` `①`) are grouped into sequences of siblings: one outline level under one
    /// parent (a higher-level marker closes the lower levels; an item numbered 1 starts a new
    /// list). Within a sequence, each item must be the previous number plus one, in the
    /// style the sequence began with (`1、` and `1.` are the same level but different styles;
    /// `(1)` and `（1）` are the same style). A style change is reported where it happens, once:
    /// `1、2、3.4、` at 3, `1、2、3.4.` at 3.
    ///
    /// ### Why
    /// A missing or repeated number is the visible trace of a section deleted or pasted in
    /// the last edit — a reviewer will ask what was there.
    ///
    /// ### Example
    /// ```text
    /// 1、促进园区经济稳步发展
    /// 2、着力提升园区品质
    /// 4、持续做好安全维稳工作
    /// 5.持续优化劳动用工管理工作
    /// ```
    /// Item 3 is missing, and item 5 switches from `、` to `.`.
    ///
    /// ### How to fix
    /// Renumber the sequence, and use one marker style per level.
    pub NumberingGap, "T001", "numbering-gap", Warning
}

impl Rule for NumberingGap {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let blocks = &cx.doc.blocks;
        for s in &cx.relations.sequences {
            for w in s.items.windows(2) {
                let (Some(a), Some(b)) = (blocks[w[0]].marker, blocks[w[1]].marker) else {
                    continue;
                };
                let want = a.number + 1;
                let prev_label = Message::new(
                    format!("上一项为 {}", a.style.render(a.number)),
                    format!("previous item is {}", a.style.render(a.number)),
                );
                if b.number == a.number {
                    out.push(
                        Diagnostic::new(
                            &Self::META,
                            b.span,
                            Message::new(
                                format!("编号 {} 重复", b.style.render(b.number)),
                                format!("number {} is repeated", b.style.render(b.number)),
                            ),
                        )
                        .primary(Message::new(
                            format!("应为 {}", a.style.render(want)),
                            format!("expected {}", a.style.render(want)),
                        ))
                        .label(a.span, prev_label.clone())
                        .help(Message::new("重新编号", "renumber the sequence"))
                        .expected_found(a.style.render(want), b.style.render(b.number)),
                    );
                } else if b.number > want && b.number <= a.number + 3 {
                    let missing: Vec<String> =
                        (want..b.number).map(|n| a.style.render(n)).collect();
                    out.push(
                        Diagnostic::new(
                            &Self::META,
                            b.span,
                            Message::new(
                                format!(
                                    "编号跳号：{} 之后为 {}，缺少 {}",
                                    a.style.render(a.number),
                                    b.style.render(b.number),
                                    missing.join("、")
                                ),
                                format!(
                                    "numbering skips from {} to {}: {} missing",
                                    a.style.render(a.number),
                                    b.style.render(b.number),
                                    missing.join(", ")
                                ),
                            ),
                        )
                        .primary(Message::new(
                            format!("应为 {}", a.style.render(want)),
                            format!("expected {}", a.style.render(want)),
                        ))
                        .label(a.span, prev_label.clone())
                        .help(Message::new(
                            "补上缺少的条目或重新编号",
                            "add the missing item or renumber",
                        ))
                        .expected_found(a.style.render(want), b.style.render(b.number)),
                    );
                }
                // A change of style, unless back to the style the sequence began with
                // (`1、2、3.4、` is one slip, at 3).
                let first_style = blocks[s.items[0]].marker.map(|m| m.style);
                if b.style != a.style && Some(b.style) != first_style {
                    let expected = a.style.render(b.number);
                    out.push(
                        Diagnostic::new(
                            &Self::META,
                            b.span,
                            Message::new(
                                format!(
                                    "同级编号格式不一致：{} 之后写作 {}",
                                    a.style.render(a.number),
                                    b.style.render(b.number)
                                ),
                                format!(
                                    "marker style changes within one level: {} is followed by {}",
                                    a.style.render(a.number),
                                    b.style.render(b.number)
                                ),
                            ),
                        )
                        .primary(Message::new(
                            format!("应写作 {expected}"),
                            format!("expected {expected}"),
                        ))
                        .label(a.span, prev_label)
                        .help(Message::new(
                            format!("统一为 {expected} 的格式"),
                            format!("use the style of {expected}"),
                        ))
                        .expected_found(expected, b.style.render(b.number)),
                    );
                }
            }
        }
    }
}

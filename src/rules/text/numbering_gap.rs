//! T001 numbering-gap.

use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Message};
use crate::model::Marker;
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
    ///
    /// Safe fix (`--fix`) for a style change in a sequence written in one style until then:
    /// the marker is rewritten in that style with its own number (`5.` → `5、`), and for a
    /// number repeated by the last item of a sequence (`1、2、2、` → `1、2、3、`). A skipped
    /// number, or a repeat followed by more items, gets an unsafe fix renumbering the item and
    /// every later one (shown, not applied: a missing item may be what is wrong).
    pub NumberingGap, "T001", "numbering-gap", Warning
}

impl NumberingGap {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"编号列表或标题序列跳号、重号或更换了编号样式。

### 检查内容
行首编号的标题和列表项（`一、` `（一）` `1、` `1.` `（1）` `①`）按同级分组：同一父级下的同一大纲级别
（上级编号结束其下各级；编号为 1 的条目开始新的列表）。同一序列中，每项须为上一项加一，并沿用序列开头的样式
（`1、` 与 `1.` 同级但样式不同；`(1)` 与 `（1）` 样式相同）。样式变化只在发生处报告一次：
`1、2、3.4、` 报在 3，`1、2、3.4.` 也报在 3。

### 为什么
缺号或重号是最后一次编辑中删掉或粘贴了一节的痕迹——评审会问那里原来是什么。

### 示例
```text
1、促进园区经济稳步发展
2、着力提升园区品质
4、持续做好安全维稳工作
5.持续优化劳动用工管理工作
```
缺少第 3 项，第 5 项由 `、` 换成了 `.`。

### 如何修改
重新编号，每一级只用一种编号样式。

安全修正（`--fix`）：此前一直使用同一种样式的序列中出现样式变化时，按该样式改写编号，保留其自身的数字
（`5.` → `5、`）。序列末尾的跳号或重号给出重新编号的非安全修正（只显示、不应用：有误的可能是缺少的条目）；
序列中间的则不给修正，因为其后每一项都会变动。"#;
}

impl Rule for NumberingGap {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let blocks = &cx.doc.blocks;
        // Whether a marker is written exactly as its style renders it (`5.`, not `5．`), so
        // that a rewrite in that style is certain to be right.
        let canonical =
            |m: &Marker| cx.text.get(m.span.start..m.span.end) == Some(&*m.style.render(m.number));
        for s in &cx.relations.sequences {
            for (at, w) in s.items.windows(2).enumerate() {
                let (Some(a), Some(b)) = (blocks[w[0]].marker, blocks[w[1]].marker) else {
                    continue;
                };
                let want = a.number + 1;
                // Renumbering: `b` and every later item of the sequence move by the same step,
                // when all are written in `a`'s style and run on from `b` without a break. Safe
                // only for a number repeated by the last item (`1、2、2、`: the one renumbering
                // possible); a skipped number may be a missing item instead.
                let last = at + 2 == s.items.len();
                let renumber = || -> Option<Fix> {
                    if !canonical(&a) {
                        return None;
                    }
                    let mut edits = Vec::new();
                    for (j, &i) in s.items[at + 1..].iter().enumerate() {
                        let m = blocks[i].marker?;
                        let j = u32::try_from(j).ok()?;
                        if m.style != a.style || !canonical(&m) || m.number != b.number + j {
                            return None;
                        }
                        edits.push(Edit {
                            span: m.span,
                            replacement: a.style.render(want + j),
                        });
                    }
                    let applicability = if last && b.number == a.number {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    };
                    Some(Fix {
                        applicability,
                        edits,
                    })
                };
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
                        .expected_found(a.style.render(want), b.style.render(b.number))
                        .fix(renumber()),
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
                        .expected_found(a.style.render(want), b.style.render(b.number))
                        .fix(renumber()),
                    );
                }
                // A change of style, unless back to the style the sequence began with
                // (`1、2、3.4、` is one slip, at 3).
                let first_style = blocks[s.items[0]].marker.map(|m| m.style);
                if b.style != a.style && Some(b.style) != first_style {
                    let expected = a.style.render(b.number);
                    // Safe when the sequence was one style until here: the marker keeps its
                    // number and takes that style.
                    let restyle = (Some(a.style) == first_style && canonical(&a) && canonical(&b))
                        .then(|| Fix::replace(Applicability::Safe, b.span, expected.clone()));
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
                        .expected_found(expected, b.style.render(b.number))
                        .fix(restyle),
                    );
                }
            }
        }
    }
}

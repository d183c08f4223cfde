//! A006 product-mismatch.

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Message};
use crate::model::{Unit, scale_up_u8};
use crate::numeric::fmt_fixed;
use crate::relations::ProductVerdict;
use crate::rules::{Context, Rule, RuleMeta};

use super::operand_label;

declare_rule! {
    /// A quantity times its per-unit standard is not the amount stated with them.
    ///
    /// ### What it checks
    /// A sentence that states a count, a standard per unit of it and the amount they come to
    /// — `补助对象144户，每户补助0.60万元，共发放86.40万元`, `种植面积1200亩，按每亩300元标准补贴，
    /// 补贴资金36万元`, `对120名学生按3000元/人的标准发放补助，共计36万元` — against count ×
    /// standard, converted exactly between 元, 万元 and 亿元 and rounded half-up to the
    /// amount's written decimals (`1290.3平方米 × 3100元/平方米 = 399.993万元` is `400万元`).
    ///
    /// Only what the sentence binds without doubt is judged: the count must be in the
    /// standard's unit (亩 with 每亩; 人 with 人, 名 or 人次), the amount worded as the total or
    /// the payment (共, 计, 发放, 补贴资金 …) and stated after the count and the standard, and
    /// there must be exactly one of each (figures across a `；` are not bound together; a
    /// sentence in a table cell is read within its cell). A cap or
    /// an estimate (约, 最高, 不超过, 以内, 左右) and a standard per month, day or time
    /// (`每人每月`) are not judged; `jxlint check --coverage` lists them with the reason. An
    /// average (`户均`, `人均` without 标准) is consistent also when the amount divided by the
    /// count rounds to it.
    ///
    /// ### Why
    /// Subsidy paragraphs state the households, the standard and the total paid; when the
    /// count or the standard is revised and the total is not (or the total is copied in the
    /// wrong unit), the paragraph no longer adds up, and a reviewer cannot tell which figure
    /// was paid.
    ///
    /// ### Example
    /// ```text
    /// 聘用草原管护员144名，每人每年补助0.60万元，共计86.40元。
    /// ```
    /// 144 × 0.60万元 = 86.40万元: the amount's unit is wrong.
    ///
    /// ### How to fix
    /// Correct the count, the standard or the amount so that count × standard = amount; if
    /// the standard is a cap or an average, say so (`最高`, `户均`).
    ///
    /// No automatic fix: any of the three figures may be the wrong one.
    pub ProductMismatch, "A006", "product-mismatch", Error
}

impl ProductMismatch {
    /// The Chinese documentation, printed by `jxlint explain CODE` in Chinese: its first
    /// paragraph is the one-line summary, its sections those of the English doc comment.
    pub const DOCS_ZH: &'static str = r#"数量乘以单位标准不等于同句写明的金额。

### 检查内容
同一句写明数量、每单位标准及两者相乘所得金额的——`补助对象144户，每户补助0.60万元，共发放86.40万元`、
`种植面积1200亩，按每亩300元标准补贴，补贴资金36万元`、`对120名学生按3000元/人的标准发放补助，共计36万元`——
核对数量 × 标准：元、万元、亿元之间精确换算，按金额写出的小数位四舍五入
（`1290.3平方米 × 3100元/平方米 = 399.993万元` 即 `400万元`）。

只核对句中能确定对应关系的：数量的计量单位须与标准一致（每亩对亩；人对人、名或人次），金额须写明为合计
或发放额（共、计、发放、补贴资金 …）并写在数量和标准之后，且三者各只有一个（“；”两侧的数字不互相对应；
表格单元格中的句子在本单元格内读取）。上限或约数（约、最高、不超过、以内、左右）以及
按月、日或次计的标准（`每人每月`）不核对，`jxlint check --coverage` 列出其原因。平均数（`户均`、不带“标准”
的`人均`）在金额除以数量四舍五入后等于它时也视为相符。

### 为什么
补助类段落写明户数、标准和发放总额；户数或标准改了而总额没改（或总额抄错了单位），段落就对不上，
评审无从判断实际发放的是哪个数。

### 示例
```text
聘用草原管护员144名，每人每年补助0.60万元，共计86.40元。
```
144 × 0.60万元 = 86.40万元：金额的单位有误。

### 如何修改
改正数量、标准或金额，使数量 × 标准 = 金额；如标准是上限或平均数，请写明（`最高`、`户均`）。

不自动修正：三个数都可能是错的那一个。"#;
}

impl Rule for ProductMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let q = &cx.doc.quantities;
        for c in cx.relations.bound_products() {
            let amount = &q[c.amount];
            let (qty, rate) = (&q[c.quantity], &q[c.rate]);
            let product = c.product(cx.doc);
            let found = amount.display();
            let (expected, msg, help) = match c.verdict(cx.doc) {
                ProductVerdict::Consistent => continue,
                ProductVerdict::Mismatch { expected } => {
                    let e = format!(
                        "{}{}",
                        fmt_fixed(expected, amount.decimals),
                        amount.unit.display()
                    );
                    (
                        e.clone(),
                        Message::new(
                            format!(
                                "数量乘以单位标准与金额不符：{} × {} = {e}，金额写作 {found}",
                                qty.display(),
                                rate.display()
                            ),
                            format!(
                                "the quantity times the per-unit standard disagrees with the amount: {} × {} = {e}, amount written {found}",
                                qty.display(),
                                rate.display()
                            ),
                        ),
                        Message::new(
                            format!("核对数量、标准和金额：按所写数量和标准应为 {e}"),
                            format!(
                                "check the quantity, the standard and the amount: the stated quantity and standard give {e}"
                            ),
                        ),
                    )
                }
                ProductVerdict::UnitSlip { expected, exponent } => {
                    let unit = match &amount.unit {
                        Unit::Money { currency, scale } => Unit::Money {
                            currency: *currency,
                            scale: scale_up_u8(*scale, exponent),
                        },
                        u => u.clone(),
                    };
                    let e = format!("{}{}", fmt_fixed(expected, amount.decimals), unit.display());
                    (
                        e.clone(),
                        Message::new(
                            format!(
                                "金额的单位有误：{} × {} = {e}，金额写作 {found}",
                                qty.display(),
                                rate.display()
                            ),
                            format!(
                                "the amount's unit is off: {} × {} = {e}, amount written {found}",
                                qty.display(),
                                rate.display()
                            ),
                        ),
                        Message::new(
                            format!("金额应写作 {e}（或核对数量和标准的单位）"),
                            format!(
                                "write the amount as {e} (or check the units of the quantity and the standard)"
                            ),
                        ),
                    )
                }
            };
            let exact = crate::numeric::fmt_trim(product, 6);
            let d = Diagnostic::new(&Self::META, amount.span, msg)
                .primary(Message::new(
                    format!("数量 × 标准 = {exact}{}", amount.unit.display()),
                    format!("quantity × standard = {exact}{}", amount.unit.display()),
                ))
                .label(qty.span, operand_label(qty, "数量", "quantity"))
                .label(
                    rate.span,
                    operand_label(rate, "单位标准", "per-unit standard"),
                )
                .help(help)
                .expected_found(expected, found);
            out.push(d);
        }
    }
}

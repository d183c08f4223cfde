//! Ratios: a stated rate (执行率, 控制率, 整改率 …) bound by meaning to its numerator and
//! denominator, and its verdict (consistent, rounding, unit slip, mismatch).

use super::*;

/// The judgement of a ratio claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RatioVerdict {
    Consistent,
    /// Division by zero (0/0 rates are undefined, not wrong).
    Undefined,
    /// The stated rate is the truncated or mis-rounded value of the ratio of the printed
    /// operands. `within_operands`: the stated value is still reachable within the operands'
    /// own rounding (± half a unit of their last digit), so it may have been computed from
    /// unrounded figures; only the printed figures disagree with it.
    Rounding {
        expected: Decimal,
        truncated: bool,
        within_operands: bool,
    },
    /// Only a power-of-ten change of one operand's unit explains the rate.
    UnitSlip {
        operand: usize,
        exponent: i32,
    },
    /// The rate disagrees with its operands beyond rounding.
    Mismatch {
        expected: Decimal,
        inverted: bool,
    },
}

/// Judge `num / den` against a stated percentage.
pub(super) fn ratio_fits(rate: &Quantity, num: &Interval, den: &Interval) -> Option<bool> {
    let r = num.div(den)?;
    Some(pct(&r).meets(&Interval::of_written(rate.value, rate.decimals)))
}

impl RatioClaim {
    pub fn verdict(&self, doc: &Document) -> RatioVerdict {
        let q = &doc.quantities;
        let (rate, num, den) = (&q[self.rate], &q[self.numerator], &q[self.denominator]);
        if den.value.is_zero() {
            return RatioVerdict::Undefined;
        }
        let (ni, di) = (interval_of(num), interval_of(den));
        let fits = ratio_fits(rate, &ni, &di);
        if fits.is_none() {
            return RatioVerdict::Consistent;
        }
        // Consistent when the printed operands give the stated rate exactly; otherwise, when
        // an alternative reading does (an operand pair the binding could not choose against).
        let point_fits = |a: &Quantity, b: &Quantity| {
            point_ratio(a, b).is_some_and(|c| rounds_to(c, rate.decimals, rate.value))
        };
        if point_fits(num, den) {
            return RatioVerdict::Consistent;
        }
        for &(a, b) in &self.alternatives {
            if !q[b].value.is_zero() && point_fits(&q[a], &q[b]) {
                return RatioVerdict::Consistent;
            }
        }
        if fits == Some(true) {
            if doc.rounding_note.is_some() {
                return RatioVerdict::Consistent;
            }
            // Reachable only within the operands' rounding: the printed figures give another
            // value (DOMAIN §3: a mis-rounded rate is a warning, not an error).
            return point_ratio(num, den)
                .map_or(RatioVerdict::Consistent, |c| within_operands(rate, c));
        }
        for &(a, b) in &self.alternatives {
            if !q[b].value.is_zero()
                && ratio_fits(rate, &interval_of(&q[a]), &interval_of(&q[b])) == Some(true)
            {
                return RatioVerdict::Consistent;
            }
        }
        // A unit slip: the written digits fit once one operand's unit is shifted.
        if num.unit.scale() != den.unit.scale() && num.unit.is_money() {
            for e in [4i32, -4, 8, -8, 3, -3] {
                let k = pow10(e);
                if ratio_fits(rate, &ni.scale(k), &di) == Some(true) {
                    // Which operand is the odd one: the unit less used in the document.
                    let (ns, ds) = (
                        doc.scale_count(num.unit.scale()),
                        doc.scale_count(den.unit.scale()),
                    );
                    let operand = if ns < ds {
                        self.numerator
                    } else if ds < ns {
                        self.denominator
                    } else {
                        self.numerator
                    };
                    let exponent = if operand == self.numerator { e } else { -e };
                    return RatioVerdict::UnitSlip { operand, exponent };
                }
            }
        }
        // Checked: a ratio beyond `Decimal`'s range is no rate anyone stated.
        let Some(central) = num
            .base_value()
            .checked_div(den.base_value())
            .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
        else {
            return RatioVerdict::Undefined;
        };
        let inverted = ratio_fits(rate, &di, &ni) == Some(true);
        beyond_operands(rate, central, inverted)
    }
}

/// A rate that its operands reach only within their own rounding (± half a unit of their
/// last digit): the printed figures give `central`, another value.
pub(super) fn within_operands(rate: &Quantity, central: Decimal) -> RatioVerdict {
    RatioVerdict::Rounding {
        expected: round_half_up(central, rate.decimals),
        truncated: truncate(central, rate.decimals) == rate.value,
        within_operands: true,
    }
}

/// A rate its operands do not reach, judged against `central`, the ratio of the printed
/// figures: a truncated or mis-rounded value (within one unit of its last digit), a value
/// written with more places than it was computed to, or a mismatch.
pub(super) fn beyond_operands(rate: &Quantity, central: Decimal, inverted: bool) -> RatioVerdict {
    let expected = round_half_up(central, rate.decimals);
    // A truncated or mis-rounded value: within one unit of the last digit.
    let ulp = Decimal::new(1, rate.decimals);
    let stated = rate.value;
    if (stated - central).abs() < ulp && stated != expected {
        let truncated = truncate(central, rate.decimals) == stated;
        return RatioVerdict::Rounding {
            expected,
            truncated,
            within_operands: false,
        };
    }
    // Written with more places than it was computed to (31.00% for 31.08%).
    for dp in 0..rate.decimals {
        if round_half_up(central, dp) == stated && stated != expected {
            return RatioVerdict::Rounding {
                expected,
                truncated: false,
                within_operands: false,
            };
        }
    }
    RatioVerdict::Mismatch { expected, inverted }
}

/// `num / den` in percent from the printed values (in base units), or `None` when it cannot
/// be computed (a zero denominator, or beyond `Decimal`'s range).
pub(super) fn point_ratio(num: &Quantity, den: &Quantity) -> Option<Decimal> {
    num.base_value()
        .checked_div(den.base_value())
        .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
}

/// How many figures before a rate (in its sentence, or in the sentence before) may be its
/// operands: the nearest ones. Bounds the search in a sentence of thousands of figures.
pub const OPERAND_WINDOW: usize = 64;

/// Indices of the exact prose figures before `idx` in its own sentence, or (`previous`) in
/// the sentence just before it in the same block, in order; at most the last
/// [`OPERAND_WINDOW`] figures of that sentence. Operands are never mixed across
/// the two: a budget in one sentence and a spending figure in the next may belong to different
/// lines of the budget.
pub(super) fn window(doc: &Document, figs: &Figures, idx: usize, previous: bool) -> Vec<usize> {
    let q = &doc.quantities[idx];
    let sentence = if previous {
        match q.sentence.checked_sub(1) {
            Some(s) => s,
            None => return Vec::new(),
        }
    } else {
        q.sentence
    };
    let all = figs.sentence_before(q.block, sentence, idx);
    all[all.len().saturating_sub(OPERAND_WINDOW)..]
        .iter()
        .copied()
        .filter(|&i| {
            let o = &doc.quantities[i];
            o.qualifier.is_none() && doc.in_prose(o)
        })
        .collect()
}

pub(super) fn find_ratios(doc: &Document, figs: &Figures) -> Vec<RatioClaim> {
    let mut out = Vec::new();
    for (ri, rate) in doc.quantities.iter().enumerate() {
        if rate.unit != Unit::Percent || rate.qualifier.is_some() || !doc.in_prose(rate) {
            continue;
        }
        let claim = match rate.concept() {
            Some("rate.execution") => bind_money(doc, figs, ri, RatioKind::Execution)
                .or_else(|| bind_by_concept(doc, figs, ri))
                .or_else(|| bind_by_remainder(doc, figs, ri)),
            Some("rate.control") => {
                bind_money(doc, figs, ri, RatioKind::Control).or_else(|| bind_staff(doc, figs, ri))
            }
            Some("rate.funds") => bind_funds(doc, figs, ri),
            Some("rate.rectification")
            | Some("rate.completion")
            | Some("rate.satisfaction")
            | Some("rate.pass") => {
                bind_counts(doc, figs, ri).or_else(|| bind_plan_actual(doc, figs, ri))
            }
            _ => of_base(doc, figs, ri).or_else(|| bind_funds(doc, figs, ri)),
        };
        out.extend(claim);
    }
    out
}

/// Names of an execution rate of the whole budget (not of one item), which may be bound to the
/// document's one adjusted budget and one amount spent wherever they stand.
pub const WHOLE_EXECUTION_RATES: &[&str] = &[
    "预算执行率",
    "执行率",
    "资金执行率",
    "部门预算执行率",
    "整体预算执行率",
    "年度预算执行率",
    "总体预算执行率",
    "单位预算执行率",
];

/// Labels of the budget an execution rate is of: the adjusted (full-year) budget.
pub const ADJUSTED_BUDGET_WORDS: &[&str] = &["调整预算", "调整后预算", "全年预算", "预算调整为"];

/// Labels of the amount actually spent in the year.
pub const SPENT_WORDS: &[&str] = &[
    "支出决算",
    "决算支出",
    "实际支出",
    "全年支出",
    "执行数",
    "实际执行",
    "决算数",
];

/// An execution rate of the whole budget whose own sentence states no amount (`全年预算执行率
/// 98.31%`, with the budget and the spending in other sections), or only the amount spent
/// (`支出决算4291.36万元，预算执行率97.89%`): bound by concept to the document's adjusted budget
/// and its amount spent (the one in the rate's sentence, if any), when the document gives each
/// exactly one value (in prose, exact, not last year's). Otherwise unbound.
pub(super) fn bind_by_concept(doc: &Document, figs: &Figures, ri: usize) -> Option<RatioClaim> {
    let qs = &doc.quantities;
    let rate = &qs[ri];
    if !WHOLE_EXECUTION_RATES.contains(&rate.label_text()) {
        return None;
    }
    // A rate of part of the year (`一季度执行率25.3%`) or one of a run of rates is a progress
    // figure, not the year's rate.
    if rate.period.as_ref().is_some_and(|p| !p.is_full_year()) {
        return None;
    }
    let sentence = figs.sentence(rate.block, rate.sentence);
    if sentence
        .iter()
        .filter(|&&i| qs[i].concept() == Some("rate.execution"))
        .count()
        > 1
    {
        return None;
    }
    let prior = ["上年", "去年", "上一年", "同期"];
    // The amount spent may be the rate's own sentence's one amount (`支出决算4291.36万元，预算
    // 执行率97.89%`, the budget stated elsewhere); any other amount there leaves it unbound.
    let money: Vec<usize> = sentence
        .iter()
        .copied()
        .filter(|&i| qs[i].unit.is_money())
        .collect();
    let spent_here = match money[..] {
        [] => None,
        [m] => {
            let l = qs[m].label_text();
            let spent = m < ri
                && qs[m].qualifier.is_none()
                && SPENT_WORDS.iter().any(|w| l.contains(w))
                && !prior.iter().any(|w| l.contains(w))
                && !is_change_label(l);
            if !spent {
                return None;
            }
            Some(m)
        }
        _ => return None,
    };
    let only_one = |words: &[&str]| -> Option<usize> {
        let found: Vec<usize> = qs
            .iter()
            .enumerate()
            .filter(|(_, q)| {
                let l = q.label_text();
                q.unit.is_money()
                    && q.qualifier.is_none()
                    && doc.in_prose(q)
                    && words.iter().any(|w| l.contains(w))
                    && !prior.iter().any(|w| l.contains(w))
                    && !is_change_label(l)
            })
            .map(|(i, _)| i)
            .collect();
        let &first = found.first()?;
        found
            .iter()
            .all(|&i| qs[i].base_value() == qs[first].base_value())
            .then_some(first)
    };
    let den = only_one(ADJUSTED_BUDGET_WORDS)?;
    let num = match spent_here {
        Some(m) => m,
        None => only_one(SPENT_WORDS)?,
    };
    if num == den || qs[den].value.is_zero() {
        return None;
    }
    Some(RatioClaim {
        kind: RatioKind::Execution,
        rate: ri,
        numerator: num,
        denominator: den,
        alternatives: Vec::new(),
    })
}

/// Names of a rate written right after its base (`占核定编制数143人的比率为95.10%`).
pub const OF_BASE_RATE_NOUNS: &[&str] = &["比率", "比例", "比重", "比值"];

/// A rate written right after its base (`完成年初预算数60999万元的40.4%`, `占全年任务1200户的
/// 75%`): the base is the figure just before `的`, the numerator the one level before the base in
/// the same item (after any `；` or earlier rate), in the same dimension and no change.
pub(super) fn of_base(doc: &Document, figs: &Figures, ri: usize) -> Option<RatioClaim> {
    let qs = &doc.quantities;
    let rate = &qs[ri];
    let den = ri.checked_sub(1)?;
    let d = &qs[den];
    // `…1200户的75%`, or the rate named right after its base (`…143人的比率为95.10%`: the
    // label runs from the base to the rate, no word or stop between).
    let named_after_base = OF_BASE_RATE_NOUNS.contains(&rate.label_text())
        && rate
            .label
            .as_ref()
            .is_some_and(|l| l.span.start == d.span.end);
    if rate.label_text() != "的" && !named_after_base {
        return None;
    }
    if d.block != rate.block
        || d.sentence != rate.sentence
        || dim(&d.unit).is_none()
        || d.qualifier.is_some()
        || is_change_label(d.label_text())
    {
        return None;
    }
    let before = figs.sentence_before(d.block, d.sentence, den);
    // Only a `；` after the sentence's first figure can set an item apart.
    let semi = figs.item_start(doc, den);
    let item: Vec<usize> = before
        .iter()
        .rev()
        .copied()
        .take_while(|&k| qs[k].span.start > semi && qs[k].unit != Unit::Percent)
        .collect();
    let levels: Vec<usize> = item
        .into_iter()
        .filter(|&k| {
            qs[k].qualifier.is_none()
                && qs[k].unit.same_dimension(&d.unit)
                && !is_change_label(qs[k].label_text())
                && !is_per_unit(qs[k].label_text())
        })
        .collect();
    let [num] = levels.as_slice() else {
        return None;
    };
    let kind = if d.label_text().contains("预算") {
        RatioKind::Execution
    } else {
        RatioKind::Share
    };
    Some(RatioClaim {
        kind,
        rate: ri,
        numerator: *num,
        denominator: den,
        alternatives: Vec::new(),
    })
}

/// Figures of `w` after the last rate among them: `A预算X，支出Y，执行率Z%；B预算…` gives B's
/// operands only to B's rate.
pub(super) fn after_last_rate(doc: &Document, w: Vec<usize>) -> Vec<usize> {
    match w
        .iter()
        .rposition(|&i| doc.quantities[i].unit == Unit::Percent)
    {
        Some(p) => w[p + 1..].to_vec(),
        None => w,
    }
}

/// Bind an execution or control rate to actual spending and a budget. The operands come from
/// the rate's own sentence; the sentence before supplies both when the own sentence has
/// neither, or the one missing when it states nothing of the role the own sentence already
/// has (`调整预算X。实际支出Y，执行率Z%`), so that two budget lines are never mixed.
pub(super) fn bind_money(
    doc: &Document,
    figs: &Figures,
    ri: usize,
    kind: RatioKind,
) -> Option<RatioClaim> {
    let qs = &doc.quantities;
    let roles = |w: Vec<usize>| -> (Vec<usize>, Vec<usize>) {
        let money: Vec<usize> = w.into_iter().filter(|&i| qs[i].unit.is_money()).collect();
        let spends = money
            .iter()
            .copied()
            .filter(|&i| is_spent_or_executed(&qs[i]))
            .collect();
        let budgets = money
            .iter()
            .copied()
            .filter(|&i| qs[i].concept() == Some("budget"))
            .collect();
        (spends, budgets)
    };
    let (mut spends, mut budgets) = roles(after_last_rate(doc, window(doc, figs, ri, false)));
    let (prev_spends, prev_budgets) = roles(window(doc, figs, ri, true));
    // A sub-item (`其中财政拨款支出X，执行率Y`) has its own budget, which the sentence before
    // may state under another name: only a whole takes its missing operand from there.
    let sub_item = |w: &[usize]| {
        w.iter()
            .any(|&i| figs.of_before(qs[i].block, qs[i].sentence, qs[i].span.start))
    };
    let own_sub = sub_item(&spends) || sub_item(&budgets);
    match (spends.is_empty(), budgets.is_empty()) {
        _ if own_sub && (spends.is_empty() || budgets.is_empty()) => return None,
        (true, true) => (spends, budgets) = (prev_spends, prev_budgets),
        (false, true) if prev_spends.is_empty() && prev_budgets.len() == 1 => {
            budgets = prev_budgets
        }
        (true, false) if prev_budgets.is_empty() && prev_spends.len() == 1 => spends = prev_spends,
        _ => {}
    }
    let num = *spends.last()?;
    let den = *budgets.last()?;
    if !qs[num].unit.same_dimension(&qs[den].unit) {
        return None;
    }
    // Every other spending/budget pair is another reading.
    let alternatives = spends
        .iter()
        .flat_map(|&s| budgets.iter().map(move |&b| (s, b)))
        .filter(|&pair| pair != (num, den))
        .collect();
    Some(RatioClaim {
        kind,
        rate: ri,
        numerator: num,
        denominator: den,
        alternatives,
    })
}

/// What the numerator of a pass rate (合格率, 达标率, 通过率) is labelled with.
pub const PASS_WORDS: &[&str] = &["合格", "达标", "通过"];

/// What the whole of a pass rate is labelled with: what was tested.
pub const TESTED_WORDS: &[&str] = &[
    "抽检", "抽查", "抽样", "检测", "检验", "送检", "检查", "验收", "监测", "考核", "参加", "参训",
];

/// Words that make a counted figure the complement of what a rate counts (`不合格`, `未整改`).
pub const NEGATIONS: &[&str] = &["未", "不", "没"];

/// Bind a completion rate (整改率, 办结率, 满意率/满意度, 合格率 …) to two counts of one kind in
/// its sentence: the numerator just before the rate names what the rate names (整改率 ↔ 完成整改,
/// 满意度 ↔ 表示满意的, 合格率 ↔ 合格) and not its complement ([`NEGATIONS`]: 不合格, 未整改),
/// the whole before it reads as one (`共…`, `登记/排查/受理/收回…`, what was tested for a pass
/// rate, or the same things), and the numerator does not exceed the whole.
pub(super) fn bind_counts(doc: &Document, figs: &Figures, ri: usize) -> Option<RatioClaim> {
    let qs = &doc.quantities;
    let is_count = |i: &usize| matches!(qs[*i].unit, Unit::Count { .. });
    let own = window(doc, figs, ri, false);
    if !own.iter().any(is_count) {
        // `达标率98%，共检测水样150份，达标147份`: the rate first, its counts after it.
        if let Some(claim) = counts_after(doc, figs, ri) {
            return Some(claim);
        }
    }
    let w = if own.iter().any(is_count) {
        own
    } else {
        window(doc, figs, ri, true)
    };
    let counts: Vec<usize> = w.into_iter().filter(is_count).collect();
    // The numerator stands after any earlier rate of the sentence; the whole may stand before.
    let num = *counts.last()?;
    if qs[ri].span.start < qs[num].span.start {
        return None;
    }
    if (num + 1..ri).any(|k| qs[k].unit == Unit::Percent && qs[k].block == qs[ri].block) {
        return None;
    }
    // The whole is the nearest count of the same unit at least as large: smaller ones between
    // are sub-items (`共排查隐患1250处，其中重大隐患15处，已整改1238处`).
    let den = *counts
        .iter()
        .rev()
        .skip(1)
        .filter(|&&i| qs[i].unit == qs[num].unit)
        .find(|&&i| qs[i].value >= qs[num].value)?;
    count_pair(doc, ri, num, den)
}

/// A completion rate stated before its counts (`达标率98%，共检测水样150份，达标147份`): the two
/// counts after it in its sentence, before any other rate — the whole, then what the rate
/// counts — when they are the only counts there and of one unit.
fn counts_after(doc: &Document, figs: &Figures, ri: usize) -> Option<RatioClaim> {
    let qs = &doc.quantities;
    let rate = &qs[ri];
    let sentence = figs.sentence(rate.block, rate.sentence);
    let after: Vec<usize> = sentence[sentence.partition_point(|&i| i <= ri)..]
        .iter()
        .copied()
        .take_while(|&i| qs[i].unit != Unit::Percent)
        .collect();
    let [den, num] = after.as_slice() else {
        return None;
    };
    let ok = |i: usize| {
        matches!(qs[i].unit, Unit::Count { .. })
            && qs[i].qualifier.is_none()
            && doc.in_prose(&qs[i])
    };
    if !ok(*den) || !ok(*num) || qs[*den].unit != qs[*num].unit {
        return None;
    }
    count_pair(doc, ri, *num, *den)
}

/// The claim of a completion rate over `num` of `den`, when their labels read so (see
/// [`bind_counts`]).
fn count_pair(doc: &Document, ri: usize, num: usize, den: usize) -> Option<RatioClaim> {
    let qs = &doc.quantities;
    let satisfaction = qs[ri].concept() == Some("rate.satisfaction");
    let passing = qs[ri].concept() == Some("rate.pass");
    let done_words: &[&str] = if satisfaction {
        &["满意"]
    } else if passing {
        PASS_WORDS
    } else {
        &[
            "完成", "已", "办结", "整改", "处置", "解决", "回复", "落实", "结案", "销号", "办理",
        ]
    };
    let nl = qs[num].label_text();
    // `不合格6批次`, `未整改3处`, `不满意5份`: the complement, not what the rate counts.
    if !done_words.iter().any(|w| nl.contains(w)) || NEGATIONS.iter().any(|w| nl.contains(w)) {
        return None;
    }
    if qs[num].value > qs[den].value {
        return None;
    }
    let mut total_words = vec![
        "共",
        "总",
        "累计",
        "登记",
        "排查",
        "发现",
        "受理",
        "收到",
        "接到",
        "涉及",
        "计划",
        "应",
        "全部",
        "检查出",
    ];
    if satisfaction {
        // 发放问卷420份，收回有效问卷400份，其中表示满意的376份
        total_words.extend(["收回", "回收", "有效", "调查", "参与"]);
    }
    if passing {
        // 抽检样品1200批次，合格1194批次
        total_words.extend(TESTED_WORDS);
    }
    let dl = qs[den].label_text();
    let shared_object = dl.chars().collect::<Vec<_>>().windows(2).any(|w| {
        let pair: String = w.iter().collect();
        !done_words.iter().any(|d| d.contains(&pair)) && nl.contains(&pair)
    });
    if !total_words.iter().any(|w| dl.contains(w)) && !shared_object {
        return None;
    }
    // The rate names what the numerator did (整改率 ↔ 完成整改).
    let stem: String = {
        let l = qs[ri]
            .label_text()
            .trim_end_matches('率')
            .trim_end_matches('度');
        let cs: Vec<char> = l.chars().collect();
        cs[cs.len().saturating_sub(2)..].iter().collect()
    };
    if stem.chars().count() == 2 && !nl.contains(&stem) && stem != "完成" {
        return None;
    }
    Some(RatioClaim {
        kind: RatioKind::Completion,
        rate: ri,
        numerator: num,
        denominator: den,
        alternatives: Vec::new(),
    })
}

/// Whether a money figure is an amount spent ([`is_actual_spending`]) or executed (`全年执行
/// 896.34万元`, `本年财政拨款执行843.84万元`: a label ending with 执行), and names nothing left
/// undone (`未支出的16.16万元` is what was not spent).
pub fn is_spent_or_executed(q: &Quantity) -> bool {
    let l = q.label_text();
    let executed = q.unit.is_money() && l.ends_with("执行");
    (is_actual_spending(q) || executed) && !NOT_DONE_WORDS.iter().any(|w| l.contains(w))
}

/// Whether a money figure is an amount actually spent (支出决算, 实际支出, 执行数, 已拨付 …),
/// not a budget line named after a kind of spending (基本支出, 项目支出 are budget parts).
pub fn is_actual_spending(q: &Quantity) -> bool {
    if q.concept() != Some("spend") {
        return false;
    }
    let l = q.label_text();
    const ACTUAL: &[&str] = &[
        "实际", "决算", "执行", "支付", "拨付", "使用", "完成", "累计", "已",
    ];
    const KINDS: &[&str] = &[
        "基本支出",
        "项目支出",
        "人员支出",
        "公用支出",
        "资本性支出",
        "经常性支出",
    ];
    ACTUAL.iter().any(|w| l.contains(w))
        || (l.ends_with("支出") && !KINDS.iter().any(|k| l.ends_with(k)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceFormat;

    /// The ratios bound in `text`: (rate, numerator, denominator) as written.
    fn bound(text: &str) -> Vec<(String, String, String)> {
        let doc = crate::parse::parse(text, SourceFormat::Text);
        let figs = Figures::new(&doc);
        let qs = &doc.quantities;
        find_ratios(&doc, &figs)
            .iter()
            .map(|c| {
                (
                    qs[c.rate].display(),
                    qs[c.numerator].display(),
                    qs[c.denominator].display(),
                )
            })
            .collect()
    }

    fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn an_amount_executed_is_spending() {
        assert_eq!(
            bound("项目全年预算650.00万元，全年执行617.50万元，预算执行率95.00%。"),
            vec![t("95.00%", "617.50万元", "650.00万元")]
        );
        // What was not executed or not spent is no spending.
        assert!(bound("项目全年预算650.00万元，未执行32.50万元，预算执行率95.00%。").is_empty());
        assert!(bound("项目全年预算650.00万元，未支出32.50万元，预算执行率95.00%。").is_empty());
    }

    #[test]
    fn a_rate_named_right_after_its_base() {
        assert_eq!(
            bound("年末实有在编人员48人，占核定编制数50人的比率为96.00%。"),
            vec![t("96.00%", "48人", "50人")]
        );
        assert_eq!(
            bound("年末实有在编人员48人，占核定编制数50人的比例96.00%。"),
            vec![t("96.00%", "48人", "50人")]
        );
        // A stop between the base and the rate: the rate may be of anything said before.
        assert!(bound("年末实有在编人员48人，核定编制数50人，比率为96.00%。").is_empty());
        // Another name: not a rate of that base.
        assert!(bound("年末实有在编人员48人，核定编制数50人的增幅为96.00%。").is_empty());
    }

    #[test]
    fn a_whole_execution_rate_after_the_amount_spent_takes_the_budget_stated_elsewhere() {
        let text = "年中追加预算200.00万元，调整后预算为1180.50万元。\n\
                    本年度支出决算1158.20万元，预算执行率98.11%。\n\
                    其中培训项目预算60万元，实际支出55.20万元，执行率92%。\n";
        let found = bound(text);
        assert!(
            found.contains(&t("98.11%", "1158.20万元", "1180.50万元")),
            "{found:?}"
        );
        // Another amount beside it: which one is spent is not known.
        let text = "调整后预算为1180.50万元。\n\
                    本年度支出决算1158.20万元，结转结余22.30万元，预算执行率98.11%。\n";
        assert!(bound(text).is_empty());
        // Two adjusted budgets in the document: unbound.
        let text = "调整后预算为1180.50万元。培训项目调整后预算为60万元。\n\
                    本年度支出决算1158.20万元，预算执行率98.11%。\n";
        assert!(bound(text).is_empty());
    }

    #[test]
    fn pass_and_satisfaction_rates_over_counts() {
        assert_eq!(
            bound("全年抽检食品样品800批次，合格788批次，合格率98.5%。"),
            vec![t("98.5%", "788批次", "800批次")]
        );
        assert_eq!(
            bound("收回有效问卷320份，其中满意及基本满意的304份，满意度95%。"),
            vec![t("95%", "304份", "320份")]
        );
        // The complement is not what the rate counts.
        assert!(bound("全年抽检食品样品800批次，不合格12批次，合格率98.5%。").is_empty());
        // A whole that was not tested: not the rate's whole.
        assert!(bound("新建站点40个，合格38个，合格率95%。").is_empty());
    }

    #[test]
    fn a_total_named_after_a_standard_of_quality_is_no_per_unit_figure() {
        assert_eq!(
            bound("全年建成高标准农田2.6万亩，完成年度目标2.5万亩的104%。"),
            vec![t("104%", "2.6万亩", "2.5万亩")]
        );
        assert!(super::is_per_unit("补助标准"));
        assert!(super::is_per_unit("高标准农田亩均标准"));
        assert!(!super::is_per_unit("标准化建设"));
    }

    #[test]
    fn a_completion_rate_stated_before_its_counts() {
        assert_eq!(
            bound("水质检测达标率98%，共检测水样150份，达标147份。"),
            vec![t("98%", "147份", "150份")]
        );
        // Three counts after it: which two are its operands is not known.
        assert!(bound("水质检测达标率98%，共检测水样150份，达标147份，复检3份。").is_empty());
        // Counts of something the rate does not count.
        assert!(bound("水质检测达标率98%，新建水厂5座，改造3座。").is_empty());
    }

    #[test]
    fn a_sub_item_between_the_whole_and_what_was_done_is_passed_over() {
        assert_eq!(
            bound("共排查隐患1250处，其中重大隐患15处，已整改1238处，整改率99.04%。"),
            vec![t("99.04%", "1238处", "1250处")]
        );
    }
}

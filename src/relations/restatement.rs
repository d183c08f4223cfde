//! Restatements: one specific metric stated more than once for the same period and subject.

use super::*;

/// Whether a label names a specific metric (`规上商品销售额`), not a generic budget word
/// (`实际支出`, `合同总金额`) or an activity (`发现并督促整改隐患`).
pub fn is_specific_metric(label: &str) -> bool {
    const METRIC_ENDS: &[&str] = &[
        "额", "值", "产值", "收入", "总量", "人数", "户数", "数量", "面积", "投资", "利润", "税收",
        "产量", "规模", "资产", "总数", "人口",
    ];
    const GENERIC: &[&str] = &[
        "调整后",
        "调整",
        "年初",
        "年中",
        "年末",
        "预算",
        "决算",
        "实际",
        "支出",
        "收入",
        "金额",
        "合同",
        "总额",
        "总",
        "额",
        "资金",
        "安排",
        "执行",
        "完成",
        "控制",
        "当年度",
        "当年",
        "本年",
        "上年",
        "累计",
        "共计",
        "合计",
        "小计",
        "项目",
        "经费",
        "涉及",
        "规模",
        "其他",
        "数",
        "财政拨款",
        "财政",
        "拨款",
        "部门",
        "整体",
        "单位",
        "本级",
        "值",
        "总值",
        "资产",
        "账面",
        "数量",
        "人数",
    ];
    if !METRIC_ENDS.iter().any(|e| label.ends_with(e)) {
        return false;
    }
    let mut rest = label.to_string();
    for g in GENERIC {
        rest = rest.replace(g, "");
    }
    rest.chars()
        .filter(|c| crate::parse::norm::is_cjk(*c))
        .count()
        >= 3
}

/// The label as a metric name: area words that do not change the metric in a report about
/// one area (`全区电子商务交易额` = `电子商务交易额`) are dropped; scope words (规上, 限上) stay.
pub fn metric_key(label: &str) -> &str {
    const AREA: &[&str] = &[
        "全区", "全市", "全县", "全省", "全镇", "全乡", "本区", "本市", "本县", "辖区", "区内",
        "市内", "县内", "沿线",
    ];
    let mut l = label;
    for a in AREA {
        if let Some(rest) = l.strip_prefix(a)
            && rest.chars().count() >= 3
        {
            l = rest;
        }
    }
    l
}

/// Whether two mentions of one metric name can be about the same subject. Parallel items —
/// `（一）甲镇。…农业总产值5.2亿元` / `（二）乙镇。…农业总产值3.8亿元` (sibling items below the top
/// level), or `一是…；二是…` in one paragraph — are about different subjects, and a short name
/// (under six characters, such as 农业总产值) is compared only inside one paragraph, where its
/// subject cannot have changed unseen.
pub fn same_subject(doc: &Document, rel: &Relations, a: usize, b: usize) -> bool {
    let qs = &doc.quantities;
    let (qa, qb) = (&qs[a], &qs[b]);
    let (lo, hi) = if qa.span.start <= qb.span.start {
        (qa, qb)
    } else {
        (qb, qa)
    };
    if lo.block == hi.block {
        return !doc.cues.iter().any(|c| {
            c.kind == CueKind::Enumeration
                && c.block == lo.block
                && c.offset > lo.span.start
                && c.offset < hi.span.start
        });
    }
    if metric_key(lo.label_text()).chars().count() < 6 && !is_restated_rate(lo.label_text()) {
        return false;
    }
    // The nearest numbered block at or before each mention; the top level (一、二、) divides
    // the report into parts, not into parallel subjects.
    let item = |block: usize| {
        (0..=block)
            .rev()
            .find(|&k| doc.blocks[k].marker.is_some())
            .filter(|&k| doc.blocks[k].marker.is_some_and(|m| m.style.level() > 1))
    };
    match (item(lo.block), item(hi.block)) {
        (Some(x), Some(y)) if x != y => !rel
            .sequences
            .iter()
            .any(|s| s.items.contains(&x) && s.items.contains(&y)),
        _ => true,
    }
}

/// Rates a report states as one figure of its own, so that two values are a conflict:
/// satisfaction surveyed once (`满意度`), not targets or execution rates of many lines.
pub const RESTATED_RATE_ENDS: &[&str] = &["满意度", "满意率"];

/// Whether a percentage's label names a rate restated as one figure ([`RESTATED_RATE_ENDS`]),
/// with a name of at least three characters and no target word.
pub fn is_restated_rate(label: &str) -> bool {
    RESTATED_RATE_ENDS.iter().any(|e| label.ends_with(e))
        && !["目标", "指标", "要求", "不低于", "预期"]
            .iter()
            .any(|w| label.contains(w))
}

/// Words of time before a metric's name that do not change it in a report about one year
/// (`本年度服务对象满意度` = `服务对象满意度`).
pub const TIME_WORDS: &[&str] = &["本年度", "本年", "全年", "年度", "今年", "当年"];

/// The label without a leading word of time ([`TIME_WORDS`]), when a name of three
/// characters or more remains.
pub fn strip_time_words(label: &str) -> &str {
    for w in TIME_WORDS {
        if let Some(rest) = label.strip_prefix(w)
            && rest.chars().count() >= 3
        {
            return rest;
        }
    }
    label
}

pub(super) fn find_restatements(doc: &Document) -> Vec<Restatement> {
    let qs = &doc.quantities;
    // Groups in order of first mention, found by key.
    let mut groups: Vec<Restatement> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, q) in qs.iter().enumerate() {
        if !doc.in_prose(q) || q.qualifier.is_some() || q.unit == Unit::PercentPoint {
            continue;
        }
        let label = q.label_text();
        let d = if q.unit.is_percent() {
            if !is_restated_rate(label) {
                continue;
            }
            "percent".to_string()
        } else {
            let Some(d) = dim(&q.unit) else { continue };
            if !is_specific_metric(label) {
                continue;
            }
            d
        };
        let year = q.year.or(doc.report_year);
        // In a full-year report an unstated period, 全年, 1-12月 and 截至12月底 are one period.
        let period = match q.period {
            Some(p) if p.is_full_year() => None,
            p => p,
        };
        let key = format!(
            "{}|{period:?}|{year:?}|{d}",
            metric_key(strip_time_words(label))
        );
        match index.get(&key) {
            Some(&g) => groups[g].mentions.push(i),
            None => {
                index.insert(key, groups.len());
                groups.push(Restatement { mentions: vec![i] });
            }
        }
    }
    groups
        .into_iter()
        .filter(|g| g.mentions.len() >= 2)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restated_rates_are_surveys_not_targets() {
        assert!(is_restated_rate("服务对象满意度"));
        assert!(is_restated_rate("群众满意率"));
        assert!(!is_restated_rate("满意度目标"));
        assert!(!is_restated_rate("预算执行率"));
    }

    #[test]
    fn time_words_leave_a_name() {
        assert_eq!(strip_time_words("本年度服务对象满意度"), "服务对象满意度");
        assert_eq!(strip_time_words("全年支出"), "全年支出");
        assert_eq!(strip_time_words("规上工业增加值"), "规上工业增加值");
    }
}

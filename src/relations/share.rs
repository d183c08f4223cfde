//! Shares: percentages of one whole stated together (占比 …), with the amounts they are of.

use super::*;

/// The shares of a document: groups stated together, shares bound to a stated whole (pushed
/// to `ratios`), and shares of a whole that is the sum of their amounts.
pub(super) struct Shares {
    pub groups: Vec<ShareGroup>,
    pub summed: Vec<SummedShareClaim>,
}

pub(super) fn find_shares(
    text: &str,
    doc: &Document,
    sums: &[SumClaim],
    ratios: &mut Vec<RatioClaim>,
) -> Shares {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    let mut summed = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, q) in qs.iter().enumerate() {
        if seen.contains(&(q.block, q.sentence))
            || q.concept() != Some("rate.share")
            || q.unit != Unit::Percent
            || !doc.in_prose(q)
        {
            continue;
        }
        seen.insert((q.block, q.sentence));
        let shares: Vec<usize> = (i..qs.len())
            .filter(|&k| {
                qs[k].block == q.block
                    && qs[k].sentence == q.sentence
                    && qs[k].unit == Unit::Percent
                    && qs[k].concept() == Some("rate.share")
                    && qs[k].qualifier.is_none()
            })
            .collect();
        if shares.len() < 2 {
            continue;
        }
        // Each share's amount: the figure just before it in the same sentence.
        let parts: Vec<usize> = shares
            .iter()
            .filter_map(|&s| {
                (0..s)
                    .rev()
                    .find(|&k| {
                        qs[k].block == q.block
                            && qs[k].sentence == q.sentence
                            && qs[k].unit != Unit::Percent
                    })
                    .filter(|&k| {
                        // Only the amount immediately before the share (no other share between).
                        !(k + 1..s).any(|m| qs[m].unit == Unit::Percent)
                    })
            })
            .collect();
        // The breakdown the parts are of, if one was read: its total is the whole unless the
        // parts disagree with it (then the sum is reported, not every share).
        let complete = parts.len() == shares.len();
        let breakdown = sums.iter().find(|c| {
            complete && c.parts.len() == parts.len() && c.parts.iter().all(|p| parts.contains(p))
        });
        let whole = match breakdown {
            Some(c) => {
                (c.verdict(doc).holds() || c.verdict(doc) == SumVerdict::Partial).then_some(c.total)
            }
            None if complete => opened_list_whole(text, doc, &parts),
            None => None,
        };
        if whole.is_none() && breakdown.is_none() {
            summed.extend(summed_claims(doc, &group_amounts(doc, &shares)));
        }
        if let Some(w) = whole {
            for (&s, &p) in shares.iter().zip(&parts) {
                ratios.push(RatioClaim {
                    kind: RatioKind::Share,
                    rate: s,
                    numerator: p,
                    denominator: w,
                    alternatives: Vec::new(),
                });
            }
        }
        out.push(ShareGroup {
            shares,
            parts,
            whole,
            complete: false,
        });
    }
    let complete = complete_shares(doc, &seen_shares(&out));
    for g in &complete {
        let items: Vec<(usize, usize)> = g.shares.iter().copied().zip(g.parts.clone()).collect();
        summed.extend(summed_claims(doc, &items));
    }
    out.extend(complete);
    named_whole_shares(doc, ratios);
    for run in closed_run_shares(doc, ratios) {
        summed.extend(summed_claims(doc, &run));
    }
    total_shares(doc, &seen_shares(&out), ratios);
    let judged: std::collections::HashSet<usize> = ratios.iter().map(|r| r.rate).collect();
    summed.retain(|c| !judged.contains(&c.rate));
    Shares {
        groups: out,
        summed,
    }
}

/// Each share of a group stated in one sentence with its amount: the nearest figure before it
/// and after the share before it, past changes and growth rates (`税收收入3000万元，增加200万
/// 元，增长7.14%，税收占…比重为60.00%`), of a label naming the share's subject when the share
/// names one (`税收占…`). Empty when a share has no such amount.
fn group_amounts(doc: &Document, shares: &[usize]) -> Vec<(usize, usize)> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    let mut floor = None;
    for &s in shares {
        let q = &qs[s];
        let subject = q
            .label_text()
            .split_once('占')
            .map(|(x, _)| x)
            .filter(|x| x.chars().count() >= 2);
        let amount = (0..s)
            .rev()
            .take_while(|&k| {
                qs[k].block == q.block && qs[k].sentence == q.sentence && Some(k) != floor
            })
            .filter(|&k| {
                qs[k].unit != Unit::Percent
                    && qs[k].qualifier.is_none()
                    && dim(&qs[k].unit).is_some()
                    && !is_change_label(qs[k].label_text())
            })
            .find(|&k| subject.is_none_or(|x| qs[k].label_text().contains(x)));
        // No share of the group may stand between the share and its amount.
        match amount {
            Some(p) if !shares.iter().any(|&o| o > p && o < s) => out.push((s, p)),
            _ => return Vec::new(),
        }
        floor = Some(s);
    }
    out
}

/// Labels of a share that names no whole (`，占比82.29%`).
pub const BARE_SHARE_LABELS: &[&str] = &["占比", "占比为", "占比是", "比重", "比重为", "所占比重"];

/// Words that mark a figure as a total other amounts are parts of (`总规模`, `总额`).
pub const SHARE_TOTAL_WORDS: &[&str] =
    &["总规模", "总额", "总量", "总计", "合计", "总数", "总投资"];

/// `资金总规模64458.18万元，纳入方案资金53043.61万元，占比82.29%`: a lone share that names no
/// whole is of the amount right before it over the nearest amount before that in its
/// sentence whose label names a total ([`SHARE_TOTAL_WORDS`]), in the same dimension and no smaller.
/// Without such a total it is left unbound.
fn total_shares(doc: &Document, grouped: &[usize], ratios: &mut Vec<RatioClaim>) {
    let qs = &doc.quantities;
    let taken: std::collections::HashSet<usize> = ratios
        .iter()
        .map(|r| r.rate)
        .chain(grouped.iter().copied())
        .collect();
    let mut found = Vec::new();
    for (s, q) in qs.iter().enumerate() {
        if q.unit != Unit::Percent
            || q.qualifier.is_some()
            || !doc.in_prose(q)
            || taken.contains(&s)
            || !BARE_SHARE_LABELS.contains(&q.label_text())
        {
            continue;
        }
        let same = |k: usize| qs[k].block == q.block && qs[k].sentence == q.sentence;
        let Some(p) = s.checked_sub(1).filter(|&k| {
            same(k)
                && dim(&qs[k].unit).is_some()
                && qs[k].qualifier.is_none()
                && !is_change_label(qs[k].label_text())
        }) else {
            continue;
        };
        let whole = (0..p).rev().take_while(|&k| same(k)).find(|&k| {
            qs[k].unit.same_dimension(&qs[p].unit)
                && qs[k].qualifier.is_none()
                && SHARE_TOTAL_WORDS
                    .iter()
                    .any(|w| qs[k].label_text().contains(w))
        });
        let Some(w) = whole else { continue };
        // Only when nothing but the part stands between the total and the share: a figure in
        // between may be the whole the share is of.
        if w + 1 != p || qs[w].base_value() < qs[p].base_value() || qs[w].value.is_zero() {
            continue;
        }
        found.push(RatioClaim {
            kind: RatioKind::Share,
            rate: s,
            numerator: p,
            denominator: w,
            alternatives: Vec::new(),
        });
    }
    ratios.extend(found);
}

/// The most shares of one named whole looked at for a run that totals 100%: bounds the search
/// in a document with thousands of them.
pub const MAX_RUN_SHARES: usize = 64;

/// Items that each state an amount and its share of one named whole (`（一）A类科目a元，占支出
/// 总预算x%` … `（四）D类科目d元，占支出总预算w%`), in different sentences, whose shares total
/// 100%: a run that totals 100% says its amounts are all of the whole, so the whole is their
/// sum. When the document states that sum (`总预算1085203.63元`), each share is bound to its
/// amount over that figure. A run that does not total 100%, or a sum stated nowhere, binds
/// nothing.
fn closed_run_shares(doc: &Document, ratios: &mut Vec<RatioClaim>) -> Vec<Vec<(usize, usize)>> {
    let qs = &doc.quantities;
    let mut unstated = Vec::new();
    let taken: std::collections::HashSet<usize> = ratios.iter().map(|r| r.rate).collect();
    let mut by_whole: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
    for (s, q) in qs.iter().enumerate() {
        if q.unit != Unit::Percent
            || q.qualifier.is_some()
            || !doc.in_prose(q)
            || taken.contains(&s)
            || q.label_text().contains("分别")
        {
            continue;
        }
        let Some(whole) = share_of(q.label_text()) else {
            continue;
        };
        let Some(p) = s.checked_sub(1).filter(|&k| {
            qs[k].block == q.block
                && qs[k].sentence == q.sentence
                && dim(&qs[k].unit).is_some()
                && qs[k].qualifier.is_none()
                && !is_change_label(qs[k].label_text())
        }) else {
            continue;
        };
        let key = whole_key(whole);
        match by_whole.iter_mut().find(|(w, _)| *w == key) {
            Some((_, v)) if v.len() < MAX_RUN_SHARES => v.push((s, p)),
            Some(_) => {}
            None => by_whole.push((key, vec![(s, p)])),
        }
    }
    // 100%, with the slack a slipped share may take (the slip is then reported).
    let hundred = Interval {
        lo: Decimal::ONE_HUNDRED - SUMMED_WHOLE_SLACK,
        hi: Decimal::ONE_HUNDRED + SUMMED_WHOLE_SLACK,
    };
    for (_, items) in by_whole {
        let mut start = 0;
        while start + 1 < items.len() {
            // The longest run from `start` whose shares total 100%.
            let mut total = Interval::exact(Decimal::ZERO);
            let mut best = None;
            for (k, &(s, _)) in items.iter().enumerate().skip(start) {
                total = total.add(&Interval::of_written(qs[s].value, qs[s].decimals));
                if k > start && total.meets(&hundred) {
                    best = Some(k);
                }
            }
            let Some(end) = best else {
                start += 1;
                continue;
            };
            let run = &items[start..=end];
            start = end + 1;
            let unit = &qs[run[0].1].unit;
            if run.iter().any(|&(_, p)| !qs[p].unit.same_dimension(unit)) {
                continue;
            }
            let Some(sum) = run.iter().try_fold(Decimal::ZERO, |a, &(_, p)| {
                a.checked_add(qs[p].base_value())
            }) else {
                continue;
            };
            let Some(whole) = qs.iter().position(|w| {
                w.unit.same_dimension(unit)
                    && w.qualifier.is_none()
                    && doc.in_prose(w)
                    && !is_change_label(w.label_text())
                    && w.base_value() == sum
            }) else {
                unstated.push(run.to_vec());
                continue;
            };
            for &(s, p) in run {
                ratios.push(RatioClaim {
                    kind: RatioKind::Share,
                    rate: s,
                    numerator: p,
                    denominator: whole,
                    alternatives: Vec::new(),
                });
            }
        }
    }
    unstated
}

/// Words that open a list of the parts of the figure before them (`支出X万元，主要用于以下方面：
/// A a，占x%；B b，占y%`). The list may be partial; each share is still of that figure.
pub const LIST_OPENERS: &[&str] = &["其中", "主要用于", "用于", "包括", "分别为", "分别是"];

/// The whole of shares listed after a total: the last figure before the first part in its
/// sentence, of the parts' dimension, no change and no rate, when the text between them holds a
/// [`LIST_OPENERS`] word and no part exceeds it.
fn opened_list_whole(text: &str, doc: &Document, parts: &[usize]) -> Option<usize> {
    let qs = &doc.quantities;
    let &first = parts.first()?;
    let f = &qs[first];
    let t = (0..first).rev().find(|&k| {
        qs[k].block == f.block && qs[k].sentence == f.sentence && qs[k].unit != Unit::Percent
    })?;
    let w = &qs[t];
    if !w.unit.same_dimension(&f.unit)
        || w.qualifier.is_some()
        || is_change_label(w.label_text())
        || is_per_unit(w.label_text())
        || parts
            .iter()
            .any(|&p| !qs[p].unit.same_dimension(&w.unit) || qs[p].base_value() > w.base_value())
    {
        return None;
    }
    let between = text.get(w.span.end..f.span.start)?;
    LIST_OPENERS
        .iter()
        .any(|o| between.contains(o))
        .then_some(t)
}

/// Words a whole's name may carry or drop (`项目支出预算` names `项目支出`; `一般公共预算收入
/// 完成` names `一般公共预算收入`).
pub const WHOLE_NAME_AFFIXES: &[&str] = &[
    "预算数",
    "预算",
    "总额",
    "合计",
    "总计",
    "总数",
    "完成数",
    "完成",
    "累计",
    "共",
    "为",
    "是",
];

/// Older names of a budget and the names that replaced them: 公共财政预算 was renamed
/// 一般公共预算 by the 2014 Budget Law, and reports still use both for one budget.
pub const NAME_SYNONYMS: &[(&str, &str)] = &[("公共财政预算", "一般公共预算")];

/// A label reduced to the name of what it measures: without the affixes of
/// [`WHOLE_NAME_AFFIXES`] at its end, or a year or 本年/全年 at its start, older names as
/// their current ones ([`NAME_SYNONYMS`]).
pub fn whole_key(label: &str) -> String {
    let mut l: String = label
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '年' || c == '度')
        .to_string();
    for (old, new) in NAME_SYNONYMS {
        if l.contains(old) {
            l = l.replace(old, new);
        }
    }
    for p in ["本年度", "本年", "全年", "当年"] {
        if let Some(x) = l.strip_prefix(p) {
            l = x.to_string();
        }
    }
    loop {
        let before = l.len();
        for a in WHOLE_NAME_AFFIXES {
            if let Some(x) = l.strip_suffix(a) {
                l = x.to_string();
            }
        }
        if l.len() == before {
            break;
        }
    }
    l
}

/// The fewest characters of a whole's name for it to be looked up by name: 4 (`一般公共预算
/// 支出`, `项目支出`; never `支出` or `收入` alone).
pub const MIN_WHOLE_NAME_CHARS: usize = 4;

/// `A万元，占项目支出预算的P%` with no breakdown around it: the whole is the figure the
/// document names so (`项目支出469500元`) when every figure of that name states one value, no
/// smaller than the part. Otherwise the share is left unbound.
fn named_whole_shares(doc: &Document, ratios: &mut Vec<RatioClaim>) {
    let qs = &doc.quantities;
    let taken: std::collections::HashSet<usize> = ratios.iter().map(|r| r.rate).collect();
    let mut found = Vec::new();
    for (s, q) in qs.iter().enumerate() {
        if q.unit != Unit::Percent
            || q.qualifier.is_some()
            || !doc.in_prose(q)
            || taken.contains(&s)
        {
            continue;
        }
        let Some(name) = share_of(q.label_text()) else {
            continue;
        };
        let key = whole_key(name);
        // `A a、B b，分别占…的x%、y%`: the shares of a run are not each of the figure before.
        let in_run = q.label_text().contains("分别")
            || qs.get(s + 1).is_some_and(|n| {
                n.unit == Unit::Percent && n.block == q.block && n.sentence == q.sentence
            });
        if key.chars().count() < MIN_WHOLE_NAME_CHARS || in_run {
            continue;
        }
        // The amount is the figure before, past any share of it in another whole (`A完成
        // 13,866万元，占调整预算100.93%，占一般公共预算收入的48.51%`).
        let mut before = s.checked_sub(1);
        while let Some(k) = before.filter(|&k| {
            qs[k].block == q.block
                && qs[k].sentence == q.sentence
                && qs[k].unit == Unit::Percent
                && share_of(qs[k].label_text()).is_some()
        }) {
            before = k.checked_sub(1);
        }
        let Some(p) = before.filter(|&k| {
            qs[k].block == q.block
                && qs[k].sentence == q.sentence
                && dim(&qs[k].unit).is_some()
                && qs[k].qualifier.is_none()
        }) else {
            continue;
        };
        let named: Vec<usize> = qs
            .iter()
            .enumerate()
            .filter(|&(k, w)| {
                k != p
                    && doc.in_prose(w)
                    && w.qualifier.is_none()
                    && w.unit.same_dimension(&qs[p].unit)
                    && !is_change_label(w.label_text())
                    && !is_per_unit(w.label_text())
                    && whole_key(w.label_text()).ends_with(&key)
            })
            .map(|(k, _)| k)
            .collect();
        let Some(&whole) = named.first() else {
            continue;
        };
        let one_value = named
            .iter()
            .all(|&k| qs[k].base_value() == qs[whole].base_value());
        if !one_value || qs[whole].base_value() < qs[p].base_value() {
            continue;
        }
        found.push(RatioClaim {
            kind: RatioKind::Share,
            rate: s,
            numerator: p,
            denominator: whole,
            alternatives: Vec::new(),
        });
    }
    ratios.extend(found);
}

fn seen_shares(groups: &[ShareGroup]) -> Vec<usize> {
    groups
        .iter()
        .flat_map(|g| g.shares.iter().copied())
        .collect()
}

/// Whether a percentage's label names the whole it is a share of (`占一般公共预算支出的`).
pub(super) fn share_of(label: &str) -> Option<&str> {
    let rest = label.strip_prefix('占')?;
    // `占到…的`, `占了…的`: the verb with its complement or particle.
    let rest = rest
        .strip_prefix('到')
        .or_else(|| rest.strip_prefix('了'))
        .unwrap_or(rest);
    let whole = rest.trim_end_matches('的');
    (whole.chars().count() >= 2).then_some(whole)
}

/// Shares of one named whole stated in different sentences (`基本支出X元，占一般公共预算支出的
/// a%` … `项目支出Y元，占一般公共预算支出的b%`), each right after its amount, whose amounts
/// are by definition all of the whole ([`labels_complete`]): they must total 100%.
fn complete_shares(doc: &Document, taken: &[usize]) -> Vec<ShareGroup> {
    let qs = &doc.quantities;
    let mut by_whole: Vec<(&str, Vec<(usize, usize)>)> = Vec::new();
    for (s, q) in qs.iter().enumerate() {
        if q.unit != Unit::Percent
            || q.qualifier.is_some()
            || !doc.in_prose(q)
            || taken.contains(&s)
        {
            continue;
        }
        let Some(whole) = share_of(q.label_text()) else {
            continue;
        };
        // The amount right before the share, in its sentence.
        let Some(p) = s.checked_sub(1).filter(|&k| {
            qs[k].block == q.block && qs[k].sentence == q.sentence && qs[k].unit.is_money()
        }) else {
            continue;
        };
        match by_whole.iter_mut().find(|(w, _)| *w == whole) {
            Some((_, v)) => v.push((s, p)),
            None => by_whole.push((whole, vec![(s, p)])),
        }
    }
    by_whole
        .into_iter()
        .filter(|(_, v)| v.len() >= 2)
        .filter(|(_, v)| {
            let labels: Vec<&str> = v.iter().map(|&(_, p)| qs[p].label_text()).collect();
            labels_complete(&labels)
        })
        .map(|(_, v)| ShareGroup {
            shares: v.iter().map(|&(s, _)| s).collect(),
            parts: v.iter().map(|&(_, p)| p).collect(),
            whole: None,
            complete: true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_labels_name_their_whole() {
        assert_eq!(share_of("占一般公共预算支出的"), Some("一般公共预算支出"));
        assert_eq!(share_of("占支出总预算"), Some("支出总预算"));
        assert_eq!(share_of("占"), None);
        assert_eq!(share_of("占到公共财政预算支出的"), Some("公共财政预算支出"));
        assert_eq!(share_of("占了全部支出的"), Some("全部支出"));
        assert_eq!(share_of("占到"), None);
        assert_eq!(share_of("执行率"), None);
    }

    #[test]
    fn whole_names_drop_their_affixes() {
        assert_eq!(whole_key("项目支出预算"), "项目支出");
        assert_eq!(whole_key("2. 项目支出"), ". 项目支出");
        assert_eq!(
            whole_key("地方一般公共预算收入完成"),
            "地方一般公共预算收入"
        );
        assert_eq!(whole_key("本年支出合计"), "支出");
        assert_eq!(
            whole_key("全区公共财政预算支出"),
            whole_key("全区一般公共预算支出")
        );
        assert_eq!(whole_key("2020年本年收入合计"), "收入");
        assert!(whole_key("支出合计").chars().count() < MIN_WHOLE_NAME_CHARS);
    }

    /// The shares one pass binds in `text`: (share, amount, whole) as written.
    fn bound_by(
        text: &str,
        pass: impl Fn(&Document, &mut Vec<RatioClaim>),
    ) -> Vec<(String, String, String)> {
        let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
        let qs = &doc.quantities;
        let mut ratios = Vec::new();
        pass(&doc, &mut ratios);
        ratios
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

    fn closed(text: &str) -> Vec<(String, String, String)> {
        bound_by(text, |d, r| {
            closed_run_shares(d, r);
        })
    }

    #[test]
    fn a_run_totalling_100_is_of_its_stated_sum() {
        let text = "支出预算合计1000元。甲类600元，占支出总预算60%。乙类300元，占支出总预算30%。\
                    丙类100元，占支出总预算10%。";
        let got = closed(text);
        assert_eq!(got.len(), 3);
        assert!(got.iter().all(|(_, _, w)| w == "1000元"), "{got:?}");
        // Only the run that totals 100% is bound: an item before it is not.
        let text = "支出预算合计1000元。其他500元，占支出总预算50%。甲类600元，占支出总预算60%。\
                    乙类300元，占支出总预算30%。丙类100元，占支出总预算10%。";
        assert_eq!(closed(text).len(), 3);
    }

    #[test]
    fn no_total_of_100_or_no_stated_sum_binds_nothing() {
        // 60 + 30 = 90: a partial list.
        assert!(
            closed("合计1000元。甲类600元，占支出总预算60%。乙类300元，占支出总预算30%。")
                .is_empty()
        );
        // The sum 900 is stated nowhere.
        assert!(
            closed("甲类600元，占支出总预算66.67%。乙类300元，占支出总预算33.33%。").is_empty()
        );
    }

    fn totalled(text: &str) -> Vec<(String, String, String)> {
        bound_by(text, |doc, ratios| total_shares(doc, &[], ratios))
    }

    #[test]
    fn a_lone_share_is_of_the_total_before_its_amount() {
        assert_eq!(
            totalled("到位资金总规模6445.18万元，纳入方案资金5304.36万元，占比82.30%。"),
            vec![(
                "82.30%".to_string(),
                "5304.36万元".to_string(),
                "6445.18万元".to_string()
            )]
        );
        // No total word, or another figure between the total and the part: unbound.
        assert!(totalled("到位资金6445.18万元，纳入方案资金5304.36万元，占比82.30%。").is_empty());
        assert!(
            totalled("资金总规模6445.18万元，其中上级资金6000.00万元，纳入方案资金5304.36万元，占比82.30%。")
                .is_empty()
        );
        // A share that names its whole is not a lone share.
        assert!(
            totalled("资金总规模6445.18万元，纳入方案资金5304.36万元，占总规模82.30%。").is_empty()
        );
    }

    #[test]
    fn run_search_is_bounded() {
        // 100 items of 1% each total 100%, but only the first MAX_RUN_SHARES are looked at.
        let items = |n: usize| {
            let mut t = format!("支出预算合计{}元。", n * 10);
            for _ in 0..n {
                t.push_str("某类10元，占支出总预算1%。");
            }
            t
        };
        assert!(closed(&items(100)).is_empty());
        // A run within the bound is bound: 50 items of 2%.
        let mut t = String::from("支出预算合计500元。");
        for _ in 0..50 {
            t.push_str("某类10元，占支出总预算2%。");
        }
        assert_eq!(closed(&t).len(), 50);
    }
}

//! Change rates: a change amount stated with its growth rate (`较上年减少Y万元，下降r%`) and no
//! prior level, judged against the one level it is a change of — the prior is that level less
//! the change. The level is found by grammar (the item before the change), by the sentences
//! before it (a change that names no subject), or by the subject the change names.

use super::*;
use crate::parse::norm::is_cjk;

/// How many sentences of its paragraph that state figures a change looks back for its level:
/// 4 (`总额X。其中，A a，B b，C c。同比减少Y，下降r%。其中：A同比减少y，下降s%。B同比…`).
pub const LEVEL_SENTENCES_BACK: usize = 4;

/// Names that begin with a word of last year but are levels of this one (funds carried over).
pub const NAMES_NOT_PRIOR: &[&str] = &["上年结转", "上年结余"];

/// The fewest characters of a change's subject for a level to name it with other characters
/// in between (`三公经费支出` in `全区三公经费总支出`): 4. A shorter subject must stand whole.
pub const SUBSEQUENCE_SUBJECT_CHARS: usize = 4;

/// The most characters a level's name may add to a subject it holds in order: 4.
pub const SUBSEQUENCE_EXTRA_CHARS: usize = 4;

/// The most characters a level's name may insert between two characters of the subject: 1
/// (`总` in `三公经费总支出`; `购置及` in `公务用车购置及运行费` names two things).
pub const SUBSEQUENCE_INFIX_CHARS: usize = 1;

/// Whether a level's label names a change's subject: holds it whole, or — for a subject of at
/// least [`SUBSEQUENCE_SUBJECT_CHARS`] characters — holds its characters in order with at most
/// [`SUBSEQUENCE_EXTRA_CHARS`] Chinese characters more, at most [`SUBSEQUENCE_INFIX_CHARS`]
/// between two of them (`全区三公经费总支出` names `三公经费支出`; `公务用车购置及运行费` does
/// not name `公务用车运行费`, nor `公务用车运行费` `公务接待费`).
pub fn names_subject(label: &str, stem: &str) -> bool {
    if stem.is_empty() {
        return false;
    }
    if label.contains(stem) {
        return true;
    }
    let han = |s: &str| -> Vec<char> { s.chars().filter(|&c| is_cjk(c)).collect() };
    let (l, s) = (han(label), han(stem));
    if s.len() < SUBSEQUENCE_SUBJECT_CHARS || l.len() > s.len() + SUBSEQUENCE_EXTRA_CHARS {
        return false;
    }
    let Some(mut at) = l.iter().position(|c| *c == s[0]) else {
        return false;
    };
    for c in &s[1..] {
        let Some(gap) = l[at + 1..].iter().position(|x| x == c) else {
            return false;
        };
        if gap > SUBSEQUENCE_INFIX_CHARS {
            return false;
        }
        at += 1 + gap;
    }
    true
}

/// Whether a level's label says it is last year's (`上年支出`), not counting names that only
/// begin with such a word ([`NAMES_NOT_PRIOR`]).
pub fn names_prior_level(label: &str) -> bool {
    let mut l = label.to_string();
    for w in NAMES_NOT_PRIOR {
        l = l.replace(w, "");
    }
    has_prior_word(&l, &["上年", "去年", "上一年", "前一年"])
}

/// `X万元，（占…%，）同比增加Y万元，增长r%`: a change amount with its growth rate right before
/// or after it and no prior level stated, judged against one level — the prior is X less Y:
///
/// * the level of its item right before it (`总收入A，其中本年收入X，较上年减少Y，下降r%`: X,
///   the figure the change follows), when the change names no subject of its own;
/// * otherwise, when its sentence states no level before it, the level of the nearest earlier
///   sentence of the paragraph that states figures ([`LEVEL_SENTENCES_BACK`]): its one level
///   for a change that names no subject (the total of a 其中 list that sentence is), the one
///   level named by the change's subject ([`names_subject`]) otherwise.
pub(super) fn change_rates(
    doc: &Document,
    figs: &Figures,
    sums: &[SumClaim],
    bound: &[usize],
) -> Vec<GrowthClaim> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    for (c, q) in qs.iter().enumerate() {
        if !is_change_amount(q) || !doc.in_prose(q) || bound.contains(&c) {
            continue;
        }
        let same_sentence = |k: usize| qs[k].block == q.block && qs[k].sentence == q.sentence;
        let is_rate = |k: usize| {
            same_sentence(k)
                && qs[k].unit == Unit::Percent
                && qs[k].qualifier.is_none()
                && growth_interval(&qs[k]).is_some()
        };
        let rate = [c + 1, c.wrapping_sub(1)]
            .into_iter()
            .find(|&k| k < qs.len() && is_rate(k));
        let Some(rate) = rate else { continue };
        let first = c.min(rate);
        let is_level = |k: usize| {
            doc.in_prose(&qs[k])
                && qs[k].qualifier.is_none()
                && dim(&qs[k].unit).is_some()
                && qs[k].unit.same_dimension(&q.unit)
                && !is_change_label(qs[k].label_text())
                && !is_per_unit(qs[k].label_text())
                && !is_ratio_base(doc, k)
        };
        let stem = change_subject(q.label_text());
        let no_subject = names_no_subject(&stem);
        let own = item_before(doc, figs, first);
        let mut levels: Vec<usize> = own.iter().copied().filter(|&k| is_level(k)).collect();
        // `总收入A，其中本年收入X，较上年减少Y`: the change is of the figure it follows.
        if levels.len() > 1 && no_subject && levels.last() == first.checked_sub(1).as_ref() {
            levels = vec![first - 1];
        }
        if own.is_empty() && figs.sentence_before(q.block, q.sentence, first).is_empty() {
            levels = levels_before(doc, figs, sums, c, &stem, no_subject, &is_level);
        }
        // A level named as last year's is the prior, not the current one.
        if levels
            .iter()
            .any(|&k| names_prior_level(qs[k].label_text()))
        {
            continue;
        }
        let [current] = levels.as_slice() else {
            continue;
        };
        // `2021年该项目支出X，2022年较2021年增加Y`: a level of the year the change is compared
        // with, before the report's year, is the prior level, not the current one.
        if qs[*current]
            .year
            .filter(|y| q.year == Some(*y))
            .zip(doc.report_year)
            .is_some_and(|(y, r)| y < r)
        {
            continue;
        }
        out.push(GrowthClaim::ChangeRate {
            current: *current,
            change: c,
            rate,
            comparable: comparable(doc, q),
        });
    }
    out
}

/// The levels a change that opens its sentence may be of, from the earlier sentences of its
/// paragraph (see [`change_rates`]).
///
/// `A支出X，为…。与上年相比，A增加Y，增长r%`: the change names its level. `A收入X万元，为…。
/// 较2020年度决算数减少Y万元，下降r%`: a change that names only what it is compared with is of
/// the one level of the nearest sentence with figures — unless that sentence states a share
/// (`占支出合计的41.20%` names another whole the change could be of); when that sentence is a
/// 其中 list, of the list's total.
fn levels_before(
    doc: &Document,
    figs: &Figures,
    sums: &[SumClaim],
    c: usize,
    stem: &str,
    no_subject: bool,
    is_level: &dyn Fn(usize) -> bool,
) -> Vec<usize> {
    let qs = &doc.quantities;
    let q = &qs[c];
    let earlier = (0..q.sentence)
        .rev()
        .map(|s| figs.sentence(q.block, s))
        .filter(|s| !s.is_empty())
        .take(LEVEL_SENTENCES_BACK);
    if no_subject {
        let Some(prev) = earlier.take(1).next() else {
            return Vec::new();
        };
        if prev.iter().any(|&k| qs[k].unit == Unit::Percent) {
            return Vec::new();
        }
        let levels: Vec<usize> = prev.iter().copied().filter(|&k| is_level(k)).collect();
        if levels.len() > 1 {
            // `总额X。其中，A a，B b。同比减少Y`: the list's total, stated before the list.
            if let Some(s) = sums.iter().find(|s| {
                levels.iter().all(|k| s.parts.contains(k))
                    && qs[s.total].block == q.block
                    && qs[s.total].sentence < qs[levels[0]].sentence
                    && s.verdict(doc).holds()
            }) {
                return vec![s.total];
            }
        }
        return levels;
    }
    if stem.chars().count() < MIN_SUBJECT_CHARS {
        return Vec::new();
    }
    for sentence in earlier {
        let named: Vec<usize> = sentence
            .iter()
            .copied()
            .filter(|&k| is_level(k) && names_subject(qs[k].label_text(), stem))
            .collect();
        if named.len() > 1 {
            // `A收入合计X，其中：财政拨款收入a，其他收入b。与上年相比，收入增加Y`: each
            // names 收入; the change is of the total the others add up to.
            if let Some(s) = sums.iter().find(|s| {
                named.contains(&s.total)
                    && named.iter().all(|k| *k == s.total || s.parts.contains(k))
                    && s.verdict(doc).holds()
            }) {
                return vec![s.total];
            }
        }
        if !named.is_empty() {
            return named;
        }
    }
    Vec::new()
}

/// Words of a change's label that say what it is compared with, not what changed
/// (`较2020年度决算数减少` leaves `2020年度决算数`).
pub const COMPARED_STAGE_WORDS: &[&str] = &[
    "年度",
    "年",
    "决算数",
    "预算数",
    "决算",
    "预算",
    "同期",
    "的",
    "数",
    "同口径",
    "按",
];

/// Whether a change's subject ([`change_subject`]) names nothing but a year or the stage it is
/// compared with (`2020年度决算数`, `上年同期`, empty).
pub fn names_no_subject(stem: &str) -> bool {
    let mut s = stem
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .to_string();
    loop {
        let before = s.len();
        for w in COMPARED_STAGE_WORDS {
            if let Some(x) = s.strip_prefix(w) {
                s = x
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .to_string();
            }
        }
        if s.len() == before {
            break;
        }
    }
    s.is_empty()
}

/// The fewest characters a change's own subject (`一般公共预算财政拨款增加` →
/// `一般公共预算财政拨款`) must have to name a level in the sentence before: 2.
pub const MIN_SUBJECT_CHARS: usize = 2;

/// Comparison words stripped from a change's label to leave its subject.
pub const COMPARISON_WORDS: &[&str] = &[
    "按同口径",
    "同口径比",
    "同口径",
    "与上年相比",
    "与上年同期相比",
    "比上年同期",
    "较上年同期",
    "比上年",
    "较上年",
    "比去年",
    "同比",
    "相比",
    "上年",
    "与",
    "较",
    "比",
];

/// What a change amount is a change of: its label less the comparison words and the verb.
pub fn change_subject(label: &str) -> String {
    let mut l = without_particle(label).to_string();
    for v in CHANGE_VERBS {
        if let Some(stripped) = l.strip_suffix(v) {
            l = stripped.to_string();
            break;
        }
    }
    for w in COMPARISON_WORDS {
        l = l.replace(w, "");
    }
    l.trim_matches(|c: char| c == '，' || c == ',' || c.is_whitespace())
        .to_string()
}

/// The figures of the item a figure belongs to, before it: those of its sentence after the
/// last `；` and after the last change or growth rate before it (`A完成x，减少y，下降r%；B完成z，
/// 增加w，增长s%`: B's change has z alone).
pub(super) fn item_before(doc: &Document, figs: &Figures, first: usize) -> Vec<usize> {
    let qs = &doc.quantities;
    let q = &qs[first];
    let before = figs.sentence_before(q.block, q.sentence, first);
    // Only a `；` after the sentence's first figure can set an item apart.
    let semi = figs.item_start(doc, first);
    let start = before
        .iter()
        .rposition(|&k| {
            qs[k].span.start < semi || growth_interval(&qs[k]).is_some() || is_change_amount(&qs[k])
        })
        .map_or(0, |p| p + 1);
    before[start..].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_level_names_a_subject_whole_or_with_a_few_characters_more() {
        assert!(names_subject("全区三公经费总支出", "三公经费支出"));
        assert!(names_subject("1.上级补助收入", "上级补助收入"));
        assert!(!names_subject("公务用车购置及运行费", "公务用车运行费"));
        assert!(!names_subject("公务用车运行费", "公务接待费"));
        // Short subjects stand whole.
        assert!(!names_subject("接待总费", "接待费"));
        assert!(names_subject("项目总支出", "项目支出"));
        assert!(names_subject("本年项目支出", "项目支出"));
        // Too many characters more.
        assert!(!names_subject("全区各乡镇三公经费总支出", "三公经费支出"));
        assert!(!names_subject("支出", ""));
        assert_eq!(
            (
                SUBSEQUENCE_SUBJECT_CHARS,
                SUBSEQUENCE_EXTRA_CHARS,
                SUBSEQUENCE_INFIX_CHARS
            ),
            (4, 4, 1)
        );
    }

    #[test]
    fn names_of_funds_carried_over_are_no_prior_levels() {
        assert!(!names_prior_level("3.上年结转和结余"));
        assert!(!names_prior_level("上年结余"));
        assert!(names_prior_level("上年支出"));
        assert!(names_prior_level("去年同期收入"));
        assert!(names_prior_level("上年结转和上年支出"));
    }

    #[test]
    fn comparison_only_subjects() {
        assert!(names_no_subject(""));
        assert!(names_no_subject("2020年度决算数"));
        assert!(names_no_subject("上年同期".trim_start_matches("上年")));
        assert!(names_no_subject("2019年决算"));
        assert!(!names_no_subject("公务接待费"));
        assert!(!names_no_subject("2020年度公务接待费"));
        assert_eq!(change_subject("较2020年度决算数减少"), "2020年度决算数");
    }

    #[test]
    fn change_subject_strips_comparison_and_verb() {
        assert_eq!(
            change_subject("一般公共预算财政拨款增加"),
            "一般公共预算财政拨款"
        );
        assert_eq!(change_subject("与上年相比，项目支出减少"), "项目支出");
        assert_eq!(change_subject("比上年减收"), "");
        assert_eq!(change_subject("增加"), "");
        assert_eq!(MIN_SUBJECT_CHARS, 2);
    }

    #[test]
    fn a_change_naming_a_listed_whole_is_of_the_list_total() {
        let current_of_change = |text: &str| -> Vec<String> {
            let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
            let qs = &doc.quantities;
            crate::relations::find(text, &doc)
                .growths
                .iter()
                .filter_map(|g| match g {
                    GrowthClaim::ChangeRate { current, .. } => Some(qs[*current].display()),
                    _ => None,
                })
                .collect()
        };
        let text = "本单位收入合计3218.46万元，其中：财政拨款收入3050.12万元，事业收入168.34万元。\
                    与上年相比，收入增加226.38万元，增长7.57%。";
        assert_eq!(current_of_change(text), ["3218.46万元"]);
        // Parts that do not add up to it: which one changed is not known.
        let text = "本单位收入合计3218.46万元，其中：财政拨款收入3050.12万元，事业收入158.34万元。\
                    与上年相比，收入增加226.38万元，增长7.57%。";
        assert!(current_of_change(text).is_empty());
    }

    #[test]
    fn a_level_of_the_compared_year_is_no_current_level() {
        let change_rates = |text: &str| -> usize {
            let doc = crate::parse::parse(text, crate::model::SourceFormat::Text);
            crate::relations::find(text, &doc)
                .growths
                .iter()
                .filter(|g| matches!(g, GrowthClaim::ChangeRate { .. }))
                .count()
        };
        let text = "2022年度部门整体支出绩效自评报告\n\
                    2021年该项目支出18650.20万元，2022年较2021年增加2586.25万元，增长13.87%。";
        assert_eq!(change_rates(text), 0);
        let text = "2022年度部门整体支出绩效自评报告\n\
                    2022年该项目支出21236.45万元，较2021年增加2586.25万元，增长13.87%。";
        assert_eq!(change_rates(text), 1);
    }
}

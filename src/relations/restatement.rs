//! Restatements: one metric stated more than once about the same subject.
//!
//! Every prose figure with a label that can be restated (an amount, a count, a surveyed
//! satisfaction rate; not a change, a per-unit figure, a target or a bound) is given a
//! [`Subject`] (see `subject.rs`); figures of one subject form a [`Restatement`], which D001
//! judges by value. A figure whose subject cannot be settled — its stage could be either of
//! two its subject is stated for, or a generic label (`实际支出`) stands with nothing saying
//! what it is about while the same label elsewhere is about something named — is recorded
//! with the reason, never compared.

use super::adjusted::{adjusted_name, adjustments, canonical_adjusted, is_adjustment_change};
use super::area::area_of;
use super::candidate::Unbound;
use super::index::Figures;
use super::subject::{
    self, Outline, Stage, Subject, TIME_WORDS, compatible, dimension, metric_name, stage_in,
    words_start,
};
use super::subject_index::SubjectIndex;
use super::*;
use crate::model::Period;
use crate::parse::norm::simplified;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

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

/// Words that make a label a target, a requirement or a bound, not a stated value.
pub const TARGET_WORDS: &[&str] = &["目标", "指标", "要求", "不低于", "不高于", "预期", "标准"];

/// Whether two statements of one subject disagree: their values in base units differ after
/// both are rounded half-up to the coarser precision either is written in (`12.46万元` and
/// `12.5万元` agree; `17.50万元` and `17.51万元` do not; `1.2亿元` and `12000万元` agree).
pub fn restated_differs(a: &Quantity, b: &Quantity) -> bool {
    // The place value of the last written digit, in base units: 10^(scale − decimals).
    let place = |q: &Quantity| i32::from(q.unit.scale()) - q.decimals as i32;
    let coarse = place(a).max(place(b));
    let round = |q: &Quantity| {
        let v = q.base_value();
        if coarse >= 0 {
            let k = pow10(coarse);
            crate::numeric::round_half_up(v / k, 0) * k
        } else {
            crate::numeric::round_half_up(v, coarse.unsigned_abs())
        }
    };
    round(a) != round(b)
}

/// Restatements of a document and the figures whose subject could not be settled.
#[derive(Debug, Clone, Default)]
pub struct RestatementPass {
    pub groups: Vec<Restatement>,
    pub unsettled: Vec<(usize, RestatementUnsettled)>,
}

/// Why a repeated metric's figure was not compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestatementUnsettled {
    /// The subject is stated for more than one stage (预算 and 决算) and this figure's stage
    /// is not said.
    Ambiguous,
    /// A generic label with nothing saying what it is about, while the same label elsewhere is
    /// about something named.
    Unbound(Unbound),
}

/// How the name of a rate a report states as one figure of its own ends (`预算执行率`,
/// `整改率`, `水质抽检合格率`): compared like amounts, by subject.
pub const STATED_RATE_ENDS: &[&str] = &[
    "执行率",
    "完成率",
    "控制率",
    "合格率",
    "达标率",
    "覆盖率",
    "到位率",
    "支付率",
    "整改率",
    "办结率",
    "使用率",
    "利用率",
    "结转结余率",
    "知晓率",
    "入住率",
    "普及率",
];

/// Whether a percentage's label names a rate of its own ([`STATED_RATE_ENDS`]), not a share
/// (`占比`) or a change.
pub fn is_stated_rate(label: &str) -> bool {
    STATED_RATE_ENDS.iter().any(|e| label.ends_with(e)) && !label.contains('占')
}

/// The most mentions of one subject compared: a label stated more often than this is not
/// one figure of the report, and its mentions are left unsettled.
pub const MAX_MENTIONS: usize = 64;

/// Labels shorter than this (characters) name their metric only with what their sentence is
/// about (`未分配`, `接待人次`, `支出成本`).
pub const FULL_NAME_CHARS: usize = 6;

/// The shortest metric name compared at all (characters): `调增`, `乡镇` say too little.
pub const MIN_NAME_CHARS: usize = 3;

/// Whether a label rules its figure out of restatement whatever its unit: a target or bound,
/// a per-unit figure or a change.
fn excluded_label(label: &str) -> bool {
    TARGET_WORDS.iter().any(|w| subject::occurs(label, w))
        || is_per_unit(label)
        || is_change_label(label)
        || is_adjustment_change(label)
}

/// What the pass reads from a metric name, once per name.
#[derive(Debug, Clone)]
struct Name {
    metric: Rc<str>,
    /// Whether it has at least [`MIN_NAME_CHARS`] Chinese characters.
    long_enough: bool,
    /// Whether it is read with what its sentence is about: a generic or short name, not a
    /// surveyed rate (`群众满意度` is one figure of the report).
    qualified: bool,
    /// The stage it states.
    stage: Option<Stage>,
    /// The level of area its words name (`area.rs`).
    area: Option<char>,
}

/// One document as the pass reads it, with what several figures ask alike answered once: a
/// document states few labels many times, and the figures of one item share their opening
/// and the amounts they follow.
struct Reader<'a> {
    text: &'a str,
    doc: &'a Document,
    ix: &'a SubjectIndex<'a>,
    outline: Outline,
    /// [`Name`] of each metric name read from a label (`metric_name(label_of(…))`).
    names: RefCell<HashMap<String, Rc<Name>>>,
    /// `metric_name` of each label text asked (of what a figure is stated under or follows).
    metrics: RefCell<HashMap<&'a str, Rc<str>>>,
    /// [`excluded_label`] of each label text asked.
    excluded: RefCell<HashMap<&'a str, bool>>,
    /// Whether a label names a thing (not a change nor a stage of an amount), by label text.
    things: RefCell<HashMap<&'a str, bool>>,
    /// What a rate following figure `k` is about (`metric~topic`), by `k`.
    followed: RefCell<HashMap<usize, Rc<str>>>,
    /// The label each adjusted value (`由年初预算…调整为905万元`) reads as (`adjusted.rs`).
    adjusted: HashMap<usize, String>,
    /// The values adjusted from: a sibling stage of their adjusted value, not what it is about.
    origins: HashSet<usize>,
    /// The one partial period the report is about (`restated_period.rs`).
    single_period: Option<Period>,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, doc: &'a Document, ix: &'a SubjectIndex<'a>) -> Reader<'a> {
        let pairs = adjustments(text, doc);
        let adjusted = pairs
            .iter()
            .map(|&(b, a)| (b, adjusted_name(&label_of(text, &doc.quantities[a]))))
            .collect();
        Reader {
            text,
            doc,
            ix,
            outline: Outline::new(text, doc),
            names: RefCell::new(HashMap::new()),
            metrics: RefCell::new(HashMap::new()),
            excluded: RefCell::new(HashMap::new()),
            things: RefCell::new(HashMap::new()),
            followed: RefCell::new(HashMap::new()),
            adjusted,
            origins: pairs.iter().map(|&(_, a)| a).collect(),
            single_period: restated_period::single_period(doc),
        }
    }

    /// `metric_name` of figure `k`'s label; an adjusted value's name (`adjusted.rs`).
    fn metric_of(&self, k: usize) -> Rc<str> {
        if self.adjusted.contains_key(&k) {
            return self.name_of(k).metric.clone();
        }
        let label = self.doc.quantities[k].label_text();
        if let Some(m) = self.metrics.borrow().get(label) {
            return m.clone();
        }
        let m: Rc<str> = metric_name(label).into();
        self.metrics.borrow_mut().insert(label, m.clone());
        m
    }

    /// Whether figure `q`'s label rules it out ([`excluded_label`]).
    fn excluded(&self, q: &'a Quantity) -> bool {
        let label = q.label_text();
        if let Some(&x) = self.excluded.borrow().get(label) {
            return x;
        }
        let x = excluded_label(label);
        self.excluded.borrow_mut().insert(label, x);
        x
    }

    /// Whether figure `k`'s label names a thing: not a change (`调减预算1134.42万元`) nor a
    /// sibling stage of the same amount (`年初预算…，调整后预算…`).
    fn names_a_thing(&self, k: usize) -> bool {
        if self.origins.contains(&k) {
            return false;
        }
        if self.adjusted.contains_key(&k) {
            return !subject::is_stage_only(&self.metric_of(k));
        }
        let label = self.doc.quantities[k].label_text();
        if let Some(&x) = self.things.borrow().get(label) {
            return x;
        }
        let l = self.metric_of(k);
        let x = !l.is_empty()
            && !is_change_label(&l)
            && !is_adjustment_change(&l)
            && !subject::is_stage_only(&l);
        self.things.borrow_mut().insert(label, x);
        x
    }

    /// The [`Name`] figure `i`'s label reads as: an adjusted value's as the adjusted budget
    /// of what the value adjusted from names.
    fn name_of(&self, i: usize) -> Rc<Name> {
        let label = match self.adjusted.get(&i) {
            Some(l) => l.clone(),
            None => label_of(self.text, &self.doc.quantities[i]),
        };
        if let Some(n) = self.names.borrow().get(label.as_str()) {
            return n.clone();
        }
        let metric = canonical_adjusted(&metric_name(&label));
        let name = Rc::new(Name {
            long_enough: metric
                .chars()
                .filter(|c| crate::parse::norm::is_cjk(*c))
                .count()
                >= MIN_NAME_CHARS,
            qualified: (self.ix.is_generic(&metric) || metric.chars().count() < FULL_NAME_CHARS)
                && !is_restated_rate(&metric),
            stage: stage_in(&metric),
            area: area_of(&label),
            metric: metric.into(),
        });
        self.names.borrow_mut().insert(label, name.clone());
        name
    }

    /// The name of a figure whose label can be restated as one value of one subject.
    /// (The cheap tests come first: most figures fail one of them.)
    fn restatable(&self, i: usize) -> Option<Rc<Name>> {
        let q = &self.doc.quantities[i];
        let label = q.label_text();
        let unit_fits = match q.unit {
            Unit::Percent => is_restated_rate(label) || is_stated_rate(label),
            ref u => subject::has_dimension(u),
        };
        if !unit_fits || !self.doc.in_prose(q) || q.qualifier.is_some() || self.excluded(q) {
            return None;
        }
        let name = self.name_of(i);
        name.long_enough.then_some(name)
    }

    /// The subject of figure `i` (see `subject.rs`).
    fn subject_of(&self, i: usize) -> Option<Subject> {
        let q = &self.doc.quantities[i];
        if !subject::has_dimension(&q.unit) {
            return None;
        }
        self.subject_named(i, &self.name_of(i))
    }

    /// What a rate following figure `k` is about: `k`'s metric name and its subject's topic.
    fn followed(&self, k: usize) -> Rc<str> {
        if let Some(f) = self.followed.borrow().get(&k) {
            return f.clone();
        }
        let t = self.subject_of(k).map(|s| s.topic);
        let f: Rc<str> = format!("{}~{}", self.metric_of(k), t.unwrap_or_default()).into();
        self.followed.borrow_mut().insert(k, f.clone());
        f
    }

    /// The subject of figure `i` whose label reads as `name`.
    fn subject_named(&self, i: usize, name: &Name) -> Option<Subject> {
        let (text, doc, ix, outline) = (self.text, self.doc, self.ix, &self.outline);
        let q = &doc.quantities[i];
        let dim = dimension(&q.unit)?;
        let lead: Rc<str> = if doc.data.is_none() {
            let opening = opening_of(ix, doc, i, false);
            if subject::subject_lead(&opening).is_empty() {
                Rc::from("")
            } else {
                opening
            }
        } else {
            Rc::from("")
        };
        let inline = outline.inline_at(q.block, q.span.start);
        let mut under = String::new();
        let mut parent = parent_of(ix, i);
        let mut depth = 0;
        while let Some(p) = parent {
            under.push_str(&self.metric_of(p));
            under.push('<');
            depth += 1;
            parent = if depth < 3 { parent_of(ix, p) } else { None };
        }
        // A generic or short label is read with what its sentence is about, and what it is
        // stated under is part of what it is. A label naming its metric in full keeps its name
        // when restated on its own (`其中土地治理项目959万元` … `土地治理项目959万元`): what it
        // is stated under, or else its sentence's opening, tells two subjects apart only when
        // both mentions state one.
        let qualified = name.qualified;
        // What a qualified label's own sentence says it is about: the words opening it, the
        // first figure of its item (`“三公”经费预算…，实际支出…`), and the head of its numbered
        // item when its sentence does not open with one (`（2）公务接待费。预算数3.50万元`).
        let mut about = String::new();
        if qualified {
            // The figures of its item before it: `a..i`.
            let from = ix.item_start(doc, q).unwrap_or(q.span.start);
            let a = ix.item_before(doc, i, from);
            let named: Option<Rc<str>> = if q.unit.is_percent() {
                // A rate is about the amount it follows (`财政拨款支出4183.20万元，执行率98.23%`),
                // as that amount's own subject says.
                ix.last_labelled_amount(a, i).map(|k| self.followed(k))
            } else {
                ix.first_named(a, i, |k| self.names_a_thing(k))
                    .map(|k| self.metric_of(k))
            };
            if under.is_empty() {
                about.push_str(&lead);
            }
            if let Some(n) = named {
                about.push('|');
                about.push_str(&n);
            }
            if lead.is_empty() {
                let head = match inline {
                    Some((_, _, head)) => Some(head),
                    None => outline
                        .head
                        .get(q.block)
                        .filter(|(_, end)| q.span.start >= *end)
                        .map(|(head, _)| head),
                };
                if let Some(h) = head.filter(|h| !h.is_empty()) {
                    about.push('#');
                    about.push_str(h);
                }
            }
        }
        let mut entity = outline.entity.get(q.block).cloned().unwrap_or_default();
        if let Some((_, Some(e), _)) = inline {
            entity.push('/');
            entity.push_str(e);
        }
        // The stage its own words state: its label, or the words of its clause before the
        // label (`全年实际完成中央、省市农机购置补贴资金`).
        let stated = name.stage.or_else(|| ix.clause_stage(q));
        // A label naming its metric in full is the same metric when restated on its own
        // (`其中土地治理项目959万元` … `土地治理项目959万元`): what it is stated under, or else
        // the first figure of its sentence, tells subjects apart only when both mentions state
        // one. So for a generic label that states its stage (`财政拨款预算` under `项目预算`).
        // Any other qualified label is what its sentence and its breakdown say it is about.
        let (topic, opening) = match (qualified, under.is_empty()) {
            (false, true) if doc.data.is_none() => {
                (String::new(), opening_of(ix, doc, i, true).to_string())
            }
            (false, true) => (String::new(), String::new()),
            (false, false) => (String::new(), under),
            (true, false) if stated.is_some() => (about, under),
            (true, _) => (format!("{under}{about}"), String::new()),
        };
        let stage = stated
            .or_else(|| stage_in(&topic))
            .or_else(|| stage_in(&opening))
            .or_else(|| {
                // A sentence announcing targets: `绩效目标为：…；棚户区改造开工600套`.
                ix.intro_plan(doc, q).or_else(|| subject::plan_in(&lead))
            })
            .or_else(|| {
                opening
                    .split_once('<')
                    .and_then(|(total, _)| stage_in(total))
            })
            .or_else(|| outline.stage.get(q.block).copied().flatten());
        let period =
            restated_period::subject_period(q.period, doc.full_year_report, self.single_period);
        Some(Subject {
            metric: name.metric.to_string(),
            dim,
            year: if doc.data.is_none() {
                year_of(text, ix, doc, q)
            } else {
                q.year.or(doc.report_year)
            },
            period,
            topic,
            entity,
            stage,
            stage_stated: stated.is_some(),
            place: subject::entity_in(&lead).unwrap_or_default(),
            opening,
            area: name.area,
        })
    }

    /// The subject of every figure that can be restated, in document order.
    fn subjects(&self) -> Vec<(usize, Subject)> {
        self.doc
            .quantities
            .iter()
            .enumerate()
            .filter_map(|(i, _)| {
                let name = self.restatable(i)?;
                Some((i, self.subject_named(i, &name)?))
            })
            .collect()
    }
}

/// The figure a figure is stated under: the total of its 其中 breakdown, or the figure its
/// bracket annotates (the nearest before it in its sentence at a smaller bracket depth).
fn parent_of(ix: &SubjectIndex, i: usize) -> Option<usize> {
    ix.breakdown_total(i).or_else(|| ix.bracket_parent(i))
}

/// Words for a total that the normalised label drops at its end (`收入合计` → `收入`) but
/// that name a different figure than the bare word (收入 may be one of several incomes).
pub const TOTAL_WORDS: &[&str] = &["合计", "总计", "共计", "小计"];

/// The figure's label as a metric name: the normalised label, from its last line only (a
/// title run into the paragraph below it is not part of the name), with a total word its
/// source ends with or opens with put back (`合计批复投资` is the total, not one of the
/// `批复投资` it sums), without the `由` of an adjustment (`收入由年初预算`), and without a
/// leading word of time.
fn label_of(text: &str, q: &Quantity) -> String {
    let mut l = super::adjusted::without_from(q.label_text());
    if let Some(fl) = &q.label
        && let Some(src) = text.get(fl.span.start.min(q.number_span.start)..q.number_span.start)
    {
        if let Some(k) = src.rfind('\n') {
            let last: String = {
                let mut out = String::new();
                let mut prev_digit = false;
                for c in src[k..].chars() {
                    let digit = c.is_ascii_digit();
                    if crate::parse::norm::is_cjk(c) && !(prev_digit && "年月日".contains(c)) {
                        out.push(c);
                    }
                    prev_digit = digit;
                }
                out
            };
            if !last.is_empty()
                && let Some(cut) = l.rfind(last.as_str())
                && cut > 0
            {
                l = l[cut..].to_string();
            }
        }
        if ["调整为", "調整為", "调整至"]
            .iter()
            .any(|w| src.trim_end().ends_with(w))
            && stage_in(&l).is_none()
        {
            l.push_str("调整后");
        }
        let src = src.trim_end_matches(['为', '是', ' ', '：', ':']);
        if let Some(w) = TOTAL_WORDS
            .iter()
            .find(|w| src.ends_with(*w) && !l.ends_with(*w))
        {
            if l.ends_with('总') && w.starts_with('总') {
                l.pop();
            }
            l.push_str(w);
        }
    }
    let kept = strip_time_words(&l).len();
    if kept < l.len() {
        l.drain(..l.len() - kept);
    }
    // A label of one character is no name to put a total word before (`共计下达` is read `下`).
    if let Some(w) = leading_total(text, q)
        && !l.starts_with(w)
        && l.chars().count() >= 2
    {
        l.insert_str(0, w);
    }
    l
}

/// The total word ([`TOTAL_WORDS`]) right before a figure's label or opening its source
/// (`，合计批复投资6222万元`), which the normalised label drops.
fn leading_total(text: &str, q: &Quantity) -> Option<&'static str> {
    let fl = q.label.as_ref()?;
    let start = fl.span.start.min(q.number_span.start);
    let before = text.get(..start)?.trim_end_matches([' ', '\u{3000}']);
    let src = text.get(start..q.number_span.start)?;
    let last2: String = before.chars().rev().take(2).map(simplified).collect();
    let first2: String = src.chars().take(2).map(simplified).collect();
    TOTAL_WORDS.iter().copied().find(|w| {
        let rev: String = w.chars().rev().collect();
        last2 == rev || first2 == *w
    })
}

/// The year a figure is about: the one its sentence states — after the last blank line
/// before it, so that a date line above a new paragraph is not read as its year — else the
/// report's.
fn year_of(text: &str, ix: &SubjectIndex, doc: &Document, q: &Quantity) -> Option<u16> {
    match ix.year_after_blank(doc, q) {
        None => q.year.or(doc.report_year),
        Some(after) => {
            let label = text.get(words_start(q)..q.span.start).unwrap_or("");
            after.or_else(|| stated_year(label)).or(doc.report_year)
        }
    }
}

/// The last `NNNN年` written in a text.
fn stated_year(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    let mut found = None;
    for (k, _) in s.match_indices('年') {
        if k >= 4 && b[k - 4..k].iter().all(u8::is_ascii_digit) {
            found = s[k - 4..k].parse().ok();
        }
    }
    found
}

/// The words opening a figure's sentence before its first figure's words; or, when
/// `through_first`, for a later figure of its sentence the words through the first figure's
/// label (`一批项目涉及…49个村，…建设道路311520平方米`) and for the first nothing (`项目建成后，
/// 受益群众人数…` and `项目实施后，受益群众人数…` open alike). A blank line ends what they
/// can say.
fn opening_of(ix: &SubjectIndex, doc: &Document, i: usize, through_first: bool) -> Rc<str> {
    let qs = &doc.quantities;
    let q = &qs[i];
    let Some(from) = ix.item_start(doc, q) else {
        return Rc::from("");
    };
    let first = ix.first_in_block_from(doc, i, from);
    if through_first && first == i {
        return Rc::from("");
    }
    let end = if through_first {
        qs[first].span.start
    } else {
        words_start(&qs[first])
    }
    .max(from);
    ix.topic_between(from, end)
}

/// The subject of every figure that can be restated, in document order.
pub fn figure_subjects(text: &str, doc: &Document, sums: &[SumClaim]) -> Vec<(usize, Subject)> {
    let ix = SubjectIndex::new(text, doc, &Figures::new(doc), sums);
    Reader::new(text, doc, &ix).subjects()
}

pub(super) fn find_restatements(
    text: &str,
    doc: &Document,
    figs: &Figures,
    sums: &[SumClaim],
) -> RestatementPass {
    let ix = SubjectIndex::new(text, doc, figs, sums);
    let subjects = Reader::new(text, doc, &ix).subjects();
    let mut pass = RestatementPass::default();
    // The breakdown each part belongs to.
    let mut breakdown: HashMap<usize, usize> = HashMap::new();
    for (k, s) in sums.iter().enumerate() {
        for &p in &s.parts {
            breakdown.entry(p).or_insert(k);
        }
    }
    // The subjects of each key, keys in order of first mention, and each subject's key.
    let mut key_index: HashMap<String, usize> = HashMap::new();
    let mut by_key: Vec<Vec<usize>> = Vec::new();
    let mut key_of: Vec<usize> = Vec::with_capacity(subjects.len());
    // Metric names stated somewhere with something saying what they are about.
    let mut topical: HashSet<(&str, &str)> = HashSet::new();
    for (n, (_, s)) in subjects.iter().enumerate() {
        let k = *key_index.entry(s.key()).or_insert_with(|| {
            by_key.push(Vec::new());
            by_key.len() - 1
        });
        by_key[k].push(n);
        key_of.push(k);
        if !s.topic.is_empty() {
            topical.insert((s.metric.as_str(), s.dim.as_str()));
        }
    }
    // Generic labels with nothing saying what they are about, where the same label elsewhere
    // is about something named: unbound.
    for ((i, s), &k) in subjects.iter().zip(&key_of) {
        if s.topic.is_empty()
            && ix.is_generic(&s.metric)
            && topical.contains(&(s.metric.as_str(), s.dim.as_str()))
            && by_key[k].len() == 1
        {
            pass.unsettled
                .push((*i, RestatementUnsettled::Unbound(Unbound::GenericLabel)));
        }
    }
    // Group by key; within a key, by stage and opening where stated: a mention that could
    // restate two incompatible ones is left unsettled.
    drop(key_index);
    for mentions in &by_key {
        let members: Vec<&(usize, Subject)> = mentions.iter().map(|&n| &subjects[n]).collect();
        if members.len() < 2 {
            continue;
        }
        let n = members.len();
        if n > MAX_MENTIONS {
            // A label stated this often is not one figure of the report.
            pass.unsettled.extend(
                members
                    .iter()
                    .map(|(i, _)| (*i, RestatementUnsettled::Ambiguous)),
            );
            continue;
        }
        // Parts of one breakdown are different things, whatever their labels.
        let siblings = |a: usize, b: usize| {
            breakdown
                .get(&members[a].0)
                .is_some_and(|x| breakdown.get(&members[b].0) == Some(x))
        };
        let fits = |a: usize, b: usize| compatible(&members[a].1, &members[b].1) && !siblings(a, b);
        let ambiguous: Vec<bool> = (0..n)
            .map(|a| {
                let fit: Vec<usize> = (0..n).filter(|&b| b != a && fits(a, b)).collect();
                fit.iter()
                    .enumerate()
                    .any(|(x, &b)| fit[x + 1..].iter().any(|&c| !fits(b, c)))
            })
            .collect();
        let mut group_of: Vec<Option<usize>> = vec![None; n];
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for a in 0..n {
            if ambiguous[a] {
                pass.unsettled
                    .push((members[a].0, RestatementUnsettled::Ambiguous));
                continue;
            }
            let joined = (0..a)
                .find(|&b| !ambiguous[b] && fits(a, b))
                .and_then(|b| group_of[b]);
            match joined {
                Some(g) => {
                    groups[g].push(members[a].0);
                    group_of[a] = Some(g);
                }
                None => {
                    group_of[a] = Some(groups.len());
                    groups.push(vec![members[a].0]);
                }
            }
        }
        pass.groups.extend(
            groups
                .into_iter()
                .filter(|g| g.len() >= 2)
                .map(|mentions| Restatement { mentions }),
        );
    }
    pass.groups.sort_by_key(|g| g.mentions[0]);
    pass.unsettled.sort_by_key(|(i, _)| *i);
    pass
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
    fn labels_keep_a_leading_total_and_lose_the_from_of_an_adjustment() {
        let label = |t: &str, n: usize| {
            let d = crate::parse::parse(t, crate::model::SourceFormat::Text);
            label_of(t, &d.quantities[n])
        };
        let t = "一期工程批复投资820万元，二期工程批复投资460万元，合计批复投资1280万元。";
        assert_eq!(label(t, 2), "合计批复投资");
        assert_eq!(label(t, 0), "一期工程批复投资");
        let t = "专项收入由年初预算820万元调整为905万元。";
        assert_eq!(label(t, 0), "专项收入年初预算");
    }

    #[test]
    fn time_words_leave_a_name() {
        assert_eq!(strip_time_words("本年度服务对象满意度"), "服务对象满意度");
        assert_eq!(strip_time_words("全年支出"), "全年支出");
        assert_eq!(strip_time_words("规上工业增加值"), "规上工业增加值");
    }
}

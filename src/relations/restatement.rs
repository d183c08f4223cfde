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
use super::outline::Outline;
use super::restated_change::{OfLevel, of_level};
pub use super::restated_label::{MIN_WRAPPED_LINE, TOTAL_WORDS, metric_key, strip_time_words};
use super::restated_label::{label_of, year_of};
use super::subject::{
    self, Stage, Subject, compatible, dimension, metric_name, stage_in, topic_words, words_start,
};
use super::subject_index::SubjectIndex;
use super::*;
use crate::model::Period;
use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

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
    // The target and per-unit words, looked for in one pass.
    static WORDS: std::sync::OnceLock<super::wordlist::WordIndex> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let all: Vec<&'static str> = TARGET_WORDS.iter().chain(PER_UNIT_WORDS).copied().collect();
        // Built once per run and kept for it.
        super::wordlist::WordIndex::new(Box::leak(all.into_boxed_slice()))
    });
    words.occurring(label) != 0 || is_change_label(label) || is_adjustment_change(label)
}

/// What the pass reads from a metric name, once per name; what only a figure's subject asks
/// is read when first asked (most figures have no subject to read: `Reader::subjects`).
#[derive(Debug, Clone)]
struct Name {
    /// The label it was read from (`label_of`).
    label: Rc<str>,
    metric: Rc<str>,
    /// Whether it has at least [`MIN_NAME_CHARS`] Chinese characters.
    long_enough: bool,
    /// Whether it is read with what its sentence is about: a generic or short name, not a
    /// surveyed rate (`群众满意度` is one figure of the report) (`Reader::qualified_name`).
    qualified: OnceCell<bool>,
    /// The stage it states.
    stage: OnceCell<Option<Stage>>,
    /// The level of area its words name (`area.rs`).
    area: OnceCell<Option<char>>,
}

impl Name {
    /// The stage it states.
    fn stage(&self) -> Option<Stage> {
        *self.stage.get_or_init(|| stage_in(&self.metric))
    }

    /// The level of area its label names (`area.rs`).
    fn area(&self) -> Option<char> {
        *self.area.get_or_init(|| area_of(&self.label))
    }
}

/// Values by figure index, for the few figures that have one: sorted by figure, looked up by
/// binary search (a figure given twice keeps the value given last, as a map collected from
/// the same pairs would).
struct ByFigure<T>(Vec<(usize, T)>);

impl<T> ByFigure<T> {
    fn new(pairs: impl IntoIterator<Item = (usize, T)>) -> ByFigure<T> {
        let mut v: Vec<(usize, T)> = pairs.into_iter().collect();
        v.sort_by_key(|(k, _)| *k);
        // Of equal keys (kept in the order given), the last.
        let mut out: Vec<(usize, T)> = Vec::with_capacity(v.len());
        for (k, x) in v {
            match out.last_mut() {
                Some(last) if last.0 == k => *last = (k, x),
                _ => out.push((k, x)),
            }
        }
        ByFigure(out)
    }

    fn get(&self, k: &usize) -> Option<&T> {
        self.0
            .binary_search_by_key(k, |(i, _)| *i)
            .ok()
            .map(|n| &self.0[n].1)
    }

    fn contains_key(&self, k: &usize) -> bool {
        self.get(k).is_some()
    }
}

/// A figure that can be restated, with the level it is a change or base of and its name (its
/// level's).
type Candidate<'a> = (usize, Option<&'a (usize, OfLevel)>, Rc<Name>);

/// One document as the pass reads it, with what several figures ask alike answered once: a
/// document states few labels many times, and the figures of one item share their opening
/// and the amounts they follow.
struct Reader<'a> {
    text: &'a str,
    doc: &'a Document,
    ix: &'a SubjectIndex<'a>,
    outline: Outline,
    /// [`Name`] of each metric name read from a label (`metric_name(label_of(…))`).
    names: RefCell<HashMap<Rc<str>, Rc<Name>>>,
    /// `metric_name` of each label text asked (of what a figure is stated under or follows).
    metrics: RefCell<HashMap<&'a str, Rc<str>>>,
    /// [`excluded_label`] of each label text asked.
    excluded: RefCell<HashMap<&'a str, bool>>,
    /// Whether a label names a thing (not a change nor a stage of an amount), by label text.
    things: RefCell<HashMap<&'a str, bool>>,
    /// What a rate following figure `k` is about (`metric~topic`), by `k`.
    followed: RefCell<HashMap<usize, Rc<str>>>,
    /// The label each adjusted value (`由年初预算…调整为905万元`) reads as (`adjusted.rs`).
    adjusted: ByFigure<String>,
    /// The values adjusted from: a sibling stage of their adjusted value, not what it is about.
    origins: ByFigure<()>,
    /// The value each adjusted value was adjusted from.
    origin_of: ByFigure<usize>,
    /// The changes and bases stated right after a level, with their level
    /// (`restated_change.rs`).
    levels: ByFigure<(usize, OfLevel)>,
    /// The one partial period the report is about (`restated_period.rs`).
    single_period: Option<Period>,
    /// The [`dimension`] of each unit asked, written once.
    dims: RefCell<Vec<(subject::DimKey<'a>, Rc<str>)>>,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, doc: &'a Document, ix: &'a SubjectIndex<'a>) -> Reader<'a> {
        let pairs = adjustments(text, doc);
        let adjusted = ByFigure::new(
            pairs
                .iter()
                .map(|&(b, a)| (b, adjusted_name(&label_of(text, &doc.quantities[a])))),
        );
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
            origins: ByFigure::new(pairs.iter().map(|&(_, a)| (a, ()))),
            origin_of: ByFigure::new(pairs.iter().copied()),
            levels: if doc.data.is_none() {
                ByFigure::new(
                    (0..doc.quantities.len())
                        .filter_map(|c| of_level(text, doc, c).map(|x| (c, x))),
                )
            } else {
                ByFigure(Vec::new())
            },
            single_period: restated_period::single_period(doc),
            dims: RefCell::new(Vec::new()),
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
        if self.origins.contains_key(&k) {
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
        let label: Rc<str> = label.into();
        // Most labels are their metric's name: one string for both.
        let metric: Rc<str> = if *metric == *label {
            label.clone()
        } else {
            metric.into()
        };
        let name = Rc::new(Name {
            long_enough: metric
                .chars()
                .filter(|c| crate::parse::norm::is_cjk(*c))
                .count()
                >= MIN_NAME_CHARS,
            qualified: OnceCell::new(),
            stage: OnceCell::new(),
            area: OnceCell::new(),
            metric,
            label: label.clone(),
        });
        self.names.borrow_mut().insert(label, name.clone());
        name
    }

    /// Whether a name is read with what its sentence is about ([`Name::qualified`]).
    fn qualified_name(&self, name: &Name) -> bool {
        *name.qualified.get_or_init(|| {
            let metric = &*name.metric;
            (self.ix.is_generic(metric) || metric.chars().count() < FULL_NAME_CHARS)
                && !is_restated_rate(metric)
        })
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

    /// The [`dimension`] of a unit of the document, written once per dimension.
    fn dimension_of(&self, u: &'a Unit) -> Option<Rc<str>> {
        let key = subject::dim_key(u)?;
        if let Some((_, d)) = self.dims.borrow().iter().find(|(k, _)| *k == key) {
            return Some(d.clone());
        }
        let d: Rc<str> = dimension(u)?.into();
        // A document has few dimensions; past a few dozen (report data may name any unit),
        // each is written anew rather than looked for among many.
        let mut dims = self.dims.borrow_mut();
        if dims.len() < 32 {
            dims.push((key, d.clone()));
        }
        Some(d)
    }

    /// The subject of figure `i` whose label reads as `name`.
    fn subject_named(&self, i: usize, name: &Name) -> Option<Subject> {
        let (text, doc, ix, outline) = (self.text, self.doc, self.ix, &self.outline);
        let q = &doc.quantities[i];
        let dim = self.dimension_of(&q.unit)?;
        let lead: Rc<str> = if doc.data.is_none() {
            let opening = opening_of(ix, doc, i, false, None);
            if subject::subject_lead(&opening).is_empty() {
                ix.no_topic()
            } else {
                opening
            }
        } else {
            ix.no_topic()
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
        let qualified = self.qualified_name(name);
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
                    Some((_, _, head)) => Some(head.as_str()),
                    None => outline.head_at(q.block, q.span.start),
                };
                if let Some(h) = head.filter(|h| !h.is_empty()) {
                    about.push('#');
                    about.push_str(h);
                }
            }
        }
        let mut entity = outline
            .entity
            .get(q.block)
            .cloned()
            .unwrap_or_else(|| ix.no_topic());
        if let Some((_, Some(e), _)) = inline {
            entity = format!("{entity}/{e}").into();
        }
        // The stage its own words state: its label, or the words of its clause before the
        // label (`全年实际完成中央、省市农机购置补贴资金`).
        let stated = name.stage().or_else(|| ix.clause_stage(q));
        // A label naming its metric in full is the same metric when restated on its own
        // (`其中土地治理项目959万元` … `土地治理项目959万元`): what it is stated under, or else
        // the first figure of its sentence, tells subjects apart only when both mentions state
        // one. So for a generic label that states its stage (`财政拨款预算` under `项目预算`).
        // Any other qualified label is what its sentence and its breakdown say it is about.
        let (topic, opening) = match (qualified, under.is_empty()) {
            (false, true) if doc.data.is_none() => {
                let origin = self.origin_of.get(&i).copied();
                (
                    String::new(),
                    String::from(&*opening_of(ix, doc, i, true, origin)),
                )
            }
            (false, true) => (String::new(), String::new()),
            (false, false) => (String::new(), under),
            (true, false) if stated.is_some() => (about, under),
            (true, _) => {
                let mut topic = under;
                topic.push_str(&about);
                (topic, String::new())
            }
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
            metric: name.metric.clone(),
            dim,
            year: if doc.data.is_none() {
                year_of(text, ix, doc, q)
            } else {
                q.year.or(doc.report_year)
            },
            period,
            topic: topic.into_boxed_str(),
            entity,
            stage,
            stage_stated: stated.is_some(),
            place: if lead.is_empty() {
                Box::default()
            } else {
                subject::entity_in(&lead)
                    .unwrap_or_default()
                    .into_boxed_str()
            },
            opening: opening.into_boxed_str(),
            area: name.area(),
        })
    }

    /// The subject of every figure that can be restated, in document order: a change or a
    /// base stated right after a level has its level's (`restated_change.rs`), as a change
    /// of it or for the year the base names.
    ///
    /// With `shared_only`, only the figures whose metric and dimension another figure may
    /// share: a subject is compared only with subjects of its metric and dimension, so the
    /// others can be in no restatement (nor be left unsettled by one), and what they are about
    /// need not be read. (The metric is compared up to its first `~`, where a change's words
    /// join it: equal metrics are equal so far.)
    fn subjects(&self, shared_only: bool) -> Vec<(usize, Subject)> {
        // Each figure that can be restated, with its level and its name (its level's).
        let mut candidates: Vec<Candidate<'_>> = (0..self.doc.quantities.len())
            .filter_map(|i| match self.levels.get(&i) {
                Some(level) => Some((i, Some(level), self.restatable(level.0)?)),
                None => Some((i, None, self.restatable(i)?)),
            })
            .collect();
        candidates.shrink_to_fit();
        let mut shared = vec![true; candidates.len()];
        if shared_only {
            // Candidates sorted by a digest of their metric (up to its first `~`) and
            // dimension: equal keys have equal digests, so a digest stated once is a key
            // stated once (two keys sharing a digest are only kept both).
            let mut digests: Vec<(u64, usize)> = candidates
                .iter()
                .enumerate()
                .map(|(n, (i, level, name))| {
                    let at = level.map_or(*i, |(l, _)| *l);
                    let m = name.metric.as_bytes();
                    let m = &m[..m.iter().position(|&b| b == b'~').unwrap_or(m.len())];
                    (digest(m, &self.doc.quantities[at].unit), n)
                })
                .collect();
            digests.sort_unstable();
            for (k, &(d, n)) in digests.iter().enumerate() {
                let before = k > 0 && digests[k - 1].0 == d;
                let after = digests.get(k + 1).is_some_and(|&(e, _)| e == d);
                shared[n] = before || after;
            }
        }
        // As many as are kept at most, reserved once: one per figure of a large document.
        let mut out = Vec::with_capacity(shared.iter().filter(|&&s| s).count());
        out.extend(
            candidates
                .iter()
                .zip(shared)
                .filter(|(_, shared)| *shared)
                .filter_map(|(&(i, level, ref name), _)| match level {
                    Some((l, of)) => {
                        let mut s = self.subject_named(*l, name)?;
                        match of {
                            OfLevel::Change(w) => s.metric = format!("{}~{w}", s.metric).into(),
                            OfLevel::Base(y) => s.year = Some(*y),
                        }
                        Some((i, s))
                    }
                    None => Some((i, self.subject_named(i, name)?)),
                }),
        );
        out
    }

    /// What a figure whose label does not say is, for a reader: an adjusted value's name
    /// (`非税收入调整后预算` for `…调整为1616.62万元`); for a change or a base stated right
    /// after its level, the level's label with the change's words
    /// (`“三公”经费支出合计比上年减少`) or the base's year.
    fn named(&self, i: usize) -> Option<String> {
        if self.adjusted.contains_key(&i) {
            return Some(String::from(&*self.name_of(i).metric));
        }
        let (l, of) = self.levels.get(&i)?;
        let label = self.doc.quantities[*l].label_text();
        Some(match of {
            OfLevel::Change(w) => format!("{label}{w}"),
            OfLevel::Base(y) => format!("{label}（{y}年）"),
        })
    }

    /// Whether figure `i`'s label is read with what its sentence is about (a change's or a
    /// base's: its level's).
    fn qualified(&self, i: usize) -> bool {
        let at = self.levels.get(&i).map_or(i, |(l, _)| *l);
        self.qualified_name(&self.name_of(at))
    }
}

/// A digest of a metric's bytes and a unit's dimension (FNV-1a): equal metrics of units of
/// one dimension have equal digests.
fn digest(metric: &[u8], unit: &Unit) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    metric.iter().for_each(|&b| eat(b));
    match subject::dim_key(unit) {
        None => eat(0),
        Some(subject::DimKey::Money(crate::model::Currency::Cny)) => eat(1),
        Some(subject::DimKey::Money(crate::model::Currency::Usd)) => eat(2),
        Some(subject::DimKey::Percent) => eat(3),
        Some(subject::DimKey::Count(word)) => {
            eat(4);
            word.bytes().for_each(&mut eat);
        }
    }
    h
}

/// The figure a figure is stated under: the total of its 其中 breakdown, or the figure its
/// bracket annotates (the nearest before it in its sentence at a smaller bracket depth).
fn parent_of(ix: &SubjectIndex, i: usize) -> Option<usize> {
    ix.breakdown_total(i).or_else(|| ix.bracket_parent(i))
}

/// The words opening a figure's sentence before its first figure's words; or, when
/// `through_first`, for a later figure of its sentence the words through the first figure's
/// label (`一批项目涉及…49个村，…建设道路311520平方米`) and for the first nothing (`项目建成后，
/// 受益群众人数…` and `项目实施后，受益群众人数…` open alike). A blank line ends what they
/// can say. An adjusted value stated right with the value it was adjusted from (`origin`:
/// `非税收入由年初预算A调整为B`) opens its sentence with it: the value before it is a sibling
/// stage of the same amount, not what the sentence is about.
fn opening_of(
    ix: &SubjectIndex,
    doc: &Document,
    i: usize,
    through_first: bool,
    origin: Option<usize>,
) -> Rc<str> {
    let qs = &doc.quantities;
    let q = &qs[i];
    let Some(from) = ix.item_start(doc, q) else {
        return ix.no_topic();
    };
    let first = ix.first_in_block_from(doc, i, from);
    if through_first && (first == i || Some(first) == origin) {
        return ix.no_topic();
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
    Reader::new(text, doc, &ix).subjects(false)
}

pub(super) fn find_restatements(
    text: &str,
    doc: &Document,
    figs: &Figures,
    sums: &[SumClaim],
) -> RestatementPass {
    let ix = SubjectIndex::new(text, doc, figs, sums);
    let reader = Reader::new(text, doc, &ix);
    let subjects = reader.subjects(true);
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
    // Metric names stated somewhere with something saying what they are about, and the keys
    // they are so stated with (by name, dimension and entity).
    let mut topical: HashSet<(&str, &str)> = HashSet::new();
    let mut topical_keys: HashMap<(&str, &str, &str), Vec<usize>> = HashMap::new();
    for (n, (_, s)) in subjects.iter().enumerate() {
        let k = *key_index.entry(s.key()).or_insert_with(|| {
            by_key.push(Vec::new());
            by_key.len() - 1
        });
        by_key[k].push(n);
        key_of.push(k);
        if !s.topic.is_empty() {
            topical.insert((&*s.metric, &*s.dim));
            let keys = topical_keys
                .entry((&*s.metric, &*s.dim, &*s.entity))
                .or_default();
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    // A label read with what its sentence is about, stated once with nothing saying what it
    // is about, restates the one thing the report states it about
    // (`临时救助87人次，救助资金30万元` … `救助资金31万元`) — when that thing is a thing, not
    // a stage (`年初预算…，其中基本支出…` says which stage, and a bare `基本支出` may be
    // another), and of the same stage, stated or presumed (a bare `项目支出` under no stage
    // may be the budget's or the actual's); where the report states it about two things or
    // more, it stays apart (and a generic one unbound, below).
    for n in 0..subjects.len() {
        let (i, s) = &subjects[n];
        let k = key_of[n];
        if !s.topic.is_empty() || by_key[k].len() != 1 || !reader.qualified(*i) {
            continue;
        }
        let key = (&*s.metric, &*s.dim, &*s.entity);
        if let Some(&[t]) = topical_keys.get(&key).map(Vec::as_slice)
            && by_key[t].iter().all(|&m| {
                let o = &subjects[m].1;
                o.stage == s.stage && !subject::is_stage_only(&topic_words(&o.topic))
            })
        {
            by_key[k].clear();
            let at = by_key[t].partition_point(|&m| m < n);
            by_key[t].insert(at, n);
            key_of[n] = t;
        }
    }
    // Generic labels with nothing saying what they are about, where the same label elsewhere
    // is about something named: unbound.
    for ((i, s), &k) in subjects.iter().zip(&key_of) {
        if s.topic.is_empty()
            && ix.is_generic(&s.metric)
            && topical.contains(&(&*s.metric, &*s.dim))
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
        pass.groups
            .extend(groups.into_iter().filter(|g| g.len() >= 2).map(|mentions| {
                Restatement {
                    named: mentions
                        .iter()
                        .filter_map(|&i| reader.named(i).map(|n| (i, n)))
                        .collect(),
                    mentions,
                }
            }));
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
}

//! Relations between figures, found once per document and judged by the rules.
//!
//! A rate is judged only when it is bound to its operands **by meaning** — the rate's concept
//! and the operands' labels (执行率 ↔ 支出/决算 and 预算; 整改率 ↔ 完成整改 and 共…隐患) within
//! its sentence or the one before — never by proximity alone (DOMAIN §7). A breakdown is
//! judged only when written as one (`总额X，其中A a，B b`). The same metric is compared only
//! when both mentions are about the same subject: label, period, year, stage, what they are
//! stated under and the named town, project or fund they are about (`subject.rs`).
//!
//! Each relation carries what a rule needs to judge it; the judgements themselves
//! ([`RatioClaim::verdict`], [`SumClaim::verdict`] …) live here too so that the rules that
//! share a relation (A001/A002/U001 on ratios; A003/U001 on sums) agree on one reading.

mod adjusted;
mod area;
mod bracket_sum;
pub mod candidate;
mod change_chain;
mod change_parts;
mod change_rate;
mod count;
mod count_partition;
mod growth;
mod index;
mod joint_change;
use index::Figures;
mod document_number;
mod funds_in_place;
mod funds_rate;
mod magnitude;
mod named_total;
pub mod outline;
mod plan_rate;
mod point_change;
mod product;
mod ratio;
mod remainder_whole;
mod restated_change;
mod restated_label;
mod restated_period;
mod restatement;
mod run_whole;
mod satisfied_share;
mod sequence;
mod share;
mod spent_left;
mod staff_rate;
pub mod subject;
mod subject_index;
mod sum;
mod sum_by_changes;
mod sum_complement;
mod sum_joint;
mod sum_list;
mod sum_named;
mod sum_paragraphs;
mod sum_reach;
mod sum_reading;
mod sum_single;
mod sum_stage;
mod sum_tail;
mod summed_share;
pub mod table;
pub mod table_prose;
mod unbound;
mod unit;
mod unit_proof;
mod wordlist;
mod written_calc;

use bracket_sum::*;
use change_chain::*;
use change_parts::*;
pub use change_rate::*;
pub use count::*;
pub use count_partition::*;
pub use document_number::*;
use funds_in_place::*;
pub use funds_rate::*;
pub use growth::*;
use joint_change::*;
pub use magnitude::*;
use named_total::*;
use plan_rate::*;
pub use point_change::*;
pub use product::*;
pub use ratio::*;
use remainder_whole::*;
pub use restatement::*;
use run_whole::*;
use satisfied_share::*;
use sequence::*;
use share::*;
use spent_left::*;
use staff_rate::*;
pub use sum::*;
use sum_by_changes::*;
pub use sum_complement::*;
use sum_joint::*;
pub use sum_list::*;
pub use sum_named::*;
use sum_paragraphs::*;
use sum_reach::*;
pub use sum_reading::*;
use sum_single::*;
pub use sum_stage::*;
pub use sum_tail::*;
pub use summed_share::*;
pub use unit::*;
pub use unit_proof::*;
pub use written_calc::*;

use rust_decimal::Decimal;

pub use crate::model::claims::{
    GrowthClaim, RatioClaim, RatioKind, Restatement, Sequence, ShareGroup, StatedClaims, SumClaim,
};
use crate::model::{BlockKind, Document, Quantity, Unit, scale_up};
use crate::numeric::{Interval, round_half_up, rounds_to, truncate};
use crate::parse::quantity::CueKind;

/// Every relation found in a document.
#[derive(Debug, Clone, Default)]
pub struct Relations {
    pub ratios: Vec<RatioClaim>,
    pub sums: Vec<SumClaim>,
    pub shares: Vec<ShareGroup>,
    /// Shares of a whole stated nowhere, judged against the sum of their group's amounts.
    pub summed_shares: Vec<SummedShareClaim>,
    pub growths: Vec<GrowthClaim>,
    pub restatements: Vec<Restatement>,
    /// Figures of a repeated metric whose subject could not be settled, with the reason.
    pub restatement_unsettled: Vec<(usize, RestatementUnsettled)>,
    pub sequences: Vec<Sequence>,
    /// Stated counts with the closed lists they count (read from the words of the text).
    pub counts: Vec<CountClaim>,
    /// Counts stated as a start and its changes (`年初8个，年中新增8个，共15个`).
    pub count_sums: Vec<CountSum>,
    /// The same amount written with the same digits in two units (`1587.36元` here,
    /// `1587.36万元` there): `(odd, other)`, the odd one in the document's rarer unit.
    pub unit_echoes: Vec<(usize, usize)>,
    /// Amounts in 元 that a rate, a closed list or an exact sum no other pass binds shows to
    /// be in 万元.
    pub unit_proofs: Vec<UnitProof>,
    /// Relations inside tables (rates per row, totals per column, targets).
    pub tables: table::TableRelations,
    /// Table cells the prose states again (全年执行数 ↔ `项目实际支出`, 实际完成值 ↔ the
    /// indicator named in a sentence).
    pub table_prose: table_prose::TableProse,
    /// Every amount stated per unit (`每户补助0.60万元`), bound to its quantity and the amount
    /// they come to, or unbound with the reason.
    pub products: Vec<ProductCandidate>,
    /// Every budget line in 元 among budget lines in 万元, judged plausible or not, or
    /// unbound.
    pub magnitudes: Vec<MagnitudeCandidate>,
    /// Document numbers (文件号) cited more than once, each citation with its amount.
    pub documents: Vec<DocumentNumber>,
    /// Percentages written as the result of a calculation written out before them.
    pub calcs: Vec<WrittenCalc>,
    /// The verdicts of `ratios` and `sums`, judged once when first asked
    /// ([`Relations::ratio_verdicts`], [`Relations::sum_verdicts`]).
    pub judged: Judged,
}

/// The verdict of each ratio and each sum of a document's relations, judged when first asked:
/// the passes that read verdicts (unit proofs, unit slips), the candidates and the rules
/// (A001, A002, A003, U001) read the same ones.
#[derive(Debug, Clone, Default)]
pub struct Judged {
    ratios: std::sync::OnceLock<Vec<RatioVerdict>>,
    sums: std::sync::OnceLock<Vec<SumVerdict>>,
}

impl Relations {
    /// How many relations the document gives the rules to judge.
    pub fn count(&self) -> usize {
        self.ratios.len()
            + self.sums.len()
            + self.shares.len()
            + self.summed_shares.len()
            + self.growths.len()
            + self.restatements.len()
            + self.sequences.len()
            + self.counts.len()
            + self.count_sums.len()
            + self.unit_echoes.len()
            + self.unit_proofs.len()
            + self.tables.count()
            + self.table_prose.restatements.len()
            + self.bound_products().count()
            + self
                .magnitudes
                .iter()
                .filter(|m| matches!(m, MagnitudeCandidate::Judged { .. }))
                .count()
            + self.documents.len()
            + self.calcs.len()
    }

    /// The verdict of each of `ratios`, in order (judged once; judged again should the
    /// ratios have changed since).
    pub fn ratio_verdicts(&self, doc: &Document) -> std::borrow::Cow<'_, [RatioVerdict]> {
        let judge =
            || -> Vec<RatioVerdict> { self.ratios.iter().map(|c| c.verdict(doc)).collect() };
        let v = self.judged.ratios.get_or_init(judge);
        if v.len() == self.ratios.len() {
            std::borrow::Cow::Borrowed(v)
        } else {
            std::borrow::Cow::Owned(judge())
        }
    }

    /// The verdict of each of `sums`, in order (as [`Relations::ratio_verdicts`]).
    pub fn sum_verdicts(&self, doc: &Document) -> std::borrow::Cow<'_, [SumVerdict]> {
        let judge = || -> Vec<SumVerdict> { self.sums.iter().map(|s| s.verdict(doc)).collect() };
        let v = self.judged.sums.get_or_init(judge);
        if v.len() == self.sums.len() {
            std::borrow::Cow::Borrowed(v)
        } else {
            std::borrow::Cow::Owned(judge())
        }
    }

    /// The products bound to their three figures.
    pub fn bound_products(&self) -> impl Iterator<Item = &ProductClaim> {
        self.products.iter().filter_map(|p| match p {
            ProductCandidate::Bound(c) => Some(c),
            ProductCandidate::Unbound { .. } => None,
        })
    }
}

/// The interval a written figure stands for, in base units: money figures are rounded at
/// their last digit; counts of things are exact.
pub fn interval_of(q: &Quantity) -> Interval {
    let exactish = matches!(q.unit, Unit::Count { .. }) && q.decimals == 0;
    let base = q.base_value();
    if exactish {
        Interval::exact(base)
    } else {
        let h = scale_up(q.half_ulp(), q.unit.scale());
        Interval {
            lo: base - h,
            hi: base + h,
        }
    }
}

pub(super) fn pct(i: &Interval) -> Interval {
    i.scale(Decimal::ONE_HUNDRED)
}

pub(super) fn pow10(e: i32) -> Decimal {
    let mut k = Decimal::ONE;
    for _ in 0..e.unsigned_abs() {
        k *= Decimal::TEN;
    }
    if e < 0 { Decimal::ONE / k } else { k }
}

/// Find every relation of a document: in prose by the passes below (the count passes read
/// the words of the text as well as its figures); for structured report data, the relations
/// its structure states ([`StatedClaims`]) plus the restatements and unit echoes found from
/// the figures' labels as in prose.
pub fn find(text: &str, doc: &Document) -> Relations {
    if let Some(data) = &doc.data {
        return from_claims(doc, &data.claims);
    }
    let figs = Figures::new(doc);
    let mut sums = find_sums(text, doc, &figs);
    sums.extend(find_bracket_sums(text, doc, &figs));
    sums.extend(find_paragraph_lists(text, doc, &figs));
    sums.extend(find_named_sums(text, doc, &figs));
    sums.extend(find_tail_sums(text, doc, &figs));
    let joint = find_joint_lists(text, doc, &figs);
    for j in joint {
        if !sums
            .iter()
            .any(|s| s.total == j.total && s.parts == j.parts)
        {
            sums.push(j);
        }
    }
    let by_use = find_use_sums(text, doc, &figs, &sums);
    sums.extend(by_use);
    staged_sums(text, doc, &figs, &mut sums);
    complement_sums(doc, &figs, &mut sums);
    let single = single_part_excess(doc, &figs, &sums);
    sums.extend(single);
    let mut r = Relations {
        ratios: find_ratios(doc, &figs),
        sums,
        ..Relations::default()
    };
    let in_place = find_in_place(text, doc, &figs, &r.ratios);
    r.ratios.extend(in_place);
    let shares = find_shares(text, doc, &r.sums, &mut r.ratios);
    r.shares = shares.groups;
    r.summed_shares = shares.summed;
    let spent_left = find_spent_left(doc, &r.ratios, &r.summed_shares);
    r.summed_shares.extend(spent_left);
    let named = named_total_shares(text, doc, &r);
    r.ratios.extend(named);
    let pinned = pinned_whole_shares(doc, &r);
    r.ratios.extend(pinned);
    r.growths = find_growths(doc, &figs, &r.sums);
    let joint = find_joint_changes(text, doc, &figs, &r.growths);
    r.growths.extend(joint);
    let chains = find_change_chains(text, doc, &figs, &r.sums, &r.growths);
    r.growths.extend(chains);
    let points = find_point_changes(doc);
    r.growths.extend(points);
    level_change_sums(doc, &figs, &r.sums, &mut r.growths);
    let by_changes = find_sums_by_changes(doc, &figs, &r.sums, &r.growths);
    r.sums.extend(by_changes);
    r.sequences = find_sequences(doc);
    let pass = find_restatements(text, doc, &figs, &r.sums);
    r.restatements = pass.groups;
    r.restatement_unsettled = pass.unsettled;
    r.unit_echoes = find_unit_echoes(doc);
    r.tables = table::find(doc);
    r.table_prose = table_prose::find(text, doc);
    r.counts = find_counts(text, doc);
    r.count_sums = find_count_sums(text, doc);
    let partitions = find_count_partitions(text, doc, &r.sums);
    drop_split_sums(doc, &mut r.sums, &partitions);
    r.count_sums.extend(partitions);
    let per_unit = per_units(text, doc);
    r.products = find_products(text, doc, &figs, &per_unit);
    r.unit_proofs = find_unit_proofs(text, doc, &figs, &per_unit, &r);
    let mut proven = unit_slips(doc, &r);
    proven.extend(r.bound_products().filter_map(|c| {
        matches!(c.verdict(doc), ProductVerdict::UnitSlip { .. }).then_some(c.amount)
    }));
    r.magnitudes = find_magnitudes(text, doc, &figs, &per_unit, &r.sums, &proven);
    r.documents = find_document_numbers(text, doc, &figs);
    r.calcs = find_written_calcs(text, doc);
    let bound: std::collections::HashSet<usize> = r.ratios.iter().map(|c| c.rate).collect();
    let left = remainder_funds_rates(doc, &figs, &bound);
    r.calcs.extend(left);
    let satisfied = satisfied_shares(doc, &figs, &bound);
    r.calcs.extend(satisfied);
    r
}

/// Relations of a document whose ratios, sums, shares and growth claims are stated by its
/// structure. A total's growth is checked against its parts' only when the parts add up.
pub(super) fn from_claims(doc: &Document, claims: &StatedClaims) -> Relations {
    // The first sum of each total.
    let mut sum_of: std::collections::HashMap<usize, &SumClaim> = std::collections::HashMap::new();
    for s in &claims.sums {
        sum_of.entry(s.total).or_insert(s);
    }
    let growths = claims
        .growths
        .iter()
        .filter(|g| match g {
            GrowthClaim::Aggregate { total, .. } => {
                sum_of.get(total).is_some_and(|s| s.verdict(doc).holds())
            }
            _ => true,
        })
        .cloned()
        .collect();
    let pass = find_restatements("", doc, &Figures::new(doc), &claims.sums);
    Relations {
        ratios: claims.ratios.clone(),
        sums: claims.sums.clone(),
        shares: claims.shares.clone(),
        growths,
        restatements: pass.groups,
        restatement_unsettled: pass.unsettled,
        unit_echoes: find_unit_echoes(doc),
        ..Relations::default()
    }
}

/// How deep in brackets a position of a block is: figures in brackets annotate the figure
/// before them (`9.87分（满分10分）`, `（含上年结转42.83万元）`).
pub fn paren_depth(doc: &Document, block: usize, offset: usize) -> i32 {
    doc.cues
        .iter()
        .filter(|c| c.block == block && c.offset < offset)
        .map(|c| match c.kind {
            CueKind::ParenOpen => 1,
            CueKind::ParenClose => -1,
            _ => 0,
        })
        .sum::<i32>()
        .max(0)
}

/// Words of a label that name a figure per unit (亩均投入, 人均, 每人每年补助, 单价).
pub const PER_UNIT_WORDS: &[&str] = &["均", "每", "单价", "标准"];

/// Words holding 标准 that name a kind of thing, not a rate per unit (`高标准农田`,
/// `标准化建设`).
pub const STANDARD_NAMES: &[&str] = &["高标准", "标准化"];

/// Whether a label names a figure per unit ([`PER_UNIT_WORDS`]): never a total. 标准 counts
/// only outside the names of [`STANDARD_NAMES`] (`建设高标准农田2.6万亩` is a total).
pub fn is_per_unit(l: &str) -> bool {
    PER_UNIT_WORDS.iter().any(|&w| {
        subject::occurs(l, w)
            && (w != "标准"
                || !STANDARD_NAMES.iter().any(|n| subject::occurs(l, n))
                || STANDARD_NAMES
                    .iter()
                    .fold(l.to_string(), |s, n| s.replace(n, ""))
                    .contains(w))
    })
}

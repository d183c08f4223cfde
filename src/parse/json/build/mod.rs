//! The builder: a validated tree into figures and the claims its structure states.
//!
//! Each amount, rate and count becomes a [`Quantity`] (exact value, declared or inherited unit,
//! the value's span, the field's label and concept); the identities of each section and the
//! stated rates become [`SumClaim`]s and [`RatioClaim`]s; metrics give growth claims; the
//! scorecard is read into [`ScorecardData`]. What breaks the schema is skipped (J001 reports
//! it); what breaks a reference inside the data (an unknown id or path, an unreadable unit or
//! period) is a [`Violation`] here.

use std::collections::HashMap;

mod metrics;
mod scorecard;

use rust_decimal::Decimal;

use super::reader::{Kind, Member, Node};
use super::values::{
    Declared, MAX_DECIMALS, declared_unit, exact_decimal, is_numeric_string, max_magnitude,
    parse_unit, qualifier,
};
use super::{Figure, IndicatorData, Num, ReportData, ScorecardData, Text, Violation, fields};
use crate::diagnostic::Message;
use crate::model::claims::{
    GrowthClaim, RatioClaim, RatioKind, ShareGroup, StatedClaims, SumClaim,
};
use crate::model::{Document, FigureLabel, Period, Quantity, Span, Unit};
use crate::parse::lexicon;

/// The built-in identities of a budget column: (total, parts).
const COLUMN_SUMS: &[(&str, &[&str])] = &[
    ("total", &["basic", "project"]),
    ("basic", &["personnel", "public"]),
];
const SANGONG_SUMS: &[(&str, &[&str])] = &[
    ("total", &["abroad", "reception", "vehicle"]),
    ("vehicle", &["vehicle_purchase", "vehicle_operation"]),
];

/// Built-in rates: kind → (numerator, denominator, kind of ratio, concept).
const RATE_KINDS: &[(&str, &str, &str, RatioKind, &str)] = &[
    (
        "execution",
        "spend.final.total",
        "budget.adjusted.total",
        RatioKind::Execution,
        "rate.execution",
    ),
    (
        "project_execution",
        "spend.final.project",
        "budget.adjusted.project",
        RatioKind::Execution,
        "rate.execution",
    ),
    (
        "basic_share",
        "budget.adjusted.basic",
        "budget.adjusted.total",
        RatioKind::Share,
        "rate.share",
    ),
    (
        "project_share",
        "budget.adjusted.project",
        "budget.adjusted.total",
        RatioKind::Share,
        "rate.share",
    ),
    (
        "carryover",
        "spend.final.balance",
        "spend.final.total",
        RatioKind::Control,
        "rate.carryover",
    ),
    (
        "sangong_control",
        "sangong.final.total",
        "sangong.adjusted.total",
        RatioKind::Control,
        "rate.control",
    ),
    (
        "public_control",
        "spend.final.public",
        "budget.adjusted.public",
        RatioKind::Control,
        "rate.control",
    ),
    (
        "procurement_execution",
        "procurement.total",
        "procurement.plan",
        RatioKind::Execution,
        "rate.execution",
    ),
    (
        "fixed_asset_use",
        "assets.fixed_in_use",
        "assets.fixed",
        RatioKind::Completion,
        "rate.completion",
    ),
    (
        "staff_control",
        "staff.in_post",
        "staff.authorized",
        RatioKind::Control,
        "rate.control",
    ),
];

/// Names from the data itself (metric and rate names, stated operands) are used to find a
/// figure in the text only when they are specific enough: `执行率` or `占比` alone name too
/// many things.
const MIN_NAME_CHARS: usize = 4;

fn data_names(names: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = names
        .iter()
        .map(|n| fields::match_key(n))
        .filter(|k| k.chars().count() >= MIN_NAME_CHARS)
        .collect();
    out.dedup();
    out
}

/// A metric while it is read, to resolve `parts` and growth once every metric is known.
struct MetricRef {
    value: usize,
    growth: Option<usize>,
    prior: Option<usize>,
    comparable: bool,
    parts: Vec<(String, Span)>,
}

#[derive(Default)]
pub(super) struct Builder {
    /// The figures in build order, and beside them what each is in the data (two vectors,
    /// each reserved once, so that neither is copied while it grows or when it is sorted).
    qs: Vec<Quantity>,
    figures: Vec<Figure>,
    pub(super) violations: Vec<Violation>,
    year: Option<u16>,
    /// Field path → quantity (build order). Metrics are not here: `metrics.<id>` (and its
    /// `.growth`, `.prior`) is found through `metric_ids` (see [`Paths`]).
    by_path: HashMap<String, usize>,
    sums: Vec<SumClaim>,
    ratios: Vec<RatioClaim>,
    metrics: Vec<MetricRef>,
    metric_ids: HashMap<String, usize>,
    data: ReportData,
}

impl Builder {
    fn push(&mut self, q: Quantity, figure: Figure) -> usize {
        self.qs.push(q);
        self.figures.push(figure);
        self.qs.len() - 1
    }

    /// The quantity at a field path (`budget.adjusted.total`, `metrics.hazards.growth`).
    fn path_index(&self, path: &str) -> Option<usize> {
        find_path(&self.by_path, &self.metric_ids, path, |k| {
            self.metrics.get(k).map(|m| (m.value, m.growth, m.prior))
        })
    }

    /// Room for every figure the data can give, reserved at once.
    fn reserve(&mut self, root: &Node) {
        // Each item of a top-level list, with the figures it may state besides its own.
        let items = |list: &str, extra: &[&str]| -> usize {
            root.get(list).map_or(0, |l| {
                l.items()
                    .iter()
                    .map(|i| 1 + extra.iter().filter(|k| i.get(k).is_some()).count())
                    .sum()
            })
        };
        let metrics = items("metrics", &["growth", "prior"]);
        let rates = items("rates", &["numerator", "denominator"]);
        // Each named field (budget, spending, 三公, procurement, assets, staff) at most once.
        let n = metrics + rates + fields::all().len();
        self.qs.reserve_exact(n);
        self.figures.reserve_exact(n);
    }

    /// An exact number from a JSON number or a numeric string, with its span (the digits).
    fn number(&mut self, node: &Node) -> Option<(Decimal, u32, Span)> {
        let (lit, span) = match &node.kind {
            Kind::Number(l) => (*l, node.span),
            Kind::String(s) if is_numeric_string(s) => (
                s.as_ref(),
                Span::new(node.span.start + 1, node.span.end.saturating_sub(1)),
            ),
            _ => return None,
        };
        match exact_decimal(lit) {
            Some((_, dp)) if dp > MAX_DECIMALS => {
                self.violations.push(Violation::new(
                    span,
                    format!("数值 {lit} 的小数位过多：最多 {MAX_DECIMALS} 位"),
                    format!("the number {lit} has too many decimal places: at most {MAX_DECIMALS}"),
                ));
                None
            }
            Some((v, dp)) => Some((v, dp, span)),
            None => {
                self.violations.push(Violation::new(
                    span,
                    format!("数值 {lit} 无法精确表示：有效数字或小数位超过 28 位"),
                    format!(
                        "the number {lit} cannot be held exactly: more than 28 significant digits or decimal places"
                    ),
                ));
                None
            }
        }
    }

    #[expect(clippy::too_many_arguments)]
    fn quantity(
        &mut self,
        value: Decimal,
        decimals: u32,
        span: Span,
        unit: Unit,
        label: &str,
        label_span: Span,
        concept: Option<&'static str>,
        figure: Figure,
    ) -> Option<usize> {
        let base = (0..unit.scale()).try_fold(value, |v, _| v.checked_mul(Decimal::TEN));
        if base.is_none_or(|b| b.abs() > max_magnitude()) {
            self.violations.push(Violation::new(
                span,
                format!(
                    "{label} 的数值 {value}{} 过大：jxlint 核对的数值不超过 10^18（以元或计数单位计）",
                    unit.display()
                ),
                format!(
                    "{label}: {value}{} is too large to check: figures are at most 10^18 in their base unit (元, or the thing counted)",
                    unit.display()
                ),
            ));
            return None;
        }
        let q = Quantity {
            span,
            number_span: span,
            value,
            decimals,
            unit,
            qualifier: None,
            period: None,
            year: self.year,
            label: Some(FigureLabel {
                text: label.into(),
                span: label_span,
                concept,
            }),
            block: 0,
            sentence: 0,
            cell: None,
        };
        Some(self.push(q, figure))
    }

    /// A field of the table: an amount (number, numeric string or `{value, unit}`) with the
    /// unit inherited from above when it carries none.
    fn amount(&mut self, node: &Node, key_span: Span, path: &str, inherited: &Declared) {
        let Some(def) = fields::get(path) else {
            return;
        };
        let (value_node, unit) = match &node.kind {
            Kind::Object(_) => {
                let Some(v) = node.get("value") else { return };
                (v, declared_unit(node).or_else(|| inherited.clone()))
            }
            _ => (node, inherited.clone()),
        };
        let Some((value, decimals, span)) = self.number(value_node) else {
            return;
        };
        let unit = match unit {
            Some(Some(u)) => Some(u),
            // A unit is declared but is not one: J001 says so once, at the declaration.
            Some(None) => return,
            None => None,
        };
        let Some(unit) = unit else {
            self.violations.push(Violation {
                help: Some(Message::new(
                    "写成 {\"value\": …, \"unit\": \"万元\"}，或在上层声明 \"unit\"",
                    "write {\"value\": …, \"unit\": \"万元\"}, or declare \"unit\" above it",
                )),
                ..Violation::new(
                    span,
                    format!("{path}（{}）没有单位：既未注明，也没有上层声明的 unit", def.label),
                    format!(
                        "`{path}` ({}) has no unit: none is given with it and no `unit` is declared above it",
                        def.label
                    ),
                )
            });
            return;
        };
        let names = def.aliases.iter().map(|a| fields::match_key(a)).collect();
        let figure = Figure {
            path: path.to_string(),
            names,
        };
        if let Some(i) = self.quantity(
            value,
            decimals,
            span,
            unit,
            def.label,
            key_span,
            def.concept,
            figure,
        ) {
            self.by_path.insert(path.to_string(), i);
        }
    }

    /// A group of amounts (`budget.adjusted`): its own `unit`, then each member.
    fn group(&mut self, node: &Node, prefix: &str, inherited: &Declared) {
        let unit = declared_unit(node).or_else(|| inherited.clone());
        for m in last_members(node) {
            if m.key == "unit" {
                continue;
            }
            let path = format!("{prefix}.{}", m.key);
            if fields::get(&path).is_some() {
                self.amount(&m.value, m.key_span, &path, &unit);
            }
        }
    }

    /// `total = parts` when the total and every part are stated.
    fn identity(&mut self, total: &str, parts: &[String]) {
        let Some(t) = self.path_index(total) else {
            return;
        };
        let ps: Option<Vec<usize>> = parts.iter().map(|p| self.path_index(p)).collect();
        if let Some(ps) = ps
            && ps.len() >= 2
        {
            self.sums.push(SumClaim {
                total: t,
                parts: ps,
                nested: true,
                exhaustive: true,
            });
        }
    }

    fn identities(&mut self, prefix: &str, sums: &[(&str, &[&str])]) {
        for (total, parts) in sums {
            let parts: Vec<String> = parts.iter().map(|p| format!("{prefix}.{p}")).collect();
            self.identity(&format!("{prefix}.{total}"), &parts);
        }
    }

    pub(super) fn build(&mut self, root: &Node) {
        self.reserve(root);
        if let Some(r) = root.get("report") {
            self.report(r);
        }
        let top = declared_unit(root);
        self.data.unit = top.clone().flatten();
        if let Some(b) = root.get("budget") {
            let u = declared_unit(b).or_else(|| top.clone());
            for col in ["initial", "adjusted"] {
                if let Some(c) = b.get(col) {
                    let prefix = format!("budget.{col}");
                    self.group(c, &prefix, &u);
                    self.identities(&prefix, COLUMN_SUMS);
                    self.funding(&prefix);
                }
            }
        }
        if let Some(s) = root.get("spend") {
            let u = declared_unit(s).or_else(|| top.clone());
            if let Some(c) = s.get("final") {
                self.group(c, "spend.final", &u);
                self.identities("spend.final", COLUMN_SUMS);
                self.funding("spend.final");
            }
        }
        if let Some(s) = root.get("sangong") {
            let u = declared_unit(s).or_else(|| top.clone());
            for col in ["initial", "adjusted", "final"] {
                if let Some(c) = s.get(col) {
                    let prefix = format!("sangong.{col}");
                    self.group(c, &prefix, &u);
                    self.identities(&prefix, SANGONG_SUMS);
                }
            }
        }
        if let Some(p) = root.get("procurement") {
            self.group(p, "procurement", &top);
            self.identities("procurement", &[("total", &["goods", "works", "services"])]);
        }
        if let Some(a) = root.get("assets") {
            self.group(a, "assets", &top);
            self.identities("assets", &[("total", &["current", "non_current"])]);
        }
        if let Some(s) = root.get("staff") {
            self.staff(s);
        }
        if let Some(m) = root.get("metrics") {
            for (i, item) in m.items().iter().enumerate() {
                self.metric(item, i);
            }
            self.metric_relations();
        }
        if let Some(r) = root.get("rates") {
            for (i, item) in r.items().iter().enumerate() {
                self.rate(item, i);
            }
        }
        if let Some(s) = root.get("scorecard") {
            self.data.scorecard = Some(self.scorecard(s));
        }
    }

    fn text(node: Option<&Node>) -> Option<Text> {
        let n = node?;
        Some(Text {
            value: n.as_str()?.to_string(),
            span: n.span,
        })
    }

    fn report(&mut self, r: &Node) {
        self.data.department = Self::text(r.get("department"));
        self.data.kind = Self::text(r.get("kind"));
        self.data.source = Self::text(r.get("source"));
        if let Some(Kind::Number(y)) = r.get("year").map(|n| &n.kind)
            && let Ok(y) = y.parse::<u16>()
        {
            self.year = Some(y);
            self.data.year = Some(y);
        }
    }

    /// `total = fiscal + carryover + other` when two or more funding sources are stated.
    fn funding(&mut self, prefix: &str) {
        let parts: Vec<String> = ["fiscal", "carryover", "other"]
            .iter()
            .map(|p| format!("{prefix}.{p}"))
            .filter(|p| self.path_index(p).is_some())
            .collect();
        if parts.len() >= 2 {
            self.identity(&format!("{prefix}.total"), &parts);
        }
    }

    /// The `period` of a metric or a rate; one jxlint cannot read is a violation.
    fn period(&mut self, item: &Node, what: (&str, &str), name: &str) -> Option<Period> {
        let p = item.get("period")?;
        let text = p.as_str()?;
        let period = crate::parse::quantity::parse_period(text);
        if period.is_none() {
            self.violations.push(Violation::new(
                p.span,
                format!(
                    "{}「{name}」的期间 {} 无法识别：应写作 全年、1-12月、截至11月底、一季度 等",
                    what.0,
                    show(p)
                ),
                format!(
                    "the period {} of {} “{name}” is not one jxlint reads: write 全年, 1-12月, 截至11月底, 一季度 …",
                    show(p),
                    what.1
                ),
            ));
        }
        period
    }

    fn staff(&mut self, s: &Node) {
        for m in last_members(s) {
            let path = format!("staff.{}", m.key);
            let Some(def) = fields::get(&path) else {
                continue;
            };
            let Kind::Number(lit) = &m.value.kind else {
                continue;
            };
            // A whole number of persons (34, or 34.0, which JSON Schema counts as an integer).
            let Some((value, decimals)) = exact_decimal(lit)
                .filter(|(v, _)| v.fract().is_zero())
                .map(|(v, _)| (v.trunc(), 0))
            else {
                continue;
            };
            let names = def.aliases.iter().map(|a| fields::match_key(a)).collect();
            let Some(i) = self.quantity(
                value,
                decimals,
                m.value.span,
                Unit::Count {
                    word: "人".into(),
                    scale: 0,
                },
                def.label,
                m.key_span,
                def.concept,
                Figure {
                    path: path.clone(),
                    names,
                },
            ) else {
                continue;
            };
            self.by_path.insert(path, i);
        }
    }

    /// The document: quantities in file order, claims renumbered accordingly, relations.
    pub(super) fn finish(mut self) -> (Document, Paths) {
        let mut order: Vec<usize> = (0..self.qs.len()).collect();
        order.sort_by_key(|&i| (self.qs[i].span.start, i));
        let mut new_of = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_of[old] = new;
        }
        drop(order);
        // Into text order in place, following the permutation's cycles: the figures are never
        // copied.
        let mut quantities = std::mem::take(&mut self.qs);
        let mut figures = std::mem::take(&mut self.figures);
        let mut place = new_of.clone();
        for i in 0..quantities.len() {
            while place[i] != i {
                let j = place[i];
                quantities.swap(i, j);
                figures.swap(i, j);
                place.swap(i, j);
            }
        }
        drop(place);
        for (new, q) in quantities.iter_mut().enumerate() {
            q.sentence = new;
        }
        let map = |i: usize| new_of[i];
        let sums: Vec<SumClaim> = self
            .sums
            .iter()
            .map(|s| SumClaim {
                total: map(s.total),
                parts: s.parts.iter().map(|&p| map(p)).collect(),
                nested: s.nested,
                exhaustive: s.exhaustive,
            })
            .collect();
        let ratios: Vec<RatioClaim> = self
            .ratios
            .iter()
            .map(|r| RatioClaim {
                kind: r.kind,
                rate: map(r.rate),
                numerator: map(r.numerator),
                denominator: map(r.denominator),
                alternatives: Vec::new(),
            })
            .collect();
        let metrics: Vec<MetricRef> = std::mem::take(&mut self.metrics)
            .into_iter()
            .map(|m| MetricRef {
                value: map(m.value),
                growth: m.growth.map(map),
                prior: m.prior.map(map),
                comparable: m.comparable,
                parts: m.parts,
            })
            .collect();
        let by_path: HashMap<String, usize> = std::mem::take(&mut self.by_path)
            .into_iter()
            .map(|(k, v)| (k, map(v)))
            .collect();
        self.data.figures = figures;
        let mut doc = Document {
            quantities,
            report_year: self.year,
            full_year_report: false,
            ..Document::default()
        };
        let shares = share_groups(&sums, &ratios);
        let growths = growth_claims(&sums, &metrics);
        self.data.claims = StatedClaims {
            ratios,
            sums,
            shares,
            growths,
        };
        doc.count_money_scales();
        doc.data = Some(Box::new(std::mem::take(&mut self.data)));
        let paths = Paths {
            by_path,
            metric_ids: std::mem::take(&mut self.metric_ids),
            metrics: metrics
                .iter()
                .map(|m| (m.value, m.growth, m.prior))
                .collect(),
        };
        (doc, paths)
    }
}

/// The figures of the data by field path, in text order: the named fields, and the metrics
/// with an id (`metrics.<id>`, `metrics.<id>.growth`, `metrics.<id>.prior`).
pub(super) struct Paths {
    by_path: HashMap<String, usize>,
    metric_ids: HashMap<String, usize>,
    /// Each metric's value, growth and prior value.
    metrics: Vec<(usize, Option<usize>, Option<usize>)>,
}

impl Paths {
    pub(super) fn get(&self, path: &str) -> Option<usize> {
        find_path(&self.by_path, &self.metric_ids, path, |k| {
            self.metrics.get(k).copied()
        })
    }
}

/// A field path in `by_path`, or a metric's: `metrics.<id>` its value, `.growth` and `.prior`
/// its growth and prior value (metric ids hold no dot).
fn find_path(
    by_path: &HashMap<String, usize>,
    metric_ids: &HashMap<String, usize>,
    path: &str,
    metric: impl Fn(usize) -> Option<(usize, Option<usize>, Option<usize>)>,
) -> Option<usize> {
    if let Some(&i) = by_path.get(path) {
        return Some(i);
    }
    let rest = path.strip_prefix("metrics.")?;
    let (id, field) = match rest.split_once('.') {
        Some((id, field)) => (id, Some(field)),
        None => (rest, None),
    };
    let (value, growth, prior) = metric(*metric_ids.get(id)?)?;
    match field {
        None => Some(value),
        Some("growth") => growth,
        Some("prior") => prior,
        Some(_) => None,
    }
}

/// The members of an object, each key once: where a key is repeated, the last value counts
/// (as JSON readers take it; J001 reports the repetition).
fn last_members<'n, 'a>(node: &'n Node<'a>) -> impl Iterator<Item = &'n Member<'a>> {
    let members = node.members();
    members
        .iter()
        .enumerate()
        .filter(move |(i, m)| !members[i + 1..].iter().any(|later| later.key == m.key))
        .map(|(_, m)| m)
}

fn show(n: &Node) -> String {
    match &n.kind {
        Kind::String(s) => format!("\"{s}\""),
        Kind::Number(l) => l.to_string(),
        _ => n.type_name().en().to_string(),
    }
}

/// Shares stated for every part of one breakdown (基本支出占比 + 项目支出占比 of 调整预算).
fn share_groups(sums: &[SumClaim], ratios: &[RatioClaim]) -> Vec<ShareGroup> {
    let mut out = Vec::new();
    for s in sums {
        let shares: Vec<&RatioClaim> = ratios
            .iter()
            .filter(|r| {
                r.kind == RatioKind::Share
                    && r.denominator == s.total
                    && s.parts.contains(&r.numerator)
            })
            .collect();
        let covers = s
            .parts
            .iter()
            .all(|p| shares.iter().any(|r| r.numerator == *p));
        if covers && shares.len() == s.parts.len() {
            out.push(ShareGroup {
                shares: shares.iter().map(|r| r.rate).collect(),
                parts: shares.iter().map(|r| r.numerator).collect(),
                whole: Some(s.total),
                complete: false,
            });
        }
    }
    out
}

/// A metric's growth against its prior value, and a total's growth against its parts' (the
/// relations layer keeps the latter only when the parts add up).
fn growth_claims(sums: &[SumClaim], metrics: &[MetricRef]) -> Vec<GrowthClaim> {
    let mut out = Vec::new();
    for m in metrics {
        if let (Some(g), Some(p)) = (m.growth, m.prior) {
            out.push(GrowthClaim::Levels {
                change: g,
                current: m.value,
                prior: p,
                comparable: m.comparable,
            });
        }
        let Some(g) = m.growth else { continue };
        let Some(sum) = sums.iter().find(|s| s.total == m.value) else {
            continue;
        };
        let parts: Option<Vec<(usize, usize)>> = sum
            .parts
            .iter()
            .map(|&p| {
                metrics
                    .iter()
                    .find(|k| k.value == p)
                    .and_then(|k| k.growth)
                    .map(|kg| (p, kg))
            })
            .collect();
        if let Some(parts) = parts {
            out.push(GrowthClaim::Aggregate {
                total: m.value,
                total_rate: g,
                parts,
                comparable: m.comparable,
            });
        }
    }
    out
}

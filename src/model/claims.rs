//! Relations between figures as plain data: which figures a stated rate, total, share group,
//! growth claim, restatement or numbered sequence ties together. The relations layer
//! ([`crate::relations`]) finds them in prose and judges them; structured report data states
//! some of them by its structure ([`StatedClaims`], built by [`crate::parse::json`]).

/// What kind of rate a [`RatioClaim`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatioKind {
    /// 预算执行率: spending / budget.
    Execution,
    /// 控制率: actual / budgeted.
    Control,
    /// 整改率, 办结率, 完成率: done / total (counts).
    Completion,
    /// 占比: part / whole.
    Share,
}

/// A stated rate and the figures it is the ratio of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatioClaim {
    pub kind: RatioKind,
    pub rate: usize,
    pub numerator: usize,
    pub denominator: usize,
    /// Other (numerator, denominator) readings the text allows (another budget figure in the
    /// same sentence): if any explains the rate, the rate is consistent.
    pub alternatives: Vec<(usize, usize)>,
}

/// A total and its listed parts (`X，其中A a，B b`). Nested breakdowns (`包括`) appear as
/// further sum claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumClaim {
    pub total: usize,
    pub parts: Vec<usize>,
    /// Whether the parts are explicitly a complete breakdown (nesting resolved, 基本支出 +
    /// 项目支出 …); an incomplete-looking list short of its total is not judged.
    pub nested: bool,
    /// The parts are by definition all of the total (an identity of structured data, such as
    /// 调整预算 = 基本支出 + 项目支出): a shortfall of any size is a mismatch, never a partial
    /// list.
    pub exhaustive: bool,
}

/// A share of a whole the text never states as a figure, stated beside sibling shares that
/// together make 100%: the whole is the sum of the siblings' amounts (`安排A 26602万元，占比
/// 50.15%，安排B 26441.61万元，占比49.85%`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummedShareClaim {
    /// The stated share.
    pub rate: usize,
    /// Its amount.
    pub numerator: usize,
    /// Every sibling's amount, this one's included: their sum is the whole.
    pub parts: Vec<usize>,
}

/// Percentage shares of one whole stated together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareGroup {
    pub shares: Vec<usize>,
    /// The amounts the shares are of, when stated beside them.
    pub parts: Vec<usize>,
    /// The whole, when the parts are a verified breakdown of a stated total.
    pub whole: Option<usize>,
    /// The parts are all of the whole by definition (基本支出 and 项目支出 of one total), so
    /// the shares must total 100% even when the whole is not stated.
    pub complete: bool,
}

/// A stated growth checked against other figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GrowthClaim {
    /// A total's growth against its parts' growths (进出口 +12% = 出口 +11% & 进口 +16.3%).
    Aggregate {
        total: usize,
        total_rate: usize,
        parts: Vec<(usize, usize)>,
        comparable: bool,
    },
    /// A growth rate or amount against the current and prior values stated with it.
    Levels {
        change: usize,
        current: usize,
        prior: usize,
        comparable: bool,
    },
    /// A change amount and a growth rate stated with the current level and no prior one
    /// (`X万元，比上年增加Y万元，增长r%`): the prior level is the current one less the change.
    ChangeRate {
        current: usize,
        change: usize,
        rate: usize,
        comparable: bool,
    },
    /// A total's change against its parts' changes (`增加15.15万元，其中：甲减少0.26万元，乙增加
    /// 14.79万元`), each signed by its verb. `complete` when the parts are the changes of every
    /// part of a breakdown that adds up (a shortfall of any size is then a mismatch, never a
    /// partial list).
    ChangeSum {
        total: usize,
        parts: Vec<usize>,
        complete: bool,
    },
}

/// Mentions of one metric (same label, period, year, dimension).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restatement {
    pub mentions: Vec<usize>,
    /// Mentions whose own label does not say what they are (a change or a comparison base
    /// stated right after its level: `比上年减少`, `较2023年的`), with what they are
    /// (`“三公”经费支出合计比上年减少`, `“三公”经费预算总额（2023年）`).
    pub named: Vec<(usize, String)>,
}

impl Restatement {
    /// What mention `i` is a figure of: its name in [`Restatement::named`], else its label.
    pub fn name_of<'a>(&'a self, i: usize, label: &'a str) -> &'a str {
        self.named
            .iter()
            .find(|(m, _)| *m == i)
            .map_or(label, |(_, n)| n.as_str())
    }
}

/// Sibling items of one numbered list or heading level, in order (block indices).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sequence {
    pub items: Vec<usize>,
}

/// The relations structured data states by its structure (调整预算 = 基本支出 + 项目支出,
/// 执行率 = 决算 / 调整预算, shares, growth against a prior value): handed to the relations
/// layer, which judges them as it judges relations found in prose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatedClaims {
    pub ratios: Vec<RatioClaim>,
    pub sums: Vec<SumClaim>,
    pub shares: Vec<ShareGroup>,
    pub growths: Vec<GrowthClaim>,
}

/// A stated count and the closed list it counts (`下属单位3个，即A、B、C`, `包括A、B、C三项`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountClaim {
    /// The count as written (`3个`, `三项`).
    pub count: crate::model::Span,
    /// Its value.
    pub value: u32,
    /// The listed items, in order.
    pub items: Vec<crate::model::Span>,
    /// How many items the list names at the least and at the most: a last item joined by
    /// 和/及 (`A、B和C`) may be one name (`住房和城乡建设局`) or two items.
    pub min: usize,
    pub max: usize,
    /// The items are separated by ， or ； rather than 、: a clause could be taken for an item.
    pub loose: bool,
}

/// A count stated as the sum of its sub-counts, in explicit wording
/// (`年初8个，年中增加8个，共15个`): the total and each part with its sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountSum {
    /// The total as written (`15个`) and its value.
    pub total: (crate::model::Span, u32),
    /// The starting count and the changes: `(span, value, added)`; `added` is false for a
    /// decrease (减少, 撤销).
    pub parts: Vec<(crate::model::Span, u32, bool)>,
    /// The wording that makes the parts the whole.
    pub kind: CountSumKind,
}

/// The wording that makes a count the sum of its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountSumKind {
    /// `年初8个，年中增加8个，共15个`: a start, its changes and their total.
    Changes,
    /// `N个X中，a个X高于…；b个X低于…`: the two sides of one test, or a part and the rest.
    /// `exact` when the sides leave nothing between them (a word and its negation, 其余);
    /// comparisons (高于 / 低于) leave out what equals the threshold.
    Partition { exact: bool },
    /// `N宗，金额A，其中甲a宗，金额A1，乙b宗，金额A2`: the parts repeat the total's record and
    /// their fields add up to its fields.
    Records,
}

impl CountSum {
    /// What the parts add up to (negative when the decreases outweigh).
    pub fn sum(&self) -> i64 {
        self.parts
            .iter()
            .map(|&(_, v, add)| if add { i64::from(v) } else { -i64::from(v) })
            .sum()
    }
}

/// A quantity, a per-unit standard and the amount they come to, stated in one sentence
/// (`补助对象144户，每户补助0.60万元，共发放86.40万元`): indices into the document's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductClaim {
    /// The count the standard applies to (`144户`).
    pub quantity: usize,
    /// The standard per unit (`0.60万元` 每户).
    pub rate: usize,
    /// The amount stated as the product (`86.40万元`).
    pub amount: usize,
    /// The per-unit figure is an average (`户均`, `人均` without 标准), itself rounded.
    pub average: bool,
}

//! Why a candidate was not judged ([`Unbound`]): the reasons `jxlint check --coverage` lists,
//! each with a stable code for JSON output and words in Chinese and English.

use serde::Serialize;

/// Why a candidate was not judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unbound {
    /// A rate whose operands were not found by meaning in its sentence or the one before.
    NoOperands,
    /// A rate over a zero base (0/0 shown as 0% or 100%): undefined, not wrong.
    ZeroBase,
    /// A figure inside a table row: table relations are read by the table passes.
    InTable,
    /// An approximate figure (约, 以上, 超过): a bound, not a value.
    Approximate,
    /// A breakdown cue with no total before it or no parts of the total's kind after it.
    NoBreakdown,
    /// A breakdown cue whose parts are stated with shares totalling 100% but whose total is
    /// stated nowhere: the shares are judged against the parts' sum (ratio candidates), the
    /// sum itself has nothing to be checked against.
    WholeNotStated,
    /// Parts short of their total by more than a slip: the list may name only some parts.
    PartialList,
    /// A growth rate or change amount without both levels (this year and the last).
    NoLevels,
    /// A generic label (`实际支出`) with nothing saying what it is about, while the same label
    /// elsewhere is about something named: which of them it restates is not known.
    GenericLabel,
    /// A prose figure that names an item of several tables (several projects' funds, one
    /// indicator name in two rows): which one it restates is not known.
    SeveralTables,
    /// A table whose money unit is not stated (neither `（万元）` nor `单位：元`).
    UnitUnknown,
    /// A prose figure that may state a target rather than what was done: under a heading of
    /// goals, or equal to the row's 年度指标值.
    Target,
    /// A figure of another year or of part of the year than the table's.
    OtherPeriod,
    /// A per-unit standard whose sentence states no count in the standard's unit.
    NoQuantity,
    /// A per-unit standard whose sentence states no amount worded as the total it comes to.
    NoAmount,
    /// More than one figure could be the operand (two counts, two amounts, two subjects).
    SeveralReadings,
    /// A standard per month, day or time (`每人每月`): the number of periods is not stated.
    PerPeriod,
    /// An amount in 元 without amounts of its kind in 万元 beside it: no context to judge by.
    NoContext,
    /// Amounts cited with one document number for items that may differ.
    DifferentItems,
    /// A user formula whose divisor is zero for this data.
    DivisionByZero,
    /// A user formula whose value leaves the range of an exact decimal.
    Overflow,
}

impl Unbound {
    pub fn as_str(self) -> &'static str {
        match self {
            Unbound::NoOperands => "no_operands",
            Unbound::ZeroBase => "zero_base",
            Unbound::InTable => "in_table",
            Unbound::Approximate => "approximate",
            Unbound::NoBreakdown => "no_breakdown",
            Unbound::WholeNotStated => "whole_not_stated",
            Unbound::PartialList => "partial_list",
            Unbound::NoLevels => "no_levels",
            Unbound::GenericLabel => "generic_label",
            Unbound::SeveralTables => "several_tables",
            Unbound::UnitUnknown => "unit_unknown",
            Unbound::Target => "target",
            Unbound::OtherPeriod => "other_period",
            Unbound::NoQuantity => "no_quantity",
            Unbound::NoAmount => "no_amount",
            Unbound::SeveralReadings => "several_readings",
            Unbound::PerPeriod => "per_period",
            Unbound::NoContext => "no_context",
            Unbound::DifferentItems => "different_items",
            Unbound::DivisionByZero => "division_by_zero",
            Unbound::Overflow => "overflow",
        }
    }

    /// The reason in words, in Chinese and English.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Unbound::NoOperands => (
                "未找到按含义对应的分子和分母",
                "no operands bound by meaning",
            ),
            Unbound::ZeroBase => ("分母为零（0/0），比率无定义", "zero base (0/0): undefined"),
            Unbound::InTable => ("位于表格行内", "inside a table row"),
            Unbound::Approximate => ("约数或界限，不是确数", "an approximate figure or bound"),
            Unbound::NoBreakdown => ("未找到总数及其同类分项", "no total with parts of its kind"),
            Unbound::WholeNotStated => (
                "未写出总数：各分项占比合计 100%，占比已按分项之和核对",
                "the total is not stated: the parts' shares total 100% and are checked against their sum",
            ),
            Unbound::PartialList => (
                "分项少于总数且差额超过尾差，可能只列了部分",
                "parts short of the total beyond a slip: maybe a partial list",
            ),
            Unbound::NoLevels => (
                "缺少本期或上期数",
                "this and last period's levels not both stated",
            ),
            Unbound::GenericLabel => (
                "泛称（如 实际支出）未说明所指，而同名数字在别处各有所属，无从判断是否重述",
                "a generic label with nothing saying what it is about, while the same label elsewhere is about something named",
            ),
            Unbound::SeveralTables => (
                "多个表格都有此项（多个项目或同名指标），无法确定对应哪一个",
                "several tables hold this item: which one is restated is not known",
            ),
            Unbound::UnitUnknown => (
                "表格未注明金额单位",
                "the table does not state its money unit",
            ),
            Unbound::Target => (
                "正文数字可能是目标值而非完成值",
                "the prose figure may state the target, not what was done",
            ),
            Unbound::OtherPeriod => (
                "期间或年度与表格不同",
                "another period or year than the table's",
            ),
            Unbound::NoQuantity => (
                "句中没有与单位标准同一计量单位的数量",
                "no count in the standard's unit in its sentence",
            ),
            Unbound::NoAmount => (
                "句中没有写明为合计或发放额的金额",
                "no amount worded as the total in its sentence",
            ),
            Unbound::SeveralReadings => (
                "可对应的数值不止一个",
                "more than one figure could be the operand",
            ),
            Unbound::PerPeriod => (
                "按月、日或次计的标准，期数未写明",
                "a standard per month, day or time: the number of periods is not stated",
            ),
            Unbound::NoContext => (
                "旁边没有以万元计的同类金额",
                "no amounts of its kind in 万元 beside it",
            ),
            Unbound::DifferentItems => (
                "同一文件号下的金额可能对应不同项目",
                "the amounts may be for different items of one document",
            ),
            Unbound::DivisionByZero => (
                "公式的除数为零，未求值",
                "the formula divides by zero: not evaluated",
            ),
            Unbound::Overflow => (
                "公式的数值超出精确小数的范围，未求值",
                "the formula's value leaves the range of exact decimals: not evaluated",
            ),
        }
    }
}

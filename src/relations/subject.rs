//! The subject of a figure: what a stated amount, count or rate is *about*, so that two
//! mentions of one label are compared only when they speak of the same thing.
//!
//! A subject is read from the text around the figure, never from numbering alone:
//!
//! * the **metric** — the label, normalised: words of time (本年度), of area (全区), of
//!   discourse (综上, 一是) and the reporting unit (我局) do not change it;
//! * the **year** and **period** (`2022年`, `1-5月`; an unstated period of a full-year report
//!   is the year);
//! * the **stage** — 年初预算, 调整预算, 预算, 决算/执行, 计划 — from the label, else from what
//!   the figure is stated under, else from its heading;
//! * the **topic** — what the figure is a part of or stated under: the total of its `其中`
//!   breakdown, the figure its bracket annotates, and for a generic label (`实际支出`,
//!   `基本支出`, `预算数`) the words that open its sentence (`三是公务用车购置及运行维护费，`)
//!   or the named figure before it in the sentence (`“三公”经费预算…，实际支出…`);
//! * the **entity** — a named town, project, fund or body that heads the figure's sentence
//!   or a heading above it (`（二）乙镇`, `2.旅游厕所改造项目`).
//!
//! Two figures are the same subject when metric, dimension, year, period, topic and entity
//! are all equal; a figure whose stage is unstated joins the one stage its subject has, and
//! is left unsettled when the subject is stated for more than one stage.

use super::wordlist::{WordIndex, remove_words, strip_leading, word_index};
use std::rc::Rc;

use crate::model::{Currency, Document, Period, Quantity, Unit};
use crate::parse::norm::is_cjk;

pub use super::wordlist::occurs;

/// Words that open a sentence or clause without saying what it is about.
pub const DISCOURSE_WORDS: &[&str] = &[
    "综上所述",
    "综上",
    "总之",
    "总体上",
    "总体来看",
    "总的来看",
    "截至目前",
    "截止目前",
    "目前",
    "其中",
    "首先",
    "其次",
    "再次",
    "最后",
    "此外",
    "另外",
    "同时",
    "经汇总",
    "经统计",
    "据统计",
    "按照",
    "根据",
];

/// Words naming the reporting body itself (`我局`, `本单位`): the report's own subject.
pub const SELF_WORDS: &[&str] = &[
    "我局",
    "我委",
    "我办",
    "我院",
    "我校",
    "我中心",
    "我单位",
    "我部门",
    "本单位",
    "本部门",
    "本局",
    "我县",
    "我区",
    "我市",
    "我镇",
    "我乡",
    "本县",
    "本区",
    "本市",
    "本级",
];

/// Words of time before a metric's name that do not change it in a report about one year
/// (`本年度服务对象满意度` = `服务对象满意度`).
pub const TIME_WORDS: &[&str] = &["本年度", "本年", "全年", "年度", "今年", "当年"];

/// Words of area before a metric's name that do not change it in a report about one area
/// (`全区电子商务交易额` = `电子商务交易额`); scope words (规上, 限上) stay.
pub const AREA_WORDS: &[&str] = &[
    "全区", "全市", "全县", "全省", "全镇", "全乡", "本区", "本市", "本县", "辖区", "区内", "市内",
    "县内", "沿线",
];

/// How a named entity's name ends: a place, a body, a project or a fund.
pub const ENTITY_ENDS: &[&str] = &[
    "街道",
    "社区",
    "片区",
    "园区",
    "镇",
    "乡",
    "村",
    "县",
    "旗",
    "项目",
    "工程",
    "基金",
    "资金",
    "专项",
    "学校",
    "中学",
    "小学",
    "幼儿园",
    "医院",
    "卫生院",
    "公司",
    "合作社",
    "中心",
    "站",
    "所",
    "馆",
    "场",
];

/// Headings that name a part of the report, not a thing it reports on, even when they end as
/// an entity would (`项目概况`, `绩效目标完成情况`).
pub const NOT_ENTITY_WORDS: &[&str] = &[
    "情况",
    "概况",
    "说明",
    "分析",
    "问题",
    "措施",
    "建议",
    "结论",
    "评价",
    "目标",
    "管理",
    "绩效",
    "基本",
    "主要",
    "其他",
    "存在",
    "下一步",
    "附件",
];

/// The longest name read as an entity (characters).
pub const MAX_ENTITY_CHARS: usize = 20;

/// The stage of the money cycle a figure belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// 年初预算
    Initial,
    /// 调整预算, 调整后
    Adjusted,
    /// 预算, 安排 (not said which)
    Budget,
    /// 决算, 实际, 执行, 完成
    Actual,
    /// 计划, 目标
    Plan,
}

/// Stage words, checked in order: the first that occurs decides (`预算执行` is actual,
/// `调整后预算` adjusted).
pub const STAGE_WORDS: &[(&str, Stage)] = &[
    ("年初", Stage::Initial),
    ("调整", Stage::Adjusted),
    ("決算", Stage::Actual),
    ("决算", Stage::Actual),
    ("实际", Stage::Actual),
    ("執行", Stage::Actual),
    ("执行", Stage::Actual),
    ("计划", Stage::Plan),
    ("目标", Stage::Plan),
    ("预算", Stage::Budget),
    ("預算", Stage::Budget),
];

/// The stage a text names: the first stage word in [`STAGE_WORDS`] order that occurs.
pub fn stage_in(s: &str) -> Option<Stage> {
    let w = stage_words();
    let m = w.ix.occurring(s);
    STAGE_WORDS
        .iter()
        .zip(&w.stage)
        .find(|(_, b)| m & **b != 0)
        .map(|(&(_, st), _)| st)
}

/// Every word the stage of a text or heading is read from ([`stage_in`], [`heading_stage`],
/// [`plan_in`]), looked for in one pass; each list as the bits of its words.
struct StageWords {
    ix: WordIndex,
    /// The bit of each of [`STAGE_WORDS`] and of [`HEADING_STAGE_WORDS`], in order.
    stage: Vec<u64>,
    heading: Vec<u64>,
    /// Words joining two stages in a heading.
    join: u64,
    /// [`PLAN_WORDS`], [`ACHIEVED_WORDS`]; [`GOAL_WORDS`] and [`DONE_WORDS`].
    plan: u64,
    achieved: u64,
    goal: u64,
    done: u64,
}

/// Words that join two stages in a heading (`预算及执行情况`).
const JOIN_WORDS: &[&str] = &["及", "和", "与", "、", "/"];
/// Words of a plan or target.
const PLAN_WORDS: &[&str] = &["目标", "计划"];
/// Words of a goal, and of its being reached, that make a heading about what was achieved
/// (`绩效目标完成情况`).
const GOAL_WORDS: &[&str] = &["目标", "计划", "指标"];
const DONE_WORDS: &[&str] = &["完成", "实现", "自评", "评价"];

fn stage_words() -> &'static StageWords {
    static WORDS: std::sync::OnceLock<StageWords> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut all: Vec<&'static str> = Vec::new();
        let lists: [&[&'static str]; 5] = [
            JOIN_WORDS,
            PLAN_WORDS,
            ACHIEVED_WORDS,
            GOAL_WORDS,
            DONE_WORDS,
        ];
        let words = STAGE_WORDS
            .iter()
            .chain(HEADING_STAGE_WORDS)
            .map(|(w, _)| *w)
            .chain(lists.iter().flat_map(|l| l.iter().copied()));
        for w in words {
            if !all.contains(&w) {
                all.push(w);
            }
        }
        let bit = |w: &str| 1u64 << all.iter().position(|x| *x == w).unwrap_or(0);
        let bits = |l: &[&str]| l.iter().fold(0, |m, w| m | bit(w));
        StageWords {
            stage: STAGE_WORDS.iter().map(|(w, _)| bit(w)).collect(),
            heading: HEADING_STAGE_WORDS.iter().map(|(w, _)| bit(w)).collect(),
            join: bits(JOIN_WORDS),
            plan: bits(PLAN_WORDS),
            achieved: bits(ACHIEVED_WORDS),
            goal: bits(GOAL_WORDS),
            done: bits(DONE_WORDS),
            // Built once per run and kept for it.
            ix: WordIndex::new(Box::leak(all.into_boxed_slice())),
        }
    })
}

/// Stage words a heading can settle a stage by: a heading's bare 预算 names the budget as a
/// whole (`预算收支情况`, `预算管理`) and its 目标 the goals, not a stage of a figure.
pub const HEADING_STAGE_WORDS: &[(&str, Stage)] = &[
    ("年初", Stage::Initial),
    ("调整", Stage::Adjusted),
    ("決算", Stage::Actual),
    ("决算", Stage::Actual),
    ("实际", Stage::Actual),
    ("執行", Stage::Actual),
    ("执行", Stage::Actual),
];

/// The stage a heading names, unless it joins two (`预算调整` → adjusted; `预算及执行情况`
/// and `年初预算与调整` settle nothing).
pub fn heading_stage(s: &str) -> Option<Stage> {
    let w = stage_words();
    let m = w.ix.occurring(s);
    let n = w.stage.iter().filter(|&&b| m & b != 0).count();
    if n >= 2 && m & w.join != 0 {
        return None;
    }
    HEADING_STAGE_WORDS
        .iter()
        .zip(&w.heading)
        .find(|(_, b)| m & **b != 0)
        .map(|(&(_, st), _)| st)
        .or_else(|| plan_of(w, m))
        .or_else(|| (m & w.goal != 0 && m & w.done != 0).then_some(Stage::Actual))
}

/// Words that make a heading or an opening about what was achieved, not what was planned
/// (`绩效目标完成情况`).
pub const ACHIEVED_WORDS: &[&str] = &["完成", "实现", "执行", "情况", "评价", "分析", "自评"];

/// A plan or target a heading or sentence opening announces (`（三）项目绩效目标`,
/// `绩效目标为：`), unless it speaks of what was achieved ([`ACHIEVED_WORDS`]).
pub fn plan_in(s: &str) -> Option<Stage> {
    let w = stage_words();
    plan_of(w, w.ix.occurring(s))
}

/// [`plan_in`] of a text whose words `m` are.
fn plan_of(w: &StageWords, m: u64) -> Option<Stage> {
    (m & w.plan != 0 && m & w.achieved == 0).then_some(Stage::Plan)
}

/// Words that say no more than "an amount of money" or a stage: a label made only of them
/// (`实际支出`, `基本支出`, `预算数`, `调整后预算`) needs its topic to say what it is about.
pub const GENERIC_WORDS: &[&str] = &[
    "调整后",
    "调整",
    "年初",
    "年中",
    "年末",
    "预算",
    "決算",
    "决算",
    "实际",
    "支出",
    "收入",
    "金额",
    "合同",
    "总额",
    "资金",
    "安排",
    "执行",
    "完成",
    "控制",
    "累计",
    "共计",
    "合计",
    "小计",
    "总计",
    "项目",
    "经费",
    "其他",
    "财政拨款",
    "财政",
    "拨款",
    "基本",
    "下达",
    "拨付",
    "到位",
    "结余",
    "结转",
    "使用",
    "未",
    "数",
    "额",
    "总",
    "为",
    "全年",
    "本年",
    "当年",
    "上年",
    "部门",
    "整体",
    "单位",
    "本级",
    "计划",
    "投资",
    "费用",
    "费",
    "额度",
];

/// How many Chinese characters a text has.
fn cjk_count(s: &str) -> usize {
    s.chars().filter(|c| is_cjk(*c)).count()
}

/// Whether a label says only "an amount" and a stage (see [`GENERIC_WORDS`]).
pub fn is_generic_label(label: &str) -> bool {
    let words = word_index!(GENERIC_WORDS);
    // Characters of no generic word are never removed: two of them are a name.
    if kept_cjk(label, words, None) >= 2 {
        return false;
    }
    // Fewer than two Chinese characters stay fewer as words are removed.
    cjk_count(&remove_words(label, words, |r| cjk_count(r) < 2)) < 2
}

/// How many Chinese characters of `s` are part of no word of `a` (nor of `b`): removing
/// words of the lists never removes them.
fn kept_cjk(s: &str, a: &WordIndex, b: Option<&WordIndex>) -> usize {
    s.chars()
        .filter(|&c| is_cjk(c) && !a.has_char(c) && !b.is_some_and(|b| b.has_char(c)))
        .count()
}

/// Words of a label that only say which stage of one amount it is (`年初预算`, `调整后预算`,
/// `预算数`, `实际支出`, `决算数`).
pub const STAGE_ONLY_WORDS: &[&str] = &[
    "调整后",
    "调整",
    "年初",
    "预算",
    "決算",
    "决算",
    "实际",
    "执行",
    "支出",
    "总额",
    "金额",
    "资金",
    "全年",
    "当年",
    "本年",
    "数",
    "为",
];

/// Whether a label only names a stage of an amount, not what the amount is (a figure so
/// labelled before another in its sentence is a sibling stage, not its topic).
pub fn is_stage_only(label: &str) -> bool {
    let words = word_index!(STAGE_ONLY_WORDS);
    // A Chinese character of no stage word is never removed.
    if kept_cjk(label, words, None) > 0 {
        return false;
    }
    let no_cjk = |r: &str| r.chars().all(|c| !is_cjk(c));
    no_cjk(&remove_words(label, words, no_cjk))
}

/// An enumeration word at the start (`一是`, `三是`).
pub(super) fn strip_enumeration(s: &str) -> &str {
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some('一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'), Some('是')) => {
            cs.as_str()
        }
        _ => s,
    }
}

/// The label as a metric name: discourse, self, time and area words before it dropped.
pub fn metric_name(label: &str) -> String {
    let mut l = label;
    loop {
        let before = l.len();
        l = strip_enumeration(l);
        l = strip_leading(l, word_index!(DISCOURSE_WORDS), 2);
        l = strip_leading(l, word_index!(SELF_WORDS), 2);
        l = strip_leading(l, word_index!(TIME_WORDS), 3);
        l = strip_leading(l, word_index!(AREA_WORDS), 3);
        if l.len() == before {
            break;
        }
    }
    // Without quotes and spaces: the pieces between them, copied whole.
    let mut out = String::with_capacity(l.len());
    for piece in l.split(['“', '”', '"', ' ']) {
        out.push_str(piece);
    }
    out
}

/// The words of a stretch of text that say what follows is about: Chinese characters only,
/// with dates, discourse, self and time words dropped.
pub fn topic_words(raw: &str) -> String {
    // Cut dates: `2023年`, `12月31日` leave `年`, `月`, `日` after their digits.
    let mut out = String::new();
    let mut prev_digit = false;
    for c in raw.chars() {
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            prev_digit = true;
            continue;
        }
        if prev_digit && matches!(c, '年' | '月' | '日' | '号') {
            prev_digit = false;
            continue;
        }
        prev_digit = false;
        if is_cjk(c) {
            out.push(c);
        }
    }
    let mut s = out.as_str();
    loop {
        let before = s.len();
        s = strip_enumeration(s);
        for w in ["截至", "截止", "至", "底", "年度", "度"] {
            if let Some(r) = s.strip_prefix(w) {
                s = r;
            }
        }
        s = strip_leading(s, word_index!(DISCOURSE_WORDS), 0);
        s = strip_leading(s, word_index!(SELF_WORDS), 0);
        s = strip_leading(s, word_index!(TIME_WORDS), 0);
        s = strip_leading(s, word_index!(AREA_WORDS), 0);
        if s.len() == before {
            break;
        }
    }
    if s.chars().count() < 2 {
        String::new()
    } else {
        s.to_string()
    }
}

/// Words that open a clause of circumstance (`年中因追加城市书房建设补助，调整后预算为…`):
/// such an opening says why or when, not what the figure is about.
pub const CIRCUMSTANCE_WORDS: &[&str] = &[
    "年中",
    "由于",
    "因为",
    "通过",
    "随着",
    "鉴于",
    "为了",
    "经过",
    "经区",
    "经县",
    "经市",
    "经省",
    "经批准",
];

/// The words opening a sentence as what it is about, or nothing when they state a
/// circumstance ([`CIRCUMSTANCE_WORDS`], or 因 other than 因公).
pub fn subject_lead(lead: &str) -> &str {
    let circumstance = CIRCUMSTANCE_WORDS.iter().any(|w| lead.starts_with(w))
        || (lead.starts_with('因') && !lead.starts_with("因公"));
    if circumstance { "" } else { lead }
}

/// A named entity a heading or sentence opening is about (`乙镇`, `旅游厕所改造项目`).
pub fn entity_in(head: &str) -> Option<String> {
    entity_of_words(topic_words(head))
}

/// [`entity_in`] of a text already read as its [`topic_words`] `w`.
fn entity_of_words(w: String) -> Option<String> {
    // `各乡镇`, `全县`, `所有项目` are many or all, not one.
    if ["各", "全", "所有", "本", "该", "每"]
        .iter()
        .any(|q| w.starts_with(q))
    {
        return None;
    }
    let n = w.chars().count();
    ((2..=MAX_ENTITY_CHARS).contains(&n)
        && ENTITY_ENDS
            .iter()
            .any(|e| w.ends_with(e) && w.chars().count() > e.chars().count())
        && !NOT_ENTITY_WORDS.iter().any(|x| w.contains(x)))
    .then_some(w)
}

/// Words of a heading that name a part of the report or an activity, not a thing.
pub const HEADING_WORDS: &[&str] = &[
    "经济性",
    "效率性",
    "效益性",
    "效果性",
    "公平性",
    "可持续性",
    "情况",
    "概况",
    "说明",
    "分析",
    "结构",
    "管理",
    "使用",
    "执行",
    "调整",
    "安排",
    "控制",
    "分配",
    "收支",
];

/// The head of a numbered item as the topic of the generic labels under it: a thing
/// (`因公出国（境）费`), not a stage or an activity (`预算执行`, `年初预算`, `支出结构`).
pub fn head_topic(head: &str) -> String {
    head_topic_of_words(topic_words(head))
}

/// [`head_topic`] of a head already read as its [`topic_words`] `w`.
fn head_topic_of_words(w: String) -> String {
    let heading = word_index!(HEADING_WORDS);
    // Two characters of no heading word and no generic word stay: a thing.
    if kept_cjk(&w, heading, Some(word_index!(GENERIC_WORDS))) >= 2 {
        return w;
    }
    if is_generic_label(&remove_words(&w, heading, |_| false)) {
        String::new()
    } else {
        w
    }
}

/// A head's entity ([`entity_in`]) and topic ([`head_topic`]), its words read once.
pub(super) fn entity_and_topic(head: &str) -> (Option<String>, String) {
    let w = topic_words(head);
    (entity_of_words(w.clone()), head_topic_of_words(w))
}

/// What the figure is about, as read from the text; see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Subject {
    pub metric: std::rc::Rc<str>,
    pub dim: std::rc::Rc<str>,
    pub year: Option<u16>,
    pub period: Option<Period>,
    pub topic: Box<str>,
    /// The entities of the headings and items it stands under (shared with its block's
    /// outline when no item inside its paragraph names one).
    pub entity: Rc<str>,
    /// The stage: `None` when neither the label, the topic nor a heading states one.
    pub stage: Option<Stage>,
    /// Whether the figure's own words (its label and clause) state the stage; a stage read
    /// from what it is stated under or from a heading is only presumed.
    pub stage_stated: bool,
    /// For a label that names its metric in full, what it is stated under (the total of its
    /// breakdown) or the first figure of its sentence when it is not that figure
    /// (`一批项目涉及…49个村，…建设道路311520平方米`): two different openings are two subjects;
    /// a mention without one may restate either.
    pub opening: Box<str>,
    /// A town, project or fund named by the words opening its sentence (`白沙镇：…完成投资…`):
    /// two different ones are two subjects; a mention without one may restate either.
    pub place: Box<str>,
    /// The level of area its label names (`全省` → `省`, see `area.rs`): two different ones
    /// are two subjects; a mention without one may restate either.
    pub area: Option<char>,
}

/// Whether two subjects of one key can be the same: their periods are equal, and their
/// stages, years and openings are equal where both are stated (a stage the figure's own words
/// state must be stated by the other too).
pub fn compatible(a: &Subject, b: &Subject) -> bool {
    fn fits<T: PartialEq>(x: &Option<T>, y: &Option<T>) -> bool {
        x.is_none() || y.is_none() || x == y
    }
    // A stage the words state is not restated by words that state none.
    let stage = match (a.stage, b.stage) {
        (Some(x), Some(y)) => x == y,
        (Some(_), None) => !a.stage_stated,
        (None, Some(_)) => !b.stage_stated,
        (None, None) => true,
    };
    stage
        && fits(&a.year, &b.year)
        && a.period == b.period
        && (a.opening.is_empty() || b.opening.is_empty() || a.opening == b.opening)
        && (a.place.is_empty() || b.place.is_empty() || a.place == b.place)
        && fits(&a.area, &b.area)
}

impl Subject {
    /// What must be equal for two mentions to be compared, as one key (the rest is
    /// compared by [`compatible`]).
    pub fn key(&self) -> String {
        let parts: [&str; 4] = [&self.metric, &self.dim, &self.topic, &self.entity];
        let mut k = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
        for (n, p) in parts.into_iter().enumerate() {
            if n > 0 {
                k.push('|');
            }
            k.push_str(p);
        }
        k
    }
}

/// The dimension of a figure's unit, when restatements of it can be compared.
pub fn dimension(u: &Unit) -> Option<String> {
    Some(match dim_key(u)? {
        DimKey::Money(Currency::Cny) => "money:Cny".to_string(),
        DimKey::Money(Currency::Usd) => "money:Usd".to_string(),
        DimKey::Percent => "percent".to_string(),
        DimKey::Count(word) => {
            let mut s = String::with_capacity("count:".len() + word.len());
            s.push_str("count:");
            s.push_str(word);
            s
        }
    })
}

/// A unit's [`dimension`] as a value to compare, without writing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DimKey<'a> {
    Money(Currency),
    Percent,
    Count(&'a str),
}

/// The [`dimension`] of a unit, unwritten: two units have the same dimension exactly when
/// their keys are equal.
pub fn dim_key(u: &Unit) -> Option<DimKey<'_>> {
    match u {
        Unit::Money { currency, .. } => Some(DimKey::Money(*currency)),
        Unit::Percent => Some(DimKey::Percent),
        Unit::Count { word, .. } if word == "分" => None,
        Unit::Count { word, .. } => Some(DimKey::Count(word)),
        _ => None,
    }
}

/// Whether a unit has a [`dimension`] (without writing it).
pub fn has_dimension(u: &Unit) -> bool {
    match u {
        Unit::Money { .. } | Unit::Percent => true,
        Unit::Count { word, .. } => word != "分",
        _ => false,
    }
}

/// The sentence span of a figure within its block.
pub fn sentence_span(doc: &Document, q: &Quantity) -> Option<crate::model::Span> {
    doc.blocks
        .get(q.block)?
        .sentences
        .iter()
        .find(|s| s.start <= q.span.start && q.span.start < s.end.max(s.start + 1))
        .copied()
}

/// Where a figure's words begin: its label, else its number.
pub fn words_start(q: &Quantity) -> usize {
    q.label
        .as_ref()
        .filter(|l| !l.text.is_empty() && l.span.start <= q.span.start)
        .map_or(q.span.start, |l| l.span.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_keys_drop_words_that_do_not_change_the_metric() {
        assert_eq!(metric_name("综上三公经费预算"), "三公经费预算");
        assert_eq!(metric_name("一是项目支出调整预算"), "项目支出调整预算");
        assert_eq!(metric_name("本年度服务对象满意度"), "服务对象满意度");
        assert_eq!(metric_name("全区电子商务交易额"), "电子商务交易额");
        assert_eq!(metric_name("我局资产总额"), "资产总额");
        // A name of fewer than three characters is kept whole.
        assert_eq!(metric_name("全年支出"), "全年支出");
        assert_eq!(metric_name("规上工业增加值"), "规上工业增加值");
    }

    #[test]
    fn stages_are_read_in_order() {
        assert_eq!(stage_in("调整后预算"), Some(Stage::Adjusted));
        assert_eq!(stage_in("年初预算"), Some(Stage::Initial));
        assert_eq!(stage_in("预算执行数"), Some(Stage::Actual));
        assert_eq!(stage_in("预算数"), Some(Stage::Budget));
        assert_eq!(stage_in("计划投资"), Some(Stage::Plan));
        assert_eq!(stage_in("资产总额"), None);
        assert_eq!(heading_stage("预算及执行情况"), None);
        assert_eq!(heading_stage("预算调整"), Some(Stage::Adjusted));
        assert_eq!(heading_stage("决算情况"), Some(Stage::Actual));
        assert_eq!(heading_stage("预算收支情况"), None);
        assert_eq!(heading_stage("绩效目标完成情况"), Some(Stage::Actual));
        assert_eq!(heading_stage("项目绩效目标"), Some(Stage::Plan));
        assert_eq!(plan_in("部门整体绩效目标为"), Some(Stage::Plan));
    }

    #[test]
    fn generic_labels_say_only_an_amount() {
        assert!(is_generic_label("实际支出"));
        assert!(is_generic_label("基本支出"));
        assert!(is_generic_label("调整后预算"));
        assert!(is_generic_label("预算数"));
        assert!(!is_generic_label("三公经费预算"));
        assert!(!is_generic_label("年末固定资产原值"));
        assert!(!is_generic_label("受益群众人数"));
    }

    #[test]
    fn topics_drop_dates_and_discourse() {
        assert_eq!(topic_words("综上，"), "");
        assert_eq!(topic_words("截至2023年12月31日，"), "");
        assert_eq!(
            topic_words("三是公务用车购置及运行维护费，"),
            "公务用车购置及运行维护费"
        );
    }

    #[test]
    fn stage_only_labels_name_no_thing() {
        assert!(is_stage_only("年初预算"));
        assert!(is_stage_only("调整后预算"));
        assert!(is_stage_only("预算数"));
        assert!(!is_stage_only("财政拨款预算"));
        assert!(!is_stage_only("基本支出调整预算"));
        assert!(!is_stage_only("三公经费预算"));
    }

    #[test]
    fn heads_are_topics_when_they_name_a_thing() {
        assert_eq!(head_topic("因公出国（境）费"), "因公出国境费");
        assert_eq!(head_topic("预算执行"), "");
        assert_eq!(head_topic("年初预算"), "");
        assert_eq!(head_topic("支出结构"), "");
        assert_eq!(head_topic("效率性"), "");
    }

    #[test]
    fn circumstances_are_not_subjects() {
        assert_eq!(subject_lead("年中因追加城市书房建设补助"), "");
        assert_eq!(subject_lead("因疫情影响"), "");
        assert_eq!(subject_lead("因公出国境费"), "因公出国境费");
        assert_eq!(subject_lead("公务接待费"), "公务接待费");
    }

    #[test]
    fn entities_are_named_things_not_report_parts() {
        assert_eq!(entity_in("乙镇"), Some("乙镇".into()));
        assert_eq!(
            entity_in("旅游厕所改造项目"),
            Some("旅游厕所改造项目".into())
        );
        assert_eq!(entity_in("项目概况"), None);
        assert_eq!(entity_in("绩效目标完成情况"), None);
        assert_eq!(entity_in("镇"), None);
        assert_eq!(entity_in("各乡镇"), None);
        assert_eq!(entity_in("本项目"), None);
    }
}

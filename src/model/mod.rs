//! The document model: plain data produced by the parsers and read by the rules.
//!
//! A [`Document`] holds the decoded text, its logical blocks (headings, paragraphs, table
//! rows), every [`Quantity`] found in it with exact value, unit, qualifier, period and label,
//! and the plain data of the relations between figures ([`claims`]) and of structured report
//! data ([`data`]). The model is the bottom layer: it imports nothing but [`crate::numeric`],
//! [`crate::formula`] and [`crate::diagnostic`]'s plain types. Relations found in prose
//! (`crate::relations`) and scorecards (`crate::score`) are computed from a `Document`, not
//! stored in it. All positions are byte [`Span`]s into the decoded UTF-8 text, always on character boundaries.
//! No floating point anywhere: values are [`Decimal`].

use rust_decimal::Decimal;
use serde::Serialize;

pub mod claims;
pub mod data;

pub mod table;

/// A byte range `[start, end)` into a file's decoded UTF-8 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// `span` moved inside `text` and onto character boundaries, so that no renderer can slice
/// out of range or through a character whatever a rule reported.
pub fn clamp_span(text: &str, span: Span) -> Span {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    let start = floor(span.start);
    Span::new(start, ceil(span.end.max(start)))
}

/// What a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Text,
    Markdown,
    Docx,
    Json,
}

impl SourceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Markdown => "markdown",
            SourceFormat::Docx => "docx",
            SourceFormat::Json => "json",
        }
    }
}

/// Currency of a money amount. Amounts in different currencies are never compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Currency {
    Cny,
    Usd,
}

/// Money units as written, longest first: (word, currency, power of ten).
pub const MONEY_UNITS: &[(&str, Currency, u8)] = &[
    ("万亿元", Currency::Cny, 12),
    ("亿美元", Currency::Usd, 8),
    ("万美元", Currency::Usd, 4),
    ("千美元", Currency::Usd, 3),
    ("美元", Currency::Usd, 0),
    ("亿元", Currency::Cny, 8),
    ("万元", Currency::Cny, 4),
    ("千元", Currency::Cny, 3),
    ("元", Currency::Cny, 0),
];

/// The unit a figure was written with.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unit {
    /// 元 (scale 0), 千元 (3), 万元 (4), 亿元 (8), and the same for 美元.
    Money { currency: Currency, scale: u8 },
    /// `%`.
    Percent,
    /// `个百分点`: a difference of two percentages.
    PercentPoint,
    /// 成 (tenths), as in 约6成.
    Tenths,
    /// A counted or measured thing: 人, 处, 个, 人次, 亩, 分 …; `scale` is 4 for 万人 etc.
    Count { word: String, scale: u8 },
    /// 倍 (times).
    Times,
    /// A bare number.
    None,
}

impl Unit {
    pub fn is_money(&self) -> bool {
        matches!(self, Unit::Money { .. })
    }

    pub fn is_percent(&self) -> bool {
        matches!(self, Unit::Percent)
    }

    /// Power of ten the written number is multiplied by to get the base unit.
    pub fn scale(&self) -> u8 {
        match self {
            Unit::Money { scale, .. } | Unit::Count { scale, .. } => *scale,
            _ => 0,
        }
    }

    /// Whether two units measure the same dimension (so values can be compared after scaling).
    pub fn same_dimension(&self, other: &Unit) -> bool {
        match (self, other) {
            (Unit::Money { currency: a, .. }, Unit::Money { currency: b, .. }) => a == b,
            (Unit::Count { word: a, .. }, Unit::Count { word: b, .. }) => a == b,
            (a, b) => a == b,
        }
    }

    /// The unit as written in Chinese (`万元`, `%`, `处`).
    pub fn display(&self) -> String {
        fn prefix(scale: u8) -> &'static str {
            match scale {
                3 => "千",
                4 => "万",
                8 => "亿",
                12 => "万亿",
                _ => "",
            }
        }
        match self {
            Unit::Money { currency, scale } => {
                let base = match currency {
                    Currency::Cny => "元",
                    Currency::Usd => "美元",
                };
                format!("{}{}", prefix(*scale), base)
            }
            Unit::Percent => "%".to_string(),
            Unit::PercentPoint => "个百分点".to_string(),
            Unit::Tenths => "成".to_string(),
            Unit::Count { word, scale } => format!("{}{}", prefix(*scale), word),
            Unit::Times => "倍".to_string(),
            Unit::None => String::new(),
        }
    }
}

/// A bound or approximation written next to a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// 约, 近, 左右, 大约: the value is approximate.
    Approx,
    /// 以上, 不少于, 不低于, 至少: value ≥ figure (boundary included).
    AtLeast,
    /// 超过, 逾, 超, 过, 多于: value > figure.
    MoreThan,
    /// 以下, 以内, 不超过, 不高于, 至多: value ≤ figure.
    AtMost,
    /// 不足, 不满, 不到, 少于: value < figure.
    LessThan,
}

impl Qualifier {
    /// Whether a figure so qualified is exact enough to be used as an operand.
    pub fn is_exact(q: Option<Qualifier>) -> bool {
        q.is_none()
    }
}

/// A stated period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Period {
    /// `1-12月`, `9至10月`.
    Months { from: u8, to: u8 },
    /// `截至11月底`, `截止2023年12月30日` (day 0 = end of month; year 0 = not stated).
    Until { year: u16, month: u8, day: u8 },
    /// `一季度` … `四季度`.
    Quarter { n: u8 },
    /// `全年`, `全年度`.
    FullYear,
}

impl Period {
    /// Whether the period covers the whole year (`1-12月`, `截至12月底`, `全年`).
    pub fn is_full_year(&self) -> bool {
        match *self {
            Period::Months { from, to } => from == 1 && to == 12,
            Period::Until { month, day, .. } => month == 12 && (day == 0 || day == 31),
            Period::Quarter { .. } => false,
            Period::FullYear => true,
        }
    }
}

/// The words before a figure that say what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureLabel {
    /// The label as normalised for comparison (no spaces, no leading 其中/共/…, no trailing 为/达…).
    pub text: Box<str>,
    pub span: Span,
    /// Canonical concept from the lexicon (`budget.adjusted`, `spend.final`, `rate.execution` …).
    pub concept: Option<&'static str>,
}

/// One figure of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quantity {
    /// The whole literal: number and unit (`8707.27元`, `99.70%`).
    pub span: Span,
    /// The number alone.
    pub number_span: Span,
    /// The number as written, in the written unit (8707.27 for `8707.27元`).
    pub value: Decimal,
    /// Digits written after the decimal point (2 for `99.70%`).
    pub decimals: u32,
    pub unit: Unit,
    pub qualifier: Option<Qualifier>,
    /// The period in force where the figure stands (stated in its sentence, or at the head of
    /// its paragraph).
    pub period: Option<Period>,
    /// A year stated for the figure (`2023年预算数…`), when its sentence names one.
    pub year: Option<u16>,
    pub label: Option<FigureLabel>,
    /// Index of the block the figure is in.
    pub block: usize,
    /// Index of the sentence (global, in document order).
    pub sentence: usize,
    /// Table cell `(row block, column)` when the figure is in a table (32 bits each: a
    /// document of a million figures keeps one of these per figure).
    pub cell: Option<(u32, u32)>,
}

impl Quantity {
    /// The value in the unit's base (元 for money): `value × 10^scale`.
    pub fn base_value(&self) -> Decimal {
        scale_up(self.value, self.unit.scale())
    }

    /// Half a unit of the last written digit, in the written unit.
    pub fn half_ulp(&self) -> Decimal {
        Decimal::new(5, self.decimals + 1)
    }

    /// The concept of the figure's label, if the lexicon knows it.
    pub fn concept(&self) -> Option<&'static str> {
        self.label.as_ref().and_then(|l| l.concept)
    }

    pub fn label_text(&self) -> &str {
        self.label.as_ref().map_or("", |l| &*l.text)
    }

    /// The figure as written, normalised: `8707.27万元`, `99.70%`.
    pub fn display(&self) -> String {
        format!(
            "{}{}",
            crate::numeric::fmt_fixed(self.value, self.decimals),
            self.unit.display()
        )
    }
}

/// `value × 10^scale`, exact.
pub fn scale_up(value: Decimal, scale: u8) -> Decimal {
    // One product by the power of ten gives the same value and scale as multiplying by ten
    // `scale` times: each only appends zeros.
    match POW10.get(usize::from(scale)) {
        Some(&k) if scale > 0 => value * Decimal::from(k),
        Some(_) => value,
        None => {
            let mut v = value;
            for _ in 0..scale {
                v *= Decimal::TEN;
            }
            v
        }
    }
}

/// `10^k` for `k` up to 18.
const POW10: [i64; 19] = {
    let mut p = [1i64; 19];
    let mut k = 1;
    while k < 19 {
        p[k] = p[k - 1] * 10;
        k += 1;
    }
    p
};

/// The scale `scale + e` (for a unit shifted by `10^e`), clamped at 0.
pub fn scale_up_u8(scale: u8, e: i32) -> u8 {
    (i32::from(scale) + e).clamp(0, 16) as u8
}

/// Numbering style of a heading or list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkerStyle {
    /// `一、`
    HanComma,
    /// `（一）` or `(一)`
    HanParen,
    /// `1、`
    ArabicComma,
    /// `1.` or `1．`
    ArabicDot,
    /// `（1）` or `(1)`
    ArabicParen,
    /// `①`
    Circled,
}

impl MarkerStyle {
    /// Conventional outline level: 一、 > （一） > 1、/1. > （1） > ①.
    pub fn level(self) -> u8 {
        match self {
            MarkerStyle::HanComma => 1,
            MarkerStyle::HanParen => 2,
            MarkerStyle::ArabicComma | MarkerStyle::ArabicDot => 3,
            MarkerStyle::ArabicParen => 4,
            MarkerStyle::Circled => 5,
        }
    }

    /// How the marker for `n` is written in this style.
    pub fn render(self, n: u32) -> String {
        match self {
            MarkerStyle::HanComma => format!("{}、", crate::numeric::han_numeral(n)),
            MarkerStyle::HanParen => format!("（{}）", crate::numeric::han_numeral(n)),
            MarkerStyle::ArabicComma => format!("{n}、"),
            MarkerStyle::ArabicDot => format!("{n}."),
            MarkerStyle::ArabicParen => format!("（{n}）"),
            MarkerStyle::Circled => char::from_u32(0x2460 + n.saturating_sub(1))
                .map(|c| c.to_string())
                .unwrap_or_default(),
        }
    }
}

/// A numbering marker at the start of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Marker {
    pub style: MarkerStyle,
    pub number: u32,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockKind {
    /// A short numbered line or a title: no sentence ends inside it.
    Heading,
    /// Running text (possibly numbered, possibly joined from several PDF lines).
    Paragraph,
    /// One line of a table (tab-separated or Markdown pipes), with its cell spans.
    TableRow { cells: Box<[Span]> },
}

/// A logical block of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// From the first to the last character of the block (may cross line breaks when PDF
    /// extraction broke a sentence).
    pub span: Span,
    pub marker: Option<Marker>,
    /// Sentence spans (split at 。！？；and line ends of headings).
    pub sentences: Box<[Span]>,
}

/// Latin words or garbled characters inside Chinese prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForeignToken {
    pub span: Span,
    pub text: String,
}

/// A structuring word and where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub kind: CueKind,
    /// Source byte offset.
    pub offset: usize,
    pub sentence: usize,
    pub block: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// 其中
    Of,
    /// 包括, 包含, 含
    Including,
    /// 可比 (comparable prices)
    Comparable,
    /// `；`: closes a list item.
    Semicolon,
    /// `一是`, `二是` …: an enumerated item.
    Enumeration,
    /// `（` and `）` (ASCII brackets are folded to these).
    ParenOpen,
    ParenClose,
}

/// A period expression found in the text.
#[derive(Debug, Clone, Copy)]
pub struct PeriodMark {
    pub period: Period,
    pub span: Span,
    pub sentence: usize,
    /// Character index in its block's normalised view.
    pub at: usize,
    pub block: usize,
}

/// A parsed report.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub quantities: Vec<Quantity>,
    pub foreign_tokens: Vec<ForeignToken>,
    /// Every table, read once (see [`table`]).
    pub tables: Vec<table::Table>,
    /// The runs of table rows the tables are read from, as laid out in the text. Emptied by
    /// `lint::Analysis::new` once the scorecard, their last reader, is read.
    pub grids: Vec<table::Grid>,
    /// Prose saying every target was met (`各项指标均已完成`), by the words' spans.
    pub all_met_claims: Vec<Span>,
    /// The report's note that its figures are rounded so totals may differ from their parts
    /// by a 尾差 (`因四舍五入原因…存在尾差`), where it stands: differences within rounding are
    /// then what the report announced.
    pub rounding_note: Option<Span>,
    /// The year the report covers (`2023 年度部门整体绩效评价报告`).
    pub report_year: Option<u16>,
    /// Whether the report covers a whole year (部门整体/年度 reports do).
    pub full_year_report: bool,
    /// Every period expression (`1-12月`, `截至11月底`) with where it stands.
    pub periods: Vec<(Period, Span)>,
    /// Period expressions with their sentence and block.
    pub period_marks: Vec<PeriodMark>,
    /// Structuring words (其中, 包括, 可比) with their positions.
    pub cues: Vec<Cue>,
    /// The money scales used in the document's prose (4 for 万元) with how often each is
    /// used, most used first: which of two disagreeing units is the slip.
    pub money_scales: Vec<(u8, usize)>,
    /// What structured report data states beyond its figures (metadata, schema violations,
    /// formula results, scorecard, the relations its structure states); `None` for a
    /// document read from prose.
    pub data: Option<Box<data::ReportData>>,
    /// What the parser did not read because it is past a limit (see [`Unread`]).
    pub unread: Vec<Unread>,
}

/// Something in a document that was left unread because it is past one of jxlint's limits;
/// the file is reported with an error of kind `limit`, the rest of it is still checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unread {
    /// A figure with more significant digits than a [`rust_decimal::Decimal`] holds exactly
    /// (more than 28).
    OverlongNumber(Span),
    /// Figures past the most read from one document; the first one not read.
    TooManyFigures(Span),
}

impl Document {
    /// Whether a figure stands in running text (not in a table row or cell).
    pub fn in_prose(&self, q: &Quantity) -> bool {
        q.cell.is_none()
            && !matches!(
                self.blocks.get(q.block).map(|b| &b.kind),
                Some(BlockKind::TableRow { .. })
            )
    }

    /// Count the money scales of the prose figures into [`Document::money_scales`].
    pub fn count_money_scales(&mut self) {
        let mut v: Vec<(u8, usize)> = Vec::new();
        for q in self.quantities.iter().filter(|q| self.in_prose(q)) {
            if let Unit::Money {
                currency: Currency::Cny,
                scale,
            } = q.unit
            {
                match v.iter_mut().find(|(s, _)| *s == scale) {
                    Some(e) => e.1 += 1,
                    None => v.push((scale, 1)),
                }
            }
        }
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        self.money_scales = v;
    }

    /// How often a money scale is used in the document's prose.
    pub fn scale_count(&self, scale: u8) -> usize {
        self.money_scales
            .iter()
            .find(|(s, _)| *s == scale)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }
}

//! Word's automatic numbering (`word/numbering.xml`), rendered into the extracted text.
//!
//! A numbered paragraph in a `.docx` stores no `一、` or `1.`: it names a numbering instance
//! (`w:numPr` → `w:numId`, `w:ilvl`), directly or through its paragraph style, and Word draws
//! the marker. [`Numbering::parse`] reads the definitions and [`Numbering::next`] computes,
//! paragraph by paragraph in document order, the marker Word would show:
//!
//! * each `w:abstractNum` has up to nine levels (`w:lvl`), each with its start value
//!   (`w:start`), number format (`w:numFmt`: `decimal`, `chineseCounting`,
//!   `chineseCountingThousand`, `japaneseCounting`, `decimalEnclosedParen`,
//!   `decimalEnclosedCircle`, `lowerLetter`, `upperRoman` …), marker text (`w:lvlText`, such as
//!   `%1、` `（%1）` `%1.` `%1.%2`) and the character after the marker (`w:suff`);
//! * a `w:num` instance points at an abstract definition; instances of one definition continue
//!   one count, except an instance with a `w:lvlOverride`/`w:startOverride`, which counts on
//!   its own from the override's start (Word's "restart numbering");
//! * numbering a level restarts every deeper level; a higher level not yet used shows its
//!   start value; `w:isLgl` shows every level in decimal.
//!
//! Bullets and levels whose format is `none` give no marker. Anything unreadable in the part is
//! ignored: numbering is a help to the text, never a reason to refuse a document.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: Option<u32>,
    format: String,
    text: Option<String>,
    suffix: Option<String>,
    legal: bool,
}

impl Level {
    fn start(&self) -> u32 {
        self.start.unwrap_or(1)
    }
}

/// A numbering instance (`w:num`).
#[derive(Debug, Clone, Default)]
struct Instance {
    abstract_id: String,
    /// Per level: a start override, and a whole level redefined.
    overrides: HashMap<usize, (Option<u32>, Option<Level>)>,
}

/// The numbering definitions of a document, with the running counts.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    instances: HashMap<String, Instance>,
    /// Running counts, per abstract definition (or per restarting instance).
    counts: HashMap<String, [Option<u32>; 9]>,
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

/// Where the parser is in `numbering.xml`.
#[derive(Default)]
struct State {
    abstract_id: Option<String>,
    levels: Vec<Level>,
    level: Option<(usize, Level)>,
    num: Option<(String, Instance)>,
    override_level: Option<usize>,
}

impl Numbering {
    /// Read `word/numbering.xml`; an unreadable part gives no numbering.
    pub fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut st = State::default();
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => n.open(&e, &mut st, false),
                Ok(Event::Empty(e)) => n.open(&e, &mut st, true),
                Ok(Event::End(e)) => n.close(e.name().as_ref(), &mut st),
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        n
    }

    fn open(&mut self, e: &BytesStart<'_>, st: &mut State, empty: bool) {
        let name = e.name();
        match name.as_ref() {
            "w:abstractNum" => {
                st.abstract_id = attr(e, "w:abstractNumId");
                st.levels = Vec::new();
            }
            "w:lvl" => {
                let ilvl = attr(e, "w:ilvl")
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(0)
                    .min(8);
                st.level = Some((ilvl, Level::default()));
                if empty {
                    self.close("w:lvl", st);
                }
            }
            "w:start" | "w:numFmt" | "w:lvlText" | "w:suff" | "w:isLgl" => {
                if let Some((_, level)) = st.level.as_mut() {
                    let val = attr(e, "w:val");
                    match name.as_ref() {
                        "w:start" => level.start = val.and_then(|v| v.trim().parse().ok()),
                        "w:numFmt" => level.format = val.unwrap_or_default(),
                        "w:lvlText" => level.text = val,
                        "w:suff" => level.suffix = val,
                        _ => level.legal = val.is_none_or(|v| v != "0" && v != "false"),
                    }
                }
            }
            "w:num" => {
                if let Some(id) = attr(e, "w:numId") {
                    st.num = Some((id, Instance::default()));
                }
            }
            "w:abstractNumId" => {
                if let (Some((_, inst)), Some(v)) = (st.num.as_mut(), attr(e, "w:val")) {
                    inst.abstract_id = v;
                }
            }
            "w:lvlOverride" => {
                st.override_level = attr(e, "w:ilvl")
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .map(|l| l.min(8));
            }
            "w:startOverride" => {
                if let (Some((_, inst)), Some(l)) = (st.num.as_mut(), st.override_level) {
                    let start = attr(e, "w:val").and_then(|v| v.trim().parse().ok());
                    inst.overrides.entry(l).or_default().0 = start;
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str, st: &mut State) {
        match name {
            "w:lvl" => {
                let Some((ilvl, level)) = st.level.take() else {
                    return;
                };
                if let (Some((_, inst)), Some(l)) = (st.num.as_mut(), st.override_level) {
                    inst.overrides.entry(l).or_default().1 = Some(level);
                } else {
                    if st.levels.len() <= ilvl {
                        st.levels.resize(ilvl + 1, Level::default());
                    }
                    st.levels[ilvl] = level;
                }
            }
            "w:abstractNum" => {
                if let Some(id) = st.abstract_id.take() {
                    self.abstracts.insert(id, std::mem::take(&mut st.levels));
                }
            }
            "w:lvlOverride" => st.override_level = None,
            "w:num" => {
                if let Some((id, inst)) = st.num.take() {
                    self.instances.insert(id, inst);
                }
            }
            _ => {}
        }
    }

    /// The level definition in force for instance `num` at `ilvl`.
    fn level(&self, inst: &Instance, ilvl: usize) -> Option<Level> {
        let base = self
            .abstracts
            .get(&inst.abstract_id)
            .and_then(|levels| levels.get(ilvl))
            .cloned();
        let mut level = match inst.overrides.get(&ilvl) {
            Some((_, Some(redefined))) => redefined.clone(),
            _ => base?,
        };
        if let Some((Some(start), _)) = inst.overrides.get(&ilvl) {
            level.start = Some(*start);
        }
        Some(level)
    }

    /// The marker Word shows on the next paragraph numbered by instance `num_id` at level
    /// `ilvl`, with the character that follows it; `None` when the paragraph shows no number
    /// (`numId` 0, an unknown instance, a bullet, format `none`).
    pub fn next(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let ilvl = ilvl.min(8);
        let inst = self.instances.get(num_id)?.clone();
        let key = if inst
            .overrides
            .values()
            .any(|(s, l)| s.is_some() || l.is_some())
        {
            format!("num:{num_id}")
        } else {
            format!("abstract:{}", inst.abstract_id)
        };
        let this = self.level(&inst, ilvl)?;
        let levels: Vec<Option<Level>> = (0..9).map(|l| self.level(&inst, l)).collect();
        let counts = self.counts.entry(key).or_insert([None; 9]);
        counts[ilvl] = Some(match counts[ilvl] {
            None => this.start(),
            Some(n) => n.saturating_add(1),
        });
        for deeper in counts.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        if this.format == "bullet" || this.format == "none" {
            return None;
        }
        let text = this
            .text
            .clone()
            .unwrap_or_else(|| format!("%{}", ilvl + 1));
        let mut marker = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
                && (1..=9).contains(&d)
            {
                chars.next();
                let l = (d - 1) as usize;
                let level = levels[l].clone().unwrap_or_default();
                let value = counts[l].unwrap_or_else(|| level.start());
                let format = if this.legal && l < ilvl {
                    "decimal"
                } else {
                    level.format.as_str()
                };
                marker.push_str(&format_number(value, format));
            } else {
                marker.push(c);
            }
        }
        if marker.trim().is_empty() {
            return None;
        }
        let suffix = match this.suffix.as_deref() {
            Some("nothing") => "",
            // A tab after `一、` or `（一）` is only spacing; after `1.` it keeps the number
            // apart from a figure that follows (`1.2023年`).
            Some("space") => " ",
            _ if marker.ends_with(['、', '）', '．', '：']) => "",
            _ => " ",
        };
        Some(format!("{marker}{suffix}"))
    }
}

/// `n` in a Word number format; unknown formats as decimal.
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "koreanCounting" => han_counting(n, format == "japaneseCounting"),
        "ideographDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|d| {
                ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
                    [d as usize - '0' as usize]
            })
            .collect(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|d| char::from_u32(d as u32 + 0xFEE0))
            .collect(),
        "decimalEnclosedParen" => format!("({n})"),
        "decimalEnclosedFullstop" => format!("{n}."),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "lowerLetter" | "upperLetter" => {
            let base = if format == "lowerLetter" { b'a' } else { b'A' };
            let letter = (base + ((n.max(1) - 1) % 26) as u8) as char;
            letter
                .to_string()
                .repeat(((n.max(1) - 1) / 26 + 1) as usize)
        }
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "ideographTraditional" if (1..=10).contains(&n) => {
            ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"][(n - 1) as usize].into()
        }
        "chineseLegalSimplified" => {
            let han = han_counting(n, false);
            // Legal numerals write the 一 of 十 (壹拾贰).
            let han = if han.starts_with('十') {
                format!("一{han}")
            } else {
                han
            };
            han.chars()
                .map(|c| match c {
                    '一' => '壹',
                    '二' => '贰',
                    '三' => '叁',
                    '四' => '肆',
                    '五' => '伍',
                    '六' => '陆',
                    '七' => '柒',
                    '八' => '捌',
                    '九' => '玖',
                    '十' => '拾',
                    '百' => '佰',
                    '千' => '仟',
                    c => c,
                })
                .collect()
        }
        _ => n.to_string(),
    }
}

/// `n` in Chinese counting: 一 … 十, 十一, 二十一, 一百零五, 一千二百; `japanese` omits the
/// 一 before 百 and 千 (百五).
fn han_counting(n: u32, japanese: bool) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 {
        return D[0].into();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let digits = [
        (n / 1000, "千"),
        ((n / 100) % 10, "百"),
        ((n / 10) % 10, "十"),
        (n % 10, ""),
    ];
    let mut out = String::new();
    let mut zero = false;
    for (i, (d, unit)) in digits.iter().enumerate() {
        if *d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero && !japanese {
            out.push_str(D[0]);
        }
        zero = false;
        let leading_ten = *unit == "十" && out.is_empty() && *d == 1;
        let japanese_one = japanese && *d == 1 && i < 3;
        if !(leading_ten || japanese_one) {
            out.push_str(D[*d as usize]);
        }
        out.push_str(unit);
    }
    out
}

fn roman(mut n: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in R {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Paragraph styles that carry numbering (`w:style` → `w:pPr/w:numPr`), with the style each
/// is based on, from `word/styles.xml`.
#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, StyleNumbering>,
}

/// A paragraph style's `numId`, `ilvl` and the style it is based on.
#[derive(Debug, Default, Clone)]
struct StyleNumbering {
    num_id: Option<String>,
    ilvl: Option<usize>,
    based_on: Option<String>,
}

impl Styles {
    pub fn parse(xml: &str) -> Styles {
        let mut out = Styles::default();
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, StyleNumbering)> = None;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.name().as_ref() {
                    "w:style" => {
                        current = attr(&e, "w:styleId").map(|id| (id, StyleNumbering::default()))
                    }
                    "w:numId" => {
                        if let Some((_, c)) = current.as_mut() {
                            c.num_id = attr(&e, "w:val");
                        }
                    }
                    "w:ilvl" => {
                        if let Some((_, c)) = current.as_mut() {
                            c.ilvl = attr(&e, "w:val").and_then(|v| v.trim().parse().ok());
                        }
                    }
                    "w:basedOn" => {
                        if let Some((_, c)) = current.as_mut() {
                            c.based_on = attr(&e, "w:val");
                        }
                    }
                    _ => {}
                },
                Ok(Event::End(e)) if e.name().as_ref() == "w:style" => {
                    if let Some((id, style)) = current.take() {
                        out.styles.insert(id, style);
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        out
    }

    /// The numbering `(numId, ilvl)` a paragraph style gives, following `w:basedOn`.
    pub fn numbering(&self, style: &str) -> Option<(String, usize)> {
        let mut id = style;
        // A style may set only the level and take the list from the style it is based on.
        let mut level = None;
        for _ in 0..10 {
            let style = self.styles.get(id)?;
            level = level.or(style.ilvl);
            if let Some(num) = &style.num_id {
                return Some((num.clone(), level.unwrap_or(0)));
            }
            id = style.based_on.as_deref()?;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting() {
        let f = |n| format_number(n, "chineseCounting");
        assert_eq!(
            [f(1), f(10), f(11), f(20), f(21), f(105), f(1200)],
            ["一", "十", "十一", "二十", "二十一", "一百〇五", "一千二百"]
        );
        assert_eq!(format_number(100, "japaneseCounting"), "百");
        assert_eq!(format_number(3, "decimalEnclosedParen"), "(3)");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(12, "ideographDigital"), "一二");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(12, "chineseLegalSimplified"), "壹拾贰");
    }
}

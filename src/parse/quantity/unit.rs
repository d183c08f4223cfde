//! The unit written after a number: money (`万元`, `亿美元`), a percentage or 个百分点, 倍, 成,
//! and the count and measure words of things counted in reports (`人次`, `万亩`, `盏`).

use super::*;

/// Count words, longest first so that `人次` wins over `人`.
const COUNT_WORDS: &[&str] = &[
    "千瓦时",
    "千瓦",
    "兆瓦",
    "平方千米",
    "课时",
    "学时",
    "人日",
    "剂次",
    "辆次",
    "平方公里",
    "公斤",
    "千克",
    "台套",
    "平方米",
    "立方米",
    "斤",
    "公里",
    "人次",
    "批次",
    "场次",
    "户次",
    "架次",
    "车次",
    "余人",
    "小时",
    "个月",
    "家次",
    "千米",
    "公顷",
    "万亩",
    "人",
    "个",
    "家",
    "处",
    "宗",
    "起",
    "项",
    "件",
    "次",
    "单",
    "名",
    "台",
    "场",
    "条",
    "份",
    "套",
    "批",
    "户",
    "位",
    "篇",
    "所",
    "辆",
    "座",
    "亩",
    "吨",
    "米",
    "天",
    "分",
    "期",
    "栋",
    "间",
    "张",
    "本",
    "册",
    "棵",
    "株",
    "盏",
    "块",
    "根",
    "头",
    "只",
    "羽",
    "口",
    "眼",
    "km",
    "kg",
    "m",
];

/// The first character of each count word and money unit.
const COUNT_FIRST: [char; COUNT_WORDS.len()] = first_chars(COUNT_WORDS);
const MONEY_FIRST: [char; crate::model::MONEY_UNITS.len()] = {
    let mut out = ['\0'; crate::model::MONEY_UNITS.len()];
    let mut k = 0;
    while k < out.len() {
        out[k] = first_chars::<1>(&[crate::model::MONEY_UNITS[k].0])[0];
        k += 1;
    }
    out
};

/// The unit written at `j`; returns the unit and its length in characters.
pub(super) fn unit_at(n: &Norm, j: usize) -> (Unit, usize) {
    let Some(&first) = n.chars.get(j) else {
        return (Unit::None, 0);
    };
    // A word is compared only when its first character is the one at `j`.
    for (&(w, currency, scale), &f) in crate::model::MONEY_UNITS.iter().zip(&MONEY_FIRST) {
        if f == first && n.starts_with_at(j, w) {
            return (Unit::Money { currency, scale }, w.chars().count());
        }
    }
    if n.starts_with_at(j, "%") {
        return (Unit::Percent, 1);
    }
    if n.starts_with_at(j, "个百分点") {
        return (Unit::PercentPoint, 4);
    }
    if n.starts_with_at(j, "百分点") {
        return (Unit::PercentPoint, 3);
    }
    if n.starts_with_at(j, "倍") {
        return (Unit::Times, 1);
    }
    if n.starts_with_at(j, "成") && !n.starts_with_at(j, "成立") && !n.starts_with_at(j, "成功")
    {
        return (Unit::Tenths, 1);
    }
    // 万/亿 before a count word: 万人, 亿次.
    for (p, scale) in [('万', 4u8), ('亿', 8)] {
        if first == p {
            let second = n.chars.get(j + 1).copied();
            for (w, &f) in COUNT_WORDS.iter().zip(&COUNT_FIRST) {
                if Some(f) == second && n.starts_with_at(j + 1, w) {
                    return (
                        Unit::Count {
                            word: (*w).to_string(),
                            scale,
                        },
                        1 + w.chars().count(),
                    );
                }
            }
            // `3359.62万` with the 元 lost: money in 万元.
            let next = n.chars.get(j + 1).copied();
            if p == '万' && next.is_none_or(|c| !is_cjk(c)) {
                return (
                    Unit::Money {
                        currency: Currency::Cny,
                        scale: 4,
                    },
                    1,
                );
            }
        }
    }
    for (w, &f) in COUNT_WORDS.iter().zip(&COUNT_FIRST) {
        if f == first && n.starts_with_at(j, w) {
            // 个月 is a duration, 分钟 a time, 天 in 天然 is not a unit.
            if (*w == "分"
                && (n.starts_with_at(j, "分钟")
                    || n.starts_with_at(j, "分别")
                    || n.starts_with_at(j, "分类")))
                || (*w == "个" && n.starts_with_at(j, "个月"))
                || (*w == "期" && n.starts_with_at(j, "期间"))
                || (*w == "天" && n.starts_with_at(j, "天然"))
                || (*w == "根" && n.starts_with_at(j, "根据"))
                || (*w == "只" && (n.starts_with_at(j, "只有") || n.starts_with_at(j, "只是")))
                || (*w == "口" && n.starts_with_at(j, "口径"))
            {
                continue;
            }
            return (
                Unit::Count {
                    word: (*w).to_string(),
                    scale: 0,
                },
                w.chars().count(),
            );
        }
    }
    (Unit::None, 0)
}

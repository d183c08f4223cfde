//! The area a figure's label says it is about. A metric name drops the area words before it
//! (`全区电子商务交易额` = `电子商务交易额` in a report about one district), but two areas are
//! two metrics: `全省一般公共预算收入` and `全市一般公共预算收入` are never one figure
//! restated, nor are `全市…` and `市本级…` (`本级`). A label without an area word may be
//! about either.

use super::subject::{DISCOURSE_WORDS, TIME_WORDS, strip_enumeration};
use super::wordlist::{strip_leading, word_index};

/// Words of area and of the reporting government itself, with the level of area they name.
/// `辖区`, `沿线` name no level.
pub const AREA_LEVELS: &[(&str, char)] = &[
    ("全省", '省'),
    ("全市", '市'),
    ("本市", '市'),
    ("我市", '市'),
    ("市内", '市'),
    ("全县", '县'),
    ("本县", '县'),
    ("我县", '县'),
    ("县内", '县'),
    ("全区", '区'),
    ("本区", '区'),
    ("我区", '区'),
    ("区内", '区'),
    ("全镇", '镇'),
    ("我镇", '镇'),
    ("全乡", '乡'),
    ("我乡", '乡'),
    ("本级", '级'),
];

/// The level of area the words opening a label name (`全省…` → `省`, `综上，全市…` → `市`),
/// read through the enumeration, discourse and time words a metric name drops.
pub fn area_of(label: &str) -> Option<char> {
    let mut l: &str = label;
    loop {
        let before = l.len();
        l = strip_enumeration(l);
        l = strip_leading(l, word_index!(DISCOURSE_WORDS), 0);
        l = strip_leading(l, word_index!(TIME_WORDS), 0);
        if let Some(&(w, level)) = AREA_LEVELS.iter().find(|(w, _)| l.starts_with(w)) {
            // A name must remain, as for the metric name.
            return (l[w.len()..].chars().count() >= 3).then_some(level);
        }
        if l.len() == before {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_of_labels() {
        assert_eq!(area_of("全省一般公共预算收入"), Some('省'));
        assert_eq!(area_of("全市一般公共预算收入"), Some('市'));
        assert_eq!(area_of("本市一般公共预算收入"), Some('市'));
        assert_eq!(area_of("综上全区电子商务交易额"), Some('区'));
        assert_eq!(area_of("本级一般公共预算收入"), Some('级'));
        assert_eq!(area_of("一般公共预算收入"), None);
        assert_eq!(area_of("辖区企业营业收入"), None);
        // Too short a name to be a metric of an area.
        assert_eq!(area_of("全市收入"), None);
    }
}

//! The figures of report data: field path → Chinese label, lexicon concept and the names
//! reports give the figure in prose, from `data/fields.tsv` (editable without touching the
//! code; compiled in so that the binary is self-contained).
//!
//! The table is what makes a JSON figure comparable with the text: its label is what
//! diagnostics call it, its concept what the relations expect (`budget`, `spend`), and its
//! aliases, compared through [`match_key`], what D002 looks for in the report's text.

use std::sync::OnceLock;

const FIELDS: &str = include_str!("../../../data/fields.tsv");

/// One figure of the report data.
#[derive(Debug)]
pub struct FieldDef {
    pub path: &'static str,
    pub label: &'static str,
    pub concept: Option<&'static str>,
    pub aliases: Vec<&'static str>,
    /// How the figure is called as a part of a breakdown (`基本支出` under a 年初预算 total).
    pub parts: Vec<&'static str>,
}

/// Every field, in the table's order.
pub fn all() -> &'static [FieldDef] {
    static F: OnceLock<Vec<FieldDef>> = OnceLock::new();
    F.get_or_init(|| {
        FIELDS
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut it = l.split('\t');
                let path = it.next()?.trim();
                let label = it.next()?.trim();
                let concept = it.next().map(str::trim).filter(|c| !c.is_empty());
                let list = |col: Option<&'static str>| -> Vec<&'static str> {
                    col.map(|a| {
                        a.split('、')
                            .map(str::trim)
                            .filter(|a| !a.is_empty())
                            .collect()
                    })
                    .unwrap_or_default()
                };
                let aliases = list(it.next());
                let parts = list(it.next());
                Some(FieldDef {
                    path,
                    label,
                    concept,
                    aliases,
                    parts,
                })
            })
            .collect()
    })
}

/// The field at `path`, exactly.
pub fn get(path: &str) -> Option<&'static FieldDef> {
    all().iter().find(|f| f.path == path)
}

/// The field a path names: itself, or for a group with a total (`budget.adjusted`,
/// `procurement`) its total.
pub fn resolve(path: &str) -> Option<&'static FieldDef> {
    get(path).or_else(|| get(&format!("{path}.total")))
}

/// Whether `path` can name a figure of some report: a field of the table (or a group with a
/// total), or an entry of `metrics`/`rates` by id (`metrics.hazards`, `metrics.hazards.growth`,
/// `metrics.hazards.prior`, `rates.execution`).
pub fn is_known_path(path: &str) -> bool {
    if resolve(path).is_some() {
        return true;
    }
    let segs: Vec<&str> = path.split('.').collect();
    match segs.as_slice() {
        ["metrics", id] | ["rates", id] => is_id(id),
        ["metrics", id, "growth" | "prior"] => is_id(id),
        _ => false,
    }
}

/// `[A-Za-z_][A-Za-z0-9_]*`.
pub fn is_id(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && cs.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The known path closest to `path` (for "did you mean"), when one is close.
pub fn suggest(path: &str) -> Option<&'static str> {
    let mut groups: Vec<&'static str> = Vec::new();
    for f in all() {
        groups.push(f.path);
        if let Some(g) = f.path.strip_suffix(".total") {
            groups.push(g);
        }
    }
    groups
        .into_iter()
        .map(|p| (edit_distance(p, path), p))
        .filter(|(d, p)| *d <= 3.max(p.len() / 5))
        .min_by_key(|(d, _)| *d)
        .map(|(_, p)| p)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// A label as compared across sources: normalised like the text parser's labels, without
/// `的`, without the reporting unit naming itself (我中心, 本单位 …) and without a trailing
/// 数 or 金额 (`支出决算金额` = `支出决算`, `调整预算数` = `调整预算`).
pub fn match_key(label: &str) -> String {
    let mut s = crate::parse::quantity::normalize_label(label).replace('的', "");
    for own in [
        "我中心",
        "我单位",
        "我部门",
        "我局",
        "我委",
        "我办",
        "我院",
        "我校",
        "本单位",
        "本部门",
        "本中心",
    ] {
        s = s.replace(own, "");
    }
    if let Some(rest) = s.strip_prefix('我')
        && rest.chars().count() >= 2
    {
        s = rest.to_string();
    }
    // A leading year: `2023年预算数`.
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits == 4 {
        let rest: String = s.chars().skip(4).collect();
        let rest = rest
            .strip_prefix("年度")
            .or_else(|| rest.strip_prefix('年'))
            .map(str::to_string);
        if let Some(r) = rest
            && r.chars().count() >= 2
        {
            s = r;
        }
    }
    for tail in ["金额", "数"] {
        if let Some(rest) = s.strip_suffix(tail)
            && rest.chars().count() >= 2
        {
            s = rest.to_string();
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_reads() {
        assert!(all().len() > 50);
        let f = get("budget.adjusted.total").map(|f| (f.label, f.concept));
        assert_eq!(f, Some(("调整预算", Some("budget"))));
        assert_eq!(
            resolve("budget.adjusted").map(|f| f.path),
            Some("budget.adjusted.total")
        );
        assert_eq!(
            resolve("procurement").map(|f| f.path),
            Some("procurement.total")
        );
        for f in all() {
            assert!(is_known_path(f.path), "{}", f.path);
            for a in &f.aliases {
                assert!(!match_key(a).is_empty(), "{a}");
            }
        }
        let mut paths: Vec<&str> = all().iter().map(|f| f.path).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), all().len(), "a path is listed twice");
    }

    #[test]
    fn known_paths_and_suggestions() {
        assert!(is_known_path("metrics.hazards"));
        assert!(is_known_path("metrics.hazards.growth"));
        assert!(is_known_path("rates.execution"));
        assert!(!is_known_path("budget.ajusted"));
        assert!(!is_known_path("metrics.1x"));
        assert_eq!(suggest("budget.ajusted"), Some("budget.adjusted"));
        assert_eq!(suggest("spend.finl.total"), Some("spend.final.total"));
        assert_eq!(suggest("zzz"), None);
    }

    #[test]
    fn match_keys_drop_what_does_not_name_the_figure() {
        assert_eq!(match_key("支出决算金额"), "支出决算");
        assert_eq!(
            match_key("调整后的部门整体支出财政拨款预算"),
            "调整后部门整体支出财政拨款预算"
        );
        assert_eq!(
            match_key("年初我中心项目支出预算安排"),
            "年初项目支出预算安排"
        );
        assert_eq!(match_key("“三公”经费调整预算数"), "三公经费调整预算");
        assert_eq!(match_key("2023年预算数"), "预算");
        assert_eq!(match_key("决算套表资产账面数"), "决算套表资产账面");
    }
}
